"""The diff between versions: paragraph alignment, word-level changes, Chinese by character."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from privacy_center.content.guidelines import Document, FrontMatter, Kind, load_library
from privacy_center.i18n.locales import by_code
from privacy_center.services.guideline_diff import Change, Op, diff_documents, readable

REAL_CONTENT = Path(__file__).parents[3] / "content"


def _doc(source: str) -> Document:
    meta = FrontMatter(
        title="t", version="1.0", last_updated=dt.date(2025, 1, 1), effective_on=dt.date(2025, 1, 1), what_changed=["x"]
    )
    return Document(
        kind=Kind.FULL,
        locale=by_code("en"),
        meta=meta,
        source=source,
        preamble_html="",
        sections=(),
        toc=(),
        path=Path("x.md"),
        sha256="",
    )


def _sides(block) -> tuple[str, str]:
    old = "".join(s.text for s in block.segments if s.op in (Op.SAME, Op.DELETE))
    new = "".join(s.text for s in block.segments if s.op in (Op.SAME, Op.INSERT))
    return old, new


def test_identical_documents_have_no_blocks() -> None:
    text = "## A {#a}\n\nOne.\n\nTwo."
    assert diff_documents(_doc(text), _doc(text)) == []


def test_added_removed_changed() -> None:
    old = _doc("## A {#a}\n\nKeep this.\n\nRemove this whole thing entirely.\n\nWe keep logs for 6 months.")
    new = _doc("## A {#a}\n\nKeep this.\n\nWe keep logs for 3 months.\n\nA brand new paragraph about agents.")
    blocks = diff_documents(old, new)
    kinds = sorted(b.change for b in blocks)
    assert kinds == sorted([Change.REMOVED, Change.CHANGED, Change.ADDED])
    changed = next(b for b in blocks if b.change is Change.CHANGED)
    assert changed.section == "A"
    assert [s.text for s in changed.segments if s.op is Op.DELETE] == ["6"]
    assert [s.text for s in changed.segments if s.op is Op.INSERT] == ["3"]


def test_real_versions_in_both_locales() -> None:
    library = load_library(REAL_CONTENT)
    for code in ("en", "zh_CN"):
        old, new = library.versions(Kind.FULL, by_code(code))
        blocks = diff_documents(old, new)
        assert any(b.change is Change.ADDED for b in blocks)
        assert any(b.change is Change.CHANGED for b in blocks)
    zh_old, zh_new = library.versions(Kind.FULL, by_code("zh_CN"))
    storage = next(
        b for b in diff_documents(zh_old, zh_new) if "72 小时" in _sides(b)[1] and b.change is Change.CHANGED
    )
    # Chinese has no spaces: changes are found character by character, not as whole sentences.
    assert all(len(s.text) < 20 for s in storage.segments if s.op is not Op.SAME)


def test_markup_is_removed_for_readers() -> None:
    assert readable("## 1. Foo\nSee [Summary](/x) and **bold**, `code` and snake_case.") == (
        "1. Foo\nSee Summary and bold, code and snake_case."
    )


words = st.lists(
    st.sampled_from(["alpha", "beta", "gamma", "delta", "数据", "保护", "6", "months"]), min_size=3, max_size=12
)


@given(words, words)
def test_changed_blocks_reconstruct_both_sides(a: list[str], b: list[str]) -> None:
    old_text, new_text = " ".join(a), " ".join(b)
    blocks = diff_documents(_doc("## S {#s}\n\n" + old_text), _doc("## S {#s}\n\n" + new_text))
    for block in blocks:
        if block.change is Change.CHANGED:
            assert _sides(block) == (old_text, new_text)
    if old_text == new_text:
        assert blocks == []
