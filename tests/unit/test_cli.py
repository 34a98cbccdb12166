"""The operators' CLI: JSON on success, the file and field on a content error."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from privacy_center.cli import main


def test_content_check(fixture_content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check", "--content-dir", str(fixture_content_dir)]) == 0
    # The fixture content links the real inventory (30 information types, 8 partners).
    assert json.loads(capsys.readouterr().out) == {"ok": True, "documents": 8, "information_types": 30, "partners": 8}


def test_content_error_exit_code(fixture_content_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(fixture_content_dir, content)
    broken = content / "guidelines" / "zh_CN" / "summary.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace("effective_on: 2026-09-01\n", ""), encoding="utf-8")
    assert main(["content", "check", "--content-dir", str(content)]) == 2
    assert capsys.readouterr().err.strip() == f"error: {broken}: effective_on: Field required"


def test_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "content" in out
    assert "db" in out


def test_a_broken_settings_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(Path(__file__).parents[2] / "content", content)
    broken = content / "settings" / "zh_CN.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("kind: toggle", "kind: slider", 1), encoding="utf-8")
    assert main(["content", "check", "--content-dir", str(content)]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"error: {broken}: groups[0] (ads).settings[0] (ads.personalized).kind: ")
    assert main(["content", "load", "--content-dir", str(content)]) == 2
