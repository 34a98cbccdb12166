"""Reflex configuration, derived from privacy_center's settings (``PC_*`` variables)."""

import reflex as rx
from reflex_base.constants import StateManagerMode

from privacy_center.settings import get_settings

_settings = get_settings()

config = rx.Config(
    app_name="privacy_center",
    # A privacy product sends nothing about its users or operators to third parties.
    telemetry_enabled=False,
    deploy_url=_settings.public_url,
    db_url=_settings.database_url,
    # Page state holds personal data: never Reflex's default disk manager, which pickles it
    # to .states/ with the process umask. One worker keeps it in memory (gone at restart);
    # several share it through Redis, only when PC_REDIS_URL says so.
    state_manager_mode=StateManagerMode.REDIS if _settings.redis_url else StateManagerMode.MEMORY,
    redis_url=_settings.redis_url,
    show_built_with_reflex=False,
    frontend_compression_formats=["brotli", "gzip"],
    # Reflex's default "*" is answered with credentials allowed, so any page (another port,
    # a subdomain) could read cookie-authenticated responses. Only ours and the host apps'.
    cors_allowed_origins=list(_settings.cors_origins),
    plugins=[rx.plugins.SitemapPlugin()],
)
