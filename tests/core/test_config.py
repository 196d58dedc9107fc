"""Settings refuse a default or short secret outside development."""

import pytest
from pydantic import ValidationError

from app.core.config import DEVELOPMENT_SECRET, Settings


@pytest.mark.parametrize("environment", ["production", "test"])
def test_default_secret_is_refused_outside_development(environment):
    with pytest.raises(ValidationError, match="ALONGSIDE_SECRET_KEY"):
        Settings(environment=environment, secret_key=DEVELOPMENT_SECRET)


def test_short_secret_is_refused_in_production():
    with pytest.raises(ValidationError):
        Settings(environment="production", secret_key="too-short")


def test_development_runs_with_the_default_secret_and_sqlite():
    settings = Settings(_env_file=None)
    assert settings.secret_key == DEVELOPMENT_SECRET
    assert settings.is_sqlite
    assert settings.secure_cookies is False


def test_settings_come_from_prefixed_environment_variables(monkeypatch):
    monkeypatch.setenv("ALONGSIDE_ENVIRONMENT", "production")
    monkeypatch.setenv("ALONGSIDE_SECRET_KEY", "s" * 48)
    monkeypatch.setenv("ALONGSIDE_EDIT_WINDOW_MINUTES", "5")
    settings = Settings(_env_file=None)
    assert settings.edit_window_minutes == 5
    assert settings.secure_cookies is True


def test_redis_url_moves_rate_limits_to_redis():
    assert (
        Settings(redis_url="redis://127.0.0.1:6379/0").rate_limit_storage_url
        == "async+redis://127.0.0.1:6379/0"
    )
    assert Settings().rate_limit_storage_url == "async+memory://"
