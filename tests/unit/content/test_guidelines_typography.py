"""The guidelines' prose uses typographic quotes and dashes, in both locales.

English: “ ” ‘ ’ and – or —, never straight quotes or a hyphen standing in for a dash.
Chinese: the full-width forms (“ ” ，：；（）), never ASCII punctuation beside Chinese text.
Markdown syntax (link targets, anchors, list markers, YAML quoting) is not prose.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

GUIDELINES = Path(__file__).parents[3] / "content" / "guidelines"
FILES = sorted(GUIDELINES.rglob("*.md"))

_NOT_PROSE = [
    re.compile(r'(?m)^version:\s*"[^"]*"\s*$'),  # YAML quoting of a version string
    re.compile(r"\]\([^)]*\)"),  # a link's target
    re.compile(r"\{#[a-z0-9-]+\}"),  # a heading's anchor
    re.compile(r"`[^`]*`"),  # code
]
_STRAIGHT_QUOTE = re.compile(r"[\"']")
_HYPHEN_AS_DASH = re.compile(r"(?<=\S) -{1,2} (?=\S)")
_CJK = r"[\u3400-\u9fff]"
_ASCII_BESIDE_CHINESE = re.compile(rf"{_CJK}[,;:!?()]|[,;:!?()]{_CJK}")


def prose(text: str) -> str:
    """The text a reader reads, with Markdown's own syntax blanked out (line numbers kept)."""
    for pattern in _NOT_PROSE:
        text = pattern.sub(lambda m: " " * len(m.group(0).replace("\n", "")), text)
    return text


def problems(text: str, *, chinese: bool) -> list[str]:
    """Every line with a straight quote, a hyphen used as a dash or (Chinese) ASCII punctuation."""
    found = []
    for number, line in enumerate(prose(text).splitlines(), start=1):
        if _STRAIGHT_QUOTE.search(line):
            found.append(f"line {number}: straight quote: {line.strip()[:80]}")
        if _HYPHEN_AS_DASH.search(line):
            found.append(f"line {number}: ' - ' instead of a dash: {line.strip()[:80]}")
        if chinese and _ASCII_BESIDE_CHINESE.search(line):
            found.append(f"line {number}: ASCII punctuation in Chinese text: {line.strip()[:80]}")
    return found


def test_every_locale_is_checked() -> None:
    assert {p.relative_to(GUIDELINES).parts[0] for p in FILES} == {"en", "zh_CN"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(GUIDELINES)))
def test_prose_is_typographic(path: Path) -> None:
    chinese = path.relative_to(GUIDELINES).parts[0].startswith("zh")
    assert problems(path.read_text(encoding="utf-8"), chinese=chinese) == []


@pytest.mark.parametrize(
    ("text", "chinese"),
    [
        ('We call them "children".', False),
        ("A guardian's consent.", False),
        ("Anything more - photos - needs consent.", False),
        ("未满 14 周岁(儿童)", True),
        ('称为"儿童"', True),
    ],
)
def test_the_check_catches_typewriter_punctuation(text: str, chinese: bool) -> None:
    assert problems(text, chinese=chinese)


def test_markdown_syntax_is_not_prose() -> None:
    text = 'version: "2.0"\n- a list item\n\n## 1. Title {#a-b}\n\nSee [Summary](/x-y "t") and `a - b`.'
    assert problems(text, chinese=False) == []
    assert problems("请查看[摘要](/guidelines/summary)。", chinese=True) == []
