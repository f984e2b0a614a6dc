"""What a physicist sees from ``remsym check`` (issue 23): the default view fits the
terminal, rows come in the paper's order with one plain sentence each, a user's failing
step is shown in the row, and ``--verbose`` shows every step's evidence."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from remsym.render_table import check_table, check_verbose, natural_key, plain, sentence

SCRIPT = Path(sys.executable).with_name("remsym")
EXE = str(SCRIPT) if SCRIPT.exists() else shutil.which("remsym")


def _step(rule, status="verified", evidence="proved", witness="symbolic (expand)",
          reason="identity by expand; numeric witness agrees to 0.0e+00"):
    return {"rule": rule, "relation": "=", "status": status, "witness": witness,
            "evidence": evidence, "reason": reason, "claim": None}


def _result(ident, status, **extra):
    base = {"id": ident, "title": f"title of {ident}", "status": status,
            "printed_latex": "x = y", "derived_latex": "x = y", "exact_latex": None,
            "order": None, "reading": "as printed", "steps": 1, "numeric": None,
            "reason": "identity by expand", "claims": [], "step_checks": [_step("expand")],
            "readings": [], "notes": []}
    return {**base, **extra}


RESULTS = [
    _result("eq10", "approximation", order="O(T**2/Delta**2)", reading="pi^(1/2) Delta",
            reason="error vs derived falls as (T**2/Delta**2)**0.993 (errors 6.18e-02, "
                   "1.76e-02, 4.58e-03, 1.16e-03)"),
    _result("eq14", "erratum", reading=None, order="O(T/Delta)",
            reason="as printed: printed/derived = 1.9068101 deep in the limit; errors "
                   "3.65e-01, 4.14e-01 do not fall as the claimed order T/Delta",
            claims=[{"claim": "the E' integral is just q", "status": "erratum",
                     "reason": "sides differ by relative 0.5 at Delta=2.6, T=1.7"}]),
    _result("eq2", "confirmed"),
    _result("tail", "failed", printed_latex=None, reading=None, steps=2,
            reason="step 'wrong-expansion' refuted",
            step_checks=[_step("erfc-definition"),
                         _step("wrong-expansion", "refuted", "refuted", "limit",
                               "the ratio of the two sides tends to 1/2, not 1 (relative "
                               "errors 5.14e-01, 5.00e-01)")]),
]
SUMMARY = {"confirmed": 1, "approximation": 1, "erratum": 1, "failed": 1, "seconds": 1.25}


def _render(show, width):
    out = io.StringIO()
    show(RESULTS, SUMMARY, Console(file=out, width=width, color_system=None))
    return out.getvalue()


def test_paper_order():
    ids = ["eq1", "eq2", "eq3", "eq5b", "eq5c", "eq8", "eq4", "eq5a", "eq6", "eq7", "eq9",
           "eq10", "eq11", "eq11-widened", "eq12", "eq13", "eq14", "eq15", "eq16", "plm"]
    assert sorted(ids, key=natural_key) == [
        "eq1", "eq2", "eq3", "eq4", "eq5a", "eq5b", "eq5c", "eq6", "eq7", "eq8", "eq9",
        "eq10", "eq11", "eq11-widened", "eq12", "eq13", "eq14", "eq15", "eq16", "plm"]


@pytest.mark.parametrize("width", [60, 80, 132])
def test_default_view_fits_the_terminal(width):
    text = _render(check_table, width)
    assert max(map(len, text.splitlines())) <= width
    assert "confirmed: 1 approximation: 1 erratum: 1 failed: 1  (1.2 s)" in text


def test_sentences_are_plain():
    eq10, eq14, eq2, tail = RESULTS
    assert sentence(eq2) == "The printed form is exact."
    assert sentence(eq10) == ("The printed form (read as pi^(1/2) Delta) holds to leading "
                              "order; its relative error is O(T^2/Delta^2).")
    assert sentence(eq14) == ("The printed form disagrees with the derivation: as printed: "
                              "printed/derived = 1.9068101 deep in the limit.")
    # a user's derivation: the failing step, its witness and by how much
    assert sentence(tail).startswith("step 'wrong-expansion' refuted by the limit witness: "
                                     "the ratio of the two sides tends to 1/2, not 1")
    assert sentence(tail).endswith("not 1")  # the list of errors is for -v and --json


def test_a_clause_keeps_its_parentheses_whole():
    assert plain("differ by 0.5 at x=1 (two precisions agree; 5 points); more") == \
        "differ by 0.5 at x=1 (two precisions agree; 5 points)"


def test_a_long_clause_ends_in_an_ellipsis():
    text = plain("x" * 400, limit=50)
    assert len(text) == 50 and text.endswith("…")
    assert plain("a; b") == "a" and plain("err (errors 1, 2) here") == "err here"


def test_claims_and_failing_steps_in_the_default_view():
    text = " ".join(_render(check_table, 200).split())
    assert "Text: “the E' integral is just q” is wrong" in text
    assert "step 'wrong-expansion' refuted by the limit witness" in text


def test_verbose_view_shows_every_step_with_its_evidence():
    text = _render(check_verbose, 200)
    assert "erfc-definition" in text and "proved" in text
    assert "wrong-expansion" in text and "refuted (limit)" in text
    assert "title of eq10" in text and "observed" not in text


@pytest.mark.skipif(EXE is None, reason="console script not installed")
def test_real_check_in_paper_order_within_columns(tmp_path):
    env = {**os.environ, "COLUMNS": "70"}
    proc = subprocess.run([EXE, "check", "--only", "eq5c,eq2", "--only", "eq3"],
                          capture_output=True, text=True, env=env, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert max(map(len, lines)) <= 70
    rows = [ln.split("│")[1].strip() for ln in lines if ln.startswith("│")
            and ln.split("│")[1].strip()]
    assert rows == ["eq2", "eq3", "eq5c"]
    assert proc.stderr == ""  # no progress display without a terminal


def test_an_erratum_says_how_its_readings_fail():
    stays = ("error / declared order T/Delta grows by a factor 2.02e+11 towards the limit: the "
             "order is misstated (errors 3.71e-01, 5.00e-01, 5.00e-01, 5.00e-01) (claimed "
             "order T/Delta)")
    falls = ("error / declared order erfc(Delta/(2*T))/2 grows by a factor 2.28 towards the "
             "limit (errors 1.05e-01, 3.94e-02, 2.39e-17, 1.28e-34) (claimed order "
             "erfc(Delta/(2*T))/2)")
    one = _result("eq14", "erratum", readings=[
        {"label": "as printed", "outcome": "disagrees", "detail": stays}])
    assert sentence(one) == ("The printed form is wrong: its relative error stays near 0.5 "
                             "however deep in the limit, where the paper claims O(T/Delta).")
    two = _result("eq16", "erratum", readings=[
        {"label": "a", "outcome": "disagrees", "detail": falls},
        {"label": "b", "outcome": "approximation", "detail": "fine"}])
    assert sentence(two) == ("The printed form is wrong: its error falls, but not as the "
                             "claimed O(erfc(Delta/(2 T))/2).")
