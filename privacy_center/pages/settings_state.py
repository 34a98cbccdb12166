"""The settings page's state: the person's values, changes saved at once, other tabs kept current.

Whose settings are read and changed is decided on the server for every event, from the
connection's cookie, through the one authorization context (capability
CHANGE_SETTINGS); the handlers take a key and a value, never a person, and the version
a change is made against is the one THIS tab was shown (a backend-only var), so a
forged event can neither act for someone else nor pretend to have seen a newer value.

Other tabs and devices: while the page is open a background event reads the person's
settings every :data:`POLL_SECONDS` off the event loop and updates the page only when a
value changed (nothing is sent otherwise). Polling, not a push from the writing tab,
because a change also comes from places that hold no tab (another device on another
worker, the browser's GPC signal at someone's page load, a future API): one indexed
read of at most a few dozen rows finds them all, on any state manager and any number
of workers, with nothing to register or forget. A tab whose change crosses another's
between two reads is refused by the version check and shown the current value.
"""

from __future__ import annotations

import asyncio

import reflex as rx
from reflex_base.registry import RegistrationContext

from privacy_center.authz import Capability
from privacy_center.content.settings_catalogue import Setting, SettingKind, get_catalogue
from privacy_center.errors import DomainError, SignInRequiredError
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale, from_path
from privacy_center.pages.settings_host import HostReportError, origin_allowed, parse_report
from privacy_center.services.privacy_settings import (
    SettingValue,
    StaleSettingError,
    apply_gpc,
    change,
    honours_gpc,
    settings_of,
)
from privacy_center.settings import get_settings
from privacy_center.state import context
from privacy_center.state.binding import SessionBound, session_key

POLL_SECONDS = 2.5
# A tab left open stops being followed after an hour; its next load starts again.
MAX_WATCH_SECONDS = 3600
# How long a tab whose connection dropped is waited for before it is no longer followed.
RECONNECT_GRACE_SECONDS = 60
# As the access history names this client.
WEB_CLIENT = "web"
# Longer than any key or value of the catalogue: a forged event's text is cut, then refused.
_MAX_KEY, _MAX_VALUE = 120, 64


def _words(setting: Setting, value: str, locale: UiLocale) -> str:
    """A value as the page shows it: On/Off for a toggle, the option's label for a choice."""
    _ = gettext_for(locale)
    if setting.kind is SettingKind.TOGGLE:
        return {"on": _("On"), "off": _("Off")}.get(value, value)
    return setting.label_of(value)


def gpc_requested(headers: object) -> bool:
    """Whether the connection's handshake carried ``Sec-GPC: 1`` (the only value the spec defines)."""
    raw = getattr(headers, "raw_headers", {}) or {}
    return str(raw.get("sec-gpc", "")).strip() == "1"


async def read_for_watch(cookie_header: str | None, path: str, filled_by: str | None) -> dict[str, SettingValue] | None:
    """The values now, for the sign-in session the page was filled under; None when it has ended.

    The viewer is looked up again at every read (:func:`context.run_fresh`), not reused
    from the event that started the watch: the session may end, or another person sign
    in, while the page stays open.
    """

    def read(ctx: context.Context) -> dict[str, SettingValue] | None:
        if ctx.viewer is None or ctx.subject is None or session_key(ctx.viewer) != filled_by:
            return None
        return settings_of(ctx.session, subject=ctx.subject, catalogue=get_catalogue().default)

    return await context.run_fresh(cookie_header, path, Capability.CHANGE_SETTINGS, read)


async def _tab_connected(token: str) -> bool:
    """Whether this tab has an open socket, on any worker (a closed tab is not followed).

    Reflex's token manager knows, across workers when it is on Redis; its public mapping
    only covers this worker's sockets, so that is the fallback if the manager moves.
    """
    try:
        namespace = RegistrationContext.get().app.event_namespace
    except (LookupError, RuntimeError):  # no running app (handlers called directly in tests)
        return True
    if namespace is None:
        return True
    manager = getattr(namespace, "_token_manager", None)
    if manager is not None and hasattr(manager, "is_token_connected"):
        return bool(await manager.is_token_connected(token))
    return token in namespace.token_to_sid


class SettingsState(SessionBound, rx.State):
    """The signed-in person's settings as this tab shows them, and what the last change did."""

    loaded: bool = False
    signed_in: bool = False
    # Setting key -> value in force ("on", "off", an option's value).
    values: dict[str, str] = {}
    # The last change's outcome: tone (success, warning, danger; "" when silent), title, text.
    status_tone: str = ""
    status_title: str = ""
    status_text: str = ""
    # The connection carries Sec-GPC: 1; and whether every setting it governs is at its value.
    gpc_signal: bool = False
    gpc_honoured: bool = False
    # "device.location" -> PermissionState, as the host app reported it (page state only).
    device: dict[str, str] = {}
    host_problem: str = ""
    # The version of each value this tab shows: a change is made against it.
    _versions: dict[str, int] = {}
    # Which watch is current: a new load stops the loop of the previous one.
    _generation: int = 0
    # The page reported navigator.globalPrivacyControl (for this tab's later loads too).
    _gpc_in_page: bool = False

    @rx.event
    async def load(self) -> rx.event.EventHandler | None:
        """Show the values (after honouring GPC), take the host's report, and follow other tabs' changes."""
        self.status_tone = self.status_title = self.status_text = ""
        self.gpc_signal = gpc_requested(self.router.headers) or self._gpc_in_page
        report = self.router.url.query_parameters.get("permissions")
        if report is not None:
            self._take_report(report)
        shown = await self._read(apply_signal=self.gpc_signal)
        # Signed out: nothing to follow.
        return SettingsState.watch if shown is not None else None

    @rx.event
    async def browser_signal(self) -> None:
        """The page found ``navigator.globalPrivacyControl`` on: honour it as the header is honoured.

        Browsers that send ``Sec-GPC: 1`` on page requests do not all send it on the
        websocket's handshake (Chromium does not), so the page reports the DOM signal
        too. Any client can send this event, but it only ever opts the signed-in person
        out (what they may do on the page themselves), recorded as their browser's doing.
        """
        self._gpc_in_page = True
        self.gpc_signal = True
        await self._read(apply_signal=True)

    async def _read(self, *, apply_signal: bool) -> dict[str, SettingValue] | None:
        """The person's values (after applying GPC when asked), shown on the page; None when signed out."""

        def work(ctx: context.Context) -> dict[str, SettingValue] | None:
            if ctx.subject is None:
                return None
            catalogue = get_catalogue().default
            if apply_signal:
                apply_gpc(ctx.session, subject=ctx.subject, catalogue=catalogue, client=WEB_CLIENT, now=ctx.now)
            return settings_of(ctx.session, subject=ctx.subject, catalogue=catalogue)

        shown = await context.run(self, Capability.CHANGE_SETTINGS, work)
        self._show(shown)
        return shown

    @rx.event
    async def change(self, key: str, value: str) -> None:
        """Set ``key`` to ``value`` against the version this tab showed; say what happened.

        Any client can call this with anything: the key and value are checked by the
        service against the catalogue, the person comes from the cookie, the version
        from this tab's own backend var (a key the tab never showed counts as stale).
        """
        key, value = str(key)[:_MAX_KEY], str(value)[:_MAX_VALUE]
        expected = self._versions.get(key, -1)
        gpc = self.gpc_signal
        locale = self._locale()

        def work(ctx: context.Context) -> SettingValue:
            if ctx.subject is None:
                raise SignInRequiredError
            return change(
                ctx.session, subject=ctx.subject, catalogue=get_catalogue().default, key=key, value=value,
                expected_version=expected, client=WEB_CLIENT, now=ctx.now, gpc=gpc,
            )  # fmt: skip

        setting = get_catalogue().for_locale(locale).setting(key)
        title = setting.title if setting is not None else ""
        try:
            saved = await context.run(self, Capability.CHANGE_SETTINGS, work)
        except StaleSettingError as stale:
            self._keep(stale.current)
            now = _words(setting, stale.current.value, locale) if setting else stale.current.value
            _ = gettext_for(locale)
            self._say("warning", title, stale.message(locale) + " " + _("Now: %(value)s.") % {"value": now})
            return
        except DomainError as refused:
            self._say("danger", title, refused.message(locale))
            if isinstance(refused, SignInRequiredError):
                self._show(None)
            return
        self._keep(saved)
        self._refresh_gpc()
        _ = gettext_for(locale)
        words = _words(setting, saved.value, locale) if setting else saved.value
        self._say("success", title, _("Saved. It is now: %(value)s.") % {"value": words})

    @rx.event
    def dismiss_status(self) -> None:
        """The person read the last change's outcome."""
        self.status_tone = self.status_title = self.status_text = ""

    @rx.event
    def host_report(self, origin: str, report: str) -> None:
        """A host app's ``postMessage`` (relayed by the page's bridge script), from an allowed origin only.

        The origin is what the browser stamped on the message; a message from anywhere
        else is ignored without a word (it is not the person's doing, nor the host's).
        """
        if not origin_allowed(origin, get_settings().cors_origins):
            return
        self._take_report(report)

    @rx.event(background=True)
    async def watch(self) -> None:
        """Follow the person's settings while this tab shows them; update only what changed."""
        async with self:
            self._generation += 1
            generation = self._generation
            cookie, filled_by = self.router.headers.cookie, self._filled_by
            token, path = self.router.session.client_token, self.router.url.path
        away = 0.0
        for _tick in range(int(MAX_WATCH_SECONDS / POLL_SECONDS)):
            await asyncio.sleep(POLL_SECONDS)
            # A dropped connection comes back with the same tab (a reconnect loads no page,
            # so no new watch would start): wait for it a while, without reading anything.
            if not await _tab_connected(token):
                away += POLL_SECONDS
                if away >= RECONNECT_GRACE_SECONDS:
                    return
                continue
            away = 0.0
            current = await read_for_watch(cookie, path, filled_by)
            async with self:
                # Another load took over, the tab went to another page, or another session filled it.
                if self._generation != generation or self.router.url.path != path or self._filled_by != filled_by:
                    return
                if current is None:  # signed out meanwhile: the person's values leave the page
                    self._show(None)
                    return
                if any(self._versions.get(key) != value.version for key, value in current.items()):
                    self._show(current)

    def _show(self, shown: dict[str, SettingValue] | None) -> None:
        self.loaded, self.signed_in = True, shown is not None
        shown = shown or {}
        self.values = {key: value.value for key, value in shown.items()}
        self._versions = {key: value.version for key, value in shown.items()}
        self._refresh_gpc()

    def _keep(self, value: SettingValue) -> None:
        self.values = {**self.values, value.key: value.value}
        self._versions = {**self._versions, value.key: value.version}

    def _refresh_gpc(self) -> None:
        catalogue = get_catalogue().default
        values = {key: SettingValue(key, value, 0, None, None) for key, value in self.values.items()}
        self.gpc_honoured = self.signed_in and honours_gpc(values, catalogue)

    def _take_report(self, report: object) -> None:
        try:
            self.device = parse_report(report, get_catalogue().default)
            self.host_problem = ""
        except HostReportError as refused:
            self.device = {}
            self.host_problem = refused.message(self._locale())

    def _say(self, tone: str, title: str, text: str) -> None:
        self.status_tone, self.status_title, self.status_text = tone, title, text

    def _locale(self) -> UiLocale:
        return from_path(self.router.url.path)
