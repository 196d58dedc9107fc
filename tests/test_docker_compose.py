"""docker-compose.yml wires the app to PostgreSQL and Redis with the settings the app reads."""

from pathlib import Path

import yaml

from app.core.config import Settings

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_services_are_app_postgres_and_redis():
    assert set(COMPOSE["services"]) == {"app", "postgres", "redis"}


def test_app_environment_names_only_real_settings():
    environment = COMPOSE["services"]["app"]["environment"]
    known = {f"ALONGSIDE_{name.upper()}" for name in Settings.model_fields}
    assert set(environment) <= known
    assert {"ALONGSIDE_DATABASE_URL", "ALONGSIDE_REDIS_URL", "ALONGSIDE_SECRET_KEY"} <= set(environment)


def test_app_points_at_the_compose_database_and_redis():
    environment = COMPOSE["services"]["app"]["environment"]
    assert environment["ALONGSIDE_DATABASE_URL"].startswith("postgresql+asyncpg://")
    assert "@postgres:5432/" in environment["ALONGSIDE_DATABASE_URL"]
    assert environment["ALONGSIDE_REDIS_URL"] == "redis://redis:6379/0"
    assert environment["ALONGSIDE_ENVIRONMENT"] == "production"
    assert "?" in environment["ALONGSIDE_SECRET_KEY"]  # required: no default secret


def test_postgres_has_a_volume_and_a_health_check_the_app_waits_for():
    postgres = COMPOSE["services"]["postgres"]
    assert any(v.endswith(":/var/lib/postgresql/data") for v in postgres["volumes"])
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])
    depends = COMPOSE["services"]["app"]["depends_on"]
    assert depends["postgres"]["condition"] == "service_healthy"
    assert depends["redis"]["condition"] == "service_healthy"
    assert "postgres-data" in COMPOSE["volumes"]


def test_the_image_it_builds_copies_what_the_app_needs():
    dockerfile = (ROOT / "Dockerfile").read_text()
    for part in ("app", "alembic", "pyproject.toml"):
        assert f"COPY {part}" in dockerfile or f" {part} " in dockerfile
    assert COMPOSE["services"]["app"]["build"] == "."
