"""The operators' command line: ``python -m privacy_center --help``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from alembic.config import Config

from alembic import command
from privacy_center.content.errors import ContentError
from privacy_center.content.guidelines import load_library
from privacy_center.db import session_scope
from privacy_center.services.publishing import publish_library
from privacy_center.settings import PROJECT_ROOT, get_settings


def _alembic_config() -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    return config


def db_upgrade(_args: argparse.Namespace) -> int:
    """Apply every migration to the configured database."""
    command.upgrade(_alembic_config(), "head")
    return 0


def content_check(args: argparse.Namespace) -> int:
    """Validate the content files without touching the database."""
    library = load_library(Path(args.content_dir or get_settings().content_dir))
    count = sum(len(docs) for docs in library.documents.values())
    print(json.dumps({"ok": True, "documents": count}))
    return 0


def content_load(args: argparse.Namespace) -> int:
    """Validate the content files and record the published versions."""
    library = load_library(Path(args.content_dir or get_settings().content_dir))
    with session_scope() as session:
        report = publish_library(session=session, library=library, today=dt.date.today())
    print(json.dumps({"ok": True, "added": report.added, "updated": report.updated, "unchanged": report.unchanged}))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The command tree; each leaf sets ``handler``."""
    parser = argparse.ArgumentParser(prog="python -m privacy_center", description="Operate a privacy center.")
    groups = parser.add_subparsers(dest="group", required=True)

    db = groups.add_parser("db", help="database schema").add_subparsers(dest="action", required=True)
    db.add_parser("upgrade", help="apply every migration (alembic upgrade head)").set_defaults(handler=db_upgrade)

    content = groups.add_parser("content", help="guidelines and other content files").add_subparsers(
        dest="action", required=True
    )
    for name, handler, text in (
        ("check", content_check, "validate the content files"),
        ("load", content_load, "validate and record the published versions"),
    ):
        sub = content.add_parser(name, help=text)
        sub.add_argument("--content-dir", help="folder with the content (default: PC_CONTENT_DIR)")
        sub.set_defaults(handler=handler)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; content errors print the file and field, exit code 2."""
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except ContentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
