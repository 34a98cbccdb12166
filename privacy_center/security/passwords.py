"""Password hashing with argon2id (argon2-cffi), and a dummy check for unknown accounts."""

from __future__ import annotations

import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 8


@functools.cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


def hash_password(password: str) -> str:
    """An argon2id hash with a random salt; the password itself is never stored."""
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches; an unknown account costs the same time as a known one."""
    target = password_hash or _dummy_hash()
    try:
        matched = _hasher().verify(target, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    return matched and password_hash is not None


@functools.cache
def _dummy_hash() -> str:
    return _hasher().hash("not a real password: timing only")
