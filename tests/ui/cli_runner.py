"""Running ``remsym`` in this process, as the console script would, for the UI tests."""

from __future__ import annotations

import sys

from remsym import cli


def run_cli(monkeypatch, capsys, argv) -> tuple[int | str | None, str, str]:
    """(exit status, stdout, stderr) of ``remsym ARGV`` with one worker process."""
    monkeypatch.setenv("REMSYM_JOBS", "1")
    monkeypatch.setattr(sys, "argv", ["remsym", *argv])
    try:
        cli.main()
        code: int | str | None = 0
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err
