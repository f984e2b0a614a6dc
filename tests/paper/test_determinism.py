"""The same input gives the same record on an idle machine and an oversubscribed one.

Issue 19: no wall-clock budget decides a witness, and no process-wide memo carries a
decision from one derivation to the next.  The paper's check is run twice, once alone
and once with the CPUs oversubscribed four times by spinning processes, and the JSON
(verdicts, readings, every step's status, witness, evidence and reason) must be the
same, timings aside.  The ids are those whose witnesses do the most numeric work (rate
sequences over nested integrals), where a clock-based budget would show first.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys

import pytest

IDS = "eq9,eq10,eq14,eq15,eq16"


def _spin(stop) -> None:  # pragma: no cover - runs in a child process
    while not stop.is_set():
        pass


def _check() -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "remsym.cli", "check", "--only", IDS, "--json", "--no-cache"],
        capture_output=True, text=True, check=False, env={**os.environ, "REMSYM_JOBS": "2"})
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout)


def _record(result: dict) -> list:
    """Everything but the timings."""
    return [(r["id"], r["status"], r["reading"], r["reason"],
             [(s["rule"], s["status"], s["witness"], s.get("evidence"), s["reason"])
              for s in r["step_checks"]]) for r in result["results"]]


@pytest.mark.slow
def test_an_oversubscribed_machine_gives_the_same_json():
    idle = _check()
    stop = multiprocessing.Event()
    spinners = [multiprocessing.Process(target=_spin, args=(stop,), daemon=True)
                for _ in range(4 * (os.cpu_count() or 1))]
    for p in spinners:
        p.start()
    try:
        loaded = _check()
    finally:
        stop.set()
        for p in spinners:
            p.join(timeout=10)
    assert _record(loaded) == _record(idle)
    assert [r["status"] for r in idle["results"]] == [
        "approximation", "approximation", "erratum", "erratum", "erratum"]
