"""Reporter services by name: every id the demo reports is named in both locales; mistakes name file and id."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from privacy_center.content.errors import ContentError
from privacy_center.content.reporters import load_reporters, reporter_name
from privacy_center.i18n.locales import KNOWN_LOCALES, by_code
from privacy_center.services.demo import DEMO_FACTS, DemoFacts

REAL = Path(__file__).parents[3] / "content"
EN, ZH = by_code("en"), by_code("zh_CN")
# seed-demo's bulk events (services/demo.py) report as this one.
BULK_SOURCE = "seed-demo"


def test_known_services_by_name_in_both_locales() -> None:
    reporters = load_reporters(REAL)
    assert reporters.name("account-service", EN) == "Account service"
    assert reporters.name("account-service", ZH) == "账号服务"
    assert reporters.name("pay-service", ZH) == "支付服务"


def test_every_service_the_demo_reports_is_named_in_every_locale() -> None:
    reporters = load_reporters(REAL)
    sources = {f.source for facts in DEMO_FACTS.values() for f in facts} | {DemoFacts.source, BULK_SOURCE}
    for locale in KNOWN_LOCALES:
        unnamed = sorted(s for s in sources if reporters.name(s, locale) == s)
        assert unnamed == [], f"{locale.code}: no name for {unnamed}"


def test_an_unknown_id_is_shown_as_it_is() -> None:
    reporters = load_reporters(REAL)
    for locale in (EN, ZH):
        assert reporters.name("billing-v2", locale) == "billing-v2"
        assert reporters.name("", locale) == ""


def test_the_configured_names_are_what_pages_use() -> None:
    # get_reporters() reads the settings' content_dir: the project's own content in tests.
    assert reporter_name("chat-service", ZH) == "聊天服务"
    assert reporter_name("not-a-service", EN) == "not-a-service"


def test_no_folder_means_ids_as_they_are(tmp_path: Path) -> None:
    assert load_reporters(tmp_path).name("account-service", ZH) == "account-service"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    shutil.copytree(REAL / "reporters", tmp_path / "reporters")
    return tmp_path


def _write(content: Path, locale: str, text: str) -> None:
    (content / "reporters" / f"{locale}.yaml").write_text(text, encoding="utf-8")


def _refusal(content: Path) -> ContentError:
    with pytest.raises(ContentError) as refused:
        load_reporters(content)
    return refused.value


def test_a_bad_id_is_named(content: Path) -> None:
    _write(content, "en", "reporters:\n  pay service: Payment service\n")
    error = _refusal(content)
    assert error.path.name == "en.yaml"
    assert (error.field, error.problem.split(":")[0]) == ("reporters.pay service", "id")


def test_an_empty_or_overlong_name_is_named(content: Path) -> None:
    for name in ('""', "x" * 81):
        _write(content, "zh_CN", f"reporters:\n  account-service: {name}\n")
        error = _refusal(content)
        assert (error.path.name, error.field, error.problem.split(":")[0]) == (
            "zh_CN.yaml",
            "reporters.account-service",
            "name",
        )


def test_every_locale_names_the_same_ids(content: Path) -> None:
    text = (content / "reporters" / "zh_CN.yaml").read_text(encoding="utf-8")
    _write(content, "zh_CN", text.replace("  seed-demo: 演示数据生成器\n", ""))
    error = _refusal(content)
    assert (error.path.name, error.field) == ("zh_CN.yaml", "reporters")
    assert "seed-demo" in error.problem


def test_the_default_locale_needs_a_file(content: Path) -> None:
    (content / "reporters" / "en.yaml").unlink()
    assert _refusal(content).path.name == "en.yaml"


def test_broken_yaml_and_a_wrong_shape_are_refused(content: Path) -> None:
    _write(content, "en", "reporters: [\n")
    assert _refusal(content).field == "file"
    _write(content, "en", "services:\n  account-service: Account service\n")
    assert _refusal(content).field in {"reporters", "services"}
