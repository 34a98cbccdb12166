"""Loading the guidelines: summary, full versions and the children's statement, per locale.

Layout of ``<content_dir>/guidelines/<locale>/``: ``summary.md``, ``children.md`` and
``full/<version>.md``. Each file is Markdown with front matter (title, version,
last_updated, effective_on, what_changed). Everything is validated at load; an error
names the file and the field, so an operator can fix it without reading code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import frontmatter
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from privacy_center.caches import process_wide
from privacy_center.content.errors import ContentError
from privacy_center.content.markdown import Heading, headings, plain_text, render
from privacy_center.i18n.locales import DEFAULT_LOCALE, KNOWN_LOCALES, UiLocale
from privacy_center.settings import get_settings

VERSION_RE = re.compile(r"^\d+(\.\d+){0,2}$")
# The sections every full guideline must have, by anchor (issue: F1).
REQUIRED_FULL_SECTIONS = ("collect", "storage", "security", "sharing", "rights", "amendments", "minors", "contact")


class Kind(StrEnum):
    """The kinds of guideline document."""

    SUMMARY = "summary"
    FULL = "full"
    CHILDREN = "children"


class FrontMatter(BaseModel):
    """The metadata block at the top of every guideline file."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=1, max_length=200)
    version: str
    last_updated: dt.date
    effective_on: dt.date
    what_changed: list[str] = Field(min_length=1)

    @field_validator("version", mode="before")
    @classmethod
    def _version(cls, value: object) -> str:
        text = str(value)
        if not VERSION_RE.match(text):
            msg = f"must look like 1.0 or 2.1.3, got {text!r}"
            raise ValueError(msg)
        return text

    @field_validator("what_changed")
    @classmethod
    def _non_empty_items(cls, value: list[str]) -> list[str]:
        if any(not item.strip() for item in value):
            msg = "items must not be empty"
            raise ValueError(msg)
        return value


@dataclass(frozen=True)
class Section:
    """A level-2 section of a document: what the table of contents and search list."""

    anchor: str
    title: str
    html: str
    text: str


@dataclass(frozen=True)
class Document:
    """One guideline file, parsed, validated and rendered for its locale."""

    kind: Kind
    locale: UiLocale
    meta: FrontMatter
    source: str
    preamble_html: str
    sections: tuple[Section, ...]
    toc: tuple[Heading, ...]
    path: Path
    sha256: str

    @property
    def version(self) -> str:
        """The version string from the front matter."""
        return self.meta.version

    @property
    def version_slug(self) -> str:
        """The version as a URL path segment (routes allow no dots): ``1.0`` -> ``v1-0``."""
        return "v" + self.version.replace(".", "-")

    def section(self, anchor: str) -> Section | None:
        """The section with this anchor, if the document has one."""
        return next((s for s in self.sections if s.anchor == anchor), None)


def version_key(version: str) -> tuple[int, ...]:
    """Sort key that orders 1.10 after 1.9."""
    return tuple(int(part) for part in version.split("."))


def parse_document(path: Path, *, kind: Kind, locale: UiLocale) -> Document:
    """Read and validate one file; raises :class:`ContentError` naming file and field."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(path, "file", f"cannot be read as UTF-8 text ({exc})") from exc
    try:
        post = frontmatter.loads(raw)
    except yaml.YAMLError as exc:
        raise ContentError(path, "front matter", f"is not valid YAML ({exc})") from exc
    except ValueError as exc:  # YAML reads 2025-13-01 as a date, and building it fails
        raise ContentError(path, "front matter", f"has a date that does not exist ({exc})") from exc
    if not post.metadata:
        raise ContentError(path, "front matter", "is missing (the file must start with a --- block)")
    try:
        meta = FrontMatter.model_validate(post.metadata)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "front matter"
        raise ContentError(path, where, first["msg"]) from exc
    if meta.effective_on < meta.last_updated:
        raise ContentError(path, "effective_on", "must not be before last_updated")
    body = post.content
    found = headings(body)
    _check_headings(path, found)
    sections = _sections(body, locale)
    if not sections:
        raise ContentError(path, "body", "has no '## Heading {#anchor}' section")
    preamble = body.split("\n## ", 1)[0] if not body.lstrip().startswith("## ") else ""
    return Document(
        kind=kind,
        locale=locale,
        meta=meta,
        source=body,
        preamble_html=render(preamble, locale_prefix=locale.prefix) if preamble.strip() else "",
        sections=tuple(sections),
        toc=tuple(h for h in found if h.level in (2, 3)),
        path=path,
        sha256=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
    )


def _check_headings(path: Path, found: list[Heading]) -> None:
    seen: set[str] = set()
    for heading in found:
        if heading.level == 1:
            raise ContentError(
                path,
                f"heading '{heading.title}'",
                "level-1 headings are not allowed (the title comes from front matter)",
            )
        if heading.level in (2, 3) and not heading.anchor:
            raise ContentError(path, f"heading '{heading.title}'", "needs an anchor such as {#my-section}")
        if heading.anchor in seen:
            raise ContentError(path, f"heading '{heading.title}'", f"anchor #{heading.anchor} is used twice")
        if heading.anchor:
            seen.add(heading.anchor)


def _sections(body: str, locale: UiLocale) -> list[Section]:
    sections: list[Section] = []
    chunks = re.split(r"(?m)^(?=## )", body)
    for chunk in chunks:
        if not chunk.startswith("## "):
            continue
        heading = headings(chunk.split("\n", 1)[0])[0]
        html = render(chunk, locale_prefix=locale.prefix)
        sections.append(Section(anchor=heading.anchor or "", title=heading.title, html=html, text=plain_text(html)))
    return sections


@dataclass
class GuidelineLibrary:
    """Every guideline document, by kind and locale; versions of the full text sorted."""

    documents: dict[tuple[Kind, str], list[Document]] = field(default_factory=dict)

    def versions(self, kind: Kind, locale: UiLocale) -> list[Document]:
        """All versions in ``locale`` (falling back to the default locale), oldest first."""
        return self.documents.get((kind, locale.code)) or self.documents.get((kind, DEFAULT_LOCALE.code), [])

    def current(self, kind: Kind, locale: UiLocale, *, today: dt.date) -> Document:
        """The version in effect on ``today``; the oldest one if none is in effect yet."""
        versions = self.versions(kind, locale)
        in_effect = [d for d in versions if d.meta.effective_on <= today]
        return in_effect[-1] if in_effect else versions[0]

    def version(self, kind: Kind, locale: UiLocale, version: str) -> Document | None:
        """A given version, or ``None`` if there is no such version."""
        return next((d for d in self.versions(kind, locale) if d.version == version), None)


def load_library(content_dir: Path) -> GuidelineLibrary:
    """Load and cross-check every guideline file under ``content_dir/guidelines``."""
    root = content_dir / "guidelines"
    library = GuidelineLibrary()
    for locale in KNOWN_LOCALES:
        folder = root / locale.code
        if not folder.is_dir():
            continue
        for kind, paths in (
            (Kind.SUMMARY, [folder / "summary.md"]),
            (Kind.CHILDREN, [folder / "children.md"]),
            (Kind.FULL, sorted((folder / "full").glob("*.md"))),
        ):
            docs = [parse_document(p, kind=kind, locale=locale) for p in paths if p.exists()]
            for doc in docs:
                if kind is Kind.FULL and doc.path.stem != doc.version:
                    raise ContentError(doc.path, "version", f"is {doc.version} but the file name says {doc.path.stem}")
            if docs:
                library.documents[(kind, locale.code)] = sorted(docs, key=lambda d: version_key(d.version))
    _cross_check(library, root)
    return library


def _cross_check(library: GuidelineLibrary, root: Path) -> None:
    default_folder = root / DEFAULT_LOCALE.code
    for kind in Kind:
        if not library.documents.get((kind, DEFAULT_LOCALE.code)):
            expected = default_folder / ("full/<version>.md" if kind is Kind.FULL else f"{kind.value}.md")
            raise ContentError(expected, "file", f"the default locale must have a {kind.value} document")
    for (kind, _code), docs in library.documents.items():
        for doc in docs:
            if kind is Kind.FULL:
                missing = [a for a in REQUIRED_FULL_SECTIONS if doc.section(a) is None]
                if missing:
                    raise ContentError(
                        doc.path, "sections", "missing required section(s): " + ", ".join(f"#{a}" for a in missing)
                    )
            if kind is Kind.SUMMARY:
                full = library.versions(Kind.FULL, doc.locale)
                target = next((f for f in full if f.version == doc.version), full[-1])
                for section in doc.sections:
                    if target.section(section.anchor) is None:
                        raise ContentError(
                            doc.path, f"section #{section.anchor}", f"has no matching section in {target.path.name}"
                        )


@process_wide
def get_library() -> GuidelineLibrary:
    """The configured content, loaded once per process (pages compile from it)."""
    return load_library(get_settings().content_dir)
