"""Deployment settings, read from the environment (prefix ``PC_``) or a ``.env`` file.

Created lazily through :func:`get_settings` so that importing the app never needs
secrets; outside the demo mode a placeholder secret is refused at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, IPvAnyNetwork, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from privacy_center.caches import process_wide

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_SECRET = "demo-only-secret-change-me"  # noqa: S105 - the placeholder we refuse in production
DEMO_CLIENT_SECRET = "readwell-demo-secret"  # noqa: S105 - the demo app's published secret
MIN_SECRET_LENGTH = 32
_LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")
# The fictional platform of the demo, in each language it has a name in; an operator's
# own platform name is used as given, in every language it has no name of its own for.
DEMO_PLATFORM_NAME = "Lattice"
DEMO_PLATFORM_NAMES = {"zh_CN": "格子"}
MAX_PLATFORM_NAME_LENGTH = 60

# A comma-separated list in the environment (``PC_FRAME_ANCESTORS=https://a,https://b``).
OriginList = Annotated[tuple[str, ...], NoDecode]


def origin_of(url: str) -> str | None:
    """``scheme://host[:port]`` of an http(s) URL, lower-cased, default port dropped; else None."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname.lower()
    default = {"http": 80, "https": 443}[parts.scheme]
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")


def logo_url_ok(url: str) -> bool:
    """A path on this site, or an https URL with a host and no credentials.

    The logo lands in an ``<img src>`` of the sign-in page: no ``javascript:`` or
    ``data:`` scheme, no protocol-relative ``//host`` (it would leave the site over http),
    no backslash (browsers read a slash and a backslash as two slashes), no whitespace or quotes.
    """
    if not url or len(url) > 2000 or any(char.isspace() or char in "\\\"'<>" for char in url):
        return False
    if url.startswith("/"):
        return not url.startswith("//")
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme == "https" and bool(parts.hostname) and parts.username is None and parts.password is None


class Settings(BaseSettings):
    """Everything an operator can configure; see the README's Configuration table."""

    # hide_input_in_errors: a refusal would otherwise print every value it was given, secrets included.
    model_config = SettingsConfigDict(env_prefix="PC_", env_file=".env", extra="ignore", hide_input_in_errors=True)

    env: Literal["demo", "production"] = "demo"
    port: int = 3000
    # Unset: http://localhost:<port>, the embedded default.
    public_url: str = ""
    # URLs may carry a password: kept out of repr() and dumps, and so out of logs and tracebacks.
    database_url: str = Field(
        default=f"sqlite:///{PROJECT_ROOT / 'data' / 'privacy_center.db'}", repr=False, exclude=True
    )
    redis_url: str | None = Field(default=None, repr=False, exclude=True)
    # Where background jobs are queued (only their ids): sqlite:///file (default, data/queue.db),
    # redis://... or postgresql://... when workers run on several machines.
    queue_url: str = Field(default=f"sqlite:///{PROJECT_ROOT / 'data' / 'queue.db'}", repr=False, exclude=True)
    # A running job's lease: renewed by each progress report; once passed, another worker resumes it.
    job_lease_seconds: float = 60.0
    content_dir: Path = PROJECT_ROOT / "content"
    default_locale: str = "en"
    secret_key: SecretStr = SecretStr(DEMO_SECRET)
    # Sign-in (OpenID Connect). No issuer: the built-in provider at public_url is used.
    oidc_issuer: str | None = None
    # The built-in provider's issuer (PC_ISSUER). Unset: the public URL at first set-up,
    # stored in the database and kept when the URL changes (services/identity.py).
    builtin_issuer: str | None = Field(default=None, validation_alias="PC_ISSUER")
    oidc_client_id: str = "privacy-center"
    oidc_client_secret: SecretStr | None = None
    session_idle_minutes: int = 30
    session_absolute_hours: int = 12
    # How recent a sign-in must be for export, deletion and agent elevation.
    reauth_max_age_seconds: int = 300
    # Bearer token the platform's services use for POST /api/events; unset: endpoint off.
    events_token: SecretStr | None = None
    # Origins of host apps whose pages may read the center's responses with credentials (CORS).
    host_app_origins: OriginList = ()
    # Origins of host apps that may embed the center's pages in a frame or webview.
    frame_ancestors: OriginList = ()
    # Outgoing mail: smtp://user:pass@host:587?starttls=1, smtp+starttls://, smtps:// (implicit
    # TLS). Unset: messages are written as .eml files to data/outbox/ (the embedded default).
    smtp_url: SecretStr | None = Field(default=None, repr=False, exclude=True)
    mail_from: str = "Privacy Center <privacy@localhost>"
    outbox_dir: Path = PROJECT_ROOT / "data" / "outbox"
    # Reverse proxies (IPs or CIDRs, comma-separated) whose X-Forwarded-For names the client.
    trusted_proxies: Annotated[tuple[IPvAnyNetwork, ...], NoDecode] = ()
    # The platform whose accounts sign in here: its sign-in and consent pages wear its name
    # and logo. One field per locale that may have a name of its own (PC_PLATFORM_NAME_ZH_CN).
    platform_name: str = DEMO_PLATFORM_NAME
    platform_name_zh_cn: str | None = None
    # A path on this site (assets/ is served at /) or an https:// URL.
    platform_logo_url: str = "/platform-logo.svg"

    @field_validator("platform_name", "platform_name_zh_cn", mode="after")
    @classmethod
    def _check_platform_name(cls, value: str | None, info: object) -> str | None:
        if value is None:
            return None
        name = " ".join(value.split())
        if not name or len(name) > MAX_PLATFORM_NAME_LENGTH or any(not char.isprintable() for char in name):
            setting = f"PC_{getattr(info, 'field_name', '').upper()}"
            msg = f"{setting} must be a name of 1 to {MAX_PLATFORM_NAME_LENGTH} printable characters"
            raise ValueError(msg)
        return name

    @field_validator("platform_logo_url", mode="after")
    @classmethod
    def _check_logo_url(cls, value: str) -> str:
        if not logo_url_ok(value):
            msg = (
                "PC_PLATFORM_LOGO_URL must be a path on this site (/logo.svg) or an https:// URL "
                f"without user name, password or spaces; not {value!r}"
            )
            raise ValueError(msg)
        return value

    @field_validator("host_app_origins", "frame_ancestors", "trusted_proxies", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(item for item in (part.strip() for part in value.split(",")) if item)
        return value

    @field_validator("host_app_origins", "frame_ancestors", mode="after")
    @classmethod
    def _normalize_origins(cls, value: tuple[str, ...], info: object) -> tuple[str, ...]:
        normalized = []
        for item in value:
            origin = origin_of(item)
            if origin is None or urlsplit(item.strip()).path not in ("", "/"):
                name = f"PC_{getattr(info, 'field_name', '').upper()}"
                msg = f"{name} takes origins such as https://app.example, comma-separated; not {item!r}"
                raise ValueError(msg)
            normalized.append(origin)
        return tuple(normalized)

    @model_validator(mode="after")
    def _refuse_unsafe(self) -> Settings:
        self.public_url = (self.public_url or f"http://localhost:{self.port}").rstrip("/")
        self.builtin_issuer = self.builtin_issuer.rstrip("/") if self.builtin_issuer else None
        problems = self._production_problems() if self.env == "production" else []
        if problems:
            raise ValueError("unsafe settings for PC_ENV=production: " + "; ".join(problems))
        return self

    def _production_problems(self) -> list[str]:
        """What production refuses, each naming its setting (never echoing a secret)."""
        problems = []
        if not self.public_url.startswith("https://"):
            problems.append("PC_PUBLIC_URL must be an https:// address (cookies and codes travel over it)")
        secret_key = self.secret_key.get_secret_value()
        if secret_key in (DEMO_SECRET, DEMO_CLIENT_SECRET) or len(secret_key) < MIN_SECRET_LENGTH:
            problems.append(f"PC_SECRET_KEY must be set to a random value of at least {MIN_SECRET_LENGTH} characters")
        if self.events_token is not None and len(self.events_token.get_secret_value()) < MIN_SECRET_LENGTH:
            problems.append(f"PC_EVENTS_TOKEN must be at least {MIN_SECRET_LENGTH} characters")
        if self.oidc_client_secret is not None and self.oidc_client_secret.get_secret_value() in (
            DEMO_SECRET,
            DEMO_CLIENT_SECRET,
        ):
            problems.append("PC_OIDC_CLIENT_SECRET is a published demo secret")
        if self.smtp_url is None:
            # Without it mail (mailbox codes, receipts) only lands in the outbox folder, which
            # nobody reads in production: /dev/mailbox exists in the demo mode alone.
            problems.append("PC_SMTP_URL must be set: mail would only be written to the outbox folder")
        return problems

    @property
    def public_origin(self) -> str:
        """The origin the center's own pages are served from."""
        return origin_of(self.public_url) or self.public_url

    @property
    def cors_origins(self) -> tuple[str, ...]:
        """Origins allowed to read responses with credentials: ours, and the host apps'.

        In the demo mode the loopback names of the same port are ours too, as
        ``http.origin_allowed`` counts them for the event channel.
        """
        ours = [self.public_origin]
        parts = urlsplit(self.public_origin)
        if self.env == "demo" and parts.hostname in ("localhost", "127.0.0.1", "::1"):
            port = f":{parts.port}" if parts.port else ""
            ours += [f"{parts.scheme}://{host}{port}" for host in _LOOPBACK_HOSTS]
        return tuple(dict.fromkeys([*ours, *self.host_app_origins]))  # ordered, without repeats

    @property
    def logo_origins(self) -> tuple[str, ...]:
        """The origin of an ``https://`` logo, which the CSP must let images come from; none for a path here."""
        if not self.platform_logo_url.startswith("https://"):
            return ()
        return (f"https://{urlsplit(self.platform_logo_url).netloc}",)

    def platform_name_in(self, locale_code: str) -> str:
        """The platform's name for readers of ``locale_code`` (a gettext code such as ``zh_CN``).

        A name set for that language wins; the demo's own platform has its Chinese name
        built in; otherwise the one name, since a brand is often not translated.
        """
        own = {"zh_CN": self.platform_name_zh_cn}.get(locale_code)
        if own:
            return own
        if self.platform_name == DEMO_PLATFORM_NAME:
            return DEMO_PLATFORM_NAMES.get(locale_code, self.platform_name)
        return self.platform_name

    @property
    def uses_builtin_provider(self) -> bool:
        """True unless an external OpenID provider was configured."""
        return not self.oidc_issuer


@process_wide
def get_settings() -> Settings:
    """The process-wide settings, read once on first use."""
    return Settings()
