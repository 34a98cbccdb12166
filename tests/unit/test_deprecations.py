"""A deprecated call fails the run (pyproject.toml filterwarnings, tests/conftest.py).

Authlib puts its own "always show" filter in front when first imported; without the
conftest importing it first, the second test below, run alone, finds no error raised.
"""

from __future__ import annotations

import warnings

import pytest


def test_a_deprecation_warning_is_an_error() -> None:
    with pytest.raises(DeprecationWarning):
        warnings.warn("old call", DeprecationWarning, stacklevel=1)


def test_an_authlib_deprecation_is_an_error_too() -> None:
    from authlib.deprecate import AuthlibDeprecationWarning, deprecate

    with pytest.raises(AuthlibDeprecationWarning):
        deprecate("The 'grant' parameter will become mandatory.", version="1.8")
