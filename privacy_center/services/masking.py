"""Masking a user's own values before they leave the server.

The page shows enough for the user to recognize their value (138****1234) and not
enough to be useful to someone reading over their shoulder or a screenshot. The raw
value never reaches the browser when the inventory says to mask it.
"""

from __future__ import annotations

from privacy_center.content.inventory import MaskStyle

STAR = "*"


def _keep_ends(text: str, head: int, tail: int) -> str:
    """Keep ``head`` leading and ``tail`` trailing characters; at least half is always starred."""
    if len(text) <= 1:
        return STAR * len(text)
    visible = max(0, min(head + tail, len(text) // 2))
    head = min(head, visible)
    tail = visible - head
    return text[:head] + STAR * (len(text) - head - tail) + (text[len(text) - tail :] if tail else "")


def _phone(value: str) -> str:
    digits = "".join(c for c in value if c.isdigit())
    if len(digits) < 11:  # too short for the 3 + 4 pattern to hide anything
        return _keep_ends(digits or value, 1, 1)
    # 13800001234 -> 138****1234: the operator and the last four digits, as the seeds do.
    return digits[:3] + STAR * (len(digits) - 7) + digits[-4:]


def _email(value: str) -> str:
    local, at, domain = value.rpartition("@")
    if not at or not local:
        return _keep_ends(value, 1, 0)
    return local[0] + STAR * max(3, len(local) - 1) + "@" + domain


def _name(value: str) -> str:
    # Alice Chen -> A**** C***; 陈爱丽 -> 陈** (the family name comes first in Chinese
    # names). A one-letter word or name is starred whole.
    return " ".join(_keep_ends(word, 1, 0) for word in value.split())


def _last4(value: str) -> str:
    compact = "".join(value.split())
    return STAR * 4 + " " + compact[-4:] if len(compact) > 8 else _keep_ends(compact, 0, 1)


def mask(value: str, style: MaskStyle) -> str:
    """``value`` as the user's list shows it, in ``style``."""
    value = value.strip()
    if not value:
        return ""
    match style:
        case MaskStyle.NONE:
            return value
        case MaskStyle.PHONE:
            return _phone(value)
        case MaskStyle.EMAIL:
            return _email(value)
        case MaskStyle.NAME:
            return _name(value)
        case MaskStyle.LAST4:
            return _last4(value)
        case MaskStyle.HIDDEN:
            return STAR * 8
        case MaskStyle.PARTIAL:
            return _keep_ends(value, 1, 1)
