"""issue 8 tokens: refresh tokens only for registered clients, token families, pairwise subjects

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


def downgrade() -> None:
    """Downgrade schema."""
