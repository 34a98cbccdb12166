"""A readable diff between two versions of a guideline, paragraph by paragraph.

Paragraphs are aligned first; a paragraph that changed is then compared word by word
(character by character for Chinese, which has no spaces), so a reader sees exactly
which words changed instead of two walls of text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import StrEnum

from privacy_center.content.guidelines import Document
from privacy_center.content.markdown import ANCHOR_RE

_TOKEN_RE = re.compile(r"[\u3000-\u9fff\uff00-\uffef]|\w+|\s+|[^\w\s]", re.UNICODE)
_PAIR_THRESHOLD = 0.5
# Markdown syntax a reader should not see in a diff: links keep their text, emphasis
# and heading marks go.
_LINK_RE = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MARKUP_RE = re.compile(r"(?m)^#{2,6}\s+|\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")


class Change(StrEnum):
    """What happened to a paragraph between the two versions."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class Op(StrEnum):
    """What happened to a run of words inside a changed paragraph."""

    SAME = "same"
    INSERT = "insert"
    DELETE = "delete"


@dataclass(frozen=True)
class Segment:
    """A run of text with what happened to it."""

    op: Op
    text: str


@dataclass(frozen=True)
class Block:
    """One paragraph that differs, under the title of the section it belongs to."""

    change: Change
    section: str
    segments: list[Segment] = field(default_factory=list)


@dataclass(frozen=True)
class _Paragraph:
    section: str
    text: str


def _paragraphs(document: Document) -> list[_Paragraph]:
    result: list[_Paragraph] = []
    section = ""
    for chunk in re.split(r"\n\s*\n", document.source):
        text = chunk.strip()
        if not text:
            continue
        if text.startswith("## "):
            section = ANCHOR_RE.sub("", text.split("\n", 1)[0][3:]).strip()
        text = "\n".join(ANCHOR_RE.sub("", line) for line in text.split("\n"))
        result.append(_Paragraph(section=section, text=readable(text)))
    return result


def readable(markdown: str) -> str:
    """Markdown source as a reader sees it: ``[Summary](/x)`` -> ``Summary``, no ``**``."""
    return _MARKUP_RE.sub("", _LINK_RE.sub(r"\1", markdown))


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


def _word_diff(old: str, new: str) -> list[Segment]:
    a, b = _tokens(old), _tokens(new)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(Segment(Op.SAME, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment(Op.DELETE, "".join(a[i1:i2])))
        if j2 > j1:
            segments.append(Segment(Op.INSERT, "".join(b[j1:j2])))
    return segments


def _pair(old: list[_Paragraph], new: list[_Paragraph]) -> list[Block]:
    """Blocks for a replaced run: similar paragraphs become CHANGED, the rest ADDED/REMOVED."""
    blocks: list[Block] = []
    used: set[int] = set()
    for paragraph in old:
        best, best_ratio = None, _PAIR_THRESHOLD
        for index, candidate in enumerate(new):
            if index in used:
                continue
            ratio = SequenceMatcher(a=paragraph.text, b=candidate.text, autojunk=False).ratio()
            if ratio >= best_ratio:
                best, best_ratio = index, ratio
        if best is None:
            blocks.append(Block(Change.REMOVED, paragraph.section, [Segment(Op.DELETE, paragraph.text)]))
        else:
            used.add(best)
            blocks.append(Block(Change.CHANGED, new[best].section, _word_diff(paragraph.text, new[best].text)))
    blocks.extend(
        Block(Change.ADDED, candidate.section, [Segment(Op.INSERT, candidate.text)])
        for index, candidate in enumerate(new)
        if index not in used
    )
    return blocks


def diff_documents(old: Document, new: Document) -> list[Block]:
    """Every paragraph that was added, removed or changed from ``old`` to ``new``, in order."""
    a, b = _paragraphs(old), _paragraphs(new)
    matcher = SequenceMatcher(a=[p.text for p in a], b=[p.text for p in b], autojunk=False)
    blocks: list[Block] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            blocks.extend(_pair(a[i1:i2], b[j1:j2]))
    return blocks
