"""``/settings``: the person's privacy settings, from the settings catalogue, changed at once.

Each catalogue group is a row group: a toggle is a :func:`switch`, a choice a row that
opens its options (a bottom sheet on a phone), a device permission a row with what the
host app reported, or how to change it on the phone. Every change is saved at once and
its outcome told in a status line docked at the bottom of the screen (it moves nothing).
The state and its rules are in :mod:`privacy_center.pages.settings_state`; the host
app's report in :mod:`privacy_center.pages.settings_host` (``docs/host-app-bridge.md``).
"""

from __future__ import annotations

import json

import reflex as rx

from privacy_center.components.controls import signed_in_only
from privacy_center.components.feedback import badge, notice
from privacy_center.components.icons import icon
from privacy_center.components.layout import back_link, page_shell
from privacy_center.components.overlays import menu
from privacy_center.components.rows import row, row_group
from privacy_center.components.switch import switch
from privacy_center.content.settings_catalogue import Group, Setting, SettingKind, get_catalogue
from privacy_center.i18n.catalogs import gettext_for
from privacy_center.i18n.locales import UiLocale
from privacy_center.pages.registry import BuiltPage, PageSpec
from privacy_center.pages.settings_host import PermissionState
from privacy_center.pages.settings_state import SettingsState

PATH = "/settings"
BRIDGE_BUTTON = "settings-host-bridge"
GPC_BUTTON = "settings-gpc-bridge"
MESSAGE_TYPE = "privacy-center:permissions"
READY_TYPE = "privacy-center:settings-ready"

# Installed once per document when the page mounts: a host app's postMessage is relayed
# to the server (which checks its origin and content) through a hidden button, since a
# compiled script cannot call a Reflex event directly. The report is flattened to the
# query parameter's form, so one parser reads both. The parent frame (a web host app)
# is told the page is ready to listen; the message says nothing else. And the browser's
# Global Privacy Control, when its DOM signal is on, is reported the same way (not every
# browser sends Sec-GPC on the websocket's handshake, where the state reads headers).
_BRIDGE = (
    "(()=>{if(!window.__pcHostBridge){window.__pcHostBridge=true;"
    "window.addEventListener('message',(e)=>{const d=e.data;"
    f"if(!d||typeof d!=='object'||d.type!=={json.dumps(MESSAGE_TYPE)}||!d.permissions||typeof d.permissions!=='object'){{return}}"
    "const parts=Object.entries(d.permissions).map(([k,v])=>String(k)+':'+String(v));"
    "window.__pcHostReport={origin:String(e.origin),permissions:parts.join(',').slice(0,1000)};"
    f"const b=document.getElementById({json.dumps(BRIDGE_BUTTON)});if(b){{b.click()}}}})}}"
    f"if(window.parent!==window){{window.parent.postMessage({{type:{json.dumps(READY_TYPE)}}},'*')}}"
    f"if(navigator.globalPrivacyControl===true){{const g=document.getElementById({json.dumps(GPC_BUTTON)});if(g){{g.click()}}}}}})()"
)
_REPORTED_ORIGIN: rx.Var[str] = rx.Var(_js_expr="((window.__pcHostReport||{}).origin||'')", _var_type=str)
_REPORTED_TEXT: rx.Var[str] = rx.Var(_js_expr="((window.__pcHostReport||{}).permissions||'')", _var_type=str)


def _element_id(key: str) -> str:
    return "setting-" + key.replace(".", "-")


def _toggle(setting: Setting) -> rx.Component:
    on = SettingsState.values[setting.key] == "on"
    return switch(
        setting.title,
        checked=on,
        on_change=SettingsState.change(setting.key, rx.cond(on, "off", "on")),
        name=_element_id(setting.key),
        description=setting.description,
    )


def _choice(locale: UiLocale, setting: Setting) -> rx.Component:
    """A row showing the chosen option; it opens the options as radio buttons (a sheet on a phone)."""
    _ = gettext_for(locale)
    menu_id = _element_id(setting.key) + "-options"
    current = rx.match(
        SettingsState.values[setting.key], *((option.value, option.label) for option in setting.options), ""
    )
    close = rx.run_script(f"document.getElementById({json.dumps(menu_id)})?.hidePopover()")
    options = [
        rx.el.label(
            rx.el.input(
                type="radio",
                name=_element_id(setting.key),
                value=option.value,
                checked=SettingsState.values[setting.key] == option.value,
                on_change=[SettingsState.change(setting.key, option.value), close],
                class_name="choice-radio",
            ),
            rx.el.span(option.label, class_name="menu-item-text"),
            class_name="menu-item choice-option",
        )
        for option in setting.options
    ]
    trigger = rx.fragment(
        rx.el.span(setting.title, class_name="row-title", aria_hidden="true"),
        rx.el.span(current, class_name="row-value choice-value"),
        rx.el.span(icon("chevron-right"), class_name="row-chevron"),
        *([rx.el.span(setting.description, class_name="row-secondary")] if setting.description else []),
    )
    return rx.el.li(
        menu(label=setting.title, trigger=trigger, items=options, menu_id=menu_id, heading=setting.title,
             close_label=_("Close")),
        class_name="row-item setting-choice",
        id=_element_id(setting.key),
    )  # fmt: skip


def _permission(locale: UiLocale, setting: Setting) -> rx.Component:
    """A device permission: the host app's word for it when it sent one, and always where to change it."""
    _ = gettext_for(locale)
    reported = SettingsState.device[setting.key]
    state = rx.match(
        reported,
        (PermissionState.GRANTED.value, badge(_("Permitted"), tone="success")),
        (PermissionState.DENIED.value, badge(_("Denied"), tone="neutral")),
        (PermissionState.NOT_ASKED.value, badge(_("Not asked yet"), tone="neutral")),
        rx.fragment(),
    )
    return row(setting.title, secondary=setting.description, value=state, id=_element_id(setting.key))


def _group(locale: UiLocale, group: Group) -> rx.Component:
    rows = []
    for setting in group.settings:
        if setting.kind is SettingKind.TOGGLE:
            rows.append(_toggle(setting))
        elif setting.kind is SettingKind.CHOICE:
            rows.append(_choice(locale, setting))
        else:
            rows.append(_permission(locale, setting))
    return row_group(*rows, title=group.title, footer=group.description, id=f"settings-{group.key}")


def _gpc_notices(locale: UiLocale) -> rx.Component:
    """What the browser's Global Privacy Control signal did; in the page from the start, shown when it applies."""
    _ = gettext_for(locale)
    state = SettingsState
    return rx.fragment(
        notice(
            rx.el.p(_("Your browser's Global Privacy Control signal turned off personalized ads and sharing "
                      "with advertising partners. You can still change them here.")),
            tone="success",
            role="status",
            id="settings-gpc",
            hidden=~(state.signed_in & state.gpc_signal & state.gpc_honoured),
        ),
        notice(
            rx.el.p(_("Your browser sends the Global Privacy Control signal, and you turned some advertising "
                      "back on here. Your choice stands; the signal does not undo it.")),
            tone="info",
            role="status",
            id="settings-gpc-overridden",
            hidden=~(state.signed_in & state.gpc_signal & ~state.gpc_honoured),
        ),
    )  # fmt: skip


def _status(locale: UiLocale) -> rx.Component:
    """The last change's outcome, docked at the bottom of the screen: seen wherever the row was, moving nothing."""
    _ = gettext_for(locale)
    state = SettingsState

    def one(tone: str, role: str) -> rx.Component:
        return notice(
            rx.el.p(state.status_text, class_name="settings-status-text"),
            tone=tone,
            title=state.status_title,
            role=role,
            compact=True,
            actions=[rx.el.button(_("Close"), type="button", class_name="button", on_click=state.dismiss_status)],
            id=f"settings-status-{tone}",
            hidden=state.status_tone != tone,
        )

    return rx.el.div(
        one("success", "status"), one("warning", "alert"), one("danger", "alert"), class_name="settings-dock"
    )


def build(locale: UiLocale) -> BuiltPage:
    """The catalogue's groups in its order, for the signed-in person; a sign-in prompt otherwise."""
    _ = gettext_for(locale)
    catalogue = get_catalogue().for_locale(locale)
    groups = rx.el.div(*(_group(locale, group) for group in catalogue.groups), class_name="settings-groups")
    host_problem = notice(
        rx.el.p(SettingsState.host_problem),
        tone="warning",
        role="status",
        id="settings-host-problem",
        hidden=SettingsState.host_problem == "",
    )
    bridge = rx.el.button(
        _("Show the permissions the app reported"),
        type="button",
        id=BRIDGE_BUTTON,
        hidden=True,
        on_click=SettingsState.host_report(_REPORTED_ORIGIN, _REPORTED_TEXT),
    )
    gpc_bridge = rx.el.button(
        _("Honour my browser's Global Privacy Control signal"),
        type="button",
        id=GPC_BUTTON,
        hidden=True,
        on_click=SettingsState.browser_signal,
    )
    component = page_shell(
        locale,
        PATH,
        rx.el.h1(_("Privacy settings")),
        rx.el.p(_("Choose how your information is used. Each change is saved at once."), class_name="lead"),
        _gpc_notices(locale),
        host_problem,
        signed_in_only(
            locale,
            PATH,
            signed_in=SettingsState.signed_in,
            loaded=SettingsState.loaded,
            body=groups,
            prompt=_("Sign in to see and change your privacy settings."),
        ),
        rx.el.div(bridge, gpc_bridge, on_mount=rx.run_script(_BRIDGE), class_name="settings-bridge"),
        _status(locale),
        back=back_link(locale),
    )
    return BuiltPage(
        component=component,
        title=_("Privacy settings"),
        description=_("Choose how your information is used. Each change is saved at once."),
    )


PAGE = PageSpec(path=PATH, build=build, on_load=SettingsState.load)
