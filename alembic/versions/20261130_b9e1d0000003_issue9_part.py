"""jobs: job rows and the outbox that hands them to the queue

Revision ID: b9e1d0000003
Revises: b9e1d0000002
Create Date: 2026-11-30 23:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'b9e1d0000003'
down_revision: Union[str, Sequence[str], None] = 'b9e1d0000002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


STATES = ('queued', 'running', 'succeeded', 'failed')


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        'job',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('subject_user_id', sa.Integer(), nullable=True),
        sa.Column(
            'state',
            sa.Enum(*STATES, native_enum=False, create_constraint=True, length=16, name=op.f('ck_job_state')),
            nullable=False,
        ),
        sa.Column('payload', sa.JSON(), nullable=False),
        sa.Column('checkpoint', sa.JSON(), nullable=True),
        sa.Column('progress_done', sa.Integer(), nullable=False),
        sa.Column('progress_total', sa.Integer(), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('run_after', sa.DateTime(timezone=True), nullable=False),
        sa.Column('lease_until', sa.DateTime(timezone=True), nullable=True),
        sa.Column('claim_token', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['subject_user_id'], ['user_account.id'], ondelete='SET NULL',
                                name=op.f('fk_job_subject_user_id_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_job')),
    )
    op.create_index(op.f('ix_job_subject_user_id'), 'job', ['subject_user_id'], unique=False)
    op.create_index('ix_job_state_lease_until', 'job', ['state', 'lease_until'], unique=False)
    op.create_table(
        'job_outbox',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('job_id', sa.Integer(), nullable=False),
        sa.Column('run_after', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['job_id'], ['job.id'], ondelete='CASCADE', name=op.f('fk_job_outbox_job_id_job')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_job_outbox')),
    )
    op.create_index(op.f('ix_job_outbox_job_id'), 'job_outbox', ['job_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema: the job tables go (jobs are work in flight, not records to keep)."""
    op.drop_index(op.f('ix_job_outbox_job_id'), table_name='job_outbox')
    op.drop_table('job_outbox')
    op.drop_index('ix_job_state_lease_until', table_name='job')
    op.drop_index(op.f('ix_job_subject_user_id'), table_name='job')
    op.drop_table('job')
