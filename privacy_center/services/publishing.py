"""Recording which guideline texts were published, so acknowledgments can point to them.

A version's text may not change once it is in effect: users acknowledged *that* text.
A correction must be published as a new version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, select

from privacy_center.content.errors import ContentError
from privacy_center.content.guidelines import GuidelineLibrary
from privacy_center.models import PolicyDocument


@dataclass(frozen=True)
class PublishReport:
    """What a load did: counts of new, updated and unchanged documents."""

    added: int
    updated: int
    unchanged: int


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
            elif row.effective_on <= today:
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
