"""Each registered app's own privacy guideline, one row per locale.

The developer's files are validated before they are stored (content/app_guideline.py),
and stored as the validated document (JSON), so the page never parses YAML and never
meets a file that failed validation. A guideline is about an app, not about a person:
no column refers to anyone, so it is not in the personal-data registry.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from privacy_center.models.base import created_at_field


class AppGuidelineDocument(SQLModel, table=True):
    """One locale's guideline of one app (the row is replaced when the developer sends a new one)."""

    __tablename__ = "app_guideline"
    __table_args__ = (sa.UniqueConstraint("client_id", "locale"),)

    id: int | None = Field(default=None, primary_key=True)
    # CASCADE: a guideline describes its app and means nothing once the app is gone.
    client_id: int = Field(foreign_key="oauth_client.id", index=True, ondelete="CASCADE")
    locale: str = Field(max_length=16)  # a gettext code: en, zh_CN
    document: str = Field(sa_type=sa.Text)  # the validated guideline as JSON
    effective_on: dt.date
    stored_at: dt.datetime = created_at_field()
