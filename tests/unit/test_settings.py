"""Production refuses unsafe settings, each refusal naming the setting; secrets never print."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from privacy_center.settings import DEMO_CLIENT_SECRET, DEMO_SECRET, Settings

STRONG = "k" * 40
SAFE = {
    "env": "production",
    "public_url": "https://privacy.example",
    "secret_key": STRONG,
    "smtp_url": "smtp://center:pw@mail.example:587?starttls=1",
}


def _refusal(**overrides: object) -> str:
    with pytest.raises(ValidationError) as refused:
        Settings(**{**SAFE, **overrides})
    return str(refused.value)


def test_safe_production_settings_are_accepted() -> None:
    settings = Settings(**SAFE, events_token="e" * 32)
    assert settings.public_url == "https://privacy.example"


def test_production_needs_a_mail_server() -> None:
    # Without one the mailbox's codes would only reach a folder nobody reads in production.
    settings = {key: value for key, value in SAFE.items() if key != "smtp_url"}
    with pytest.raises(ValidationError, match="PC_SMTP_URL"):
        Settings(**settings)


def test_http_public_url_is_refused_in_production() -> None:
    assert "PC_PUBLIC_URL" in _refusal(public_url="http://privacy.example")


def test_unset_public_url_is_refused_in_production() -> None:
    # Unset means http://localhost:<port>, the embedded default.
    settings = {key: value for key, value in SAFE.items() if key != "public_url"}
    with pytest.raises(ValidationError, match="PC_PUBLIC_URL"):
        Settings(**settings)


@pytest.mark.parametrize("secret", [DEMO_SECRET, "short"])
def test_placeholder_or_short_secret_key_is_refused(secret: str) -> None:
    assert "PC_SECRET_KEY" in _refusal(secret_key=secret)


def test_short_events_token_is_refused_in_production() -> None:
    assert "PC_EVENTS_TOKEN" in _refusal(events_token="e" * 31)


def test_demo_client_secret_is_refused_in_production() -> None:
    message = _refusal(oidc_issuer="https://id.example", oidc_client_secret=DEMO_CLIENT_SECRET)
    assert "PC_OIDC_CLIENT_SECRET" in message


def test_every_problem_is_named_at_once() -> None:
    message = _refusal(public_url="http://privacy.example", secret_key=DEMO_SECRET, events_token="short")
    for name in ("PC_PUBLIC_URL", "PC_SECRET_KEY", "PC_EVENTS_TOKEN"):
        assert name in message


def test_refusal_never_echoes_the_secret() -> None:
    token = "a-leaked-token"
    assert token not in _refusal(events_token=token)


def test_demo_mode_keeps_its_defaults() -> None:
    settings = Settings(env="demo", events_token="short", oidc_client_secret=DEMO_CLIENT_SECRET)
    assert settings.public_url == "http://localhost:3000"
    assert settings.secret_key.get_secret_value() == DEMO_SECRET


def test_secrets_never_appear_in_repr_str_or_dump() -> None:
    secrets = {
        "secret_key": "S" * 40,
        "oidc_client_secret": "client-secret-value",
        "events_token": "T" * 40,
    }
    settings = Settings(
        **SAFE | {"secret_key": secrets["secret_key"]},
        oidc_issuer="https://id.example",
        oidc_client_secret=secrets["oidc_client_secret"],
        events_token=secrets["events_token"],
        database_url="postgresql+psycopg://pc:db-password@db.example/pc",
        redis_url="redis://:redis-password@cache.example:6379/0",
    )
    shown = " ".join(
        [repr(settings), str(settings), str(settings.model_dump()), settings.model_dump_json(), f"{settings}"]
    )
    for value in [*secrets.values(), "db-password", "redis-password"]:
        assert value not in shown
    assert settings.events_token is not None
    assert settings.events_token.get_secret_value() == secrets["events_token"]


def test_origin_lists_are_comma_separated_and_normalized(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PC_HOST_APP_ORIGINS", " https://App.example , https://other.example:8443/ ")
    monkeypatch.setenv("PC_FRAME_ANCESTORS", "https://host.example")
    settings = Settings()
    assert settings.host_app_origins == ("https://app.example", "https://other.example:8443")
    assert settings.frame_ancestors == ("https://host.example",)


@pytest.mark.parametrize("value", ["*", "null", "https://app.example/path", "app.example", "ftp://app.example"])
def test_origin_lists_refuse_what_is_not_an_origin(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("PC_FRAME_ANCESTORS", value)
    with pytest.raises(ValidationError, match="PC_FRAME_ANCESTORS"):
        Settings()


def test_cors_origins_are_the_public_origin_and_host_apps() -> None:
    settings = Settings(**SAFE, host_app_origins="https://app.example")
    assert settings.cors_origins == ("https://privacy.example", "https://app.example")


def test_demo_cors_origins_include_the_loopback_aliases() -> None:
    settings = Settings(public_url="http://127.0.0.1:3005")
    assert set(settings.cors_origins) == {"http://127.0.0.1:3005", "http://localhost:3005", "http://[::1]:3005"}
