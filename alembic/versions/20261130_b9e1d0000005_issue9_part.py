"""verified mailbox: addresses and their confirmation codes

Revision ID: b9e1d0000005
Revises: b9e1d0000004
Create Date: 2026-11-30 23:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'b9e1d0000005'
down_revision: Union[str, Sequence[str], None] = 'b9e1d0000004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


STATES = ('pending', 'confirmed', 'exhausted', 'replaced')


def upgrade() -> None:
    """Upgrade schema: two new tables, nothing existing changes."""
    op.create_table(
        'mailbox_address',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column('verified_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='RESTRICT',
                                name=op.f('fk_mailbox_address_user_id_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_mailbox_address')),
        sa.UniqueConstraint('user_id', name=op.f('uq_mailbox_address_user_id')),
    )
    op.create_table(
        'mailbox_challenge',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('address', sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column('address_digest', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('code_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column(
            'state',
            sa.Enum(*STATES, native_enum=False, create_constraint=True, length=16,
                    name=op.f('ck_mailbox_challenge_state')),
            nullable=False,
        ),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='RESTRICT',
                                name=op.f('fk_mailbox_challenge_user_id_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_mailbox_challenge')),
    )
    op.create_index(op.f('ix_mailbox_challenge_address_digest'), 'mailbox_challenge', ['address_digest'],
                    unique=False)
    op.create_index(op.f('ix_mailbox_challenge_user_id_created_at'), 'mailbox_challenge',
                    ['user_id', 'created_at'], unique=False)


def downgrade() -> None:
    """Downgrade schema: the two tables go (they hold nothing an earlier revision could keep)."""
    op.drop_index(op.f('ix_mailbox_challenge_user_id_created_at'), table_name='mailbox_challenge')
    op.drop_index(op.f('ix_mailbox_challenge_address_digest'), table_name='mailbox_challenge')
    op.drop_table('mailbox_challenge')
    op.drop_table('mailbox_address')
