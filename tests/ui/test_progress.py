"""The progress display (issue 23): on stderr, only for a terminal, never under --json,
and only once the work has lasted ``DELAY`` seconds; it never touches stdout."""

from __future__ import annotations

import io
import sys
import threading

from remsym import progress as progress_module


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _run_block(monkeypatch, stream, quiet=False, delay=0.0):
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setattr(progress_module, "DELAY", delay)
    done = threading.Event()
    with progress_module.progress("working", quiet=quiet):
        done.wait(0.5)  # long enough for the display to start (DELAY is 0 here)
    return stream.getvalue()


def test_shown_on_a_terminal(monkeypatch, capsys):
    text = _run_block(monkeypatch, _Terminal())
    assert "working" in text
    assert capsys.readouterr().out == ""


def test_silent_when_stderr_is_not_a_terminal(monkeypatch):
    assert _run_block(monkeypatch, io.StringIO()) == ""


def test_silent_under_json(monkeypatch):
    assert _run_block(monkeypatch, _Terminal(), quiet=True) == ""


def test_silent_for_short_work(monkeypatch):
    assert _run_block(monkeypatch, _Terminal(), delay=60.0) == ""
