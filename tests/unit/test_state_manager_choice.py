"""Page state (personal data) is never pickled to disk: memory for one worker, Redis when configured.

Reflex's default is the disk manager, which writes every tab's state to ``.states/``
with the process umask. rxconfig.py is read in a fresh interpreter, as ``reflex run``
reads it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def _mode(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PC_REDIS", "REFLEX_"))}
    code = "import rxconfig; print(rxconfig.config.state_manager_mode.value)"
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, check=True
    )
    return run.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize(("env", "mode"), [({}, "memory"), ({"PC_REDIS_URL": "redis://127.0.0.1:6379/12"}, "redis")])
def test_the_state_manager_is_chosen_deliberately(env: dict[str, str], mode: str) -> None:
    assert _mode(**env) == mode
