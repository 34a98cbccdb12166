"""The one error every content loader raises: it names the file, the entry and the field."""

from __future__ import annotations

from pathlib import Path


class ContentError(ValueError):
    """A content file an operator must fix; the message says where and what."""

    def __init__(self, path: Path, field: str, problem: str) -> None:
        self.path = path
        self.field = field
        self.problem = problem
        super().__init__(f"{path}: {field}: {problem}")
