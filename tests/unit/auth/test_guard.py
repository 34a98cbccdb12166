"""The guard: cookie parsing, roles, freshness, and acting only for oneself (for now)."""

from __future__ import annotations

import datetime as dt

import pytest

from privacy_center.auth.guard import (
    ForbiddenError,
    ReauthRequiredError,
    Viewer,
    act_for,
    cookie_value,
    require_fresh_auth,
    require_role,
)
from privacy_center.models import Role

NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
VIEWER = Viewer(
    user_id=7,
    display_name="A",
    role="user",
    auth_time=NOW - dt.timedelta(minutes=10),
    session_id=1,
    preferred_locale=None,
)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("pc_session=abc; pc_locale=en", "abc"),
        ("pc_locale=en", None),
        (None, None),
        ('pc_session="x; bad', None),
        ("", None),
    ],
)
def test_cookie_value(header: str | None, expected: str | None) -> None:
    assert cookie_value(header) == expected


def test_roles_and_freshness() -> None:
    assert require_role(VIEWER, Role.USER) is VIEWER
    with pytest.raises(ForbiddenError):
        require_role(VIEWER, Role.AGENT, Role.OPERATOR)
    assert require_fresh_auth(VIEWER, now=NOW, max_age=900) is VIEWER
    with pytest.raises(ReauthRequiredError):
        require_fresh_auth(VIEWER, now=NOW, max_age=300)


def test_act_for_self_only() -> None:
    assert act_for(VIEWER, 7).is_self
    with pytest.raises(ForbiddenError):
        act_for(VIEWER, 8)
