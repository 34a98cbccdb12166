"""schema: naming convention, CHECK constraints on enums, delete rules chosen per table

Revision ID: b9e1d0000002
Revises: b9e1d0000001
Create Date: 2026-11-30 23:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'b9e1d0000002'
down_revision: Union[str, Sequence[str], None] = 'b9e1d0000001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""


def downgrade() -> None:
    """Downgrade schema."""
