"""``/dev/mailbox`` shows everyone's codes: the app builds it in the demo mode only.

The app module is imported in a fresh process per mode (it builds its page list at
import, from the settings), and its page list is handed to the locale router, which
answers any page not on it with 404.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from privacy_center.api.locale_routing import LocaleRouting
from privacy_center.settings import PROJECT_ROOT

# Creates the tables (the production check reads them), then lists the app's page paths.
_LIST_PAGES = """
import json
from sqlmodel import SQLModel
from privacy_center import models
from privacy_center.db import get_engine
SQLModel.metadata.create_all(get_engine())
import privacy_center.privacy_center as app
print(json.dumps(sorted(path for spec in app.PAGES for path in spec.paths())))
"""


def _page_paths(tmp_path: Path, **env: str) -> frozenset[str]:
    settings = {"PC_DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}", "PC_OUTBOX_DIR": str(tmp_path / "outbox"), **env}
    done = subprocess.run(
        [sys.executable, "-c", _LIST_PAGES],
        cwd=PROJECT_ROOT,
        env={**os.environ, **settings},
        capture_output=True,
        text=True,
        check=True,
    )
    return frozenset(json.loads(done.stdout.strip().splitlines()[-1]))


async def _status(page_paths: frozenset[str], path: str) -> int:
    async def echo(request) -> PlainTextResponse:
        return PlainTextResponse("page")

    downstream = Starlette(routes=[Route("/{path:path}", echo)])
    app = LocaleRouting(downstream, page_paths=page_paths)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        return (await client.get(path)).status_code


@pytest.mark.anyio
async def test_the_demo_mailbox_is_a_page_in_demo_mode_and_404_in_production(tmp_path: Path) -> None:
    demo = _page_paths(tmp_path / "demo", PC_ENV="demo")
    production = _page_paths(
        tmp_path / "production",
        PC_ENV="production",
        PC_PUBLIC_URL="https://center.example",
        PC_SECRET_KEY="k" * 40,
        PC_SMTP_URL="smtp://mail.example:25",
    )
    assert {"/account/mailbox", "/dev/mailbox"} <= demo
    assert "/account/mailbox" in production
    assert "/dev/mailbox" not in production
    assert await _status(demo, "/en/dev/mailbox/") == 200
    assert await _status(production, "/en/dev/mailbox/") == 404
    assert await _status(production, "/zh-cn/account/mailbox/") == 200
