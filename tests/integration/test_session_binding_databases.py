"""Page state bound to its sign-in session, on SQLite and PostgreSQL.

The binding asks the database which session is behind a cookie before every event;
an ended session must count as nobody on both databases.
"""

from __future__ import annotations

import pytest

from privacy_center.db import session_scope
from privacy_center.models.base import utcnow
from privacy_center.services import sessions
from tests.unit.test_session_binding import alices_data_in, alices_tab, before_an_event, connect, people_in


def test_another_session_or_an_ended_one_finds_the_state_cleared(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with people_in(database_url, monkeypatch) as people:
        root = alices_tab(people)
        connect(root, people.alice)
        before_an_event(root)
        assert alices_data_in(root)  # her own reconnect keeps her page
        connect(root, people.grace)
        before_an_event(root)
        assert not alices_data_in(root)

        root = alices_tab(people)
        with session_scope() as session:
            sessions.end(session=session, token=people.alice_token, now=utcnow())
        before_an_event(root)
        assert not alices_data_in(root)
