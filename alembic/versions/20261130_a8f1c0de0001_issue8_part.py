"""issue 8 provider sign-in: persistent provider sessions, no ID tokens kept

Revision ID: a8f1c0de0001
Revises: d79244d2719e
Create Date: 2026-11-30 22:10:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision: str = 'a8f1c0de0001'
down_revision: Union[str, Sequence[str], None] = 'd79244d2719e'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""


def downgrade() -> None:
    """Downgrade schema."""
