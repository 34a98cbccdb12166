"""What a page is: a path that exists in every locale, and how to build it for one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import reflex as rx

from privacy_center.i18n.locales import UiLocale


@dataclass(frozen=True)
class BuiltPage:
    """A page compiled for one locale."""

    component: rx.Component
    # A Var for a dynamic route: its one prerendered HTML serves every item, so the
    # title follows the state once the item is known.
    title: str | rx.Var[str]
    description: str = ""


@dataclass(frozen=True)
class PageSpec:
    """A page by its stable, unprefixed path (what phone apps deep-link to)."""

    path: str
    build: Callable[[UiLocale], BuiltPage]
    on_load: Any = None
    # A dynamic route (``/collected/[collected_item]``) names the concrete paths it serves,
    # so that the locale middleware can answer any other with 404.
    known_paths: Callable[[], tuple[str, ...]] | None = None

    def paths(self) -> tuple[str, ...]:
        """The concrete, unprefixed paths this page answers."""
        return self.known_paths() if self.known_paths else (self.path,)

    def route(self, locale: UiLocale) -> str:
        """The page's route in ``locale``: ``/zh-cn/guidelines``."""
        return f"/{locale.prefix}{self.path.rstrip('/')}" if self.path != "/" else f"/{locale.prefix}"


def last_segment(path: str) -> str:
    """The item or partner part of a detail page's URL: ``/en/collected/x/`` -> ``x``."""
    return path.rstrip("/").rsplit("/", 1)[-1]
