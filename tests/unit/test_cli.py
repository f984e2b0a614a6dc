"""Bad input through the real console script: one line, exit status 2, no traceback."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("remsym")
EXE = str(SCRIPT) if SCRIPT.exists() else shutil.which("remsym")
pytestmark = pytest.mark.skipif(EXE is None, reason="console script not installed (pip install .)")


def run(*args, cwd=None):
    return subprocess.run([EXE, *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def assert_one_line_error(proc, *words):
    assert proc.returncode == 2, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    for w in words:
        assert w in lines[0]


def test_unknown_only_id():
    assert_one_line_error(run("check", "--only", "eq99"), "eq99")


def test_missing_path(tmp_path):
    assert_one_line_error(run("check", str(tmp_path / "nope.py")), "not found")


def test_module_that_raises(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("raise RuntimeError('boom')\n")
    assert_one_line_error(run("check", str(bad)), "boom")


def test_group_with_an_unknown_id(tmp_path):
    mod = tmp_path / "typo.py"
    mod.write_text("import sympy as sp\n"
                   "from remsym.derivation import DerivationBuilder\n"
                   "def build():\n"
                   "    b = DerivationBuilder('one', 'x + x')\n"
                   "    x = sp.Symbol('x')\n"
                   "    b.equal(x + x, 2 * x, 'collect')\n"
                   "    return b.build(x + x, exact=2 * x)\n"
                   "DERIVATIONS = {'one': build}\n"
                   "CHECK_GROUPS = (('one', 'onw'),)\n")
    assert_one_line_error(run("check", str(mod)), "CHECK_GROUPS", "'onw'")


def test_module_without_derivations(tmp_path):
    empty = tmp_path / "empty.py"
    empty.write_text("x = 1\n")
    assert_one_line_error(run("check", str(empty)), "no derivations")


@pytest.mark.parametrize("digits", ["0", "abc", "2000"])
def test_bad_digits(digits):
    assert_one_line_error(run("check", "--only", "eq3", "--digits", digits), "--digits")


def test_json_contract_for_eq1_to_eq3():
    proc = run("check", "--only", "eq1,eq2,eq3", "--json", cwd="/")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    ids = [r["id"] for r in data["results"]]
    assert ids == ["eq1", "eq2", "eq3"]
    for r in data["results"]:
        for key in ("id", "title", "status", "printed_latex", "derived_latex", "exact_latex",
                    "order", "reading", "steps", "numeric"):
            assert key in r
        assert r["steps"] >= 1
        assert set(r["numeric"]) >= {"points", "digits", "max_rel_error", "reference"}
    assert set(data["summary"]) == {"confirmed", "approximation", "erratum", "failed", "seconds"}


def test_user_module_with_a_wrong_step_is_flagged(tmp_path):
    user = tmp_path / "mine.py"
    user.write_text(Path(__file__).parents[2].joinpath("docs", "example_derivation.py").read_text())
    proc = run("check", str(user), "--json")
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    (res,) = data["results"]
    assert res["status"] == "failed"
    bad = [s for s in res["step_checks"] if s["status"] != "verified"]
    assert len(bad) == 1 and bad[0]["rule"] == "wrong-expansion"


def test_a_builder_that_raises_is_failed_not_fatal(tmp_path):
    user = tmp_path / "broken.py"
    user.write_text(
        "import sympy as sp\n"
        "from remsym.derivation import DerivationBuilder\n"
        "from remsym.asymptotics import laplace\n"
        "x, lam = sp.symbols('x lam', positive=True)\n"
        "def flat():\n"
        "    laplace(1, sp.Integer(0) * x, x, lam, bounds=(0, 1))  # no maximum: raises\n"
        "def fine():\n"
        "    b = DerivationBuilder('fine', 'x = x')\n"
        "    b.equal(x + x, 2 * x, 'collect')\n"
        "    return b.build(x + x, exact=2 * x)\n"
        "DERIVATIONS = {'flat': flat, 'fine': fine}\n")
    proc = run("check", str(user), "--json")
    assert proc.returncode == 1
    results = {r["id"]: r for r in json.loads(proc.stdout)["results"]}
    assert results["flat"]["status"] == "failed"
    assert "AsymptoticError" in results["flat"]["reason"]
    assert results["fine"]["status"] == "confirmed"
