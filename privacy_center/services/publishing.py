"""Recording which guideline texts were published, so acknowledgments can point to them.

A version's text may not change once it is in effect: users acknowledged *that* text.
A correction must be published as a new version. Typography alone is not a change of
text: curly quotes, dashes and an ellipsis where the published file had their ASCII
stand-ins change no word anyone read, so such a file is accepted and its hash re-recorded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlmodel import Session, select

from privacy_center.content.errors import ContentError
from privacy_center.content.guidelines import Document, GuidelineLibrary
from privacy_center.models import PolicyDocument


@dataclass(frozen=True)
class PublishReport:
    """What a load did: counts of new, updated and unchanged documents."""

    added: int
    updated: int
    unchanged: int


# Typographic characters and the ASCII a published file may have used for them instead.
_ASCII_STAND_INS = str.maketrans(
    {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-", "\u2026": "..."}
)


def _same_words(stored_sha256: str, document: Document) -> bool:
    """Whether the stored text was this file with its typography in ASCII (no word changed)."""
    plain = document.path.read_text(encoding="utf-8").translate(_ASCII_STAND_INS)
    return hashlib.sha256(plain.encode("utf-8")).hexdigest() == stored_sha256


def publish_library(*, session: Session, library: GuidelineLibrary, today: dt.date) -> PublishReport:
    """Upsert a row per (kind, version, locale); refuse changed text of an effective version."""
    existing = {(row.kind, row.version, row.locale): row for row in session.exec(select(PolicyDocument))}
    added = updated = unchanged = 0
    for (kind, locale_code), documents in library.documents.items():
        for document in documents:
            key = (kind.value, document.version, locale_code)
            row = existing.get(key)
            if row is None:
                session.add(
                    PolicyDocument(
                        kind=kind.value,
                        version=document.version,
                        locale=locale_code,
                        title=document.meta.title,
                        last_updated=document.meta.last_updated,
                        effective_on=document.meta.effective_on,
                        content_sha256=document.sha256,
                    )
                )
                added += 1
            elif row.content_sha256 == document.sha256:
                unchanged += 1
            elif row.effective_on <= today and not _same_words(row.content_sha256, document):
                raise ContentError(
                    document.path,
                    "version",
                    f"{document.version} is already in effect with different text; publish the change as a new version",
                )
            else:
                row.title = document.meta.title
                row.last_updated = document.meta.last_updated
                row.effective_on = document.meta.effective_on
                row.content_sha256 = document.sha256
                updated += 1
    session.flush()
    return PublishReport(added=added, updated=updated, unchanged=unchanged)
