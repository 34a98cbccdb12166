"""Markdown to HTML for guideline text: explicit heading anchors and locale-aware links.

Headings carry their anchor in the source (``## 4. Sharing {#sharing}``) so that the
same anchor exists in every locale and every version: deep links and the summary's
"More..." links survive a language switch and a new version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from markdown_it import MarkdownIt
from markdown_it.token import Token

ANCHOR_RE = re.compile(r"\s*\{#([a-z0-9][a-z0-9-]*)\}\s*$")
_TAG_RE = re.compile(r"<[^>]+>")
# Inline markup sits inside a sentence: removed without a space, so "请查看<a>摘要</a>。"
# stays one run of text that find-in-document can match.
_INLINE_TAG_RE = re.compile(r"</?(?:a|em|strong|code|s|del)\b[^>]*>")


@dataclass(frozen=True)
class Heading:
    """A heading of the document, for the table of contents and anchors."""

    level: int
    anchor: str | None
    title: str


def _parser() -> MarkdownIt:
    # "js-default" = CommonMark + tables + strikethrough; raw HTML stays disabled so
    # content files cannot inject markup or scripts into the page.
    return MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})


def split_anchor(text: str) -> tuple[str, str | None]:
    """``"Sharing {#sharing}"`` -> ``("Sharing", "sharing")``."""
    found = ANCHOR_RE.search(text)
    if not found:
        return text.strip(), None
    return text[: found.start()].strip(), found.group(1)


def headings(source: str) -> list[Heading]:
    """Every heading of a Markdown text, with its explicit anchor if it has one."""
    result: list[Heading] = []
    tokens = _parser().parse(source)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            title, anchor = split_anchor(tokens[index + 1].content)
            result.append(Heading(level=int(token.tag[1]), anchor=anchor, title=title))
    return result


def _localize_href(href: str, prefix: str) -> str:
    """Site-relative links gain the locale prefix and the trailing slash pages have."""
    if not href.startswith("/") or href.startswith("//"):
        return href
    path, hash_mark, fragment = href.partition("#")
    path, question_mark, query = path.partition("?")
    path = path.rstrip("/")
    return f"/{prefix}{path}/" + (f"?{query}" if question_mark else "") + (f"#{fragment}" if hash_mark else "")


def render(source: str, *, locale_prefix: str) -> str:
    """HTML for a Markdown text: anchors become ``id`` attributes, links get the locale."""
    md = _parser()
    tokens = md.parse(source)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            inline = tokens[index + 1]
            title, anchor = split_anchor(inline.content)
            if anchor:
                token.attrSet("id", anchor)
                _strip_anchor(inline, title)
        if token.type == "inline" and token.children:
            for child in token.children:
                if child.type == "link_open":
                    child.attrSet("href", _localize_href(str(child.attrGet("href") or ""), locale_prefix))
    return md.renderer.render(tokens, md.options, {})


def _strip_anchor(inline: Token, title: str) -> None:
    inline.content = title
    if inline.children:
        last = inline.children[-1]
        if last.type == "text":
            last.content = ANCHOR_RE.sub("", last.content)


def plain_text(html: str) -> str:
    """Visible text of rendered HTML, for find-in-document and snippets."""
    # One pass over every entity: replacing "&amp;" first would turn a visible "&lt;" into "<".
    text = unescape(_TAG_RE.sub(" ", _INLINE_TAG_RE.sub("", html)))
    return re.sub(r"\s+", " ", text).strip()
