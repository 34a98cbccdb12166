"""Publishing records each guideline version; effective text cannot change silently."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from sqlmodel import Session, select

from privacy_center import models
from privacy_center.content.errors import ContentError
from privacy_center.content.guidelines import load_library
from privacy_center.services.publishing import publish_library


def test_publish_then_unchanged(db_session: Session, fixture_content_dir: Path) -> None:
    library = load_library(fixture_content_dir)
    first = publish_library(session=db_session, library=library, today=dt.date(2026, 11, 22))
    assert (first.added, first.updated, first.unchanged) == (8, 0, 0)
    second = publish_library(session=db_session, library=library, today=dt.date(2026, 11, 22))
    assert (second.added, second.unchanged) == (0, 8)
    rows = db_session.exec(select(models.PolicyDocument).where(models.PolicyDocument.kind == "full")).all()
    assert sorted((r.locale, r.version) for r in rows) == [
        ("en", "1.0"),
        ("en", "2.0"),
        ("zh_CN", "1.0"),
        ("zh_CN", "2.0"),
    ]


def test_changed_text(db_session: Session, fixture_content_dir: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(fixture_content_dir, content)
    publish_library(session=db_session, library=load_library(content), today=dt.date(2026, 1, 1))
    path = content / "guidelines" / "en" / "full" / "2.0.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Shared sentence.", "Edited sentence."), encoding="utf-8")
    # 2.0 takes effect on 2026-09-01: before that an edit updates the record...
    report = publish_library(session=db_session, library=load_library(content), today=dt.date(2026, 1, 1))
    assert report.updated == 1
    path.write_text(path.read_text(encoding="utf-8").replace("Edited sentence.", "Edited again."), encoding="utf-8")
    # ...once in effect, it is refused, naming the file.
    with pytest.raises(ContentError) as caught:
        publish_library(session=db_session, library=load_library(content), today=dt.date(2026, 11, 22))
    assert caught.value.path == path


def test_typography_alone_is_not_changed_text(db_session: Session, fixture_content_dir: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(fixture_content_dir, content)
    path = content / "guidelines" / "en" / "full" / "2.0.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Shared sentence.", 'A "quoted" word - and more...'),
                    encoding="utf-8")  # fmt: skip
    publish_library(session=db_session, library=load_library(content), today=dt.date(2026, 11, 22))
    # Curly quotes, a dash and an ellipsis for their ASCII stand-ins: accepted, the hash re-recorded.
    path.write_text(path.read_text(encoding="utf-8").replace('A "quoted" word - and more...', "A “quoted” word – and more…"),
                    encoding="utf-8")  # fmt: skip
    report = publish_library(session=db_session, library=load_library(content), today=dt.date(2026, 11, 22))
    assert report.updated == 1
    assert (
        publish_library(session=db_session, library=load_library(content), today=dt.date(2026, 11, 22)).unchanged == 8
    )
    # A changed word beside the typography is still refused.
    path.write_text(path.read_text(encoding="utf-8").replace("A “quoted” word", "A “changed” word"), encoding="utf-8")
    with pytest.raises(ContentError):
        publish_library(session=db_session, library=load_library(content), today=dt.date(2026, 11, 22))
