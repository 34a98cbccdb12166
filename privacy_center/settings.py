"""Deployment settings, read from the environment (prefix ``PC_``) or a ``.env`` file.

Created lazily through :func:`get_settings` so that importing the app never needs
secrets; outside the demo mode a placeholder secret is refused at start-up.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_SECRET = "demo-only-secret-change-me"  # noqa: S105 - the placeholder we refuse in production


class Settings(BaseSettings):
    """Everything an operator can configure; see the README's Configuration table."""

    model_config = SettingsConfigDict(env_prefix="PC_", env_file=".env", extra="ignore")

    env: Literal["demo", "production"] = "demo"
    port: int = 3000
    # Unset: http://localhost:<port>, the embedded default.
    public_url: str = ""
    database_url: str = f"sqlite:///{PROJECT_ROOT / 'data' / 'privacy_center.db'}"
    redis_url: str | None = None
    content_dir: Path = PROJECT_ROOT / "content"
    default_locale: str = "en"
    secret_key: str = DEMO_SECRET
    # Sign-in (OpenID Connect). No issuer: the built-in provider at public_url is used.
    oidc_issuer: str | None = None
    oidc_client_id: str = "privacy-center"
    oidc_client_secret: str | None = None
    session_idle_minutes: int = 30
    session_absolute_hours: int = 12
    # How recent a sign-in must be for export, deletion and agent elevation.
    reauth_max_age_seconds: int = 300
    # Bearer token the platform's services use for POST /api/events; unset: endpoint off.
    events_token: str | None = None

    @model_validator(mode="after")
    def _refuse_placeholders(self) -> Settings:
        self.public_url = (self.public_url or f"http://localhost:{self.port}").rstrip("/")
        if self.env != "demo" and (self.secret_key == DEMO_SECRET or len(self.secret_key) < 32):
            msg = "PC_SECRET_KEY must be set to a random value of at least 32 characters outside the demo mode"
            raise ValueError(msg)
        return self

    @property
    def is_sqlite(self) -> bool:
        """SQLite needs its folder created and per-thread connection settings."""
        return self.database_url.startswith("sqlite")

    @property
    def uses_builtin_provider(self) -> bool:
        """True unless an external OpenID provider was configured."""
        return not self.oidc_issuer

    @property
    def issuer(self) -> str:
        """The OpenID issuer the center signs users in with."""
        return (self.oidc_issuer or self.public_url).rstrip("/")


@functools.cache
def get_settings() -> Settings:
    """The process-wide settings, read once on first use."""
    return Settings()
