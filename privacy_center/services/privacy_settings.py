"""A person's privacy settings: read them, change one without losing another tab's change, honour GPC.

Values are the catalogue's defaults until changed. Every change names the version it was
made against: a writer that saw an older version is refused with the current value
(:class:`StaleSettingError`), so two tabs or devices never overwrite each other silently.
Every change, the person's or their browser's Global Privacy Control signal's, goes to the
access history with the old and new value and the client.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, col, select

from privacy_center.authz import Subject
from privacy_center.content.settings_catalogue import CatalogueFile, Setting
from privacy_center.db import savepoint
from privacy_center.errors import DomainError, Gettext
from privacy_center.models.audit import AuditAction
from privacy_center.models.privacy_settings import PrivacySetting, SettingSource
from privacy_center.services import audit


class UnknownSettingError(DomainError):
    """A setting the catalogue does not have, or one the center cannot change."""

    status_code = 404

    @staticmethod
    def describe(_: Gettext) -> str:
        """Shown on the settings page, or as an HTTP route's error."""
        return _("There is no such setting. Nothing was changed.")


class InvalidSettingValueError(DomainError):
    """A value the setting cannot take."""

    status_code = 422

    @staticmethod
    def describe(_: Gettext) -> str:
        """Shown beside the setting."""
        return _("That is not one of this setting's choices. Nothing was changed.")


class StaleSettingError(DomainError):
    """Someone changed the setting since this page showed it (another tab or device)."""

    status_code = 409

    def __init__(self, *, current: SettingValue) -> None:
        super().__init__()
        self.current = current

    @staticmethod
    def describe(_: Gettext) -> str:
        """Shown beside the setting, which now shows the current value."""
        return _(
            "This setting was changed in another window or on another device. "
            "Its current value is shown now; change it again if you still want to."
        )


@dataclass(frozen=True)
class SettingValue:
    """A setting's value in force for one person, and the version a change must name."""

    key: str
    value: str
    version: int  # 0: never changed (the default)
    source: str | None  # SettingSource, or None for the default
    updated_at: dt.datetime | None


def _default(setting: Setting) -> SettingValue:
    # The catalogue refuses a changeable setting without a default; "" never matches a value.
    return SettingValue(key=setting.key, value=setting.default or "", version=0, source=None, updated_at=None)


def _value(row: PrivacySetting) -> SettingValue:
    return SettingValue(key=row.key, value=row.value, version=row.version, source=row.source, updated_at=row.updated_at)


def _rows(session: Session, user_id: int) -> dict[str, PrivacySetting]:
    rows = session.exec(select(PrivacySetting).where(col(PrivacySetting.user_id) == user_id)).all()
    return {row.key: row for row in rows}


def _values(session: Session, user_id: int, catalogue: CatalogueFile) -> dict[str, SettingValue]:
    rows = _rows(session, user_id)
    return {
        setting.key: _value(rows[setting.key]) if setting.key in rows else _default(setting)
        for setting in catalogue.settings()
        if setting.changeable
    }


def settings_of(session: Session, *, subject: Subject, catalogue: CatalogueFile) -> dict[str, SettingValue]:
    """Every changeable setting's value in force, defaults included, in the catalogue's order.

    Rows for settings the catalogue no longer has are ignored, not shown or served.
    """
    return _values(session, subject.user_id, catalogue)


def settings_for_platform(session: Session, *, user_id: int, catalogue: CatalogueFile) -> dict[str, SettingValue]:
    """The same values, for the platform's services to obey (authenticated by the service token).

    No person acts here, so there is no :class:`Subject`; reading changes nothing and is not
    an entry of the access history (a service reads them at every request it serves).
    """
    return _values(session, user_id, catalogue)


def _changeable(catalogue: CatalogueFile, key: str) -> Setting:
    setting = catalogue.setting(key)
    if setting is None or not setting.changeable:
        raise UnknownSettingError()
    return setting


def _write(
    session: Session,
    *,
    subject: Subject,
    setting: Setting,
    current: SettingValue,
    value: str,
    source: SettingSource,
    overrides_gpc: bool,
    client: str,
    now: dt.datetime,
) -> SettingValue | None:
    """Move the setting from ``current`` to ``value``; None when another writer got there first.

    The first write inserts (a concurrent insert hits the primary key); later ones update
    only the row still at ``current.version`` (a concurrent update matches no row). Either
    way exactly one of two racing writers wins, on SQLite and on PostgreSQL.
    """
    values = {
        "value": value,
        "version": current.version + 1,
        "source": source.value,
        "overrides_gpc": overrides_gpc,
        "client": client,
        "updated_at": now,
    }
    if current.version == 0:
        try:
            with savepoint(session):
                session.execute(sa.insert(PrivacySetting).values(user_id=subject.user_id, key=setting.key, **values))
        except sa.exc.IntegrityError:
            return None
    else:
        changed = session.execute(
            sa.update(PrivacySetting)
            .where(
                col(PrivacySetting.user_id) == subject.user_id,
                col(PrivacySetting.key) == setting.key,
                col(PrivacySetting.version) == current.version,
            )
            .values(**values)
        )
        if changed.rowcount != 1:  # type: ignore[attr-defined]
            return None
    audit.record(
        session,
        action=AuditAction.SETTING_CHANGED,
        subject_user_id=subject.user_id,
        actor_user_id=subject.actor.user_id,
        on_behalf_of_user_id=None if subject.is_self else subject.user_id,
        details={"setting": setting.key, "old": current.value, "new": value, "by": source.value},
        client=client,
        now=now,
    )
    return SettingValue(key=setting.key, value=value, version=current.version + 1, source=source, updated_at=now)


def _current(session: Session, subject: Subject, setting: Setting) -> SettingValue:
    # populate_existing: one query that also sees what another transaction committed since.
    row = session.get(PrivacySetting, (subject.user_id, setting.key), populate_existing=True)
    return _value(row) if row is not None else _default(setting)


def change(
    session: Session,
    *,
    subject: Subject,
    catalogue: CatalogueFile,
    key: str,
    value: str,
    expected_version: int,
    client: str,
    now: dt.datetime,
    gpc: bool = False,
) -> SettingValue:
    """Set ``key`` to ``value`` for the person, if nobody changed it since ``expected_version``.

    Setting the value it already has changes nothing and records nothing, whatever the
    version. ``gpc``: the
    request carried ``Sec-GPC: 1``; a person who chooses, against that signal, a value other
    than the signal's keeps it (the signal is not re-applied over an explicit choice).
    """
    setting = _changeable(catalogue, key)
    if value not in setting.values:
        raise InvalidSettingValueError()
    current = _current(session, subject, setting)
    if current.value == value:  # already so (perhaps another tab did the same): nothing to do
        return current
    if current.version != expected_version:
        raise StaleSettingError(current=current)
    overrides = gpc and setting.gpc is not None and value != setting.gpc
    written = _write(
        session,
        subject=subject,
        setting=setting,
        current=current,
        value=value,
        source=SettingSource.PERSON,
        overrides_gpc=overrides,
        client=client,
        now=now,
    )
    if written is None:
        raise StaleSettingError(current=_current(session, subject, setting))
    return written


def apply_gpc(
    session: Session, *, subject: Subject, catalogue: CatalogueFile, client: str, now: dt.datetime
) -> list[SettingValue]:
    """Honour a ``Sec-GPC: 1`` request: opt the person out of what the signal governs.

    Sets each setting with a ``gpc`` value to it, unless it already has it or the person
    chose otherwise while sending the signal. Recorded as the browser's doing, not the
    person's. Returns the settings changed (empty when the signal was already honoured).
    """
    changed: list[SettingValue] = []
    for setting in catalogue.settings():
        if setting.gpc is None:
            continue
        row = session.get(PrivacySetting, (subject.user_id, setting.key))
        current = _value(row) if row is not None else _default(setting)
        if current.value == setting.gpc or (row is not None and row.overrides_gpc):
            continue
        written = _write(
            session,
            subject=subject,
            setting=setting,
            current=current,
            value=setting.gpc,
            source=SettingSource.GPC,
            overrides_gpc=False,
            client=client,
            now=now,
        )
        if written is not None:  # a concurrent writer won: its value stands, GPC is re-applied next time
            changed.append(written)
    return changed


def honours_gpc(values: dict[str, SettingValue], catalogue: CatalogueFile) -> bool:
    """Whether every setting the signal governs is at its GPC value (what the page says)."""
    return all(
        values[setting.key].value == setting.gpc
        for setting in catalogue.settings()
        if setting.gpc is not None and setting.key in values
    )
