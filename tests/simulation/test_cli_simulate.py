"""``remsym simulate`` through the console script: JSON contract, figures, bad input."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from remsym_paper.simulation.enumeration import ModelSpec
from remsym_paper.simulation.render import simulation_json
from remsym_paper.simulation.run import run_simulation

SCRIPT = Path(sys.executable).with_name("remsym")
EXE = str(SCRIPT) if SCRIPT.exists() else shutil.which("remsym")
pytestmark = pytest.mark.skipif(EXE is None, reason="console script not installed (pip install .)")

RUN_KEYS = {"T", "fu", "fu_sem", "R_A", "R_B", "R", "S", "P_LM", "P_LM_paper", "E"}


def run(*args, cwd=None):
    return subprocess.run([EXE, "simulate", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=600)


def assert_one_line_error(proc, *words):
    assert proc.returncode == 2, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("remsym: error: ")
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    for w in words:
        assert w in lines[0]


def test_json_contract_and_plot(tmp_path):
    figure = tmp_path / "sim.png"
    proc = run("--N", "8", "--nu", "1", "--samples", "4", "--T", "0.7,1,2,3", "--seed", "1",
               "--json", "--plot", str(figure))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # no progress bar under --json (and stderr is not a TTY)
    data = json.loads(proc.stdout)
    assert set(data) == {"params", "runs", "annealed", "claims"}
    assert [r["T"] for r in data["runs"]] == [0.7, 1.0, 2.0, 3.0]
    for r in data["runs"]:
        assert RUN_KEYS <= set(r)
        assert r["R"] == pytest.approx(2 * r["fu"], rel=1e-12)
    assert data["params"]["N"] == 8 and data["params"]["samples"] == 4
    for c in data["claims"]:
        assert {"claim", "verdict", "evidence"} <= set(c)
    assert figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_same_seed_same_output_in_any_process():
    """The console script's JSON equals the library's, run here serially (seeds per sample)."""

    proc = run("--N", "7", "--nu", "2", "--samples", "3", "--T", "0.5,2", "--seed", "5",
               "--json")
    assert proc.returncode == 0, proc.stderr
    here = run_simulation(ModelSpec(7, 2), [0.5, 2.0], 3, seed=5, backend="serial")
    assert proc.stdout == simulation_json(here) + "\n"


@pytest.mark.parametrize("args, words", [
    (("--N", "40", "--T", "1"), ["N = 40", "GiB"]),
    (("--N", "8", "--nu", "0", "--T", "1"), ["nu"]),
    (("--N", "8", "--T", "1,0"), ["temperatures", "> 0"]),
    (("--N", "8", "--T", "-1"), ["temperatures"]),
    (("--N", "8", "--T", "1,x"), ["'x'"]),
    (("--N", "8", "--T", "1", "--samples", "0"), ["samples"]),
    (("--N", "8", "--T", "1", "--backend", "dask"), ["scheduler"]),
    (("--N", "8", "--T", "1", "--scheduler", "tcp://127.0.0.1:8786"), ["--backend dask"]),
    (("--N", "8", "--T", "1", "--plot", "fig.svg"), [".png", ".pdf"]),
])
def test_bad_input(tmp_path, args, words):
    assert_one_line_error(run(*args, cwd=tmp_path), *words)
    assert list(tmp_path.iterdir()) == []


def test_unwritable_plot_path_writes_nothing(tmp_path):
    assert_one_line_error(run("--N", "6", "--T", "1", "--plot", str(tmp_path / "no" / "f.png")),
                          "does not exist")
    if os.geteuid() == 0:
        pytest.skip("running as root: a read-only directory stays writable")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert_one_line_error(run("--N", "6", "--T", "1", "--plot", str(locked / "f.pdf")),
                              "not writable")
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def test_bad_input_with_a_plot_writes_no_figure(tmp_path):
    figure = tmp_path / "f.png"
    assert_one_line_error(run("--N", "6", "--nu", "0", "--T", "1", "--plot", str(figure)), "nu")
    assert not figure.exists()
