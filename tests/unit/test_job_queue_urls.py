"""PC_QUEUE_URL names the Huey storage; anything else is refused with the schemes it takes."""

from __future__ import annotations

from pathlib import Path

import pytest
from huey import RedisHuey, SqliteHuey

from privacy_center.jobs.queue import open_huey


def test_the_embedded_default_is_a_sqlite_file_in_a_folder_made_for_it(tmp_path: Path) -> None:
    huey = open_huey(f"sqlite:///{tmp_path / 'data' / 'queue.db'}")
    assert isinstance(huey, SqliteHuey)
    assert (tmp_path / "data").is_dir()
    assert huey.results is False  # outcomes live on the job rows, not in the queue


def test_a_redis_url_is_a_redis_queue() -> None:
    assert isinstance(open_huey("redis://127.0.0.1:6379/11"), RedisHuey)  # no connection until used


@pytest.mark.parametrize("url", ["amqp://broker/", "file:///tmp/queue", "memory://"])
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match="PC_QUEUE_URL must start with sqlite:///, redis:// or postgresql://"):
        open_huey(url)
