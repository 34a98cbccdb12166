"""Platform users as the privacy center knows them."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Field, SQLModel

from privacy_center.models.base import created_at_field


class User(SQLModel, table=True):
    """A person whose information the platform holds; identified by their OIDC subject."""

    __tablename__ = "user_account"

    id: int | None = Field(default=None, primary_key=True)
    subject: str = Field(max_length=255, unique=True, index=True)
    display_name: str = Field(max_length=120)
    # The user's own language choice: it outranks ?lang= and Accept-Language.
    preferred_locale: str | None = Field(default=None, max_length=16)
    birth_date: dt.date | None = None
    created_at: dt.datetime = created_at_field()
