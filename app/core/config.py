"""Settings, read from ALONGSIDE_* environment variables and an optional .env file."""

from enum import StrEnum
from functools import cached_property
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SECRET = "development-only-secret-do-not-deploy"  # noqa: S105 - refused outside development


class Environment(StrEnum):
    development = "development"
    test = "test"
    production = "production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ALONGSIDE_", env_file=".env", extra="ignore")

    environment: Environment = Environment.development
    secret_key: str = DEVELOPMENT_SECRET
    database_url: str = "sqlite+aiosqlite:///./data/alongside.db"
    redis_url: str | None = None
    # Prefixes this deployment's Redis channel and keys, so deployments sharing one Redis stay apart.
    redis_namespace: str = Field(default="alongside", pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    # Browser origins allowed to send cookie-authenticated writes, besides the service's own.
    allowed_origins: list[str] = Field(default_factory=list)
    cookie_secure: bool | None = None  # None: secure everywhere but development

    session_idle_minutes: int = Field(default=7 * 24 * 60, ge=5)
    session_absolute_days: int = Field(default=30, ge=1)

    argon2_time_cost: int = Field(default=3, ge=1)
    argon2_memory_kib: int = Field(default=64 * 1024, ge=8)
    # Each hash holds argon2_memory_kib of memory, so concurrent hashing is bounded.
    password_hash_concurrency: int = Field(default=2, ge=1)

    max_body_bytes: int = Field(default=64 * 1024, ge=1024)
    # Screening checks carry up to 20,000 phrases of up to 100 characters each.
    max_screening_body_bytes: int = Field(default=4 * 1024 * 1024, ge=1024)
    edit_window_minutes: int = Field(default=15, ge=0)
    unheard_window_hours: int = Field(default=24, ge=1)
    team_name: str = "Sam from the moderation team"

    event_retention_hours: int = Field(default=24, ge=1)
    # Each live socket buffers at most this many events; one that falls further behind is closed (1013).
    stream_queue_size: int = Field(default=256, ge=8)
    # Safety net beside the broadcaster: each worker also looks for new events this often.
    stream_poll_seconds: float = Field(default=2.0, gt=0)

    rate_limit_enabled: bool = True
    rate_join_per_address: str = "3/day"
    rate_sign_in_per_member: str = "5/minute"
    rate_sign_in_per_address: str = "25/5 minutes"
    rate_recover_per_address: str = "5/hour"
    rate_post: str = "1/30 seconds"
    rate_reply: str = "6/minute"
    rate_hear: str = "60/minute"
    # Exports build a document of everything a member gave: a few an hour is plenty for a person.
    rate_export: str = "5/hour"
    rate_message: str = "20/minute"
    # Every kind of report shares it: enough for a hard night, not for reporting someone's every word.
    rate_report: str = "10/hour"

    # Members in their first hours may answer a conversation but not start one (welcomes included).
    new_member_message_hours: int = Field(default=24, ge=0)
    # How long a new member stays in the new members view.
    new_members_days: int = Field(default=7, ge=1)

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> "Settings":
        if self.environment != Environment.development and (
            self.secret_key == DEVELOPMENT_SECRET or len(self.secret_key) < 32
        ):
            raise ValueError(
                "ALONGSIDE_SECRET_KEY must be set to a random value of at least 32 characters "
                "outside development (python -c 'import secrets; print(secrets.token_urlsafe(48))')"
            )
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def secure_cookies(self) -> bool:
        if self.cookie_secure is not None:
            return self.cookie_secure
        return self.environment != Environment.development

    @cached_property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        return Path(self.database_url.split("///", 1)[1])

    @property
    def rate_limit_storage_url(self) -> str:
        if self.redis_url:
            return "async+" + self.redis_url
        return "async+memory://"
