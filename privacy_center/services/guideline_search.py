"""Find-in-document: which sections of a guideline mention the words a reader typed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from privacy_center.content.guidelines import Document

MAX_QUERY_LENGTH = 100
MAX_HITS = 50
SNIPPET_RADIUS = 60


@dataclass(frozen=True)
class Hit:
    """A section that matched, with the text around its first match split for highlighting."""

    anchor: str
    title: str
    before: str
    match: str
    after: str
    count: int


@dataclass(frozen=True)
class SearchResult:
    """Hits (at most :data:`MAX_HITS`) and the total number of matches in the document."""

    hits: list[Hit]
    total_matches: int


class QueryTooLongError(ValueError):
    """The reader typed more than :data:`MAX_QUERY_LENGTH` characters."""


def find(document: Document, query: str) -> SearchResult:
    """Case-insensitive literal search over each section's visible text and title."""
    needle = " ".join(query.split())
    if len(needle) > MAX_QUERY_LENGTH:
        raise QueryTooLongError(needle[:20])
    if not needle:
        return SearchResult(hits=[], total_matches=0)
    pattern = re.compile(re.escape(needle), re.IGNORECASE)
    hits: list[Hit] = []
    total = 0
    for section in document.sections:
        matches = list(pattern.finditer(section.text))
        if not matches:
            continue
        total += len(matches)
        if len(hits) < MAX_HITS:
            first = matches[0]
            start = max(0, first.start() - SNIPPET_RADIUS)
            end = min(len(section.text), first.end() + SNIPPET_RADIUS)
            hits.append(
                Hit(
                    anchor=section.anchor,
                    title=section.title,
                    before=("…" if start else "") + section.text[start : first.start()],
                    match=first.group(0),
                    after=section.text[first.end() : end] + ("…" if end < len(section.text) else ""),
                    count=len(matches),
                )
            )
    return SearchResult(hits=hits, total_matches=total)
