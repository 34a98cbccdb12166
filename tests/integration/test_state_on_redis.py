"""The app's Reflex states on the Redis state manager, as a multi-worker deployment runs them.

Events go through Reflex's own event processor (the one the websocket feeds), so the
handler runs under the Redis lock and its state is written to Redis; a second state
manager, with its own connection and nothing in memory, plays the other worker.
"""

from __future__ import annotations

import asyncio
import importlib
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
import redis.asyncio
from reflex.istate.manager import StateManager
from reflex.istate.manager.redis import StateManagerRedis
from reflex.istate.manager.token import BaseStateToken
from reflex.state import BaseState
from reflex_base.config import get_config, reload_config
from reflex_base.event import Event, EventHandler
from reflex_base.event.processor.base_state_processor import BaseStateEventProcessor
from reflex_base.utils.format import format_event_handler

from privacy_center.caches import reset_caches
from privacy_center.pages.guidelines import FindState
from privacy_center.pages.history import HistoryState
from privacy_center.state.session import SessionState

pytestmark = pytest.mark.redis

S = TypeVar("S", bound=BaseState)
FIXTURE_CONTENT = Path(__file__).parents[1] / "fixtures" / "content"
ORIGIN = "http://localhost:3000"


@pytest.fixture
def app(redis_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The whole app, configured through PC_* variables only, as an operator would."""
    monkeypatch.setenv("PC_REDIS_URL", redis_url)
    monkeypatch.setenv("PC_CONTENT_DIR", str(FIXTURE_CONTENT))
    # Page loads resolve the viewer; keep any database work away from the developer's data/.
    monkeypatch.setenv("PC_DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    reset_caches()
    reload_config()  # rxconfig.py reads the settings when it loads
    try:
        yield importlib.import_module("privacy_center.privacy_center").app
    finally:
        monkeypatch.undo()
        reset_caches()
        reload_config()


def _router(token: str, path: str) -> dict[str, Any]:
    """What the browser sends with an event: the page it is on."""
    route, _, query = path.partition("?")
    return {
        "token": token, "sid": f"sid-{token[:8]}", "pathname": route.rstrip("/") or "/", "asPath": path,
        "query": dict(pair.split("=", 1) for pair in query.split("&") if pair), "headers": {"origin": ORIGIN},
    }  # fmt: skip


@asynccontextmanager
async def _worker(app: Any) -> AsyncIterator[tuple[StateManager, BaseStateEventProcessor]]:
    """One backend worker: a state manager made from the app's config, and an event processor."""
    manager = StateManager.create()
    processor = BaseStateEventProcessor(middleware=app, backend_exception_handler=app.backend_exception_handler)
    processor.configure(state_manager=manager)
    try:
        async with processor:
            yield manager, processor
    finally:
        await manager.close()


async def _send(
    processor: BaseStateEventProcessor, token: str, handler: EventHandler, path: str, **payload: Any
) -> None:
    event = Event(name=format_event_handler(handler), payload=payload, router_data=_router(token, path))
    future = await processor.enqueue(token, event)
    await asyncio.wait_for(future.wait_all(), timeout=20)  # the handler and the on_load events it chained


async def _stored(manager: StateManager, token: str, state: type[S]) -> S:
    root = await manager.get_state(BaseStateToken(ident=token, cls=state))
    return await root.get_state(state)


def test_states_round_trip_through_redis_and_tabs_stay_apart(app: Any, redis_url: str) -> None:
    assert get_config().redis_url == redis_url
    alice, bob, stranger = (str(uuid.uuid4()) for _ in range(3))

    async def scenario() -> None:
        async with _worker(app) as (manager, processor):
            assert isinstance(manager, StateManagerRedis), "PC_REDIS_URL must select Reflex's Redis state manager"
            await _send(processor, alice, FindState.find, "/en/guidelines/", value="storage")
            await _send(processor, bob, FindState.find, "/zh-cn/guidelines/", value="security")
            await _send(processor, alice, HistoryState.load, "/en/guidelines/history/?from=1.0&to=2.0")

        # Another worker: new connection, nothing cached; all it knows comes from Redis.
        async with _worker(app) as (manager, processor):
            found = await _stored(manager, alice, FindState)
            assert [hit["anchor"] for hit in found.hits] == ["storage"]
            assert found.status == "2 matches in 1 section"
            assert found.router.url.path == "/en/guidelines/history/", "the router data is the tab's last page"
            history = await _stored(manager, alice, HistoryState)
            assert (history.older, history.newer, history.error) == ("1.0", "2.0", "")
            assert history.blocks, "the comparison was stored"
            assert (await _stored(manager, alice, SessionState)).loaded, "the page's on_load ran and was stored"

            found_by_bob = await _stored(manager, bob, FindState)
            assert [hit["anchor"] for hit in found_by_bob.hits] == ["security"]
            assert found_by_bob.router.url.path == "/zh-cn/guidelines/"
            assert (await _stored(manager, bob, HistoryState)).older == "", "Alice's comparison leaked to Bob"
            fresh = await _stored(manager, stranger, FindState)
            assert (fresh.hits, fresh.status) == ([], "")

            # A handler on this worker continues from the state the first one stored.
            await _send(processor, alice, HistoryState.choose_newer, "/en/guidelines/history/", value="1.0")
            history = await _stored(manager, alice, HistoryState)
            assert (history.older, history.newer, history.blocks) == ("1.0", "1.0", [])
            assert history.summary == "Choose two different versions to see what changed."

        client = redis.asyncio.Redis.from_url(redis_url)
        try:
            keys = [key.decode() for key in await client.keys("*")]
            # One key per tab and state class; reading the stranger's state wrote nothing.
            assert {key.split("_", 1)[0] for key in keys} == {alice, bob}
            assert all([await client.ttl(key) > 0 for key in keys]), "state in Redis must expire"
        finally:
            await client.aclose()

    asyncio.run(scenario())
