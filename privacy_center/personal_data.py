"""The personal-data registry: what each table holds about a person, how it leaves, how it goes.

Every table that holds personal data, or references a user, declares here (or in its own
model module, with :func:`register`) its category, how it is exported and its erasure
action. Export and deletion are driven by these entries, not by foreign-key cascades: a
table missing from the registry would be silently skipped, so a test refuses one.

This module is a leaf (it imports nothing of the app), so model modules can register
their tables next to their definitions.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    """What kind of personal data a table holds (the person's view of it, not the code's)."""

    IDENTITY = "identity"  # who the person is: names, identifiers, birth date
    CONTACT = "contact"  # how to reach them: e-mail, phone
    USAGE = "usage"  # what the platform collected or shared about them, and when
    SECURITY = "security"  # sessions, codes, tokens, credentials, throttles
    PREFERENCES = "preferences"  # their choices: language, settings
    CONSENT = "consent"  # what they agreed to: app grants, acknowledgments
    AUDIT = "audit"  # the record of what was done with their data


class Erasure(StrEnum):
    """What deleting a person does to a table's rows about them."""

    DELETE = "delete"  # the rows go
    ANONYMIZE = "anonymize"  # the rows stay, the named columns are blanked
    RETAIN = "retain"  # the rows stay for a legal basis, then go after the retention days


@dataclass(frozen=True)
class Entry:
    """One table's declaration; ``subject_column`` finds the person's rows in it."""

    table: str
    category: Category
    erasure: Erasure
    exported: tuple[str, ...]
    not_exported: str | None
    anonymize: tuple[str, ...]
    legal_basis: str | None
    retain_days: int | None
    subject_column: str | None


_REGISTRY: dict[str, Entry] = {}


def register(
    table: str,
    *,
    category: Category,
    erasure: Erasure,
    exported: tuple[str, ...] = (),
    not_exported: str | None = None,
    anonymize: tuple[str, ...] = (),
    legal_basis: str | None = None,
    retain_days: int | None = None,
    subject_column: str | None = "user_id",
) -> Entry:
    """Declare one table; raises ``ValueError`` when the declaration is incomplete or twice made.

    Exactly one of ``exported`` (the columns a person's export includes) and
    ``not_exported`` (why none are) is given. ``anonymize`` names the columns blanked by
    an anonymizing erasure; a retained table names its legal basis and days.
    ``subject_column`` is ``None`` for rows tied to no person by a column (hashed keys):
    they cannot be found for one person, so they are retained only for a short time.
    """
    problems = _problems(
        erasure=erasure,
        exported=exported,
        not_exported=not_exported,
        anonymize=anonymize,
        legal_basis=legal_basis,
        retain_days=retain_days,
    )
    if table in _REGISTRY:
        problems.append("registered twice")
    if problems:
        msg = f"personal-data registry, table {table!r}: " + "; ".join(problems)
        raise ValueError(msg)
    entry = Entry(table, category, erasure, exported, not_exported, anonymize, legal_basis, retain_days, subject_column)
    _REGISTRY[table] = entry
    return entry


def _problems(
    *,
    erasure: Erasure,
    exported: tuple[str, ...],
    not_exported: str | None,
    anonymize: tuple[str, ...],
    legal_basis: str | None,
    retain_days: int | None,
) -> list[str]:
    problems = []
    if bool(exported) == bool(not_exported):
        problems.append("give either the exported columns or why nothing is exported")
    if (erasure is Erasure.ANONYMIZE) != bool(anonymize):
        problems.append("anonymize columns go with, and only with, the anonymize action")
    retention = (bool(legal_basis), bool(retain_days))
    if retention != ((True, True) if erasure is Erasure.RETAIN else (False, False)):
        problems.append("a legal basis and retention days go with, and only with, the retain action")
    return problems


def entry(table: str) -> Entry:
    """The declaration of one table (``KeyError`` if it has none)."""
    return _REGISTRY[table]


def entries() -> tuple[Entry, ...]:
    """Every declaration, by table name."""
    return tuple(_REGISTRY[name] for name in sorted(_REGISTRY))
