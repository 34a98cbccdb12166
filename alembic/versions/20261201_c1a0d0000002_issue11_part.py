"""app usage per day: how often each authorized app used a person's grant

Revision ID: c1a0d0000002
Revises: c1a0d0000001
Create Date: 2026-12-01 01:40:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 'c1a0d0000002'
down_revision: Union[str, Sequence[str], None] = 'c1a0d0000001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema: one row per grant and UTC day, bumped once per use of the grant's tokens."""
    op.create_table(
        'app_grant_use',
        sa.Column('grant_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('uses', sa.Integer(), nullable=False),
        sa.Column('last_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['grant_id'], ['app_grant.id'], ondelete='CASCADE',
                                name=op.f('fk_app_grant_use_grant_id_app_grant')),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='RESTRICT',
                                name=op.f('fk_app_grant_use_user_id_user_account')),
        sa.PrimaryKeyConstraint('grant_id', 'day', name=op.f('pk_app_grant_use')),
    )
    op.create_index(op.f('ix_app_grant_use_user_id'), 'app_grant_use', ['user_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema: the usage counts go (the grants' last use stays on app_grant)."""
    op.drop_index(op.f('ix_app_grant_use_user_id'), table_name='app_grant_use')
    op.drop_table('app_grant_use')
