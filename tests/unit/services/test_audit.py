"""What an access-history entry may carry, and that its hash covers every stored field."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlmodel import Session

from privacy_center.services.audit import AuditAction, first_break, record
from tests.unit.factories import make_person

NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "details",
    [{"password": "x"}, {"access_token": "x"}, {"Session_Cookie": "x"}, {"app": {"nested": "x"}}, {"n": 1.5}],
)
def test_secrets_and_values_that_would_not_hash_the_same_are_refused(db_session: Session, details: dict) -> None:
    person = make_person(db_session, "ada")
    with pytest.raises(ValueError, match="audit detail"):
        record(db_session, action=AuditAction.SIGNED_IN, subject_user_id=person.id or 0, actor_user_id=None,
               details=details, now=NOW)  # fmt: skip


def test_every_stored_field_is_under_the_hash(db_session: Session) -> None:
    person, other = make_person(db_session, "ada"), make_person(db_session, "bob")
    entry = record(
        db_session, action=AuditAction.LOCALE_SAVED, subject_user_id=person.id or 0, actor_user_id=person.id,
        details={"locale": "en"}, client="web", now=NOW,
    )  # fmt: skip
    db_session.commit()
    changes = {
        "action": AuditAction.SIGNED_OUT.value,
        "subject_user_id": other.id,
        "actor_user_id": other.id,
        "on_behalf_of_user_id": other.id,
        "details": {"locale": "zh_CN"},
        "client": "agent console",
        "created_at": NOW + dt.timedelta(microseconds=1),
        "prev_hash": hashlib.sha256(b"another chain").hexdigest(),
    }
    for field, value in changes.items():
        original = getattr(entry, field)
        setattr(entry, field, value)  # in memory only: the database would refuse the UPDATE
        broken = _fails_verification(db_session)
        assert broken, f"{field} is not covered by the hash"
        setattr(entry, field, original)
    assert first_break(db_session) is None


def _fails_verification(session: Session) -> bool:
    """Whether verification fails with the entries as they are now in the session (not flushed)."""
    with session.no_autoflush:
        return first_break(session) is not None
