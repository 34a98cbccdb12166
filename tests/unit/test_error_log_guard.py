"""The autouse guard in tests/conftest.py fails a test that logs an error, and only then."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]

TESTS = """
import logging
import threading

import pytest


def test_logs_an_error():
    logging.getLogger("app").error("boom")


@pytest.mark.allow_error_logs
def test_expects_an_error():
    logging.getLogger("app").error("expected")


def test_logs_a_warning():
    logging.getLogger("app").warning("only a warning")


def test_logs_from_a_thread():
    worker = threading.Thread(target=lambda: logging.getLogger("worker").error("in a thread"))
    worker.start()
    worker.join()


@pytest.fixture
def noisy_teardown():
    yield
    logging.getLogger("fixture").error("in tear-down")


def test_error_in_a_fixture_tear_down(noisy_teardown):
    pass
"""


def test_guard_fails_exactly_the_tests_that_log_errors(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    pytester.makeconftest("from tests.conftest import _no_error_logs  # noqa: F401\n")
    pytester.makeini("[pytest]\nmarkers =\n    allow_error_logs: expected errors\n")
    pytester.makepyfile(test_guarded=TESTS)
    result = pytester.runpytest_subprocess("-p", "no:randomly", "-p", "no:cacheprovider")
    # The guard fails in tear-down: pytest reports those tests as errors.
    assert result.parseoutcomes().get("errors") == 3, result.stdout.str()
    result.stdout.fnmatch_lines(
        [
            "ERROR *::test_logs_an_error*",
            "ERROR *::test_logs_from_a_thread*",
            "ERROR *::test_error_in_a_fixture_tear_down*",
        ],
        consecutive=False,
    )
    errored = {
        line.split("::")[1].split()[0] for line in result.stdout.lines if line.startswith("ERROR test_guarded.py::")
    }
    assert errored == {"test_logs_an_error", "test_logs_from_a_thread", "test_error_in_a_fixture_tear_down"}
    result.stdout.fnmatch_lines(["*app: boom*", "*worker: in a thread*", "*fixture: in tear-down*"])
