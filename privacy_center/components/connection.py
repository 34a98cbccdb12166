"""The notice a person sees while the page cannot reach the server.

Every page's content after the first HTML (who is signed in, their lists, the banner)
arrives over the websocket. When it cannot connect, Reflex's own answer is an English
toast naming the websocket URL, and the page below keeps its "not signed in" defaults,
so a signed-in person was told to sign in. This notice says what is happening in the
page's language and offers a reload.

Reflex's event queue does not run while the socket is down (``processEvent`` returns
early for a stateful app), so the retry button is a plain JavaScript handler, not an
``rx.run_script`` event: that would wait for the very connection that is missing.
"""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var, VarData
from reflex.vars.function import FunctionStringVar
from reflex_components_core.core.banner import connect_error_var_data

from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale

# How long a load or a navigation may take before "connection lost" is said: the first
# connect and hydration normally take well under a second; saying it at once would
# flash the notice on every slow page load.
GRACE_MS = 2000

_HYDRATED = rx.State.is_hydrated

# ``pcOnline``: the device is online, the socket has no failed attempt pending and the
# page's state is loaded. ``pcStalled`` turns true only after GRACE_MS without that, and
# the timer restarts at every change (a navigation sets is_hydrated to false until its
# on_load ran). The browser's offline event counts too: Reflex records a failed attempt
# only when a new connection errors, and one that a network drops after opening, before
# the handshake, hangs without an error. Effects do not run when the HTML is
# prerendered, so the first HTML never carries the notice.
_STALL_HOOKS = (
    "const [pcNetwork, setPcNetwork] = useState(true);",
    "useEffect(() => { const seen = () => setPcNetwork(navigator.onLine !== false); seen(); "
    "window.addEventListener('online', seen); window.addEventListener('offline', seen); "
    "return () => { window.removeEventListener('online', seen); window.removeEventListener('offline', seen); }; }, []);",
    f"const pcOnline = pcNetwork && Boolean({_HYDRATED!s}) && connectErrors.length === 0;",
    "const [pcStalled, setPcStalled] = useState(false);",
    "useEffect(() => { if (pcOnline) { setPcStalled(false); return undefined; } "
    f"const t = window.setTimeout(() => setPcStalled(true), {GRACE_MS}); "
    "return () => window.clearTimeout(t); }, [pcOnline]);",
)

connection_stalled: Var = Var(
    _js_expr="(pcStalled && !pcOnline)",
    _var_type=bool,
    _var_data=VarData.merge(
        _HYDRATED._get_all_var_data(),
        connect_error_var_data,
        VarData(imports={"react": ["useEffect", "useState"]}, hooks=dict.fromkeys(_STALL_HOOKS)),
    ),
)
"""True while the page has gone GRACE_MS without a connected, hydrated state."""

_RELOAD: Var = FunctionStringVar.create("(() => window.location.reload())")

# Where rx.App keeps its default overlay: Reflex's connection toast ("Cannot connect to
# server: ... Check if server is reachable at ws://...", in English) and a pulsing
# wifi-off icon. Our notice says the same in the page's language.
REFLEX_OVERLAY_WRAP = (5, "Overlay")


def drop_reflex_connection_overlay(app: rx.App) -> None:
    """Remove Reflex's English connection toast and pulser; ``connection_notice`` replaces them.

    Raises ``LookupError`` if Reflex no longer has the overlay under that key, so an
    upgrade that moves it fails at start-up instead of bringing the English toast back.
    """
    if REFLEX_OVERLAY_WRAP not in app.app_wraps:
        msg = f"rx.App has no app wrap {REFLEX_OVERLAY_WRAP}: see how this Reflex adds its connection toast"
        raise LookupError(msg)
    del app.app_wraps[REFLEX_OVERLAY_WRAP]


def connection_notice(locale: UiLocale) -> rx.Component:
    """A status line fixed to the bottom of the screen, so its arrival moves nothing."""
    _ = gettext_for(locale)
    return rx.el.div(
        rx.cond(
            connection_stalled,
            rx.el.div(
                rx.el.p(_("Connection lost, retrying…"), class_name="connection-notice-text"),
                rx.el.button(_("Retry"), type="button", class_name="button", on_click=_RELOAD),
                class_name="connection-notice",
                id="connection-notice",
            ),
        ),
        # The live region is always there, so screen readers announce what appears in it.
        role="status",
        class_name="connection-region",
    )
