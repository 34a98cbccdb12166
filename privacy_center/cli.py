"""The operators' command line: ``python -m privacy_center --help``."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from alembic.config import Config
from sqlalchemy.exc import IntegrityError

from alembic import command
from privacy_center import clock
from privacy_center.auth.keys import rotate
from privacy_center.content.app_guideline import load_guideline
from privacy_center.content.errors import ContentError
from privacy_center.content.guidelines import load_library
from privacy_center.content.inventory import load_inventory
from privacy_center.content.reporters import load_reporters
from privacy_center.content.settings_catalogue import load_catalogue
from privacy_center.db import session_scope
from privacy_center.models import EventKind, Role
from privacy_center.models.base import utcnow
from privacy_center.services.accounts import AccountError, create_user
from privacy_center.services.app_guidelines import registered_scopes, store_guideline
from privacy_center.services.apps import AppError, find_app, list_apps, register_app, set_deletion_webhook
from privacy_center.services.audit import first_break
from privacy_center.services.demo import seed_demo, seed_demo_facts, seed_load
from privacy_center.services.identity import public_subject
from privacy_center.services.production import UnsafeForProductionError, check_deployment
from privacy_center.services.publishing import publish_library
from privacy_center.services.setup import run_set_up
from privacy_center.settings import PROJECT_ROOT, get_settings


class UsageError(Exception):
    """The command cannot run as asked; the message says why."""


def _alembic_config() -> Config:
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    return config


def db_upgrade(_args: argparse.Namespace) -> int:
    """Apply every migration to the configured database."""
    command.upgrade(_alembic_config(), "head")
    run_set_up()  # the issuer is fixed now, and the center's client follows PC_PUBLIC_URL
    return 0


def _check_data_files(folder: Path) -> dict[str, int]:
    """Load every data file present (inventory, reporters, settings): a broken one raises ContentError."""
    counts: dict[str, int] = {}
    if (folder / "inventory").is_dir():
        inventory = load_inventory(folder)
        counts["information_types"] = len(inventory.item_keys)
        counts["partners"] = len(inventory.partner_keys)
    if (folder / "reporters").is_dir():
        load_reporters(folder)
    if (folder / "settings").is_dir():
        counts["settings"] = len(load_catalogue(folder).default.settings())
    return counts


def content_check(args: argparse.Namespace) -> int:
    """Validate the content files (guidelines, data inventory, reporters, settings) without touching the database."""
    folder = Path(args.content_dir or get_settings().content_dir)
    library = load_library(folder)
    count = sum(len(docs) for docs in library.documents.values())
    report: dict[str, object] = {"ok": True, "documents": count, **_check_data_files(folder)}
    print(json.dumps(report))
    return 0


def content_load(args: argparse.Namespace) -> int:
    """Validate the content files and record the published guideline versions."""
    folder = Path(args.content_dir or get_settings().content_dir)
    library = load_library(folder)
    _check_data_files(folder)
    try:
        with session_scope() as session:
            report = publish_library(session=session, library=library, today=clock.today())
    except IntegrityError as exc:
        msg = "another content load ran at the same time; run this one again"
        raise UsageError(msg) from exc
    print(json.dumps({"ok": True, "added": report.added, "updated": report.updated, "unchanged": report.unchanged}))
    return 0


def apps_register(args: argparse.Namespace) -> int:
    """Register a third-party app; prints its client id, its secret and its webhook secret once.

    Printed only after the commit: a registration that failed never shows a secret that works nowhere.
    """
    scopes = [s for item in args.scope for s in item.split()] + (["offline_access"] if args.offline_access else [])
    demo = get_settings().env == "demo"
    with session_scope() as session:
        client, secret = register_app(
            session=session, name=args.name, developer=args.developer or args.name, redirect_uris=args.redirect_uri,
            scopes=scopes, public=args.public,
        )  # fmt: skip
        if args.guideline:
            guideline = load_guideline([Path(f) for f in args.guideline], registered_scopes=client.scope.split())
            store_guideline(session, client_id=client.client_id, guideline=guideline, now=utcnow())
        webhook_secret = None
        if args.deletion_webhook:
            webhook_secret = set_deletion_webhook(session=session, client=client, url=args.deletion_webhook, demo=demo)
        shown = {"client_id": client.client_id, "client_secret": secret}
        if webhook_secret is not None:
            shown |= {"deletion_webhook": client.webhook_url, "deletion_webhook_secret": webhook_secret}
    print(json.dumps(shown))
    return 0


def apps_deletion_webhook(args: argparse.Namespace) -> int:
    """Give a registered app a (new) deletion endpoint and signing secret; prints the secret once.

    Also how a developer's leaked secret is replaced: webhooks signed from now on verify only with the new one.
    """
    demo = get_settings().env == "demo"
    with session_scope() as session:
        client = find_app(session=session, client_id=args.client_id)
        webhook_secret = set_deletion_webhook(session=session, client=client, url=args.url, demo=demo)
        shown = {"client_id": client.client_id, "deletion_webhook": args.url, "deletion_webhook_secret": webhook_secret}
    print(json.dumps(shown))
    return 0


def apps_list(_args: argparse.Namespace) -> int:
    """The registered apps as JSON (never their secrets)."""
    with session_scope() as session:
        rows = [
            {"client_id": a.client_id, "name": a.name, "developer": a.developer, "scope": a.scope,
             "redirect_uris": a.redirect_uris.split("\n"), "public": a.client_secret_hash is None}
            for a in list_apps(session=session)
        ]  # fmt: skip
    print(json.dumps(rows, ensure_ascii=False))
    return 0


def apps_guideline(args: argparse.Namespace) -> int:
    """Store an app's privacy guideline from its developer's files (one per locale), replacing the old one."""
    with session_scope() as session:
        scopes = registered_scopes(session, client_id=args.client_id)
        # Validated in full before anything is written: a refused file leaves the old guideline as it was.
        guideline = load_guideline([Path(f) for f in args.files], registered_scopes=scopes)
        stored = store_guideline(session, client_id=args.client_id, guideline=guideline, now=utcnow())
    print(json.dumps({"ok": True, "client_id": args.client_id, "locales": stored}))
    return 0


def _password() -> str:
    password = os.environ.get("PC_NEW_PASSWORD")
    if password:
        return password
    if not sys.stdin.isatty():
        msg = "set PC_NEW_PASSWORD or run in a terminal to be asked for the password"
        raise UsageError(msg)
    first, second = getpass.getpass("Password: "), getpass.getpass("Again: ")
    if first != second:
        msg = "the two passwords differ"
        raise UsageError(msg)
    return first


def _create(role: Role):  # noqa: ANN202 - an argparse handler
    def handler(args: argparse.Namespace) -> int:
        birth = dt.date.fromisoformat(args.birth_date) if getattr(args, "birth_date", None) else None
        with session_scope() as session:
            user = create_user(
                session=session, username=args.username, password=_password(), display_name=args.display_name,
                phone=args.phone, email=args.email, birth_date=birth, role=role,
            )  # fmt: skip
            subject = public_subject(session, user.id or 0)
            print(json.dumps({"user_id": user.id, "subject": subject, "role": user.role}))
        return 0

    handler.__doc__ = f"Create a {role.value} account (password from PC_NEW_PASSWORD or asked)."
    return handler


def seed(args: argparse.Namespace) -> int:
    """Demo accounts and apps, and optionally load: users and events (demo mode only)."""
    if get_settings().env != "demo":
        msg = "seed-demo only runs with PC_ENV=demo: demo accounts have a published password"
        raise UsageError(msg)
    with session_scope() as session:
        report = seed_demo(session=session, today=clock.today())
        report["demo_events"] = seed_demo_facts(session=session, now=utcnow())
    if args.users or args.events:
        inventory = load_inventory(get_settings().content_dir)
        keys = {EventKind.COLLECTED: sorted(inventory.item_keys), EventKind.SHARED: sorted(inventory.partner_keys)}
        with session_scope() as session:
            report |= seed_load(session=session, users=args.users, events=args.events, keys=keys, now=utcnow())
    print(json.dumps(report))
    return 0


def keys_rotate(_args: argparse.Namespace) -> int:
    """Sign with a new key from now on; old keys stay in the JWKS until their ID tokens expire."""
    with session_scope() as session:
        report = rotate(session=session, now=utcnow())
    print(json.dumps(report))
    return 0


def check(_args: argparse.Namespace) -> int:
    """Refuse to serve with unsafe settings, or with demo data in production (scripts/serve.sh runs it)."""
    print(json.dumps({"ok": True, "env": check_deployment()}))
    return 0


def worker(args: argparse.Namespace) -> int:
    """Run background jobs until Ctrl-C or SIGTERM (the Huey consumer, in threads)."""
    from privacy_center.jobs.worker import run_worker  # only this command needs Huey

    run_worker(workers=args.workers, imports=args.imports)
    return 0


def audit_verify(_args: argparse.Namespace) -> int:
    """Walk the access history's hash chain; exit 1 naming the first broken entry and why."""
    with session_scope() as session:
        broken = first_break(session)
    if broken is None:
        print(json.dumps({"ok": True}))
        return 0
    print(json.dumps({"ok": False, "entry_id": broken.entry_id, "reason": broken.reason}))
    return 1


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

    apps = groups.add_parser("apps", help="third-party apps of the built-in provider").add_subparsers(
        dest="action", required=True
    )
    register = apps.add_parser("register", help="register an app; prints its client id and secret")
    register.add_argument("--name", required=True)
    register.add_argument("--developer", help="shown on the consent screen (default: the app's name)")
    register.add_argument("--redirect-uri", action="append", required=True, help="repeat for several")
    register.add_argument("--scope", action="append", required=True, help="e.g. 'openid profile'; repeatable")
    register.add_argument("--public", action="store_true", help="no secret (phone or browser app): PKCE required")
    register.add_argument(
        "--offline-access",
        action="store_true",
        help="may get refresh tokens (scope offline_access), when the person grants it; none without this flag",
    )
    register.add_argument(
        "--deletion-webhook",
        metavar="URL",
        help="https endpoint told when a person asks the developer to delete their data (docs/webhooks.md); "
        "its signing secret is printed once",
    )
    register.add_argument(
        "--guideline",
        metavar="FILE",
        nargs="+",
        help="the app's own privacy guideline, one YAML file per locale (docs/app-guidelines.md); "
        "a refused file registers nothing",
    )
    register.set_defaults(handler=apps_register)
    apps.add_parser("list", help="registered apps as JSON").set_defaults(handler=apps_list)
    webhook = apps.add_parser(
        "deletion-webhook", help="set a registered app's deletion endpoint; prints a new signing secret once"
    )
    webhook.add_argument("client_id", help="the registered app's client id")
    webhook.add_argument("url", help="the https endpoint (docs/webhooks.md)")
    webhook.set_defaults(handler=apps_deletion_webhook)
    guideline = apps.add_parser(
        "guideline", help="store an app's own privacy guideline (validated; replaces the one stored before)"
    )
    guideline.add_argument("client_id", help="the registered app's client id")
    guideline.add_argument(
        "files", nargs="+", metavar="FILE", help="one YAML file per locale, named en.yaml, zh_CN.yaml"
    )
    guideline.set_defaults(handler=apps_guideline)

    for group, role in (("users", Role.USER), ("agents", Role.AGENT), ("operators", Role.OPERATOR)):
        create = groups.add_parser(group, help=f"{role.value} accounts").add_subparsers(dest="action", required=True)
        sub = create.add_parser("create", help=f"create a {role.value} (password from PC_NEW_PASSWORD or asked)")
        sub.add_argument("--username", required=True)
        sub.add_argument("--display-name", required=True)
        sub.add_argument("--phone")
        sub.add_argument("--email")
        if role is Role.USER:
            sub.add_argument("--birth-date", help="YYYY-MM-DD; under 14 needs a guardian's consent")
        sub.set_defaults(handler=_create(role))

    keys = groups.add_parser("keys", help="the built-in provider's signing keys").add_subparsers(
        dest="action", required=True
    )
    keys.add_parser(
        "rotate", help="sign with a new key; old keys stay published until their ID tokens expire"
    ).set_defaults(handler=keys_rotate)

    groups.add_parser(
        "check", help="refuse unsafe settings, and demo accounts or apps in production (run before serving)"
    ).set_defaults(handler=check)

    work = groups.add_parser("worker", help="run background jobs (Ctrl-C or SIGTERM stops it)")
    work.add_argument("-w", "--workers", type=int, default=1, help="threads running jobs (default 1)")
    work.add_argument(
        "--import", dest="imports", action="append", default=[], help="a module registering more job handlers"
    )
    work.set_defaults(handler=worker)

    audit = groups.add_parser("audit", help="the access history").add_subparsers(dest="action", required=True)
    audit.add_parser("verify", help="check the hash chain; exit 1 at the first broken link").set_defaults(
        handler=audit_verify
    )

    demo = groups.add_parser("seed-demo", help="demo accounts and apps (PC_ENV=demo only)")
    demo.add_argument("--users", type=int, default=0, help="extra users for load")
    demo.add_argument("--events", type=int, default=0, help="collection and sharing events over 60 days")
    demo.set_defaults(handler=seed)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; content errors print the file and field, exit code 2."""
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (ContentError, AccountError, AppError, UsageError, UnsafeForProductionError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
