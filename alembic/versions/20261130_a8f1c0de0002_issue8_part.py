"""issue 8 tokens: token families and pairwise subjects

``oauth_token.family_id`` ties every token to the authorization code it descends from, so
a replayed code or rotated refresh token revokes the whole family. Existing tokens have no
known code: each becomes a family of its own (its access-token hash).
``pairwise_subject`` holds the random ``sub`` each third-party app knows a person by.

Revision ID: a8f1c0de0002
Revises: a8f1c0de0001
Create Date: 2026-11-30 22:10:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'a8f1c0de0002'
down_revision: Union[str, Sequence[str], None] = 'a8f1c0de0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('oauth_token', schema=None) as batch_op:
        batch_op.add_column(sa.Column('family_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
    op.execute(sa.text('UPDATE oauth_token SET family_id = access_token_hash'))
    with op.batch_alter_table('oauth_token', schema=None) as batch_op:
        batch_op.alter_column(
            'family_id', existing_type=sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False
        )
        batch_op.create_index(batch_op.f('ix_oauth_token_family_id'), ['family_id'], unique=False)

    op.create_table('pairwise_subject',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('subject', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['oauth_client.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('subject', name='uq_pairwise_subject_subject'),
    sa.UniqueConstraint('user_id', 'client_id', name='uq_pairwise_subject_user_client')
    )
    with op.batch_alter_table('pairwise_subject', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pairwise_subject_client_id'), ['client_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('pairwise_subject', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pairwise_subject_client_id'))
    op.drop_table('pairwise_subject')
    with op.batch_alter_table('oauth_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_oauth_token_family_id'))
        batch_op.drop_column('family_id')
