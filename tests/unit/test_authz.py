"""The one authorization decision: self today; the other slots say no until their issues."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from privacy_center.authz import Capability, ForbiddenError, Viewer, act_for, is_fresh, may
from privacy_center.models import Role

NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
USER = Viewer(
    user_id=7,
    display_name="A",
    role=Role.USER.value,
    auth_time=NOW - dt.timedelta(minutes=10),
    session_id=1,
    preferred_locale=None,
)
PERSONAL = [c for c in Capability if c is not Capability.OPERATE]


@pytest.mark.parametrize("capability", PERSONAL)
def test_a_person_may_do_everything_personal_with_their_own_data(capability: Capability) -> None:
    assert may(USER, 7, capability, NOW)
    subject = act_for(USER, 7, capability, NOW)
    assert subject.is_self
    assert subject.actor is USER


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("capability", PERSONAL)
def test_nobody_acts_for_someone_else_yet(role: Role, capability: Capability) -> None:
    """Agents, guardians and operators acting for others are slots that say no until their issues."""
    viewer = replace(USER, role=role.value)
    assert not may(viewer, 8, capability, NOW)
    with pytest.raises(ForbiddenError):
        act_for(viewer, 8, capability, NOW)


def test_only_an_operator_operates() -> None:
    assert not may(USER, 7, Capability.OPERATE, NOW)
    assert not may(replace(USER, role=Role.AGENT.value), 7, Capability.OPERATE, NOW)
    operator = replace(USER, role=Role.OPERATOR.value)
    assert may(operator, 7, Capability.OPERATE, NOW)
    assert not may(operator, 8, Capability.OPERATE, NOW)
    with pytest.raises(ForbiddenError):
        act_for(USER, 7, Capability.OPERATE, NOW)


def test_fresh_means_signed_in_within_the_limit() -> None:
    assert is_fresh(USER, NOW, max_age_seconds=600)
    assert not is_fresh(USER, NOW, max_age_seconds=599)
    assert not is_fresh(USER, NOW), "no limit given: never fresh (fails closed)"
