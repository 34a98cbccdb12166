"""issue 11 part (grants: app usage per day)

Revision ID: c1a0d0000002
Revises: c1a0d0000001
Create Date: 2026-12-01 01:40:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'c1a0d0000002'
down_revision: Union[str, Sequence[str], None] = 'c1a0d0000001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema (a slot reserved for one part of issue 11; filled by that part)."""


def downgrade() -> None:
    """Downgrade schema."""
