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


def upgrade() -> None:
    """Upgrade schema."""


def downgrade() -> None:
    """Downgrade schema."""
