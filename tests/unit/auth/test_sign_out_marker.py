"""After "Sign out everywhere" the page it returns to is told that it worked, and only then."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from starlette.testclient import TestClient

from privacy_center.auth.relying_party.routes import SIGNED_OUT_PARAM, _with_query
from privacy_center.state.session import SIGNED_OUT_EVERYWHERE
from privacy_center.state.session import SIGNED_OUT_PARAM as READ_BY_THE_PAGE
from tests.unit.auth.conftest import BASE
from tests.unit.auth.test_sign_in import sign_in


def test_the_route_writes_the_marker_the_page_reads() -> None:
    assert SIGNED_OUT_PARAM == READ_BY_THE_PAGE


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/en/", "/en/?signed_out=everywhere"),
        ("/en/guidelines/history/?from=1.0&to=2.0", "/en/guidelines/history/?from=1.0&to=2.0&signed_out=everywhere"),
        ("/zh-cn/collected/?signed_out=x#top", "/zh-cn/collected/?signed_out=everywhere#top"),
    ],
)
def test_the_marker_keeps_the_rest_of_the_address(path: str, expected: str) -> None:
    assert _with_query(path, SIGNED_OUT_PARAM, SIGNED_OUT_EVERYWHERE) == expected


def test_signing_out_everywhere_returns_with_the_marker(provider: TestClient) -> None:
    sign_in(provider)
    done = provider.post(
        "/auth/logout-everywhere",
        params={"next": "/zh-cn/guidelines/history/?from=1.0&to=2.0"},
        headers={"origin": BASE},
    )
    assert done.status_code == 303
    target = urlsplit(done.headers["location"])
    assert target.path == "/zh-cn/guidelines/history/"
    assert dict(parse_qsl(target.query)) == {"from": "1.0", "to": "2.0", SIGNED_OUT_PARAM: SIGNED_OUT_EVERYWHERE}


def test_no_marker_when_nothing_was_signed_out(provider: TestClient) -> None:
    done = provider.post("/auth/logout-everywhere", params={"next": "/en/"}, headers={"origin": BASE})
    assert done.status_code == 303
    assert done.headers["location"] == "/en/"


def test_signing_out_here_only_says_nothing_of_everywhere(provider: TestClient) -> None:
    sign_in(provider)
    done = provider.post("/auth/logout", params={"next": "/en/"}, headers={"origin": BASE})
    assert done.status_code == 303
    assert done.headers["location"] == "/en/"


def test_a_foreign_next_is_still_refused(provider: TestClient) -> None:
    sign_in(provider)
    done = provider.post("/auth/logout-everywhere", params={"next": "//evil.example/"}, headers={"origin": BASE})
    assert done.headers["location"] == f"/?{SIGNED_OUT_PARAM}={SIGNED_OUT_EVERYWHERE}"
