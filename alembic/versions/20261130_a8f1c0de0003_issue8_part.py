"""issue 8 sign-in throttling: atomic per-key counters in fixed windows, purged when they end

``login_throttle`` rows are now counted by one INSERT ... ON CONFLICT DO UPDATE per key
(account+address, address, account) and a key is locked until its window ends, so
``locked_until`` goes. Rows of ended windows are purged by ``window_started_at``, which
gets an index. Existing rows keep counting; any lock they held ends with its window.

Revision ID: a8f1c0de0003
Revises: a8f1c0de0002
Create Date: 2026-11-30 22:10:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 'a8f1c0de0003'
down_revision: Union[str, Sequence[str], None] = 'a8f1c0de0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('login_throttle', schema=None) as batch_op:
        batch_op.drop_column('locked_until')
        batch_op.create_index(batch_op.f('ix_login_throttle_window_started_at'), ['window_started_at'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('login_throttle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_throttle_window_started_at'))
        batch_op.add_column(sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True))
