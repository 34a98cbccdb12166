"""Domain errors carry a msgid and speak the reader's language where they are shown."""

from __future__ import annotations

from privacy_center.authz import ForbiddenError
from privacy_center.errors import DomainError, NotAllowedError, as_domain_error
from privacy_center.i18n.locales import by_code


def test_message_is_translated_per_locale() -> None:
    error = NotAllowedError()
    assert error.message(by_code("en")) == "You are not allowed to do this."
    assert error.message(by_code("zh_CN")) == "您无权执行此操作。"
    assert str(error) == error.msgid == "You are not allowed to do this."


def test_forbidden_from_authz_reads_as_not_allowed_and_bugs_stay_bugs() -> None:
    assert isinstance(as_domain_error(ForbiddenError("view_facts")), NotAllowedError)
    error = DomainError()
    assert as_domain_error(error) is error
    assert as_domain_error(RuntimeError("boom")) is None
