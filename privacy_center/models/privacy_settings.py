"""A person's privacy settings: one row per setting they (or their browser's signal) changed.

A setting never changed has no row: its value is the catalogue's default (version 0). The
version counts changes, so a tab or device that changes a setting it saw at an older
version is told, instead of overwriting what another tab did (no lost update).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from privacy_center.models.base import enum_type, moment_field
from privacy_center.personal_data import Category, Erasure, register


class SettingSource(StrEnum):
    """Who set the value in force."""

    PERSON = "person"  # the person (or someone acting for them) on the settings page
    GPC = "gpc"  # their browser's Global Privacy Control signal


class PrivacySetting(SQLModel, table=True):
    """One setting's value for one person.

    RESTRICT like every personal row: deleting a person goes through erasure, which deletes
    these first.
    """

    __tablename__ = "privacy_setting"

    user_id: int = Field(foreign_key="user_account.id", ondelete="RESTRICT", primary_key=True)
    key: str = Field(max_length=100, primary_key=True)
    value: str = Field(max_length=32)
    version: int = Field(sa_column=sa.Column(sa.Integer, nullable=False))
    source: str = Field(sa_type=enum_type(SettingSource, name="source", length=16))
    # The person chose this value while their browser sent GPC: the signal must not undo it.
    overrides_gpc: bool = False
    client: str = Field(max_length=100)  # "web", an app's client id, ... (as in the access history)
    updated_at: dt.datetime = moment_field(nullable=False)


register(
    "privacy_setting",
    category=Category.PREFERENCES,
    erasure=Erasure.DELETE,
    exported=("key", "value", "source", "updated_at"),
)
