"""``remsym eval`` through the console script: bad input is one line, exit 2 (issue 5, part 4).

Every case runs the installed ``remsym`` next to ``sys.executable`` (as
tests/unit/test_cli.py does); the subprocesses are started together once per
module, so the whole table costs about one start-up per core.
"""

import json
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from remsym import cli
from remsym_paper.numeric import registry
from remsym_paper.numeric.quantities import PARAMETER_NAMES, QUANTITIES
from remsym_paper.symbols import PARAMETERS

SCRIPT = Path(sys.executable).with_name("remsym")
EXE = str(SCRIPT) if SCRIPT.exists() else shutil.which("remsym")
pytestmark = pytest.mark.skipif(EXE is None, reason="console script not installed (pip install .)")

GOOD = ["--set", "T=1", "--set", "Delta=2", "--set", "epsilon=0"]
SC = ["S_c", "--set", "T=1", "--set", "Delta=2", "--set", "N=4", "--set", "nu=2"]
PLM = ["P_LM", "--set", "T=1", "--set", "Delta=2"]

# id -> (arguments after "eval", a word the one-line message must contain)
BAD = {
    "unknown-quantity": (["foo", *GOOD], "foo"),
    "unknown-method": (["q", *GOOD, "--method", "bogus"], "method"),
    "T-zero": (["q", "--set", "T=0", "--set", "Delta=1", "--set", "epsilon=0"], "T"),
    "T-negative": (["q", "--set", "T=-1", "--set", "Delta=1"], "T"),
    "Delta-zero": (["fu_avg", "--set", "T=1", "--set", "Delta=0"], "Delta"),
    "Delta-negative": (["fu_avg", "--set", "T=1", "--set", "Delta=-2.5"], "Delta"),
    "rho-above-1": ([*SC, "--set", "rho=1.5"], "rho"),
    "rho-below-0": ([*SC, "--set", "rho=-0.1"], "rho"),
    "N-zero": ([*PLM, "--set", "N=0", "--set", "nu=2"], "N"),
    "N-fraction": ([*PLM, "--set", "N=2.5", "--set", "nu=2"], "N"),
    "N-negative": ([*PLM, "--set", "N=-3", "--set", "nu=2"], "N"),
    "nu-zero": ([*PLM, "--set", "N=3", "--set", "nu=0"], "nu"),
    "nu-fraction": ([*PLM, "--set", "N=3", "--set", "nu=1.5"], "nu"),
    "T-nan": (["q", "--set", "T=nan", "--set", "Delta=1", "--set", "epsilon=0"], "T"),
    "Delta-inf": (["q", "--set", "T=1", "--set", "Delta=inf", "--set", "epsilon=0"], "Delta"),
    "epsilon-minus-inf": (["q", "--set", "T=1", "--set", "Delta=1", "--set", "epsilon=-inf"],
                          "epsilon"),
    "epsilon-abc": (["q", "--set", "T=1", "--set", "Delta=1", "--set", "epsilon=abc"],
                    "epsilon"),
    "rho-nan": ([*SC, "--set", "rho=nan"], "rho"),
    "N-inf": ([*PLM, "--set", "N=inf", "--set", "nu=2"], "N"),
    "nu-abc": ([*PLM, "--set", "N=3", "--set", "nu=abc"], "nu"),
    "digits-zero": (["q", *GOOD, "--digits", "0"], "--digits"),
    "digits-1001": (["q", *GOOD, "--digits", "1001"], "--digits"),
    "digits-negative": (["q", *GOOD, "--digits", "-5"], "--digits"),
    "digits-abc": (["q", *GOOD, "--digits", "abc"], "--digits"),
    "missing-parameter": (["P_LM", "--set", "T=1", "--set", "Delta=1", "--set", "nu=2"], "N"),
    "unknown-parameter": (["q", *GOOD, "--set", "beta=1"], "beta"),
}

GOOD_RUN = ["fu_avg", "--set", "T=0.5", "--set", "Delta=20", "--method", "quadrature",
            "--digits", "25", "--json"]


def run(args):
    return subprocess.run([EXE, "eval", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def outcomes():
    """Run every case concurrently; ``{id: CompletedProcess}``."""
    cases = {key: args for key, (args, _) in BAD.items()} | {"good": GOOD_RUN}
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {key: pool.submit(run, args) for key, args in cases.items()}
        return {key: f.result() for key, f in futures.items()}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_is_one_line_exit_2(outcomes, case):
    proc = outcomes[case]
    word = BAD[case][1]
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""  # never a NaN or a partial result
    assert re.search(rf"(?<![\w-]){re.escape(word)}(?!\w)", lines[0]), lines[0]


def test_good_run_follows_the_json_contract(outcomes):
    proc = outcomes["good"]
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == {"quantity", "method", "value", "log_value", "digits", "params"}
    assert (data["quantity"], data["method"], data["digits"]) == ("fu_avg", "quadrature", 25)
    assert data["params"]["T"] == "0.5" and data["params"]["Delta"] == "20"
    assert data["value"].startswith("2.6979328058039504644675")  # erfc(20)/2
    assert data["value"].endswith("e-176")
    assert float(data["log_value"]) == pytest.approx(-404.2625, abs=1e-4)


@pytest.fixture
def empty_registry(monkeypatch):
    """A fresh registry in which no derivation has registered (and none will load)."""
    monkeypatch.setattr(registry, "_REGISTRY", {})
    monkeypatch.setattr(registry, "_FAILURES", [])
    monkeypatch.setattr(registry, "_LOADED", True)


@pytest.mark.parametrize("method", ["exact", "asymptotic"])
def test_method_without_provider_says_so(empty_registry, monkeypatch, capsys, method):
    quantity = next(iter(QUANTITIES))
    assert registry.provider(quantity, method) is None
    monkeypatch.setattr(sys, "argv", ["remsym", "eval", quantity, "--set", "T=1",
                                      "--set", "Delta=2", "--set", "epsilon=0",
                                      "--method", method])
    with pytest.raises(SystemExit) as info:
        cli.main()
    assert info.value.code == 2
    out, err = capsys.readouterr()
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert out == "" and len(lines) == 1, err
    assert method in lines[0] and quantity in lines[0] and "no" in lines[0]


def test_registered_provider_is_used(empty_registry, monkeypatch, capsys):
    quantity = "fu_avg"
    registry.register(quantity, "exact", lambda params, digits, order: params["Delta"] / 4,
                      source="test")
    monkeypatch.setattr(sys, "argv", ["remsym", "eval", quantity, "--set", "T=1",
                                      "--set", "Delta=2", "--method", "exact", "--json"])
    cli.main()
    data = json.loads(capsys.readouterr().out)
    assert data["value"] == "0.5" and data["method"] == "exact"


def test_parameter_names_match_the_symbols_table():
    assert PARAMETER_NAMES == tuple(PARAMETERS)
