"""drop the backfill defaults of user_account

Revision 15d06fb3ff17 gave issuer and role server defaults only to fill existing rows;
the models have none, so new rows always get explicit values.

Revision ID: 1e32e9ce3849
Revises: a1991461e751
Create Date: 2026-11-22 16:30:23.489073

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = '1e32e9ce3849'
down_revision: Union[str, Sequence[str], None] = 'a1991461e751'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.alter_column("issuer", server_default=None, existing_type=sqlmodel.sql.sqltypes.AutoString(length=255), existing_nullable=False)
        batch_op.alter_column("role", server_default=None, existing_type=sqlmodel.sql.sqltypes.AutoString(length=16), existing_nullable=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.alter_column("issuer", server_default="", existing_type=sqlmodel.sql.sqltypes.AutoString(length=255), existing_nullable=False)
        batch_op.alter_column("role", server_default="user", existing_type=sqlmodel.sql.sqltypes.AutoString(length=16), existing_nullable=False)
