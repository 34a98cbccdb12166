"""Markdown to HTML: heading ids, links that keep the reader's locale, no raw HTML, tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from privacy_center.content.markdown import Heading, headings, plain_text, render, split_anchor
from privacy_center.i18n.locales import by_code
from tests.unit.factories import make_document

ZH = by_code("zh_CN")


def _href(markdown_link: str, prefix: str = "zh-cn") -> str:
    html = render(f"[x]({markdown_link})", locale_prefix=prefix)
    return html.split('href="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("/guidelines#rights", "/zh-cn/guidelines/#rights"),
        ("/guidelines", "/zh-cn/guidelines/"),
        ("/guidelines/", "/zh-cn/guidelines/"),
        ("/guidelines/summary", "/zh-cn/guidelines/summary/"),
        ("/", "/zh-cn/"),
        ("/guidelines?embedded=1", "/zh-cn/guidelines/?embedded=1"),
        ("/guidelines/?embedded=1#rights", "/zh-cn/guidelines/?embedded=1#rights"),
        ("#rights", "#rights"),
        ("mailto:privacy@example.org", "mailto:privacy@example.org"),
        ("https://example.org/privacy", "https://example.org/privacy"),
        ("//cdn.example.org/x", "//cdn.example.org/x"),
        ("relative/page", "relative/page"),
    ],
)
def test_links(link: str, expected: str) -> None:
    assert _href(link) == expected


def test_links_take_the_documents_own_prefix() -> None:
    assert _href("/guidelines#rights", prefix="en") == "/en/guidelines/#rights"


def test_heading_anchor_becomes_id_and_leaves_the_text() -> None:
    html = render("## 4. Sharing {#sharing}\n\n### With **partners** {#sharing-partners}", locale_prefix="en")
    assert '<h2 id="sharing">4. Sharing</h2>' in html
    assert '<h3 id="sharing-partners">With <strong>partners</strong></h3>' in html
    assert "{#" not in html


def test_heading_without_anchor_has_no_id() -> None:
    assert render("#### Detail", locale_prefix="en") == "<h4>Detail</h4>\n"


@pytest.mark.parametrize(
    "raw",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="https://evil.example">x</a>',
        "<div>\n<script>alert(1)</script>\n</div>",
    ],
)
def test_raw_html_is_escaped(raw: str) -> None:
    html = render(f"Before.\n\n{raw}\n\nAfter {raw} inline.", locale_prefix="en")
    for tag in ("<script", "<img", "<div", "<a"):
        assert tag not in html
    assert "&lt;" in html


def test_javascript_links_are_not_links() -> None:
    html = render("[click](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=)", locale_prefix="en")
    assert "<a" not in html


def test_tables_render() -> None:
    html = render("| Partner | Shares |\n|---|---|\n| Skycast | Location |", locale_prefix="en")
    assert "<table>" in html
    assert "<th>Partner</th>" in html
    assert "<td>Skycast</td>" in html


def test_headings_and_split_anchor() -> None:
    source = "Intro\n\n## One {#one}\n\ntext\n\n### Two {#two}\n\n#### Three\n\n```\n## not a heading\n```"
    assert headings(source) == [
        Heading(level=2, anchor="one", title="One"),
        Heading(level=3, anchor="two", title="Two"),
        Heading(level=4, anchor=None, title="Three"),
    ]
    assert split_anchor("Sharing {#sharing}") == ("Sharing", "sharing")
    assert split_anchor("Sharing {#Not_Valid}") == ("Sharing {#Not_Valid}", None)
    assert split_anchor("{#a} in the middle") == ("{#a} in the middle", None)


def test_plain_text_is_what_a_reader_sees() -> None:
    html = render("## Rights {#rights}\n\nAT&T, *5 < 6*, \\&lt;b&gt; and  [a link](/x).", locale_prefix="en")
    # Entities are decoded once: the reader sees "&lt;b&gt;" literally, so search does too.
    assert plain_text(html) == "Rights AT&T, 5 < 6, &lt;b> and a link."


def test_plain_text_keeps_inline_markup_inside_the_sentence() -> None:
    # Chinese has no spaces: a space where a link or bold text starts would break find.
    html = render(
        "请查看[摘要](/guidelines/summary)。我们**不会**出售`数据`。\n\n| 甲 | 乙 |\n|--|--|\n| 丙 | 丁 |",
        locale_prefix="zh-cn",
    )
    assert plain_text(html) == "请查看摘要。我们不会出售数据。 甲 乙 丙 丁"


def test_documents_render_through_the_same_rules(tmp_path: Path) -> None:
    body = (
        "See [rights](/guidelines#rights). <script>alert(1)</script>\n\n"
        "## 权利 {#rights}\n\n<script>alert(2)</script> [摘要](/guidelines/summary) [邮件](mailto:a@example.org)\n"
    )
    document = make_document(tmp_path, body, locale=ZH)
    assert document.preamble_html == (
        '<p>See <a href="/zh-cn/guidelines/#rights">rights</a>. &lt;script&gt;alert(1)&lt;/script&gt;</p>\n'
    )
    html = document.section("rights").html
    assert html.startswith('<h2 id="rights">权利</h2>')
    assert "<script" not in html
    assert 'href="/zh-cn/guidelines/summary/"' in html
    assert 'href="mailto:a@example.org"' in html
    assert document.section("rights").text == "权利 <script>alert(2)</script> 摘要 邮件"
