"""The early script is inline in every page's ``<head>`` and does its work before first paint.

The script itself runs in Node against a stand-in ``document``: the same JavaScript the
browser gets, checked for what it must do (webview mode, theme, ``lang``, the time-zone
cookie) without a browser. The end-to-end proof that it paints first is in
tests/e2e/test_phone_first.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from typing import Any

import pytest
from reflex.compiler.compiler import _compile_document_root
from reflex.compiler.utils import create_document_root

from privacy_center.components.document_head import EARLY_SCRIPT, TZ_COOKIE_MAX_AGE, head_components, html_lang

# A fake browser: location, storages and a cookie jar that records every write.
_HARNESS = r"""
const vm = require('node:vm');
const input = JSON.parse(process.argv[1]);
const store = (init) => { const m = {...init}; return {
  getItem: (k) => (k in m ? m[k] : null), setItem: (k, v) => { m[k] = String(v); }, dump: () => m }; };
const attrs = {};
const writes = [];
let jar = input.cookie;
const document = {
  documentElement: { lang: 'en', setAttribute: (k, v) => { attrs[k] = v; } },
  get cookie() { return jar; },
  set cookie(v) { writes.push(v); jar = v.split(';')[0]; },
};
const url = new URL(input.url);
const session = store(input.session === 'throw' ? {} : input.session || {});
const context = vm.createContext({
  document, location: { search: url.search, pathname: url.pathname, protocol: url.protocol },
  localStorage: store(input.local || {}), URLSearchParams, Intl,
});
// Some sandboxed webviews throw on any use of sessionStorage.
Object.defineProperty(context, 'sessionStorage', { get: () => {
  if (input.session === 'throw') { throw new Error('SecurityError'); } return session; } });
vm.runInContext(input.script, context);
console.log(JSON.stringify({ lang: document.documentElement.lang, attrs, writes, session: session.dump() }));
"""


def _run(url: str, *, tz: str = "Asia/Shanghai", cookie: str = "", session: dict[str, str] | str | None = None,
         local: dict[str, str] | None = None) -> dict[str, Any]:  # fmt: skip
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: the frontend build needs it too")
    payload = {"script": EARLY_SCRIPT, "url": url, "cookie": cookie, "session": session, "local": local}
    done = subprocess.run(
        [node, "-e", _HARNESS, json.dumps(payload)],
        env={**os.environ, "TZ": tz},
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return json.loads(done.stdout)


def test_webview_and_dark_theme_are_set_from_the_query_and_stick_for_the_tab() -> None:
    first = _run("http://c.example/zh-cn/collected/?embedded=1&theme=dark")
    assert first["attrs"] == {"data-embedded": "1", "data-theme": "dark"}
    assert first["lang"] == "zh-CN"
    # In-app links drop the query string: the tab remembers.
    later = _run("http://c.example/en/shared/", session=first["session"])
    assert later["attrs"] == {"data-embedded": "1", "data-theme": "dark"}
    assert later["lang"] == "en"


def test_embedded_0_ends_webview_mode_and_a_stored_theme_applies() -> None:
    ended = _run("http://c.example/en/?embedded=0", session={"pc_embedded": "1"}, local={"pc_theme": "light"})
    assert ended["attrs"] == {"data-theme": "light"}


def test_nonsense_values_change_nothing() -> None:
    loaded = _run("http://c.example/xx/?theme=%3Cb%3E")
    assert loaded["attrs"] == {}
    assert loaded["lang"] == "en"


def test_the_time_zone_cookie_follows_the_browser() -> None:
    loaded = _run("http://c.example/en/", tz="America/Los_Angeles")
    assert loaded["writes"] == [
        f"pc_tz=America%2FLos_Angeles; path=/; max-age={TZ_COOKIE_MAX_AGE}; SameSite=Lax",
    ]


def test_the_time_zone_cookie_is_not_rewritten_when_it_is_right_and_is_fixed_when_not() -> None:
    same = _run("http://c.example/en/", tz="Asia/Shanghai", cookie="a=1; pc_tz=Asia%2FShanghai; b=2")
    assert same["writes"] == []
    moved = _run("http://c.example/en/", tz="Europe/Berlin", cookie="pc_tz=Asia%2FShanghai")
    assert [w.split(";")[0] for w in moved["writes"]] == ["pc_tz=Europe%2FBerlin"]


def test_over_https_the_cookie_is_secure() -> None:
    loaded = _run("https://c.example/en/", tz="UTC")
    assert loaded["writes"] == [f"pc_tz=UTC; path=/; max-age={TZ_COOKIE_MAX_AGE}; SameSite=Lax; Secure"]


def test_a_broken_storage_does_not_stop_the_time_zone_cookie() -> None:
    # sessionStorage throws in some sandboxed webviews: the first part gives up, the cookie still comes.
    loaded = _run("http://c.example/en/?embedded=1", tz="UTC", session="throw")
    assert loaded["attrs"] == {}
    assert [w.split(";")[0] for w in loaded["writes"]] == ["pc_tz=UTC"]


def test_the_script_survives_being_written_into_html_unchanged() -> None:
    # React writes a script's text as is (it only breaks up "<script"), and the CSP hashes
    # that HTML text: a "<" or "&" would change the code or its meaning between the two.
    assert "<" not in EARLY_SCRIPT
    assert "&" not in EARLY_SCRIPT


def test_the_early_script_is_a_plain_inline_script_in_the_document_head() -> None:
    # rx.script wraps it in react-helmet, which only inserts it once the bundles ran.
    code = _compile_document_root(create_document_root(head_components(), html_custom_attrs={"lang": html_lang()}))
    ours = f'jsx("script",{{}},{json.dumps(EARLY_SCRIPT)})'
    assert ours in code
    assert "Helmet" not in code
    # Before any stylesheet, so it applies before the first paint.
    assert code.index(ours) < code.index("stylesheet")
