"""Platform accounts at the built-in provider: creating people who can sign in."""

from __future__ import annotations

import datetime as dt
import re

from sqlmodel import Session, or_, select

from privacy_center import clock
from privacy_center.models import PlatformAccount, Role, User
from privacy_center.security.passwords import MIN_LENGTH, hash_password
from privacy_center.services.identity import new_builtin_identity

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,31}$")
PHONE_RE = re.compile(r"^\+?[0-9]{6,15}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AccountError(ValueError):
    """Input that cannot make an account; ``field`` says which."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        super().__init__(f"{field}: {problem}")


def create_user(
    *,
    session: Session,
    username: str,
    password: str,
    display_name: str,
    phone: str | None = None,
    email: str | None = None,
    birth_date: dt.date | None = None,
    role: Role = Role.USER,
) -> User:
    """A user, their identity at the built-in provider and their platform account."""
    username = username.strip().lower()
    if not USERNAME_RE.match(username):
        raise AccountError("username", "3-32 characters: lower-case letters, digits, '.', '_' or '-'")
    if len(password) < MIN_LENGTH:
        raise AccountError("password", f"at least {MIN_LENGTH} characters")
    if not 0 < len(display_name.strip()) <= 120:
        raise AccountError("display_name", "1-120 characters")
    if phone is not None and not PHONE_RE.match(phone):
        raise AccountError("phone", "digits only, 6-15 of them, optionally after '+'")
    if email is not None and not EMAIL_RE.match(email):
        raise AccountError("email", "not an e-mail address")
    if birth_date is not None and not dt.date(1900, 1, 1) <= birth_date <= clock.today():
        raise AccountError("birth_date", "must be a past date")
    clash = session.exec(
        select(PlatformAccount).where(
            or_(PlatformAccount.username == username, PlatformAccount.phone == phone if phone else False)
        )
    ).first()
    if clash:
        raise AccountError("username" if clash.username == username else "phone", "already taken")
    user = User(display_name=display_name.strip(), role=role.value, birth_date=birth_date)
    session.add(user)
    session.flush()
    new_builtin_identity(session, user_id=user.id or 0)
    session.add(
        PlatformAccount(
            user_id=user.id or 0,
            username=username,
            phone=phone,
            email=email,
            email_verified=email is not None,
            password_hash=hash_password(password),
        )
    )
    session.flush()
    return user


def find_account(*, session: Session, login: str) -> PlatformAccount | None:
    """The account whose username or phone number is ``login``."""
    text = login.strip()
    return session.exec(
        select(PlatformAccount).where(or_(PlatformAccount.username == text.lower(), PlatformAccount.phone == text))
    ).first()
