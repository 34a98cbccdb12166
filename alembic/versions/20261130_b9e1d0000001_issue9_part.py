"""identity: users are internal ids, external identities link to them

Each user's (issuer, subject) moves to ``user_identity`` (one row per pair, unique; a
person may have several), and ``installation_setting`` keeps the built-in provider's
issuer fixed: the issuer existing built-in accounts were created under, else the
public URL now (``PC_ISSUER``, when set, outranks what is stored). The downgrade puts
each user's first identity back on ``user_account``.

Revision ID: b9e1d0000001
Revises: a8f1c0de0003
Create Date: 2026-11-30 23:00:00

"""

from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = "b9e1d0000001"
down_revision: Union[str, Sequence[str], None] = "a8f1c0de0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

ISSUER_KEY = "builtin_issuer"


def _initial_issuer(connection: sa.Connection) -> str:
    """Where the built-in accounts already live; a fresh installation takes its URL now."""
    existing = connection.execute(
        sa.text("SELECT u.issuer FROM user_account u JOIN platform_account p ON p.user_id = u.id "
                "WHERE u.issuer <> '' ORDER BY u.id LIMIT 1")
    ).scalar()  # fmt: skip
    if existing:
        return existing
    from privacy_center.settings import get_settings  # noqa: PLC0415 - read only for a fresh installation

    settings = get_settings()
    return settings.builtin_issuer or settings.public_url


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "user_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("issuer", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], ondelete="RESTRICT", name=op.f("fk_user_identity_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_identity")),
        sa.UniqueConstraint("issuer", "subject", name=op.f("uq_user_identity_issuer_subject")),
    )
    op.create_index(op.f("ix_user_identity_user_id"), "user_identity", ["user_id"], unique=False)
    op.create_table(
        "installation_setting",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_installation_setting")),
    )
    connection = op.get_bind()
    connection.execute(
        sa.text("INSERT INTO user_identity (user_id, issuer, subject, created_at) "
                "SELECT id, issuer, subject, created_at FROM user_account ORDER BY id")
    )  # fmt: skip
    connection.execute(
        sa.text("INSERT INTO installation_setting (key, value) VALUES (:key, :value)"),
        {"key": ISSUER_KEY, "value": _initial_issuer(connection)},
    )
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_constraint("uq_user_account_issuer_subject", type_="unique")
        batch_op.drop_index("ix_user_account_subject")
        batch_op.drop_column("subject")
        batch_op.drop_column("issuer")


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("issuer", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True))
        batch_op.add_column(sa.Column("subject", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=True))
    first = "FROM user_identity i WHERE i.user_id = user_account.id ORDER BY i.id LIMIT 1"
    op.get_bind().execute(
        sa.text(f"UPDATE user_account SET issuer = COALESCE((SELECT i.issuer {first}), ''), "  # noqa: S608 - no input
                f"subject = COALESCE((SELECT i.subject {first}), 'orphan-' || CAST(id AS VARCHAR(20)))")
    )  # fmt: skip
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.alter_column("issuer", existing_type=sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False)
        batch_op.alter_column("subject", existing_type=sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False)
        batch_op.create_index("ix_user_account_subject", ["subject"], unique=False)
        batch_op.create_unique_constraint("uq_user_account_issuer_subject", ["issuer", "subject"])
    op.drop_table("installation_setting")
    op.drop_index(op.f("ix_user_identity_user_id"), table_name="user_identity")
    op.drop_table("user_identity")
