"""access history: append-only entries chained by hash

Revision ID: b9e1d0000004
Revises: b9e1d0000003
Create Date: 2026-11-30 23:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'b9e1d0000004'
down_revision: Union[str, Sequence[str], None] = 'b9e1d0000003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


ACTIONS = (
    'signed_in', 'signed_out', 'signed_out_everywhere', 'app_authorized', 'app_access_disabled',
    'mailbox_code_sent', 'mailbox_verified', 'mailbox_removed', 'locale_saved',
)
GENESIS_HASH = '0' * 64
# Copied, not imported: a migration must keep meaning what it meant when it was written.
SQLITE_TRIGGERS = (
    "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END",
    "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END",
)
POSTGRES_TRIGGERS = (
    """
    CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF current_setting('privacy_center.audit_erasure', true) = 'on' THEN
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END IF;
        RAISE EXCEPTION 'audit_entry is append-only';
    END
    $$
    """,
    "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()",
)


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        'audit_entry',
        sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('subject_user_id', sa.Integer(), nullable=False),
        sa.Column('actor_user_id', sa.Integer(), nullable=True),
        sa.Column('on_behalf_of_user_id', sa.Integer(), nullable=True),
        sa.Column(
            'action',
            sa.Enum(*ACTIONS, native_enum=False, create_constraint=True, length=32,
                    name=op.f('ck_audit_entry_action')),
            nullable=False,
        ),
        sa.Column('details', sa.JSON(), nullable=False),
        sa.Column('client', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('prev_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('entry_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.ForeignKeyConstraint(['subject_user_id'], ['user_account.id'], ondelete='RESTRICT',
                                name=op.f('fk_audit_entry_subject_user_id_user_account')),
        sa.ForeignKeyConstraint(['actor_user_id'], ['user_account.id'], ondelete='RESTRICT',
                                name=op.f('fk_audit_entry_actor_user_id_user_account')),
        sa.ForeignKeyConstraint(['on_behalf_of_user_id'], ['user_account.id'], ondelete='RESTRICT',
                                name=op.f('fk_audit_entry_on_behalf_of_user_id_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry')),
        sa.UniqueConstraint('entry_hash', name=op.f('uq_audit_entry_entry_hash')),
    )
    op.create_index(op.f('ix_audit_entry_subject_user_id'), 'audit_entry', ['subject_user_id', 'id'], unique=False)
    op.create_table(
        'audit_chain_head',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('last_entry_id', sa.Integer(), nullable=False),
        sa.Column('last_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.CheckConstraint('id = 1', name=op.f('ck_audit_chain_head_single_row')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_chain_head')),
    )
    op.execute(
        "INSERT INTO audit_chain_head (id, last_entry_id, last_hash) "
        f"VALUES (1, 0, '{GENESIS_HASH}')"
    )
    dialect = op.get_bind().dialect.name
    for statement in {'sqlite': SQLITE_TRIGGERS, 'postgresql': POSTGRES_TRIGGERS}.get(dialect, ()):
        op.execute(statement)


def downgrade() -> None:
    """Downgrade schema (the history goes with its tables: nothing before this revision held it)."""
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_entry')
        op.execute('DROP FUNCTION IF EXISTS audit_entry_append_only()')
    op.drop_table('audit_chain_head')
    op.drop_index(op.f('ix_audit_entry_subject_user_id'), table_name='audit_entry')
    op.drop_table('audit_entry')
