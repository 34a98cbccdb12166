"""apps' own privacy guidelines, one row per app and locale

Revision ID: c1a0d0000004
Revises: c1a0d0000003
Create Date: 2026-12-01 01:40:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'c1a0d0000004'
down_revision: Union[str, Sequence[str], None] = 'c1a0d0000003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema: the table of app guidelines (deleted with their app: CASCADE)."""
    op.create_table(
        'app_guideline',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.Integer(), nullable=False),
        sa.Column('locale', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('document', sa.Text(), nullable=False),
        sa.Column('effective_on', sa.Date(), nullable=False),
        sa.Column('stored_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['client_id'], ['oauth_client.id'], ondelete='CASCADE',
                                name=op.f('fk_app_guideline_client_id_oauth_client')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_app_guideline')),
        sa.UniqueConstraint('client_id', 'locale', name=op.f('uq_app_guideline_client_id_locale')),
    )
    op.create_index(op.f('ix_app_guideline_client_id'), 'app_guideline', ['client_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema: the guidelines go (a developer sends them again after an upgrade)."""
    op.drop_index(op.f('ix_app_guideline_client_id'), table_name='app_guideline')
    op.drop_table('app_guideline')
