"""schema: naming convention, CHECK constraints on enums, delete rules chosen per table

Every constraint and index of the tables that existed before issue 9 gets its name from
the convention (databases created before it have PostgreSQL's defaults, or no names at
all on SQLite); enum-like columns get CHECK constraints; the foreign keys whose cascade
would silently delete what erasure must decide about (the personal-data registry drives
it) or what the access history must show become RESTRICT. The reasons per table are
next to the columns in privacy_center/models/.

Revision ID: b9e1d0000002
Revises: b9e1d0000001
Create Date: 2026-11-30 23:00:00

"""

from collections.abc import Sequence
from contextlib import AbstractContextManager

import sqlalchemy as sa
from alembic.operations import BatchOperations

from alembic import op

revision: str = "b9e1d0000002"
down_revision: str | Sequence[str] | None = "b9e1d0000001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here as this revision applies it (the models' copy may evolve; this one must not).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
TABLES = (
    "user_account",
    "platform_account",
    "policy_document",
    "policy_acknowledgment",
    "personal_data_event",
    "daily_count",
    "personal_value",
    "oauth_client",
    "app_grant",
    "oauth_authorization_code",
    "oauth_token",
    "pairwise_subject",
    "signing_key",
    "center_session",
    "provider_session",
    "login_throttle",
)
# (table, column) -> the rule replacing CASCADE; every other foreign key keeps CASCADE.
RESTRICTED = (
    ("platform_account", "user_id"),
    ("policy_acknowledgment", "user_id"),
    ("personal_data_event", "user_id"),
    ("daily_count", "user_id"),
    ("personal_value", "user_id"),
    ("app_grant", "user_id"),
    ("app_grant", "client_id"),
    ("pairwise_subject", "user_id"),
)
GUIDELINE_KINDS = ("summary", "full", "children")
EVENT_KINDS = ("collected", "shared")
CHECKS = (  # (table, column, values)
    ("user_account", "role", ("user", "agent", "operator")),
    ("policy_document", "kind", GUIDELINE_KINDS),
    ("policy_acknowledgment", "kind", GUIDELINE_KINDS),
    ("personal_data_event", "kind", EVENT_KINDS),
    ("daily_count", "kind", EVENT_KINDS),
    ("oauth_client", "token_endpoint_auth_method", ("client_secret_basic", "client_secret_post", "none")),
    ("oauth_authorization_code", "code_challenge_method", ("S256",)),
)
# Names given by hand before the convention, which the downgrade puts back.
HAND_NAMED = {
    "uq_app_grant_user_id_client_id": "uq_app_grant_user_client",
    "uq_pairwise_subject_user_id_client_id": "uq_pairwise_subject_user_client",
    "uq_policy_acknowledgment_user_id_kind_version": "uq_policy_ack_user_kind_version",
    "ix_personal_data_event_user_id_kind_key_occurred_at": "ix_personal_data_event_user_kind_key_time",
}


def _check_name(table: str, column: str) -> str:
    return f"ck_{table}_{column}"


def _check_condition(column: str, values: Sequence[str]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def _fk_name(table: str, column: str, referred: str) -> str:
    return f"fk_{table}_{column}_{referred}"


def _existing_tables() -> list[str]:
    present = set(sa.inspect(op.get_bind()).get_table_names())
    return [table for table in TABLES if table in present]


def _renames(table: str) -> list[tuple[str, str | None, str, list[str]]]:
    """(kind, current name, conventional name, columns) of every object the convention names otherwise."""
    inspector = sa.inspect(op.get_bind())
    primary = inspector.get_pk_constraint(table)
    found = [("primary", primary["name"], f"pk_{table}", primary["constrained_columns"])]
    for unique in inspector.get_unique_constraints(table):
        columns = unique["column_names"]
        found.append(("unique", unique["name"], f"uq_{table}_{'_'.join(columns)}", columns))
    for index in inspector.get_indexes(table):
        if not index.get("duplicates_constraint"):  # not the index behind a unique constraint
            columns = [str(column) for column in index["column_names"]]
            found.append(("index", index["name"], f"ix_{table}_{'_'.join(columns)}", columns))
    for fk in inspector.get_foreign_keys(table):
        columns = fk["constrained_columns"]
        found.append(("foreignkey", fk["name"], _fk_name(table, columns[0], fk["referred_table"]), columns))
    return [(kind, name, wanted, columns) for kind, name, wanted, columns in found if name != wanted]


def _foreign_keys(table: str) -> list[tuple[str, str]]:
    """(column, referred table) of this table's foreign keys whose delete rule this revision changes."""
    return [
        (fk["constrained_columns"][0], fk["referred_table"])
        for fk in sa.inspect(op.get_bind()).get_foreign_keys(table)
        if (table, fk["constrained_columns"][0]) in RESTRICTED
    ]


def _set_delete_rule(batch: BatchOperations, table: str, column: str, referred: str, rule: str) -> None:
    """Replace a foreign key by the same one with another ON DELETE (no ALTER can change it)."""
    name = op.f(_fk_name(table, column, referred))
    batch.drop_constraint(name, type_="foreignkey")
    batch.create_foreign_key(name, referred, [column], ["id"], ondelete=rule)


def _rename_on_postgresql(table: str) -> None:
    for kind, current, wanted, _columns in _renames(table):
        if kind == "index":
            op.execute(f'ALTER INDEX "{current}" RENAME TO "{wanted}"')
        else:  # a unique or primary key constraint's index follows its name
            op.execute(f'ALTER TABLE "{table}" RENAME CONSTRAINT "{current}" TO "{wanted}"')


def _rename_in_batch(batch: BatchOperations, table: str) -> None:
    # SQLite cannot rename a constraint: the table is rebuilt. Those created unnamed
    # before the convention get their names from it as the table is copied.
    for kind, current, wanted, columns in _renames(table):
        if current is None:
            continue
        if kind == "unique":
            batch.drop_constraint(current, type_="unique")
            batch.create_unique_constraint(op.f(wanted), columns)
        elif kind == "index":
            batch.drop_index(current)
            batch.create_index(op.f(wanted), columns)


def _batch(table: str) -> AbstractContextManager[BatchOperations]:
    """ALTERs in place on PostgreSQL; on SQLite a rebuild that names unnamed constraints."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    return op.batch_alter_table(
        table, recreate="always" if sqlite else "never", naming_convention=NAMING_CONVENTION if sqlite else None
    )


def upgrade() -> None:
    """Name everything by the convention, add the CHECKs, restrict the deletes that must be decided."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in _existing_tables():
        if not sqlite:
            _rename_on_postgresql(table)
        with _batch(table) as batch:
            if sqlite:
                _rename_in_batch(batch, table)
            for column, referred in _foreign_keys(table):
                _set_delete_rule(batch, table, column, referred, "RESTRICT")
            for check_table, column, values in CHECKS:
                if check_table == table:
                    batch.create_check_constraint(op.f(_check_name(table, column)), _check_condition(column, values))


def downgrade() -> None:
    """Put back the CASCADEs and the hand-given names, drop the CHECKs.

    Other names stay by the convention: the earlier revisions create them so too now
    (alembic applies the metadata's convention), and on SQLite a name changes nothing.
    """
    for table in _existing_tables():
        inspector = sa.inspect(op.get_bind())
        with _batch(table) as batch:
            for check_table, column, _values in CHECKS:
                if check_table == table:
                    batch.drop_constraint(op.f(_check_name(table, column)), type_="check")
            for column, referred in _foreign_keys(table):
                _set_delete_rule(batch, table, column, referred, "CASCADE")
            for unique in inspector.get_unique_constraints(table):
                if (old := HAND_NAMED.get(str(unique["name"]))) is not None:
                    batch.drop_constraint(str(unique["name"]), type_="unique")
                    batch.create_unique_constraint(op.f(old), unique["column_names"])
            for index in inspector.get_indexes(table):
                if (old := HAND_NAMED.get(str(index["name"]))) and not index.get("duplicates_constraint"):
                    batch.drop_index(str(index["name"]))
                    batch.create_index(op.f(old), [str(column) for column in index["column_names"]])
