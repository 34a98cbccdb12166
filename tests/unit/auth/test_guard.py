"""The guard: the session cookie read from a raw Cookie header (decisions live in authz)."""

from __future__ import annotations

import pytest

from privacy_center.auth.guard import cookie_value


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
