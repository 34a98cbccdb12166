"""A readable diff between two versions of a guideline, paragraph by paragraph.

Paragraphs are aligned first; a paragraph that changed is then compared word by word
(character by character for Chinese, which has no spaces), so a reader sees exactly
which words changed instead of two walls of text. Three rules keep it readable:

- Small islands of unchanged text between two edits are folded into them (the
  "semantic cleanup" of Neil Fraser's diff-match-patch), so a rewritten phrase reads as
  one run of deleted words, then one run of inserted words, never alternating word soup.
- A heading is aligned by its title without its number: when a new section pushes
  "7. Minors" to "8. Minors", that is still the section on minors, not a change.
- Blocks come in document order, removed text before the text that replaced it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import StrEnum

from privacy_center.content.guidelines import Document
from privacy_center.content.markdown import split_anchor

_TOKEN_RE = re.compile(r"[\u3000-\u9fff\uff00-\uffef]|\w+|\s+|[^\w\s]", re.UNICODE)
# Paragraphs at least this similar (share of tokens) are one paragraph that changed.
_PAIR_THRESHOLD = 0.5
# Markdown syntax a reader should not see in a diff: links keep their text, emphasis
# and heading marks go.
_LINK_RE = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MARKUP_RE = re.compile(r"(?m)^#{2,6}\s+|\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")
_HEADING_RE = re.compile(r"^(#{2,6})\s+(.*)$")
# "8. ", "6.4 ", "10) " at the start of a heading: the section's number, not its name.
_NUMBER_RE = re.compile(r"^\d+(?:\.\d+)*[.)]?\s+")


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
    """One paragraph that differs, under the heading of the section it belongs to.

    ``anchor`` is that heading's anchor (``minors``), in the version the paragraph is
    from: the older one for a removed paragraph, the newer one otherwise.
    """

    change: Change
    section: str
    segments: list[Segment] = field(default_factory=list)
    anchor: str | None = None
    heading: bool = False


@dataclass(frozen=True)
class _Paragraph:
    text: str  # as a reader sees it
    key: str  # what aligns it with the other version
    section: str
    anchor: str | None
    heading: bool


def readable(markdown: str) -> str:
    """Markdown source as a reader sees it: ``[Summary](/x)`` -> ``Summary``, no ``**``."""
    return _MARKUP_RE.sub("", _LINK_RE.sub(r"\1", markdown))


def _paragraphs(document: Document) -> list[_Paragraph]:
    result: list[_Paragraph] = []
    section, anchor = "", None
    for chunk in re.split(r"\n\s*\n", document.source):
        text = chunk.strip()
        found = _HEADING_RE.match(text.split("\n", 1)[0])
        if found:
            title, anchor = split_anchor(found.group(2))
            section = readable(title).strip()
            # Aligned by name: a section that was only renumbered is the same section.
            key = "heading:" + _NUMBER_RE.sub("", section)
            result.append(_Paragraph(section, key, section, anchor, heading=True))
            text = text.partition("\n")[2].strip()
        if text:
            shown = readable(text)
            result.append(_Paragraph(shown, "text:" + shown, section, anchor, heading=False))
    return result


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text)


@dataclass
class _Edit:
    deleted: str
    inserted: str

    def size(self) -> int:
        return max(len(self.deleted), len(self.inserted))


def _edits(old: str, new: str) -> list[str | _Edit]:
    """Unchanged text (``str``) and edits, with small islands between edits folded in."""
    a, b = _tokens(old), _tokens(new)
    items: list[str | _Edit] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            items.append("".join(a[i1:i2]))
        elif items and isinstance(items[-1], _Edit):
            items[-1].deleted += "".join(a[i1:i2])
            items[-1].inserted += "".join(b[j1:j2])
        else:
            items.append(_Edit("".join(a[i1:i2]), "".join(b[j1:j2])))
    folded = True
    while folded:
        folded = False
        for k in range(1, len(items) - 1):
            before, same, after = items[k - 1], items[k], items[k + 1]
            if not (isinstance(before, _Edit) and isinstance(same, str) and isinstance(after, _Edit)):
                continue
            # An equality no longer than the edits on both sides is read as part of them.
            if len(same.strip()) <= min(before.size(), after.size()):
                merged = _Edit(before.deleted + same + after.deleted, before.inserted + same + after.inserted)
                items[k - 1 : k + 2] = [merged]
                folded = True
                break
    return items


def _word_diff(old: str, new: str) -> list[Segment]:
    segments: list[Segment] = []
    for item in _edits(old, new):
        if isinstance(item, str):
            segments.append(Segment(Op.SAME, item))
            continue
        # All the deleted words, then all the inserted words: never interleaved.
        if item.deleted:
            segments.append(Segment(Op.DELETE, item.deleted))
        if item.inserted:
            segments.append(Segment(Op.INSERT, item.inserted))
    return segments


def _similarity(old: _Paragraph, new: _Paragraph) -> float:
    if old.heading != new.heading:
        return 0.0
    return SequenceMatcher(a=_tokens(old.text), b=_tokens(new.text), autojunk=False).ratio()


def _removed(paragraph: _Paragraph) -> Block:
    segments = [Segment(Op.DELETE, paragraph.text)]
    return Block(Change.REMOVED, paragraph.section, segments, paragraph.anchor, paragraph.heading)


def _added(paragraph: _Paragraph) -> Block:
    segments = [Segment(Op.INSERT, paragraph.text)]
    return Block(Change.ADDED, paragraph.section, segments, paragraph.anchor, paragraph.heading)


def _changed(old: _Paragraph, new: _Paragraph) -> Block:
    return Block(Change.CHANGED, new.section, _word_diff(old.text, new.text), new.anchor, new.heading)


def _pairs(old: list[_Paragraph], new: list[_Paragraph]) -> list[tuple[int, int]]:
    """Which old paragraph became which new one: the most similar first, never crossing."""
    candidates = sorted(
        (
            (ratio, i, j)
            for i, o in enumerate(old)
            for j, n in enumerate(new)
            if (ratio := _similarity(o, n)) >= _PAIR_THRESHOLD
        ),
        reverse=True,
    )
    chosen: list[tuple[int, int]] = []
    for _ratio, i, j in candidates:
        # Each paragraph pairs once, and pairs keep the order of both documents.
        if all(i != ci and j != cj and (i < ci) == (j < cj) for ci, cj in chosen):
            chosen.append((i, j))
    return sorted(chosen)


def _replace(old: list[_Paragraph], new: list[_Paragraph]) -> list[Block]:
    """Blocks for a replaced run, in document order: removed before what replaced it."""
    blocks: list[Block] = []
    next_old = next_new = 0
    for i, j in [*_pairs(old, new), (len(old), len(new))]:
        blocks.extend(_removed(p) for p in old[next_old:i])
        blocks.extend(_added(p) for p in new[next_new:j])
        if i < len(old) and j < len(new):
            blocks.append(_changed(old[i], new[j]))
        next_old, next_new = i + 1, j + 1
    return blocks


def diff_documents(old: Document, new: Document) -> list[Block]:
    """Every paragraph that was added, removed or changed from ``old`` to ``new``, in order."""
    a, b = _paragraphs(old), _paragraphs(new)
    matcher = SequenceMatcher(a=[p.key for p in a], b=[p.key for p in b], autojunk=False)
    blocks: list[Block] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            blocks.extend(_replace(a[i1:i2], b[j1:j2]))
        # Equal keys: the same paragraph, or a heading that was only renumbered.
    return blocks
