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


def entry_path(data: object, loc: tuple) -> str:
    """``groups[3].settings[1] (ads.personalized)``: where a validation error is, for a person."""
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(step, int):
            parts[-1] += f"[{step}]"
            node = node[step] if isinstance(node, list) and step < len(node) else None
            key = node.get("key") if isinstance(node, dict) else None
            if key:
                parts[-1] += f" ({key})"
        else:
            parts.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return ".".join(parts)
