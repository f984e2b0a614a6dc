"""Static checks run with the tests (CI runs only README's test command): mypy on the
engine and ruff on every Python file of the project, both configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_reports_no_error_in_the_engine():
    api = pytest.importorskip("mypy.api", reason="mypy comes with the test extra")
    stdout, stderr, status = api.run(["--no-error-summary", "--cache-dir",
                                      str(ROOT / ".mypy_cache"), str(ROOT / "remsym")])
    assert status == 0, stdout + stderr


def test_ruff_reports_nothing():
    pytest.importorskip("ruff", reason="ruff comes with the test extra")
    run = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "remsym",
                          "derivations", "tests", "benchmarks"],
                         cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
