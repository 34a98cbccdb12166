"""Builds the Reflex app: every page once per locale, our HTTP routes, locale routing.

Nothing else lives here: pages, routes and services are in their own modules.
"""

from __future__ import annotations

import reflex as rx
from reflex import constants
from reflex.config import get_config
from reflex.utils import prerequisites

from privacy_center import models  # noqa: F401 - registers the tables for Reflex
from privacy_center.api.fallback_html import fallback_html
from privacy_center.api.locale_routing import LocaleRouting
from privacy_center.api.origin_check import OriginCheck
from privacy_center.api.routes import build_api
from privacy_center.api.security_headers import SecurityHeaders
from privacy_center.components.connection import drop_reflex_connection_overlay
from privacy_center.components.document_head import RUNTIME_INLINE_SCRIPTS, head_components, html_lang
from privacy_center.components.page_head import page_head
from privacy_center.content.inventory import check_page_links, get_inventory
from privacy_center.i18n.locales import KNOWN_LOCALES
from privacy_center.log_hygiene import install as install_log_hygiene
from privacy_center.pages import (
    access_history,
    app_detail,
    app_guideline,
    apps,
    children,
    collected,
    collected_item,
    dev_design,
    dev_jobs,
    dev_mailbox,
    guidelines,
    history,
    home,
    mailbox,
    not_found,
    settings,
    shared,
    shared_partner,
    summary,
    versions,
)
from privacy_center.pages.registry import PageSpec
from privacy_center.services.production import UnsafeForProductionError, check_deployment
from privacy_center.services.setup import run_set_up
from privacy_center.settings import get_settings
from privacy_center.state.binding import SessionBinding
from privacy_center.state.notice import on_backend_exception
from privacy_center.state.session import SessionState

# Before anything else logs: no secret or personal value, one line per record.
install_log_hygiene()

# Also here, not only in scripts/serve.sh: ``reflex run`` alone must not skip it. As a
# SystemExit the reasons print as they are, not through the log redaction of tracebacks.
try:
    check_deployment()
except UnsafeForProductionError as refused:
    raise SystemExit(f"error: {refused}") from None

PAGES: list[PageSpec] = [
    home.PAGE,
    collected.PAGE,
    collected_item.PAGE,
    shared.PAGE,
    shared_partner.PAGE,
    summary.PAGE,
    guidelines.PAGE,
    history.PAGE,
    children.PAGE,
    access_history.PAGE,
    app_guideline.PAGE,
    settings.PAGE,
    apps.PAGE,
    app_detail.PAGE,
    mailbox.PAGE,
    # Demo mode only: in production /dev/mailbox does not exist (404).
    *([dev_mailbox.PAGE] if dev_mailbox.available() else []),
    *([dev_jobs.PAGE] if dev_jobs.available() else []),
    *([dev_design.PAGE] if dev_design.available() else []),
    *versions.pages(),
]

# The inventory's "where to change it" links must lead to pages of this app, not to a 404.
check_page_links(get_inventory(), [spec.path for spec in PAGES], get_settings().content_dir)


def _locale_routing(asgi_app):  # noqa: ANN001, ANN202 - ASGI callables
    return LocaleRouting(
        asgi_app,
        page_paths=frozenset(path for spec in PAGES for path in spec.paths()),
        # The guidelines in effect are decided at each request, not when the server started.
        leads_to={guidelines.PAGE.path: guidelines.in_effect_path},
    )


def _origin_check(asgi_app):  # noqa: ANN001, ANN202 - ASGI callables
    settings = get_settings()
    return OriginCheck(asgi_app, public_url=settings.public_url, allow_loopback_aliases=settings.env == "demo")


def _security_headers(asgi_app):  # noqa: ANN001, ANN202 - ASGI callables
    settings = get_settings()
    # Where the prod server serves the built pages from: their inline scripts get hashed.
    static_dir = prerequisites.get_web_dir() / constants.Dirs.STATIC / get_config().frontend_path.strip("/")
    return SecurityHeaders(
        asgi_app,
        public_url=settings.public_url,
        frame_ancestors=settings.frame_ancestors,
        static_dir=static_dir.resolve(),
        extra_scripts=RUNTIME_INLINE_SCRIPTS,
        image_origins=settings.logo_origins,
    )


app = rx.App(
    # One file per area of the look (base and components first), bundled into one by the build.
    stylesheets=[
        "/styles.css",
        "/shell.css",
        "/loading.css",
        "/guidelines.css",
        "/facts.css",
        "/settings.css",
        "/apps.css",
        "/app-guideline.css",
    ],
    head_components=head_components(),
    html_custom_attrs={"lang": html_lang()},
    # The last wraps all the others: every response, ours and Reflex's, gets the headers.
    api_transformer=[build_api(), _locale_routing, fallback_html, _origin_check, _security_headers],
    enable_state=True,
    # Errors in handlers: a notice in the page's language, not Reflex's English toast.
    backend_exception_handler=on_backend_exception,
)
# Before every event: what another sign-in session left in a tab's state is cleared.
app.add_middleware(SessionBinding(), index=0)
# Reflex's English connection toast goes: every page's shell has a localized notice.
drop_reflex_connection_overlay(app)
# Once per start: the center's own client follows PC_PUBLIC_URL (not once per sign-in).
app.register_lifespan_task(run_set_up)

for spec in [*PAGES, not_found.PAGE]:
    for locale in KNOWN_LOCALES:
        built = spec.build(locale)
        # Every page names its other languages in <head> (not the catch-all: no one address).
        head = page_head(spec.path if spec is not not_found.PAGE else None)
        app.add_page(
            rx.fragment(built.component, head),
            route=spec.route(locale),
            title=built.title,
            description=built.description or None,
            on_load=[SessionState.load, *([spec.on_load] if spec.on_load else [])],
        )
