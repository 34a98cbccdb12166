"""The diff between versions: paragraph alignment, word-level changes, Chinese by character,
runs of deleted then inserted words, renumbered headings kept as their section, document order."""

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


def _ops(block) -> list[Op]:
    return [s.op for s in block.segments]


def _no_soup(block) -> None:
    """Deleted words, then inserted words, then text that stayed: never alternating edits."""
    for before, after in zip(block.segments, block.segments[1:], strict=False):
        assert (before.op, after.op) != (Op.INSERT, Op.DELETE)
        assert before.op != after.op
    for before, same, after in zip(block.segments, block.segments[1:], block.segments[2:], strict=False):
        if same.op is Op.SAME and Op.SAME not in (before.op, after.op):
            # An island between two edits is longer than they are, else it was folded in.
            assert same.text.strip(), f"whitespace island between edits: {block.segments}"


def test_a_rewritten_phrase_is_one_run_of_deletions_then_one_of_insertions() -> None:
    old = _doc("## S {#s}\n\nDelivery copies of voice messages are kept for 7 days after sending.")
    new = _doc("## S {#s}\n\nVoice messages follow the same rule after sending.")
    (block,) = diff_documents(old, new)
    assert block.change is Change.CHANGED
    assert _ops(block) == [Op.DELETE, Op.INSERT, Op.SAME]
    assert block.segments[0].text == "Delivery copies of voice messages are kept for 7 days"
    assert block.segments[1].text == "Voice messages follow the same rule"
    assert block.segments[2].text == " after sending."


def test_separate_edits_far_apart_stay_separate() -> None:
    old = _doc("## S {#s}\n\nWe reply within 30 days to every letter sent to the privacy office in writing, always.")
    new = _doc("## S {#s}\n\nWe reply within 15 days to every letter sent to the privacy office in writing, usually.")
    (block,) = diff_documents(old, new)
    assert [s.text for s in block.segments if s.op is Op.DELETE] == ["30", "always"]
    assert [s.text for s in block.segments if s.op is Op.INSERT] == ["15", "usually"]
    _no_soup(block)


def test_chinese_edits_are_runs_not_single_characters() -> None:
    old = _doc("## 甲 {#a}\n\n如果你是未成年人，应在父母或其他监护人同意后使用格子，并适用青少年保护。")
    new = _doc("## 甲 {#a}\n\n如果你未满 14 周岁，我们在处理前必须征得你的父母或其他监护人的同意，并适用青少年保护。")
    (block,) = diff_documents(old, new)
    _no_soup(block)
    assert len([s for s in block.segments if s.op is Op.DELETE]) <= 2


def test_renumbered_heading_is_matched_to_its_section() -> None:
    old = _doc("## 6. Rights {#rights}\n\nYou can see it.\n\n## 7. Minors {#minors}\n\nNot for children.")
    new = _doc(
        "## 6. Rights {#rights}\n\nYou can see it.\n\n## 7. Agents {#agents}\n\nAgents ask first, always."
        "\n\n## 8. Minors {#minors}\n\nNot for children under 14."
    )
    blocks = diff_documents(old, new)
    # "7. Minors" -> "8. Minors" is the same section: no block says its heading changed.
    assert not any(b.heading and "Minors" in "".join(s.text for s in b.segments) for b in blocks)
    assert [(b.change, b.section, b.heading) for b in blocks] == [
        (Change.ADDED, "7. Agents", True),
        (Change.ADDED, "7. Agents", False),
        (Change.CHANGED, "8. Minors", False),
    ]
    assert blocks[2].anchor == "minors"
    assert [s.text for s in blocks[2].segments if s.op is Op.INSERT] == [" under 14"]


def test_renumbered_subsections_are_matched_too() -> None:
    old = _doc("## 6. Rights {#rights}\n\n### 6.1 View {#view}\n\nSee it.")
    new = _doc("## 7. Rights {#rights}\n\n### 7.1 View {#view}\n\nSee it.")
    assert diff_documents(old, new) == []


def test_a_heading_whose_name_changed_is_a_change() -> None:
    old = _doc("## 7. Minors {#minors}\n\nText.")
    new = _doc("## 7. Children and teens {#minors}\n\nText.")
    blocks = diff_documents(old, new)
    assert [(b.change, b.heading) for b in blocks] in (
        [(Change.REMOVED, True), (Change.ADDED, True)],
        [(Change.CHANGED, True)],
    )


def test_blocks_follow_document_order() -> None:
    old = _doc("## A {#a}\n\nFirst paragraph stays the same.\n\nOld second idea here.\n\nThird one changes a bit.")
    new = _doc(
        "## A {#a}\n\nA new opening line arrives.\n\nFirst paragraph stays the same.\n\n"
        "Third one changes a little.\n\nA closing paragraph about something else."
    )
    blocks = diff_documents(old, new)
    shown = ["".join(s.text for s in b.segments) for b in blocks]
    assert [b.change for b in blocks] == [Change.ADDED, Change.REMOVED, Change.CHANGED, Change.ADDED]
    assert shown[0] == "A new opening line arrives."
    assert shown[1] == "Old second idea here."
    assert shown[3] == "A closing paragraph about something else."


def test_real_versions_read_in_order_without_renumbering_noise() -> None:
    library = load_library(REAL_CONTENT)
    for code in ("en", "zh_CN"):
        old, new = library.versions(Kind.FULL, by_code(code))
        blocks = diff_documents(old, new)
        anchors = [b.anchor for b in blocks]
        # Sections appear in the order of the new version's table of contents.
        order = [h.anchor for h in new.toc]
        positions = [order.index(a) for a in anchors if a in order]
        assert positions == sorted(positions)
        # Minors, the guidelines' updates and contact moved down a number: not a change in itself.
        assert not [b for b in blocks if b.heading and b.change is Change.CHANGED]
        for block in blocks:
            _no_soup(block)


@given(words, words)
def test_edits_never_interleave(a: list[str], b: list[str]) -> None:
    blocks = diff_documents(_doc("## S {#s}\n\n" + " ".join(a)), _doc("## S {#s}\n\n" + " ".join(b)))
    for block in blocks:
        _no_soup(block)
