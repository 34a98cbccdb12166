"""``/dev/design`` (the component gallery) is a page in the demo mode only, 404 in production.

It shows made-up names and counts beside the real components: a production center must
not serve it. Same method as the demo mailbox's test: the app's page list per mode.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.test_dev_mailbox_exists_in_demo_only import _page_paths, _status


@pytest.mark.anyio
async def test_the_design_gallery_is_a_page_in_demo_mode_and_404_in_production(tmp_path: Path) -> None:
    demo = _page_paths(tmp_path / "demo", PC_ENV="demo")
    production = _page_paths(
        tmp_path / "production",
        PC_ENV="production",
        PC_PUBLIC_URL="https://center.example",
        PC_SECRET_KEY="k" * 40,
        PC_SMTP_URL="smtp://mail.example:25",
    )
    assert "/dev/design" in demo
    assert "/dev/design" not in production
    assert await _status(demo, "/zh-cn/dev/design/") == 200
    assert await _status(production, "/en/dev/design/") == 404
