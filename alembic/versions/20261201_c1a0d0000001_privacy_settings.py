"""privacy settings, and the access history's words for settings and app withdrawals

Revision ID: c1a0d0000001
Revises: b9e1d0000005
Create Date: 2026-12-01 01:45:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'c1a0d0000001'
down_revision: Union[str, Sequence[str], None] = 'b9e1d0000005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Copied, not imported: a migration must keep meaning what it meant when it was written.
OLD_ACTIONS = (
    'signed_in', 'signed_out', 'signed_out_everywhere', 'app_authorized', 'app_access_disabled',
    'mailbox_code_sent', 'mailbox_verified', 'mailbox_removed', 'locale_saved',
)
NEW_ACTIONS = OLD_ACTIONS + ('setting_changed', 'app_scope_withdrawn', 'app_deletion_requested')
SOURCES = ('person', 'gpc')
SQLITE_TRIGGERS = (
    "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END",
    "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'audit_entry is append-only'); END",
)


def _allow_actions(actions: tuple[str, ...]) -> None:
    """Replace the CHECK on ``audit_entry.action``.

    PostgreSQL changes the constraint in place. SQLite cannot: alembic's batch mode copies
    the table into a new one, so the append-only triggers (which would refuse nothing here,
    as rows are copied, not updated, but go with the dropped table) are recreated after.
    """
    check = 'action IN (' + ', '.join(f"'{action}'" for action in actions) + ')'
    name = op.f('ck_audit_entry_action')
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('DROP TRIGGER IF EXISTS audit_entry_no_update')
        op.execute('DROP TRIGGER IF EXISTS audit_entry_no_delete')
        with op.batch_alter_table('audit_entry', recreate='always') as batch:
            batch.drop_constraint(name, type_='check')
            batch.create_check_constraint(name, sa.text(check))
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
        return
    op.drop_constraint(name, 'audit_entry', type_='check')
    op.create_check_constraint(name, 'audit_entry', sa.text(check))


def upgrade() -> None:
    """Upgrade schema: a new table; the history accepts three new actions."""
    op.create_table(
        'privacy_setting',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('value', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column(
            'source',
            sa.Enum(*SOURCES, native_enum=False, create_constraint=True, length=16,
                    name=op.f('ck_privacy_setting_source')),
            nullable=False,
        ),
        sa.Column('overrides_gpc', sa.Boolean(), nullable=False),
        sa.Column('client', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='RESTRICT',
                                name=op.f('fk_privacy_setting_user_id_user_account')),
        sa.PrimaryKeyConstraint('user_id', 'key', name=op.f('pk_privacy_setting')),
    )
    _allow_actions(NEW_ACTIONS)


def downgrade() -> None:
    """Downgrade schema (refused while the history holds one of the new actions: it would be lost)."""
    _allow_actions(OLD_ACTIONS)
    op.drop_table('privacy_setting')
