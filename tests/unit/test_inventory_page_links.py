"""The shipped inventory's "where to change it" links lead to pages the app really builds.

The inventory loads below the pages, so it cannot know them; this imports the app in a
fresh process (it builds its page list at import) and checks the links against it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from privacy_center.content.inventory import check_page_links, load_inventory
from privacy_center.settings import PROJECT_ROOT

_LIST_PAGES = """
import json
from sqlmodel import SQLModel
from privacy_center import models
from privacy_center.db import get_engine
SQLModel.metadata.create_all(get_engine())
import privacy_center.privacy_center as app
print(json.dumps(sorted(spec.path for spec in app.PAGES)))
"""


def test_every_change_page_is_a_page_of_the_app(tmp_path: Path) -> None:
    settings = {"PC_DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}", "PC_OUTBOX_DIR": str(tmp_path / "outbox")}
    done = subprocess.run(
        [sys.executable, "-c", _LIST_PAGES],
        cwd=PROJECT_ROOT,
        env={**os.environ, **settings},
        capture_output=True,
        text=True,
        check=True,
    )
    paths = json.loads(done.stdout.strip().splitlines()[-1])
    assert "/access-history" in paths
    content = PROJECT_ROOT / "content"
    inventory = load_inventory(content)
    linked = {i.change_page for _, i in inventory.by_locale["en"].items() if i.change_page}
    assert linked  # the check below must have something to check
    check_page_links(inventory, paths, content)
