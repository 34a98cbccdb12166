"""issue 8 sessions and keys: "keep me signed in", no ID tokens kept, signing keys encrypted

Provider sessions and authorization codes record whether the person asked to stay signed
in (existing rows say no: the browser-session default applies from now on).
``center_session.id_token_hint`` held every session's ID token (name, e-mail, phone) and
nothing read it: dropped. The downgrade brings the column back empty.

``signing_key.private_jwk`` held the provider's RSA private key in clear. It becomes
``public_jwk`` (clear: the JWKS needs no secret) and ``encrypted_private_jwk`` (AES-GCM
under a key derived from PC_SECRET_KEY, see privacy_center/auth/keys.py). Existing keys
are encrypted here rather than on first read, so no clear private key is left in the
database (or its next backup) once the upgrade ran, whether or not the server ever
starts again. The migration therefore needs the deployment's PC_SECRET_KEY, as the
server does; the downgrade decrypts them back with it.

Revision ID: a8f1c0de0001
Revises: d79244d2719e
Create Date: 2026-11-30 22:10:00

"""
from typing import Sequence, Union

import json

from alembic import op
import sqlalchemy as sa
import sqlmodel
from joserfc.jwk import RSAKey

from privacy_center.auth.keys import seal, unseal


revision: str = 'a8f1c0de0001'
down_revision: Union[str, Sequence[str], None] = 'd79244d2719e'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _add_flag(table: str, column: str) -> None:
    """A not-null boolean; the default only fills existing rows (the model sets it on insert)."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.add_column(sa.Column(column, sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.alter_column(column, server_default=None, existing_type=sa.Boolean(), existing_nullable=False)


def upgrade() -> None:
    """Upgrade schema."""
    _add_flag("provider_session", "keep")
    _add_flag("oauth_authorization_code", "keep_signed_in")
    _encrypt_signing_keys()
    with op.batch_alter_table("center_session", schema=None) as batch_op:
        batch_op.drop_column("id_token_hint")


def _encrypt_signing_keys() -> None:
    with op.batch_alter_table("signing_key", schema=None) as batch_op:
        batch_op.add_column(sa.Column("public_jwk", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("encrypted_private_jwk", sa.Text(), nullable=True))
    connection = op.get_bind()
    for key_id, kid, private_jwk in connection.execute(sa.text("SELECT id, kid, private_jwk FROM signing_key")).all():
        public = RSAKey.import_key(json.loads(private_jwk)).as_dict(private=False)
        connection.execute(
            sa.text("UPDATE signing_key SET public_jwk = :public, encrypted_private_jwk = :sealed WHERE id = :id"),
            {"public": json.dumps(public), "sealed": seal(private_jwk, kid=kid), "id": key_id},
        )
    with op.batch_alter_table("signing_key", schema=None) as batch_op:
        batch_op.alter_column("public_jwk", existing_type=sa.Text(), nullable=False)
        batch_op.alter_column("encrypted_private_jwk", existing_type=sa.Text(), nullable=False)
        batch_op.drop_column("private_jwk")


def _decrypt_signing_keys() -> None:
    with op.batch_alter_table("signing_key", schema=None) as batch_op:
        batch_op.add_column(sa.Column("private_jwk", sa.Text(), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, kid, encrypted_private_jwk FROM signing_key")).all()
    for key_id, kid, sealed in rows:
        connection.execute(
            sa.text("UPDATE signing_key SET private_jwk = :private WHERE id = :id"),
            {"private": unseal(sealed, kid=kid), "id": key_id},
        )
    with op.batch_alter_table("signing_key", schema=None) as batch_op:
        batch_op.alter_column("private_jwk", existing_type=sa.Text(), nullable=False)
        batch_op.drop_column("encrypted_private_jwk")
        batch_op.drop_column("public_jwk")


def downgrade() -> None:
    """Downgrade schema."""
    _decrypt_signing_keys()
    with op.batch_alter_table("center_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("id_token_hint", sa.Text(), nullable=True))
    with op.batch_alter_table("oauth_authorization_code", schema=None) as batch_op:
        batch_op.drop_column("keep_signed_in")
    with op.batch_alter_table("provider_session", schema=None) as batch_op:
        batch_op.drop_column("keep")
