"""deletion requests to apps' developers, and the secrets their webhooks are signed with

Revision ID: c1a0d0000003
Revises: c1a0d0000002
Create Date: 2026-12-01 01:40:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'c1a0d0000003'
down_revision: Union[str, Sequence[str], None] = 'c1a0d0000002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Copied, not imported: a migration must keep meaning what it meant when it was written.
STATES = ('pending', 'delivered', 'failed', 'not_possible')
PENDING_ONLY = sa.text("state = 'pending'")


def upgrade() -> None:
    """Upgrade schema: two new tables; apps registered before keep no secret (their requests are not possible)."""
    op.create_table(
        'app_webhook_secret',
        sa.Column('client_id', sa.Integer(), nullable=False),
        sa.Column('encrypted_secret', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['client_id'], ['oauth_client.id'], ondelete='CASCADE',
                                name=op.f('fk_app_webhook_secret_client_id_oauth_client')),
        sa.PrimaryKeyConstraint('client_id', name=op.f('pk_app_webhook_secret')),
    )
    op.create_table(
        'deletion_request',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('request_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('client_id', sa.Integer(), nullable=False),
        sa.Column('app_subject', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column(
            'state',
            sa.Enum(*STATES, native_enum=False, create_constraint=True, length=16,
                    name=op.f('ck_deletion_request_state')),
            nullable=False,
        ),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('max_attempts', sa.Integer(), nullable=False),
        sa.Column('last_reason', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column('job_id', sa.Integer(), nullable=True),
        sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['client_id'], ['oauth_client.id'], ondelete='RESTRICT',
                                name=op.f('fk_deletion_request_client_id_oauth_client')),
        sa.ForeignKeyConstraint(['job_id'], ['job.id'], ondelete='SET NULL',
                                name=op.f('fk_deletion_request_job_id_job')),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ondelete='RESTRICT',
                                name=op.f('fk_deletion_request_user_id_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_deletion_request')),
        sa.UniqueConstraint('request_id', name=op.f('uq_deletion_request_request_id')),
    )
    # One pending request per person and app (partial unique), and a person's latest per app.
    op.create_index(op.f('ix_deletion_request_user_id_client_id'), 'deletion_request', ['user_id', 'client_id'],
                    unique=True, sqlite_where=PENDING_ONLY, postgresql_where=PENDING_ONLY)
    op.create_index(op.f('ix_deletion_request_user_id_client_id_id'), 'deletion_request',
                    ['user_id', 'client_id', 'id'], unique=False)


def downgrade() -> None:
    """Downgrade schema: the requests and the webhook secrets go (apps keep their webhook_url)."""
    op.drop_index(op.f('ix_deletion_request_user_id_client_id_id'), table_name='deletion_request')
    op.drop_index(op.f('ix_deletion_request_user_id_client_id'), table_name='deletion_request')
    op.drop_table('deletion_request')
    op.drop_table('app_webhook_secret')
