"""The personal-data registry covers every table about a person, and only real columns.

Export and erasure will be driven by the registry: a table it misses would be silently
left out of both. So a table that references a user, or has a column whose name or type
says it holds personal data, must be registered (or listed below with the reason it
holds none).
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlmodel import SQLModel

import privacy_center.models  # noqa: F401 - registers every table and its declaration
from privacy_center import personal_data
from privacy_center.personal_data import Category, Erasure, register

# Parts of a column name that say it holds something about a person.
PERSONAL_WORDS = frozenset(
    {"address", "avatar", "birth", "email", "ip", "mail", "name", "phone", "recipient", "subject", "token", "value"}
)
# Tables whose columns look personal but hold nothing about a person, and why.
NOT_PERSONAL = {
    "oauth_client": "apps an operator registered: the app's and its developer's names, no user's data",
    "installation_setting": "installation-wide values fixed at set-up (the issuer), about no one",
}


def _looks_personal(column: sa.Column) -> bool:
    words = set(column.name.lower().split("_"))
    return bool(words & PERSONAL_WORDS) or isinstance(column.type, postgresql.INET | postgresql.CIDR)


def _about_a_person(table: sa.Table) -> list[str]:
    """Why a table must be registered: its references to users and its personal-looking columns."""
    reasons = [
        f"references user_account ({fk.parent.name})"
        for fk in table.foreign_keys
        if fk.column.table.name == "user_account"
    ]
    reasons += [f"column {column.name}" for column in table.columns if _looks_personal(column)]
    return reasons


def unregistered(metadata: sa.MetaData) -> list[str]:
    """Each table about a person that has no declaration, with what gives it away."""
    registered = {entry.table for entry in personal_data.entries()}
    return [
        f"{name}: {', '.join(reasons)}"
        for name, table in sorted(metadata.tables.items())
        if name not in registered and name not in NOT_PERSONAL and (reasons := _about_a_person(table))
    ]


def test_every_table_about_a_person_is_registered() -> None:
    missing = unregistered(SQLModel.metadata)
    assert missing == [], "declare these in privacy_center/personal_data.py's registry (register(...)):\n" + "\n".join(
        missing
    )


def test_a_new_table_about_a_person_is_caught() -> None:
    """The check itself: a table with a user reference, or an e-mail column, and no declaration."""
    metadata = sa.MetaData()
    sa.Table("user_account", metadata, sa.Column("id", sa.Integer, primary_key=True))
    sa.Table("reading_list", metadata, sa.Column("user_id", sa.ForeignKey("user_account.id")))
    sa.Table("newsletter", metadata, sa.Column("id", sa.Integer), sa.Column("email", sa.String))
    sa.Table("visit", metadata, sa.Column("id", sa.Integer), sa.Column("seen_from", postgresql.INET))
    sa.Table("weather", metadata, sa.Column("id", sa.Integer), sa.Column("celsius", sa.Integer))
    assert unregistered(metadata) == [
        "newsletter: column email",
        "reading_list: references user_account (user_id)",
        "visit: column seen_from",
    ]


def test_declarations_name_real_tables_and_columns() -> None:
    wrong = []
    for entry in personal_data.entries():
        table = SQLModel.metadata.tables.get(entry.table)
        if table is None:
            wrong.append(f"{entry.table}: no such table")
            continue
        named = [*entry.exported, *entry.anonymize, *([entry.subject_column] if entry.subject_column else [])]
        wrong += [f"{entry.table}.{column}: no such column" for column in named if column not in table.columns]
    assert wrong == []


def test_the_registry_names_nothing_in_not_personal() -> None:
    assert {entry.table for entry in personal_data.entries()} & set(NOT_PERSONAL) == set()


@pytest.mark.parametrize(
    ("declaration", "problem"),
    [
        ({"erasure": Erasure.DELETE}, "either the exported columns or why nothing is exported"),
        (
            {"erasure": Erasure.DELETE, "exported": ("a",), "not_exported": "because"},
            "either the exported columns or why nothing is exported",
        ),
        ({"erasure": Erasure.ANONYMIZE, "exported": ("a",)}, "anonymize columns go with"),
        ({"erasure": Erasure.DELETE, "exported": ("a",), "anonymize": ("a",)}, "anonymize columns go with"),
        ({"erasure": Erasure.RETAIN, "exported": ("a",), "retain_days": 30}, "a legal basis and retention days"),
        ({"erasure": Erasure.RETAIN, "exported": ("a",), "legal_basis": "law"}, "a legal basis and retention days"),
        ({"erasure": Erasure.DELETE, "exported": ("a",), "retain_days": 30}, "a legal basis and retention days"),
    ],
)
def test_an_incomplete_declaration_is_refused(declaration: dict, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        register("scratch_table", category=Category.USAGE, **declaration)
    assert "scratch_table" not in {entry.table for entry in personal_data.entries()}


def test_a_table_is_declared_once() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        register("user_account", category=Category.IDENTITY, erasure=Erasure.DELETE, exported=("id",))
