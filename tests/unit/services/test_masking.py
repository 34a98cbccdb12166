"""Masking: recognizable to the owner, useless to anyone reading over their shoulder."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy_center.content.inventory import MaskStyle
from privacy_center.services.masking import mask


@pytest.mark.parametrize(
    ("value", "style", "expected"),
    [
        ("13800001234", MaskStyle.PHONE, "138****1234"),
        ("138 0000 5678", MaskStyle.PHONE, "138****5678"),
        ("12345", MaskStyle.PHONE, "1***5"),
        ("1234567", MaskStyle.PHONE, "1*****7"),
        ("alice@lattice.example", MaskStyle.EMAIL, "a****@lattice.example"),
        ("al@x.example", MaskStyle.EMAIL, "a***@x.example"),
        ("not-an-address", MaskStyle.EMAIL, "n*************"),
        ("陈爱丽", MaskStyle.NAME, "陈**"),
        ("Chen Aili", MaskStyle.NAME, "C*** A***"),
        ("310101199001011234", MaskStyle.PARTIAL, "3****************4"),
        ("6222 0000 1234 4321", MaskStyle.LAST4, "**** 4321"),
        ("1234", MaskStyle.LAST4, "***4"),
        ("anything", MaskStyle.HIDDEN, "********"),
        ("Shanghai", MaskStyle.NONE, "Shanghai"),
        ("  ", MaskStyle.PHONE, ""),
    ],
)
def test_styles(value: str, style: MaskStyle, expected: str) -> None:
    assert mask(value, style) == expected


MASKING = [s for s in MaskStyle if s is not MaskStyle.NONE]


@given(value=st.text(min_size=2, max_size=60).filter(lambda v: len(v.strip()) >= 2), style=st.sampled_from(MASKING))
def test_never_shows_the_value_or_most_of_it(value: str, style: MaskStyle) -> None:
    shown = mask(value, style)
    # A value holding the mask character itself can read the same masked (":*" keeps ":"
    # and stars the rest); what shows of it is still at most half, as checked below.
    if "*" not in value:
        assert shown != value.strip()
    visible = [c for c in shown if c not in "* "]
    # Whatever stays visible is at most half of the value (an e-mail keeps its domain).
    if style is not MaskStyle.EMAIL:
        assert len(visible) <= len(value.strip()) // 2 + (1 if style is MaskStyle.PHONE else 0)


def test_hidden_does_not_even_tell_the_length() -> None:
    assert mask("a", MaskStyle.HIDDEN) == mask("a much longer secret", MaskStyle.HIDDEN)


@given(digits=st.text(alphabet="0123456789", min_size=2, max_size=20))
def test_phone_numbers_of_any_length_are_masked(digits: str) -> None:
    shown = mask(digits, MaskStyle.PHONE)
    assert "*" in shown
    assert sum(c.isdigit() for c in shown) <= max(7, len(digits) // 2)
