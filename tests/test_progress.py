"""Progress bars (wpanalysis.progress): where they are drawn and when they are silent."""

from __future__ import annotations

import io

import pytest

from wpanalysis import progress as p


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _terminal(monkeypatch) -> _Terminal:
    """stderr replaced by a terminal that records what is drawn on it (inside the test: pytest's
    capture sets sys.stderr again after the fixtures have run)."""
    fake = _Terminal()
    monkeypatch.setattr("sys.stderr", fake)
    monkeypatch.delenv(p.ENV_VAR, raising=False)
    return fake


def test_a_terminal_gets_a_bar_and_the_items_pass_through(monkeypatch):
    terminal = _terminal(monkeypatch)
    assert list(p.progress(["a", "b", "c"], "reading", unit="file", leave=True)) == ["a", "b", "c"]
    drawn = terminal.getvalue()
    assert "reading:   0%" in drawn and "| 3/3 [" in drawn and "file/s]" in drawn  # first and last frames


def test_no_bar_off_a_terminal_or_when_switched_off(monkeypatch):
    terminal = _terminal(monkeypatch)
    items = [1, 2, 3]
    assert p.progress(items, "x", show=False) is items  # the iterable itself: no cost
    monkeypatch.setenv(p.ENV_VAR, "0")
    assert p.progress(items, "x") is items and p.progress(items, "x", show=True) is items
    assert terminal.getvalue() == ""
    monkeypatch.setattr("sys.stderr", io.StringIO())  # a log file or a pipe
    monkeypatch.delenv(p.ENV_VAR)
    assert p.progress(items, "x") is items
    monkeypatch.setenv(p.ENV_VAR, "1")  # forced on, even off a terminal
    assert p.progress(items, "x") is not items


@pytest.mark.parametrize(("setting", "show", "expected"), [
    ("", None, True), ("", False, False), ("0", None, False), ("off", True, False), ("false", None, False),
    ("1", None, True), ("1", False, False),
])
def test_enabled_rules(monkeypatch, setting, show, expected):
    _terminal(monkeypatch)
    monkeypatch.setenv(p.ENV_VAR, setting)
    assert p.enabled(show) is expected


def test_steps_names_the_step_running(monkeypatch):
    terminal = _terminal(monkeypatch)
    seen = list(p.steps(["targets", "sentences"], "building tables"))
    assert seen == ["targets", "sentences"]
    drawn = terminal.getvalue()
    assert "building tables: targets: 0/2 done" in drawn and "building tables: sentences: 1/2 done" in drawn


def test_a_script_is_not_a_kernel():
    assert p.in_kernel() is False
