"""The gettext catalogs are complete, and the template is fresh.

For every locale in ``KNOWN_LOCALES`` the catalog parses, carries the locale's header,
holds every msgid the code uses right now (and no other live entry), translates each
one, none fuzzy, each translation with exactly the placeholders of its msgid. The
committed ``locales/messages.pot`` is byte for byte what ``scripts/i18n.sh extract``
writes now, and every translated call in the code is one pybabel can extract.

``scripts/i18n.sh check`` runs this file. The checks are functions of a file, so the
tests at the end show each of them failing on a broken catalog or module.
"""

from __future__ import annotations

import ast
import difflib
import functools
import gettext
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pytest
from babel.messages.catalog import PYTHON_FORMAT, Catalog, Message, TranslationError
from babel.messages.checkers import num_plurals
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import PoFileError, read_po, write_po

from privacy_center.i18n.catalogs import LOCALES_DIR, gettext_for, ngettext_for, po_path
from privacy_center.i18n.locales import KNOWN_LOCALES, UiLocale, by_code
from privacy_center.settings import PROJECT_ROOT

BABEL_CFG = PROJECT_ROOT / "babel.cfg"
TEMPLATE = LOCALES_DIR / "messages.pot"
# The factories in privacy_center/i18n/catalogs.py, and the names their result must be
# bound to for pybabel to see the calls.
FACTORY_BINDINGS = {"gettext_for": "_", "ngettext_for": "ngettext"}

MessageId = str | tuple[str, ...]


@dataclass(frozen=True)
class Extraction:
    """What the code asks to translate right now."""

    used_at: dict[MessageId, str]  # msgid -> "file:line" of its first use
    template: bytes  # what scripts/i18n.sh extract writes to locales/messages.pot
    keywords: dict[str, object]  # gettext function name -> Babel's argument spec
    files: tuple[str, ...]  # the source files babel.cfg maps, relative to the root


@functools.cache
def extract() -> Extraction:
    """Run, in-process, what ``pybabel extract`` does for ``scripts/i18n.sh extract``.

    Same mapping file, Babel's default keywords merged with those of ``babel.cfg``, and
    the template written with ``--omit-header --no-location --sort-output``.
    """
    with BABEL_CFG.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(BABEL_CFG))
    files: list[str] = []
    catalog = Catalog()
    used_at: dict[MessageId, str] = {}
    for filename, lineno, message, comments, context in extract_from_dir(
        str(PROJECT_ROOT),
        method_map,
        options_map,
        keywords=DEFAULT_KEYWORDS,
        callback=lambda filename, _method, _options: files.append(filename),
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
        used_at.setdefault(message, f"{filename}:{lineno}")
    buffer = io.BytesIO()
    write_po(buffer, catalog, no_location=True, omit_header=True, sort_output=True)
    keywords: dict[str, object] = dict(DEFAULT_KEYWORDS)
    for options in options_map.values():
        keywords.update(options.get("keywords", {}))
    return Extraction(used_at=used_at, template=buffer.getvalue(), keywords=keywords, files=tuple(files))


def _label(msgid: MessageId) -> str:
    return " | ".join(msgid) if isinstance(msgid, tuple) else msgid


def _placeholders(text: str) -> set[tuple[str, str]]:
    """The %-placeholders of ``text`` as (name, conversion); '' names a positional one."""
    return {(name, conversion) for name, _spec, conversion in PYTHON_FORMAT.findall(text) if conversion != "%"}


class _AnyArguments(dict):
    """Formatting arguments that have every name, to see whether a translation formats."""

    def __missing__(self, key: str) -> int:
        return 0


def _forms_for_one(catalog: Catalog) -> set[int]:
    """Plural forms used only for n == 1: those may say "one" instead of the number."""
    choose = gettext.c2py(catalog.plural_expr)
    forms: dict[int, set[int]] = {}
    for n in range(1000):
        forms.setdefault(choose(n), set()).add(n)
    return {form for form, numbers in forms.items() if numbers == {1}}


def _placeholder_problems(message: Message, catalog: Catalog) -> list[str]:
    """Each translation formats with the msgid's arguments and uses exactly its placeholders."""
    if not message.python_format:
        return []
    problems = []
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    for form, text in enumerate(strings):
        if not text:
            continue
        if isinstance(message.id, tuple):
            # Every form follows the plural msgid; a form used only for n == 1 may follow
            # the singular (English "One section"), never a form that also serves 21.
            allowed = [_placeholders(message.id[1])]
            if form in _forms_for_one(catalog):
                allowed.append(_placeholders(message.id[0]))
        else:
            allowed = [_placeholders(message.id)]
        found = _placeholders(text)
        where = f"msgstr[{form}]" if isinstance(message.id, tuple) else "msgstr"
        if found not in allowed:
            expected = " or ".join(str(sorted(names)) for names in allowed)
            problems.append(f"placeholders of {where} are {sorted(found)}, not {expected}")
        try:
            text % _AnyArguments()
        except (ValueError, TypeError) as error:
            problems.append(f"{where} does not format ({error})")
    return problems


def catalog_problems(po_file: Path, locale: UiLocale, used_at: Mapping[MessageId, str]) -> list[str]:
    """Everything wrong with the catalog ``po_file`` of ``locale``, one line each."""
    if not po_file.exists():
        return [f"no catalog: run scripts/i18n.sh init {locale.code}"]
    try:
        with po_file.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except (PoFileError, ValueError) as error:
        return [f"does not parse: {error}"]

    problems = []
    if catalog.locale != locale.babel:
        problems.append(f"header: Language is {catalog.locale_identifier!r}, not {locale.code!r}")
    expected_plurals = Catalog(locale=locale.code).plural_forms
    if catalog.plural_forms != expected_plurals:
        problems.append(f"header: Plural-Forms is {catalog.plural_forms!r}, not {expected_plurals!r}")
    if catalog.charset.lower() != "utf-8":
        problems.append(f"header: charset is {catalog.charset!r}, not 'utf-8'")

    live: dict[MessageId, Message] = {message.id: message for message in catalog if message.id}
    for msgid, message in live.items():
        label = _label(msgid)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {label}")
        if not all(strings):
            problems.append(f"untranslated: {label}")
        try:
            num_plurals(catalog, message)
        except TranslationError as error:
            problems.append(f"{error}: {label}")
        problems += [f"{problem}: {label}" for problem in _placeholder_problems(message, catalog)]
        if msgid not in used_at:
            problems.append(f"not used in the code (scripts/i18n.sh update makes it obsolete): {label}")
    problems += [
        f"missing (used at {where}; run scripts/i18n.sh update and translate it): {_label(msgid)}"
        for msgid, where in used_at.items()
        if msgid not in live
    ]
    problems += [
        f"obsolete entry duplicates a live one (msgfmt refuses it): {_label(message.id)}"
        for message in catalog.obsolete.values()
        if message.id in live
    ]
    return problems


def _called_name(func: ast.expr) -> str | None:
    # pybabel matches the name right before "(", so `_(...)` and `self._(...)` alike.
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _argument_indexes(spec: object) -> list[int]:
    """1-based argument positions holding msgids (or a context) in a Babel keyword spec."""
    if spec is None:
        return [1]
    items = spec if isinstance(spec, tuple) else (spec,)
    return [item[0] if isinstance(item, tuple) else item for item in items if isinstance(item, int | tuple)]


def unextractable_calls(source: str, filename: str, keywords: Mapping[str, object]) -> list[str]:
    """Translation calls in ``source`` that pybabel cannot extract, as ``file:line: why``.

    A msgid must be a string literal (not a variable, f-string, concatenation or
    ``*args``), and the translator a factory returns must be bound to the keyword name.
    """
    tree = ast.parse(source, filename=filename)
    problems = []
    bound_right: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            wanted = FACTORY_BINDINGS.get(_called_name(node.value.func) or "")
            names = [target.id for target in node.targets if isinstance(target, ast.Name)]
            if wanted and names == [wanted] and len(node.targets) == 1:
                bound_right.add(id(node.value))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _called_name(node.func)
        where = f"{filename}:{node.lineno}"
        if name in FACTORY_BINDINGS and id(node) not in bound_right:
            problems.append(f"{where}: bind {name}() to `{FACTORY_BINDINGS[name]}`, or pybabel never sees its calls")
        if name not in keywords:
            continue
        for index in _argument_indexes(keywords[name]):
            arguments = node.args[:index]
            if any(isinstance(argument, ast.Starred) for argument in arguments) or len(arguments) < index:
                problems.append(f"{where}: {name}() argument {index} is not a literal string")
                break
            argument = arguments[index - 1]
            if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
                problems.append(f"{where}: {name}() argument {index} is computed: {ast.unparse(argument)}")
    return problems


def unextractable_template_calls(source: str, filename: str, keywords: Mapping[str, object]) -> list[str]:
    """The same for a Jinja2 template (babel.cfg maps privacy_center/templates/): literal msgids only."""
    tree = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n"]).parse(source, filename=filename)
    problems = []
    for node in tree.find_all(jinja2.nodes.Call):
        name = node.node.name if isinstance(node.node, jinja2.nodes.Name) else None
        if name not in keywords:
            continue
        for index in _argument_indexes(keywords[name]):
            arguments = node.args[:index]
            if len(arguments) < index or not (
                isinstance(arguments[-1], jinja2.nodes.Const) and isinstance(arguments[-1].value, str)
            ):
                problems.append(f"{filename}:{node.lineno}: {name}() argument {index} is not a literal string")
                break
    return problems


def _fail(title: str, problems: list[str]) -> None:
    if problems:
        pytest.fail(f"{title}:\n  " + "\n  ".join(problems), pytrace=False)


# -- The real catalogs and code ---------------------------------------------------------


@pytest.mark.parametrize("locale", KNOWN_LOCALES, ids=lambda locale: locale.code)
def test_catalog_is_complete(locale: UiLocale) -> None:
    path = po_path(locale)
    _fail(str(path.relative_to(PROJECT_ROOT)), catalog_problems(path, locale, extract().used_at))


def test_template_is_fresh() -> None:
    committed = TEMPLATE.read_bytes() if TEMPLATE.exists() else b""
    fresh = extract().template
    if committed != fresh:
        diff = difflib.unified_diff(
            committed.decode().splitlines(),
            fresh.decode().splitlines(),
            "locales/messages.pot (committed)",
            "locales/messages.pot (from the code)",
            lineterm="",
        )
        _fail("locales/messages.pot is stale: run scripts/i18n.sh update and translate", list(diff)[:60])


def test_every_translated_call_is_extractable() -> None:
    extraction = extract()
    assert extraction.files, "babel.cfg maps no source file"
    problems = []
    for filename in extraction.files:
        source = (PROJECT_ROOT / filename).read_text(encoding="utf-8")
        check = unextractable_template_calls if filename.endswith(".html") else unextractable_calls
        problems += check(source, filename, extraction.keywords)
    _fail("calls pybabel cannot extract (never translated)", problems)


def test_msgids_use_named_placeholders() -> None:
    # Translators reorder words: "%(num)d" can move, a positional "%d" cannot.
    _fail(
        "positional placeholders (use %(name)s)",
        [
            f"{where}: {_label(msgid)}"
            for msgid, where in extract().used_at.items()
            if any(
                not name
                for text in (msgid if isinstance(msgid, tuple) else (msgid,))
                for name, _ in _placeholders(text)
            )
        ],
    )


def test_runtime_catalogs_translate() -> None:
    # The path pages take: the .po file compiled in memory, no .mo needed.
    zh_cn = by_code("zh_CN")
    assert gettext_for(zh_cn)("Privacy Center") == "隐私中心"
    assert ngettext_for(zh_cn)("%(num)d section", "%(num)d sections", 3) % {"num": 3} == "3 个章节"
    assert gettext_for(by_code("en"))("Privacy Center") == "Privacy Center"
    assert ngettext_for(by_code("en"))("%(num)d section", "%(num)d sections", 1) % {"num": 1} == "1 section"


# -- Each check fails on a broken catalog or module --------------------------------------

ZH_CN_HEADER = """msgid ""
msgstr ""
"Language: zh_CN\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"""
GOOD_ZH_CN = """
msgid "Privacy Center"
msgstr "隐私中心"

#, python-format
msgid "%(num)d section"
msgid_plural "%(num)d sections"
msgstr[0] "%(num)d 个章节"
"""
USED_AT: dict[MessageId, str] = {"Privacy Center": "a.py:1", ("%(num)d section", "%(num)d sections"): "a.py:2"}


def _problems(tmp_path: Path, body: str, *, header: str = ZH_CN_HEADER, locale: str = "zh_CN") -> list[str]:
    path = tmp_path / "messages.po"
    path.write_text(header + body, encoding="utf-8")
    return catalog_problems(path, by_code(locale), USED_AT)


def test_a_good_catalog_passes_even_with_obsolete_entries(tmp_path: Path) -> None:
    assert _problems(tmp_path, GOOD_ZH_CN + '\n#~ msgid "Gone"\n#~ msgstr "已删"\n') == []


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (GOOD_ZH_CN.replace('msgid "Privacy', '#, fuzzy\nmsgid "Privacy'), "fuzzy: Privacy Center"),
        (GOOD_ZH_CN.replace('"隐私中心"', '""'), "untranslated: Privacy Center"),
        (GOOD_ZH_CN.replace('"%(num)d 个章节"', '"%(n)d 个章节"'), "placeholders of msgstr[0]"),
        (GOOD_ZH_CN.replace('"%(num)d 个章节"', '"多个章节"'), "placeholders of msgstr[0]"),
        (GOOD_ZH_CN.replace('"%(num)d 个章节"', '"%(num)d 个章节，100%"'), "does not format"),
        (
            GOOD_ZH_CN.replace('msgstr "隐私中心"', 'msgstr "隐私中心"\n\nmsgid "Extra"\nmsgstr "多余"'),
            "not used in the code",
        ),
        (GOOD_ZH_CN.split("#, python-format")[0], "missing (used at a.py:2"),
        (GOOD_ZH_CN.replace('msgid "Privacy Center"', 'msgid "Privacy centre"'), "missing (used at a.py:1"),
        (GOOD_ZH_CN + 'msgstr[1] "%(num)d 个章节"\n', "does not parse"),
        (GOOD_ZH_CN + '\n#~ msgid "Privacy Center"\n#~ msgstr "旧"\n', "obsolete entry duplicates"),
    ],
    ids=[
        "fuzzy",
        "untranslated",
        "renamed",
        "dropped",
        "stray-percent",
        "unused",
        "missing-plural",
        "missing",
        "extra-form",
        "duplicate",
    ],
)
def test_a_broken_catalog_fails(tmp_path: Path, broken: str, expected: str) -> None:
    problems = _problems(tmp_path, broken)
    assert any(expected in problem for problem in problems), problems


def test_a_wrong_header_fails(tmp_path: Path) -> None:
    header = ZH_CN_HEADER.replace("zh_CN", "zh_TW").replace("nplurals=1; plural=0;", "nplurals=2; plural=(n != 1);")
    problems = _problems(tmp_path, GOOD_ZH_CN, header=header)
    assert any("Language is 'zh_TW'" in problem for problem in problems), problems
    assert any("Plural-Forms" in problem for problem in problems), problems


def test_a_missing_catalog_fails(tmp_path: Path) -> None:
    assert catalog_problems(tmp_path / "absent.po", by_code("zh_CN"), USED_AT) == [
        "no catalog: run scripts/i18n.sh init zh_CN"
    ]


def test_english_singular_form_may_drop_the_number(tmp_path: Path) -> None:
    header = ZH_CN_HEADER.replace("zh_CN", "en").replace("nplurals=1; plural=0;", "nplurals=2; plural=(n != 1);")
    used_at: dict[MessageId, str] = {("One section", "%(num)d sections"): "a.py:1"}
    path = tmp_path / "messages.po"
    body = '#, python-format\nmsgid "One section"\nmsgid_plural "%(num)d sections"\nmsgstr[0] "One section"\nmsgstr[1] "%(num)d sections"\n'
    path.write_text(header + "\n" + body, encoding="utf-8")
    assert catalog_problems(path, by_code("en"), used_at) == []
    path.write_text(
        header + "\n" + body.replace('msgstr[1] "%(num)d sections"', 'msgstr[1] "Sections"'), encoding="utf-8"
    )
    assert any("placeholders of msgstr[1]" in problem for problem in catalog_problems(path, by_code("en"), used_at))


def test_computed_msgids_and_unbound_translators_fail() -> None:
    source = "\n".join(
        [
            "_ = gettext_for(locale)",
            "ngettext = ngettext_for(locale)",
            '_("Fine")',
            'ngettext("%(num)d fine", "%(num)d fine", n)',
            "_(label)",
            '_(f"Hello {name}")',
            '_("Hello " + name)',
            'ngettext("%(num)d item", plural, n)',
            "t = gettext_for(locale)",
            'gettext_for(locale)("Direct")',
        ]
    )
    problems = unextractable_calls(source, "m.py", extract().keywords)
    assert [problem.split(":")[1] for problem in problems] == ["5", "6", "7", "8", "9", "10"], problems


def test_computed_msgids_in_templates_fail() -> None:
    source = "\n".join(
        [
            '{{ _("Fine") }}',
            '{{ ngettext("%(num)d fine", "%(num)d fine", n) }}',
            "{{ _(label) }}",
            '{{ _("Hello " ~ name) }}',
            '{{ ngettext("%(num)d item", plural, n) }}',
        ]
    )
    problems = unextractable_template_calls(source, "t.html", extract().keywords)
    assert [problem.split(":")[1] for problem in problems] == ["3", "4", "5"], problems
