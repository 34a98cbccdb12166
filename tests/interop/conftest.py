"""Real OpenID providers from the npm registry, started as separate processes.

``mock_provider.mjs`` (oauth2-mock-server) misbehaves on purpose, one way per run, for
the refusal tests; ``oidc_provider.mjs`` (the certified oidc-provider) is a provider no
one here wrote, for interoperability. Under CI=true a missing Node or package fails.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from starlette.testclient import TestClient

from privacy_center.api.routes import build_api
from tests.conftest import configured_database

HERE = Path(__file__).parent
CENTER = "http://localhost:3000"
CLIENT_ID = "privacy-center"
CLIENT_SECRET = "interop-secret-of-the-center"


def _require_node() -> None:
    missing = shutil.which("node") is None or not (HERE / "node_modules" / "oidc-provider").exists()
    if missing:
        message = "Node or the interop packages are missing: run npm ci --prefix tests/interop (scripts/test.sh does)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def node_provider(script: str, *args: str) -> Iterator[str]:
    """Start ``script``; yields the issuer URL it prints, stops it afterwards."""
    _require_node()
    process = subprocess.Popen(
        ["node", str(HERE / script), *args], cwd=HERE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        while line and not line.startswith("ready "):
            line = process.stdout.readline() if process.stdout else ""
        if not line:
            pytest.fail(f"{script} did not start (exit {process.poll()})")
        yield line.split(" ", 1)[1].strip()
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def center_for(issuer: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """The center configured with only the three PC_OIDC_* variables."""
    env = {
        "oidc_issuer": issuer,
        "oidc_client_id": CLIENT_ID,
        "oidc_client_secret": CLIENT_SECRET,
        "public_url": CENTER,
    }
    with (
        configured_database(monkeypatch, f"sqlite:///{tmp_path / 'center.db'}", **env),
        TestClient(build_api(), base_url=CENTER, follow_redirects=False) as client,
    ):
        yield client


def to_center(client: TestClient, location: str) -> httpx.Response:
    """Follow a redirect that points back at the center."""
    assert location.startswith(CENTER), location
    return client.get(location.removeprefix(CENTER))
