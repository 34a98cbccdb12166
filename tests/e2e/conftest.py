"""The real app in production mode, driven by Debian's Chromium through Playwright.

The server gets its own Reflex work folder (.web-e2e) so a developer's
running server is never disturbed, and its own SQLite database, migrated and loaded as
an operator would. A second server runs on Redis with two workers, as in production.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from privacy_center.db import make_engine
from tests.e2e.measure import PHONE

ROOT = Path(__file__).parents[2]
AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
START_TIMEOUT = 420
LOCALES = ("en", "zh-cn")


@dataclass(frozen=True)
class Server:
    """A running app: its base URL, log file and database."""

    url: str
    log: Path
    database_url: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The platform services' bearer token (/api/events, the settings API, the demo recommendations).
SERVICE_TOKEN = "e2e-service-token-" + "s" * 32
# A host app allowed to embed and read the pages (test_http_envelope serves it on this port).
HOST_APP = f"http://127.0.0.1:{_free_port()}"


def _run(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "privacy_center", *args], cwd=ROOT, env=env, check=True, capture_output=True)


@contextlib.contextmanager
def _serve(tmp: Path, name: str, extra_env: dict[str, str], port: int | None = None) -> Iterator[Server]:
    port = port or _free_port()
    # PC_E2E_SUFFIX keeps the Reflex work folders of sessions sharing one checkout apart.
    name = f"{name}{os.environ.get('PC_E2E_SUFFIX', '')}"
    env = {
        **os.environ,
        "PC_DATABASE_URL": f"sqlite:///{tmp / f'{name}.db'}",
        "PC_OUTBOX_DIR": str(tmp / f"{name}-outbox"),  # mail of this server only (read on /dev/mailbox)
        "PC_QUEUE_URL": f"sqlite:///{tmp / f'{name}-queue.db'}",  # its own queue, like its own database
        "PC_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "PC_PORT": str(port),
        "REFLEX_WEB_WORKDIR": f".web-{name}",
        "PC_FRAME_ANCESTORS": HOST_APP,
        "PC_HOST_APP_ORIGINS": HOST_APP,
        "PC_EVENTS_TOKEN": SERVICE_TOKEN,
        **extra_env,
    }
    env.pop("PC_CONTENT_DIR", None)
    _run(env, "db", "upgrade")
    _run(env, "content", "load")
    _run(env, "seed-demo")
    log = tmp / f"{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            ["bash", str(ROOT / "scripts" / "serve.sh")], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        # One job worker beside the server, as scripts/demo.sh runs them (mail is sent by jobs).
        worker = subprocess.Popen(
            [sys.executable, "-m", "privacy_center", "worker"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"the {name} server exited ({process.returncode}):\n{log.read_text()[-4000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/ping", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                pytest.fail(f"the {name} server did not answer /ping in {START_TIMEOUT}s:\n{log.read_text()[-4000:]}")
            time.sleep(1)
        yield Server(url=url, log=log, database_url=env["PC_DATABASE_URL"])
    finally:
        worker.terminate()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The embedded default: SQLite, the memory state manager, one worker."""
    with _serve(tmp_path_factory.mktemp("e2e"), "e2e", {}) as running:
        yield running


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Production shape: Redis state manager and two workers."""
    try:
        import redis

        redis.Redis.from_url("redis://127.0.0.1:6379/0").ping()
    except Exception as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is not reachable on 127.0.0.1:6379: {exc}")
        pytest.skip(f"Redis is not reachable on 127.0.0.1:6379: {exc}")
    extra = {"PC_REDIS_URL": "redis://127.0.0.1:6379/12", "GRANIAN_WORKERS": "2"}
    with _serve(tmp_path_factory.mktemp("e2e-redis"), "e2e-redis", extra) as running:
        yield running


@pytest.fixture(scope="session")
def external_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The center signing in through the certified npm oidc-provider, configured only by
    PC_OIDC_ISSUER, PC_OIDC_CLIENT_ID and PC_OIDC_CLIENT_SECRET."""
    from tests.interop.conftest import CLIENT_ID, CLIENT_SECRET, node_provider

    port = _free_port()
    callback = f"http://127.0.0.1:{port}/auth/callback"
    with node_provider("oidc_provider.mjs", str(_free_port()), callback, CLIENT_ID, CLIENT_SECRET) as issuer:
        extra = {"PC_OIDC_ISSUER": issuer, "PC_OIDC_CLIENT_ID": CLIENT_ID, "PC_OIDC_CLIENT_SECRET": CLIENT_SECRET}
        with _serve(tmp_path_factory.mktemp("e2e-external"), "e2e-external", extra, port) as running:
            yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's Chromium is missing: scripts/test.sh installs it")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def watch(opened: Page) -> list[str]:
    """Collect the page's console errors and uncaught errors, for the test to assert none."""
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # Chromium logs every 4xx document as an error; the tests that expect a 404 (unknown
        # page) or a 401 (wrong password) assert the status and the localized text themselves.
        # A third-party provider's own pages (interop test) are not ours to judge.
        expected = ("status of 404", "status of 401")
        ours = opened.url.startswith("http://127.0.0.1:")
        if message.type == "error" and ours and not any(text in message.text for text in expected):
            problems.append(f"console: {message.text}")

    opened.on("console", on_console)
    opened.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    return problems


@contextlib.contextmanager
def _watched_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    opened = context.new_page()
    problems = watch(opened)
    yield opened
    context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A phone-sized browser of its own; any console or page error fails the test."""
    context = browser.new_context(viewport=PHONE)
    opened = context.new_page()
    problems = watch(opened)
    yield opened
    context.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context; any console error or page error fails the test."""
    with _watched_page(browser) as opened:
        yield opened


@pytest.fixture
def second_page(browser: Browser) -> Iterator[Page]:
    """Another person's browser: its own context, cookies and storage; checked the same way."""
    with _watched_page(browser) as opened:
        yield opened


def axe_violations(page: Page) -> list[str]:
    """Serious and critical axe-core violations on the current page."""
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: scripts/test.sh installs it")
    # Evaluated through DevTools, not added as a <script>: the pages' CSP refuses inline scripts.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in result
        if v["impact"] in ("serious", "critical")
    ]


def forget_acknowledgments(server: Server, username: str) -> None:
    """``username`` has acknowledged nothing yet (another test may have clicked "I have read this")."""
    engine = make_engine(server.database_url)
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "DELETE FROM policy_acknowledgment WHERE user_id = "
                "(SELECT user_id FROM platform_account WHERE username = :u)"
            ),
            {"u": username},
        )
    engine.dispose()
