"""One validated settings object, read from the environment, with embedded-mode defaults."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The only secret with a usable default: it exists so `git clone` + one command gives a demo.
DEV_SECRET_KEY = "dev-insecure-secret-key-change-me"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class InsecureSettings(RuntimeError):
    """Raised when a non-development environment would start with a default secret."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", case_sensitive=False)

    env: Literal["development", "test", "production"] = Field(
        default="development", alias="GJ_ENV",
        description="development and test allow the built-in secret; production refuses it.",
    )
    data_dir: Path = Field(
        default=PROJECT_ROOT / "data", alias="GJ_DATA_DIR",
        description="Embedded mode: SQLite files, private uploads and reports live here.",
    )
    control_database_url: str | None = Field(
        default=None, alias="CONTROL_DATABASE_URL",
        description="Control-plane database (chains, property registry, users). "
        "Default: SQLite file <data_dir>/control.db.",
    )
    database_url: str | None = Field(
        default=None, alias="DATABASE_URL",
        description="Server on which property databases are created, e.g. "
        "postgresql+psycopg://postgres@127.0.0.1:5432/postgres. Default: one SQLite file "
        "per property under <data_dir>/properties/.",
    )
    property_database_prefix: str = Field(
        default="gj_", alias="GJ_PROPERTY_DB_PREFIX", pattern=r"^[a-z][a-z0-9_]{0,23}$",
        description="Server mode: each property's database is named <prefix><slug>_<id>. "
        "Installations (or test runs) sharing one server keep apart with their own prefix.",
    )
    redis_url: str | None = Field(
        default=None, alias="REDIS_URL",
        description="Redis for Reflex state, RQ queues, pub/sub and rate limits. Default: none "
        "(in-process jobs and in-memory limits).",
    )
    secret_key: str = Field(
        default=DEV_SECRET_KEY, alias="SECRET_KEY",
        description="Signs sessions and tokens. Must be set (>= 32 chars) outside development.",
    )
    jwks: str | None = Field(
        default=None, alias="GJ_JWKS",
        description="JSON Web Key Set (private keys, each with a kid) that signs access tokens; "
        "the last key signs, all verify, so keys rotate by appending. Default: a key derived "
        "from SECRET_KEY.",
    )
    jwks_file: Path | None = Field(default=None, alias="GJ_JWKS_FILE",
                                   description="Like GJ_JWKS, read from a file.")
    proxy_hops: int = Field(
        default=0, alias="GJ_PROXY_HOPS", ge=0, le=5,
        description="How many reverse proxies you run in front of the apps; the client address "
        "(sign-in throttling, audit) is then taken from X-Forwarded-For that many hops back. "
        "0 trusts no header.",
    )
    public_base_url: str = Field(default="http://localhost:3001", alias="GJ_PUBLIC_BASE_URL")
    pms_port: int = Field(default=3000, alias="GJ_PMS_PORT")
    booking_port: int = Field(default=3001, alias="GJ_BOOKING_PORT")
    admin_port: int = Field(default=3002, alias="GJ_ADMIN_PORT")
    db_pool_size: int = Field(default=10, alias="GJ_DB_POOL_SIZE", ge=1, le=200)
    db_echo: bool = Field(default=False, alias="GJ_DB_ECHO")
    # Payments, email and SMS (folio engineer). Secrets have no default: without Stripe keys
    # only the manual methods (cash, bank transfer, terminal) are offered.
    stripe_secret_key: str | None = Field(default=None, alias="STRIPE_SECRET_KEY",
                                          description="Stripe secret API key (sk_...).")
    stripe_publishable_key: str | None = Field(default=None, alias="STRIPE_PUBLISHABLE_KEY",
                                               description="Stripe publishable key for Stripe.js.")
    stripe_webhook_secret: str | None = Field(
        default=None, alias="STRIPE_WEBHOOK_SECRET",
        description="Signing secret (whsec_...) the webhook endpoint verifies events with.")
    stripe_api_base: str | None = Field(
        default=None, alias="STRIPE_API_BASE",
        description="Override Stripe's API address (tests point it at localstripe).")
    smtp_host: str | None = Field(default=None, alias="SMTP_HOST",
                                  description="SMTP server for guest email; unset: email is logged "
                                  "as not sent (embedded demo).")
    smtp_port: int = Field(default=587, alias="SMTP_PORT")
    smtp_user: str | None = Field(default=None, alias="SMTP_USER")
    smtp_password: str | None = Field(default=None, alias="SMTP_PASSWORD")
    smtp_from: str = Field(default="Guest Journey <no-reply@localhost>", alias="SMTP_FROM")
    smtp_starttls: bool = Field(default=False, alias="SMTP_STARTTLS",
                                description="Upgrade the SMTP connection with STARTTLS.")
    sms_api_url: str | None = Field(
        default=None, alias="SMS_API_URL",
        description="Base URL of a Twilio-compatible SMS API, e.g. https://api.twilio.com.")
    sms_account_sid: str | None = Field(default=None, alias="SMS_ACCOUNT_SID")
    sms_auth_token: str | None = Field(default=None, alias="SMS_AUTH_TOKEN")
    sms_from: str | None = Field(default=None, alias="SMS_FROM",
                                 description="Sender number or id for SMS.")
    # REST API limits (core.api.ratelimit, core.api.bodylimit): requests per minute.
    api_rate_limit_per_token: int = Field(default=600, alias="GJ_API_RATE_LIMIT_PER_TOKEN", ge=1)
    api_rate_limit_per_address: int = Field(default=1200, alias="GJ_API_RATE_LIMIT_PER_ADDRESS",
                                            ge=1)
    api_max_body_bytes: int = Field(default=1_048_576, alias="GJ_API_MAX_BODY_BYTES", ge=1024,
                                    description="Largest JSON body; uploads have their own cap.")

    @model_validator(mode="after")
    def _refuse_default_secrets(self) -> Settings:
        if self.env == "production":
            if self.secret_key == DEV_SECRET_KEY:
                raise InsecureSettings(
                    "SECRET_KEY is the built-in development key; set SECRET_KEY to a random "
                    "value of at least 32 characters before running with GJ_ENV=production."
                )
            if len(self.secret_key) < 32:
                raise InsecureSettings(
                    "SECRET_KEY is too short for production: use at least 32 characters."
                )
        return self

    @property
    def embedded(self) -> bool:
        """True when no server database is configured (SQLite files, in-process jobs)."""
        return self.database_url is None

    @property
    def control_url(self) -> str:
        if self.control_database_url:
            return self.control_database_url
        return f"sqlite:///{self.data_dir / 'control.db'}"

    @property
    def properties_dir(self) -> Path:
        return self.data_dir / "properties"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def reset_settings() -> None:
    """Forget the cached settings (tests and the CLI change the environment)."""
    get_settings.cache_clear()
