"""Reading the per-locale YAML content files: one way to read, validate and find them.

Every data file (inventory, settings, reporters, app guidelines) is
``<folder>/<locale code>.yaml``, validated by a pydantic model, and an error names the
file, the entry and the field (:class:`ContentError`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from privacy_center.content.errors import ContentError, entry_path
from privacy_center.i18n.locales import DEFAULT_LOCALE, KNOWN_LOCALES

M = TypeVar("M", bound=BaseModel)


def read_yaml(path: Path) -> object:
    """The file's YAML, or a ContentError saying why it cannot be read."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ContentError(path, "file", f"cannot be read as YAML ({exc})") from exc


def read_model(path: Path, model: type[M]) -> M:
    """The file validated as ``model``; the first problem names its entry and field."""
    data = read_yaml(path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ContentError(path, entry_path(data, tuple(first["loc"])) or "file", first["msg"]) from exc


def locale_files(folder: Path, *, default_required: bool = True) -> dict[str, Path]:
    """The folder's file per locale code, in the known locales' order.

    The default locale's file is what the others are checked against, so it must exist
    (unless ``default_required`` is off and the folder has no file at all).
    """
    found = {locale.code: folder / f"{locale.code}.yaml" for locale in KNOWN_LOCALES}
    found = {code: path for code, path in found.items() if path.exists()}
    if DEFAULT_LOCALE.code not in found and (default_required or found):
        raise ContentError(folder / f"{DEFAULT_LOCALE.code}.yaml", "file", "the default locale needs one")
    return found
