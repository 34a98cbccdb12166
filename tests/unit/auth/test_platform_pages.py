"""The sign-in, consent and sign-out pages belong to the platform (issue 10, item 10).

Its name and logo from the settings in both languages, a language switch that keeps the
whole request and decides nothing, a way back to the app's own origin, the primary
button marked primary, the lockout time in the reader's zone.
"""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from starlette.testclient import TestClient

from privacy_center.db import session_scope
from privacy_center.i18n.negotiation import LOCALE_COOKIE
from privacy_center.services.apps import register_app
from privacy_center.services.center_client import callback_url
from privacy_center.settings import get_settings
from tests.unit.auth.conftest import (
    APP_REDIRECT,
    code_params,
    hidden_of,
    make_app,
    pkce,
    query_of,
)

OTHER_ORIGIN_REDIRECT = "https://m.readwell.example/oauth/done"


def _language_links(page: str) -> dict[str, str]:
    """hreflang -> href of the header's language switch."""
    nav = page.split('<nav class="auth-languages"', 1)[1].split("</nav>", 1)[0]
    return {tag: html.unescape(href) for href, tag in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', nav)}


def _back_link(page: str) -> tuple[str, str] | None:
    found = re.search(r'<a class="auth-back" href="([^"]+)">.*?<span>([^<]+)</span></a>', page)
    return (html.unescape(found.group(1)), found.group(2)) if found else None


def _visible_text(page: str) -> str:
    """The words a reader sees: no tags, no attribute values (hidden fields, hrefs)."""
    body = page.split("<body", 1)[1].split(">", 1)[1]
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    return title + " " + re.sub(r"<[^>]+>", " ", body)


def _pkce_request(client_id: str) -> dict[str, str]:
    return code_params(client_id, code_challenge=pkce()[1], code_challenge_method="S256", state="st-42", nonce="n-42")


def test_the_platform_s_name_and_logo_in_both_languages(provider: TestClient) -> None:
    app = make_app()
    english = provider.get("/oauth/authorize", params=code_params(app.client_id)).text
    chinese = provider.get("/oauth/authorize", params=code_params(app.client_id, ui_locales="zh-CN")).text
    for page, name in ((english, "Lattice"), (chinese, "格子")):
        assert f'<span class="auth-platform">{name}</span>' in page
        assert '<img class="auth-logo" src="/platform-logo.svg" alt=""' in page
        assert f"<title>{'Sign in' if name == 'Lattice' else '登录'} – {name}</title>" in page
    assert "Sign in with your Lattice account to continue to Readwell." in english
    assert "使用格子账号登录，以继续使用Readwell。" in chinese
    for english_word in ("Lattice", "Privacy Center"):
        assert english_word not in _visible_text(chinese)


def test_the_center_itself_is_named_in_the_reader_s_language(provider: TestClient) -> None:
    params = {
        "response_type": "code", "client_id": get_settings().oidc_client_id, "redirect_uri": callback_url(),
        "scope": "openid", "state": "s", "nonce": "n", "ui_locales": "zh-CN",
    }  # fmt: skip
    page = provider.get("/oauth/authorize", params=params).text
    assert "使用格子账号登录，以继续使用隐私中心。" in page
    assert _back_link(page) == (f"{get_settings().public_origin}/", "返回隐私中心")
    assert "Privacy Center" not in _visible_text(page)


def test_an_operator_s_platform_replaces_the_demo_s(provider: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PC_PLATFORM_NAME", "Acme Social")
    monkeypatch.setenv("PC_PLATFORM_LOGO_URL", "https://cdn.acme.example/logo.svg")
    get_settings.cache_clear()
    app = make_app()
    english = provider.get("/oauth/authorize", params=code_params(app.client_id)).text
    chinese = provider.get("/oauth/authorize", params=code_params(app.client_id, ui_locales="zh-CN")).text
    # No Chinese name set: the brand as given, never the demo's 格子.
    assert "使用Acme Social账号登录" in chinese
    assert "Sign in with your Acme Social account" in english
    assert '<img class="auth-logo" src="https://cdn.acme.example/logo.svg"' in english
    monkeypatch.setenv("PC_PLATFORM_NAME_ZH_CN", "艾克米")
    get_settings.cache_clear()
    chinese = provider.get("/oauth/authorize", params=code_params(app.client_id, ui_locales="zh-CN")).text
    assert '<span class="auth-platform">艾克米</span>' in chinese
    assert "Acme" not in _visible_text(chinese)


def test_the_language_switch_keeps_the_whole_request(provider: TestClient) -> None:
    app = make_app(public=True)
    request = _pkce_request(app.client_id)
    page = provider.get("/oauth/authorize", params=request).text
    links = _language_links(page)
    assert set(links) == {"en", "zh-CN"}
    assert 'aria-current="page">English</a>' in page
    for tag, href in links.items():
        parts = urlsplit(href)
        assert parts.path == "/oauth/authorize"
        assert dict(parse_qsl(parts.query)) == {**request, "lang": tag}  # state, nonce and PKCE included
    switched = provider.get(links["zh-CN"])
    assert switched.status_code == 200
    assert '<html lang="zh-CN">' in switched.text
    assert 'aria-current="page">简体中文</a>' in switched.text
    carried = hidden_of(switched.text)
    assert {k: carried[k] for k in request} == request
    assert carried["lang"] == "zh-CN"  # the next page stays in the language picked


def test_the_page_s_own_choice_outranks_the_saved_one(provider: TestClient) -> None:
    app = make_app()
    provider.cookies.set(LOCALE_COOKIE, "en")
    page = provider.get("/oauth/authorize", params=code_params(app.client_id, lang="zh-CN")).text
    assert '<html lang="zh-CN">' in page
    # The app's ui_locales is only a wish: the reader's saved choice outranks it.
    page = provider.get("/oauth/authorize", params=code_params(app.client_id, ui_locales="zh-CN")).text
    assert '<html lang="en">' in page


def test_switching_language_mid_sign_in_completes_the_sign_in(provider: TestClient) -> None:
    app = make_app(public=True)
    request = _pkce_request(app.client_id)
    first = provider.get("/oauth/authorize", params=request)
    switched = provider.get(_language_links(first.text)["zh-CN"])
    form = {**hidden_of(switched.text), "login": "alice", "password": "correct horse"}
    consent = provider.post("/oauth/authorize", data=form)
    assert consent.status_code == 200
    assert '<html lang="zh-CN">' in consent.text
    assert "请求使用你的格子账号" in consent.text
    # Switching back on the consent screen shows it again and grants nothing.
    again = provider.get(_language_links(consent.text)["en"])
    assert again.status_code == 200
    assert "asks to use your Lattice account" in again.text
    decided = provider.post("/oauth/authorize", data={**hidden_of(again.text), "decision": "allow"})
    assert decided.status_code == 302
    answer = query_of(decided.headers["location"])
    assert decided.headers["location"].startswith(APP_REDIRECT)
    assert answer["state"] == "st-42"
    assert "code" in answer


def test_a_link_with_a_decision_in_it_decides_nothing(provider: TestClient) -> None:
    app = make_app()
    provider.post(
        "/oauth/authorize",
        data={**hidden_of(provider.get("/oauth/authorize", params=code_params(app.client_id)).text),
              "login": "alice", "password": "correct horse"},
    )  # fmt: skip
    crafted = code_params(app.client_id, action="consent", decision="allow", lang="zh-CN")
    response = provider.get("/oauth/authorize", params=crafted)
    assert response.status_code == 200
    assert 'value="consent"' in response.text  # still asked
    assert "location" not in response.headers


def test_deny_sends_the_app_access_denied(provider: TestClient) -> None:
    app = make_app()
    form = {
        **hidden_of(provider.get("/oauth/authorize", params=code_params(app.client_id)).text),
        "login": "alice", "password": "correct horse",
    }  # fmt: skip
    consent = provider.post("/oauth/authorize", data=form)
    assert _back_link(consent.text) is None  # leaving goes through Deny, so the app hears of it
    denied = provider.post("/oauth/authorize", data={**hidden_of(consent.text), "decision": "deny"})
    assert denied.status_code == 302
    answer = query_of(denied.headers["location"])
    assert (answer["error"], answer["state"]) == ("access_denied", "st-1")
    assert "code" not in answer


def test_the_way_back_goes_to_the_app_s_registered_origin(provider: TestClient) -> None:
    with session_scope() as session:
        client, _secret = register_app(
            session=session, name="Readwell", developer="Readwell Ltd",
            redirect_uris=[APP_REDIRECT, OTHER_ORIGIN_REDIRECT], scopes=["openid"],
        )  # fmt: skip
        client_id = client.client_id
    page = provider.get("/oauth/authorize", params=code_params(client_id, scope="openid")).text
    assert _back_link(page) == ("http://localhost:8765/", "Back to Readwell")
    other = provider.get(
        "/oauth/authorize", params=code_params(client_id, scope="openid", redirect_uri=OTHER_ORIGIN_REDIRECT)
    )
    assert _back_link(other.text) == ("https://m.readwell.example/", "Back to Readwell")
    # A redirect URI slipped into the form after it was shown is never where "back" leads.
    form = {**hidden_of(other.text), "redirect_uri": "https://evil.example/cb", "login": "alice", "password": "wrong"}
    refused = provider.post("/oauth/authorize", data=form)
    assert refused.status_code == 401
    assert _back_link(refused.text) == ("http://localhost:8765/", "Back to Readwell")
    assert "evil.example" not in refused.text.split("<main", 1)[1].split("<form", 1)[0]


def test_an_unregistered_redirect_gets_no_way_back(provider: TestClient) -> None:
    app = make_app()
    refused = provider.get("/oauth/authorize", params=code_params(app.client_id, redirect_uri="https://evil.example/"))
    assert refused.status_code == 400
    assert _back_link(refused.text) is None
    # The refusal can still be read in the other language, the same request kept.
    href = _language_links(refused.text)["zh-CN"]
    assert dict(parse_qsl(urlsplit(href).query))["redirect_uri"] == "https://evil.example/"
    assert '<html lang="zh-CN">' in provider.get(href).text


def test_each_page_s_main_button_is_the_primary_one(provider: TestClient) -> None:
    app = make_app()
    sign_in = provider.get("/oauth/authorize", params=code_params(app.client_id)).text
    assert '<button class="button primary" type="submit">Sign in</button>' in sign_in
    consent = provider.post(
        "/oauth/authorize", data={**hidden_of(sign_in), "login": "alice", "password": "correct horse"}
    ).text
    assert '<button class="button primary" type="submit" name="decision" value="allow">Allow</button>' in consent
    assert '<button class="button" type="submit" name="decision" value="deny">Deny</button>' in consent
    sign_out = provider.get("/oauth/logout", params={"next": "/zh-cn/", "lang": "zh-CN"}).text
    assert '<button class="button primary" type="submit">在此浏览器中退出</button>' in sign_out


def test_the_sign_out_page_switches_language_and_leads_back(provider: TestClient) -> None:
    page = provider.get("/oauth/logout", params={"next": "/en/collected/"}).text
    assert "<h1>Sign out of Lattice</h1>" in page
    assert _back_link(page) == ("/en/collected/", "Back to Privacy Center")
    href = _language_links(page)["zh-CN"]
    assert dict(parse_qsl(urlsplit(href).query)) == {"next": "/en/collected/", "lang": "zh-CN"}
    chinese = provider.get(href).text
    assert "<h1>退出格子账号</h1>" in chinese
    assert _back_link(chinese) == ("/en/collected/", "返回隐私中心")
    # A next that leaves the site is never offered.
    assert _back_link(provider.get("/oauth/logout", params={"next": "//evil.example/"}).text) == (
        "/",
        "Back to Privacy Center",
    )


def _lock_out(provider: TestClient, client_id: str, zone: str | None) -> str:
    """Guess until the account is locked (the browser in ``zone``); the time the last page names."""
    provider.cookies.delete("pc_tz")
    if zone:
        provider.cookies.set("pc_tz", zone)
    text = ""
    for _attempt in range(6):
        form = provider.get("/oauth/authorize", params=code_params(client_id))
        fields = {**hidden_of(form.text), "login": "alice", "password": "guess"}
        text = provider.post("/oauth/authorize", data=fields).text
        if "Too many failed attempts" in text:
            break
    return re.search(r"Too many failed attempts\. Try again after ([^<]+)\.</span>", text).group(1)


def _hour_of(shown: str) -> int:
    hour, half = re.search(r"(\d{1,2}):\d\d\s*([AP]M)", shown).groups()
    return int(hour) % 12 + (12 if half == "PM" else 0)


def test_the_lockout_time_is_in_the_reader_s_zone_without_seconds(provider: TestClient) -> None:
    app = make_app()
    in_shanghai = _lock_out(provider, app.client_id, "Asia/Shanghai")
    unknown = _lock_out(provider, app.client_id, None)
    assert not re.search(r"\d:\d\d:\d\d", in_shanghai + unknown)  # to the minute
    assert unknown.endswith("UTC")  # said plainly when the zone is not known
    assert not in_shanghai.endswith("UTC")
    assert (_hour_of(in_shanghai) - _hour_of(unknown)) % 24 == 8


def test_an_unknown_icon_is_an_error_not_an_empty_box() -> None:
    from privacy_center.auth.html import icon

    assert 'aria-hidden="true"' in icon("globe")
    with pytest.raises(KeyError):
        icon("no-such-icon")
