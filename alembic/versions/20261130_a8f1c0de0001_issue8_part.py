"""issue 8 sessions: "keep me signed in" for provider sessions, no ID tokens kept

Provider sessions and authorization codes record whether the person asked to stay signed
in (existing rows say no: the browser-session default applies from now on).
``center_session.id_token_hint`` held every session's ID token (name, e-mail, phone) and
nothing read it: dropped. The downgrade brings the column back empty.

Revision ID: a8f1c0de0001
Revises: d79244d2719e
Create Date: 2026-11-30 22:10:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'a8f1c0de0001'
down_revision: Union[str, Sequence[str], None] = 'd79244d2719e'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _add_flag(table: str, column: str) -> None:
    """A not-null boolean; the default only fills existing rows (the model sets it on insert)."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.add_column(sa.Column(column, sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.alter_column(column, server_default=None, existing_type=sa.Boolean(), existing_nullable=False)


def upgrade() -> None:
    """Upgrade schema."""
    _add_flag("provider_session", "keep")
    _add_flag("oauth_authorization_code", "keep_signed_in")
    with op.batch_alter_table("center_session", schema=None) as batch_op:
        batch_op.drop_column("id_token_hint")


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("center_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("id_token_hint", sa.Text(), nullable=True))
    with op.batch_alter_table("oauth_authorization_code", schema=None) as batch_op:
        batch_op.drop_column("keep_signed_in")
    with op.batch_alter_table("provider_session", schema=None) as batch_op:
        batch_op.drop_column("keep")
