"""What a host app says about the device's permissions, read strictly (``docs/host-app-bridge.md``).

A phone app that opens the settings page in a webview knows what the phone decided for
location, camera and the rest; the center does not. It tells the page, either in the
address (``?permissions=location:granted,camera:denied``) or with ``postMessage`` from an
allowed origin. Both arrive here as the same short text. Only permissions of the
catalogue's device group and the three states below are accepted; anything else refuses
the whole report (a host that sends something unknown should hear about it, not have
half its report shown). A report lives in the page's state only: it is the device's
state, not something the person told the center, so it is never stored.
"""

from __future__ import annotations

from enum import StrEnum

from privacy_center.content.settings_catalogue import CatalogueFile, SettingKind
from privacy_center.errors import DomainError, Gettext

# Keys of the catalogue's system settings start with this; the report names the rest.
DEVICE_PREFIX = "device."
# A report names each permission once: a handful of short words, never a long text.
MAX_REPORT_LENGTH = 400


class PermissionState(StrEnum):
    """What the phone decided, as the host app reports it."""

    GRANTED = "granted"
    DENIED = "denied"
    NOT_ASKED = "not_asked"  # the app never asked: the phone will ask the first time


class HostReportError(DomainError):
    """The host app's report names a permission or a state the page does not know."""

    status_code = 422

    @staticmethod
    def describe(_: Gettext) -> str:
        """Shown above the device permissions, which then say how to check them on the phone."""
        return _(
            "The app reported the phone's permissions in a form this page does not understand, "
            "so they are not shown. Check them in your phone's settings."
        )


def device_permissions(catalogue: CatalogueFile) -> tuple[str, ...]:
    """The permission names a report may use: the catalogue's system settings, without the prefix."""
    return tuple(
        setting.key.removeprefix(DEVICE_PREFIX)
        for setting in catalogue.settings()
        if setting.kind is SettingKind.SYSTEM and setting.key.startswith(DEVICE_PREFIX)
    )


def parse_report(report: object, catalogue: CatalogueFile) -> dict[str, str]:
    """``location:granted,camera:denied`` -> ``{"device.location": "granted", ...}``; :class:`HostReportError` otherwise.

    Any client can send anything: the text must be a string, short, each item a known
    permission with a known state, no permission twice. An empty report is refused too
    (a host with nothing to say sends nothing).
    """
    if not isinstance(report, str) or not report.strip() or len(report) > MAX_REPORT_LENGTH:
        raise HostReportError()
    known = set(device_permissions(catalogue))
    states = {state.value for state in PermissionState}
    parsed: dict[str, str] = {}
    for item in report.split(","):
        name, sep, state = item.strip().partition(":")
        key = DEVICE_PREFIX + name.strip()
        if not sep or name.strip() not in known or state.strip() not in states or key in parsed:
            raise HostReportError()
        parsed[key] = state.strip()
    return parsed


def origin_allowed(origin: object, allowed: tuple[str, ...]) -> bool:
    """Whether a ``postMessage`` came from the center itself or a host app of ``PC_HOST_APP_ORIGINS``.

    The center's own origin counts: a native app injects its message into the page, so
    the browser reports the page's origin. Compared exactly, as the browser writes it.
    """
    return isinstance(origin, str) and origin in allowed
