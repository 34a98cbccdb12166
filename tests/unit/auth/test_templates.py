"""The server-rendered pages come from autoescaped templates, in the reader's language."""

from __future__ import annotations

import pytest

from privacy_center.auth.html import error_page, render
from privacy_center.i18n.locales import KNOWN_LOCALES, UiLocale, by_code

HOSTILE = '<script>alert("x")</script>'


@pytest.mark.parametrize("locale", KNOWN_LOCALES, ids=lambda locale: locale.code)
def test_every_value_a_template_receives_is_escaped(locale: UiLocale) -> None:
    response = render(
        locale, "sign_in.html", title=HOSTILE, client_name=HOSTILE, error=HOSTILE,
        hidden={"state": HOSTILE}, csrf=HOSTILE, login=HOSTILE,
    )  # fmt: skip
    html = response.body.decode()
    assert "<script>" not in html
    # <title>, <h1>, the app, the error, the hidden field, the CSRF value, the login: each escaped.
    assert html.count("&lt;script&gt;") == 7
    assert f'<html lang="{locale.tag}">' in html


def test_pages_speak_the_readers_language_and_refuse_framing() -> None:
    english = error_page(by_code("en"), "Stop", "No.", status_code=400)
    chinese = error_page(by_code("zh_CN"), "停", "不。", status_code=400)
    # The platform's pages: its name in the header, not the center's.
    assert '<span class="auth-platform">Lattice</span>' in english.body.decode()
    assert '<span class="auth-platform">格子</span>' in chinese.body.decode()
    assert '<p class="error" role="alert">' in chinese.body.decode()
    assert "<span>不。</span></p>" in chinese.body.decode()
    for response in (english, chinese):
        assert response.status_code == 400
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["content-security-policy"] == "frame-ancestors 'none'"
        assert response.headers["cache-control"] == "no-store"
