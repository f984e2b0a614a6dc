"""Fuzzing the command line (issue 23): random argument vectors and random derivation
modules never give a traceback.  Bad input is one line and exit status 2; everything else
ends with 0 or 1.  Runs in-process (``REMSYM_JOBS=1``) with cheap selections, so that an
example costs a fraction of a second."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from cli_runner import run_cli
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

NAMES = ["T", "Delta", "epsilon", "N", "nu", "rho", "R0", "t", "", "Delta ", "é"]
NUMBERS = ["1", "0", "-1", "2.5", "1e300", "1e-300", "nan", "inf", "-inf", "1/2", "abc", "",
           "0x10", "1e99999", "3", " 4 ", "1_000", "٣"]
VALUES = st.one_of(st.sampled_from(NUMBERS), st.text(max_size=8))
SETTING = st.builds(lambda n, eq, v: f"{n}{eq}{v}", st.sampled_from(NAMES),
                    st.sampled_from(["=", "==", "", ":"]), VALUES)
QUANTITIES = ["q", "E_star", "S_c", "fu_avg", "p_less_E_star", "rate_A", "P_LM", "x", ""]


def _eval_argv():
    return st.builds(
        lambda q, sets, extra: ["eval", q, *[a for s in sets for a in ("--set", s)], *extra],
        st.sampled_from(QUANTITIES), st.lists(SETTING, max_size=5),
        st.lists(st.sampled_from([["--method", "exact"], ["--method", "asymptotic"],
                                  ["--method", "magic"], ["--digits", "5"], ["--digits", "0"],
                                  ["--digits", "x"], ["--order", "2"], ["--order", "-1"],
                                  ["--json"], ["--set"], ["--unknown"]]), max_size=3)
        .map(lambda parts: [a for p in parts for a in p]))


def _check_argv():
    only = st.sampled_from(["eq2", "eq5c", "eq99", "", ",", "eq2,eq2", "EQ2", " eq5c "])
    return st.builds(
        lambda o, extra: ["check", "--only", o, *extra], only,
        st.lists(st.sampled_from([["--json"], ["-v"], ["--digits", "12"], ["--digits", "-3"],
                                  ["--only", "eq5c"], ["missing.py"], ["--bogus"]]),
                 max_size=3).map(lambda parts: [a for p in parts for a in p]))


def _other_argv():
    return st.one_of(
        st.lists(st.sampled_from(["check", "eval", "latex", "plot", "--help", "-h",
                                  "--version", "-o", "--only", "--json", "", "-", "--"]),
                 max_size=3),
        st.builds(lambda ident, out, extra: ["plot", ident, "-o", out, *extra],
                  st.sampled_from(["eq1", "eq99", ""]),
                  st.sampled_from(["OUT.png", "OUT.svg", "OUT", "", "OUTDIR"]),
                  st.sampled_from([[], ["--step", "nope"], ["--force"]])),
        st.builds(lambda out, extra: ["latex", "--only", "eq99", "-o", out, *extra],
                  st.sampled_from(["OUT.tex", "OUT.txt", "OUTDIR", ""]),
                  st.sampled_from([[], ["--pdf"], ["--force"]])),
    )


def _run(argv, monkeypatch, capsys, folder: Path):
    argv = [a.replace("OUTDIR", str(folder)).replace("OUT", str(folder / "out")) for a in argv]
    return run_cli(monkeypatch, capsys, argv)


def _assert_clean(code, err):
    assert "Traceback" not in err, err
    assert "internal error" not in err, err
    assert code in (0, 1, 2), (code, err)
    if code == 2:  # one line, besides what a fuzzed module prints itself (under --json)
        lines = [ln for ln in err.splitlines() if ln.strip() and ln not in ("top", "noise")]
        assert len(lines) == 1 and lines[0].startswith("remsym: error: "), err


FUZZ = settings(suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@FUZZ
@given(argv=st.one_of(_eval_argv(), _check_argv(), _other_argv()))
@example(argv=["eval", "fu_avg", "--set", "T=1", "--set", "Delta=1e300"])
@example(argv=["eval", "E_star", "--set", "T=1", "--set", "Delta=5", "--set", "epsilon=0"])
@example(argv=["check", "--only", ""])
@example(argv=["plot", "eq1", "-o", "OUTDIR"])
def test_random_argument_vectors(argv, monkeypatch, capsys):
    with tempfile.TemporaryDirectory() as folder:
        code, _, err = _run(argv, monkeypatch, capsys, Path(folder))
    _assert_clean(code, err)


HEAD = ("import sympy as sp\nfrom remsym.derivation import DerivationBuilder, Limit\n"
        "x = sp.Symbol('x', positive=True)\n")
ARGS = ["x + x", "2 * x", "'x'", "None", "3", "sp.oo", "[x]", "(x, 1)", "x**-1", "sp.nan",
        "sp.zoo", "1.5", "Limit(x)", "Limit(x, 0)", "Limit(x, 5)", "Limit('x')",
        "Limit(x, sp.oo, start=-1)", "((x, 1, 2),)", "((x, 2, 1),)", "((x, 'a', 2),)", "()"]
STEPS = st.one_of(
    st.builds(lambda a, b: f"    b.equal({a}, {b}, 'r')\n", st.sampled_from(ARGS),
              st.sampled_from(ARGS)),
    st.builds(lambda a, b, lim, o: f"    b.asymptotic({a}, {b}, 'r', {lim}, order={o})\n",
              st.sampled_from(ARGS), st.sampled_from(ARGS), st.sampled_from(ARGS),
              st.sampled_from(ARGS)),
    st.builds(lambda a, b: f"    b.define({a}, {b})\n", st.sampled_from(ARGS),
              st.sampled_from(ARGS)),
    st.sampled_from(["    raise ValueError('mine')\n", "    print('noise')\n",
                     "    import sys; sys.exit(3)\n", "    return 7\n", "    1/0\n",
                     "    raise KeyboardInterrupt\n"]),
)
ENDS = ["    return b.build(x + x, exact=2 * x)\n", "    return b.build(x)\n",
        "    return b.build({a}, leading={b}, order={c}, limit={d})\n", "    return b\n"]
TOPS = ["DERIVATIONS = [build]\n", "DERIVATIONS = {'u': build}\n", "DERIVATIONS = {'v': build}\n",
        "DERIVATIONS = build\n", "DERIVATIONS = [build, build]\n", "DERIVATIONS = None\n",
        "DERIVATIONS = [build]\nCHECK_GROUPS = (('u', 'w'),)\n", "print('top')\n",
        "import sys; sys.exit(0)\n", "DERIVATIONS = [build\n", "DERIVATIONS = {3: build}\n"]


@st.composite
def module_texts(draw):
    ident = draw(st.sampled_from(["'u'", "''", "3", "'u v'"]))
    domain = draw(st.sampled_from(ARGS))
    body = "".join(draw(st.lists(STEPS, max_size=3)))
    end = draw(st.sampled_from(ENDS)).format(**{k: draw(st.sampled_from(ARGS)) for k in "abcd"})
    return (HEAD + f"def build():\n    b = DerivationBuilder({ident}, 't', domain={domain})\n"
            + body + end + draw(st.sampled_from(TOPS)))


@FUZZ
@given(text=module_texts(), as_json=st.booleans())
@example(text=HEAD + "import sys; sys.exit(3)\n", as_json=False)
@example(text=HEAD + "def build():\n    b = DerivationBuilder('u', 't', domain=x + x)\n"
         "    return b.build(x + x, exact=2 * x)\nprint('top')\n", as_json=True)
@example(text=HEAD + "def build():\n    raise KeyboardInterrupt\nDERIVATIONS = [build]\n",
         as_json=True)
def test_random_module_texts(text, as_json, monkeypatch, capsys):
    with tempfile.TemporaryDirectory() as folder:
        module = Path(folder) / "user.py"
        module.write_text(text)
        argv = ["check", str(module)] + (["--json"] if as_json else [])
        code, out, err = _run(argv, monkeypatch, capsys, Path(folder))
    _assert_clean(code, err)
    if as_json and code in (0, 1):

        json.loads(out)


@pytest.mark.parametrize("argv", [["eval", "--help"], ["check", "--help"], ["plot", "--help"]])
def test_help_lists_what_a_user_needs(argv, monkeypatch, capsys):
    code, out, _ = _run(argv, monkeypatch, capsys, Path("."))
    assert code == 0
    if argv[0] == "eval":
        for word in ("fu_avg", "P_LM", "asymptotic", "quadrature", "Delta=", "rho="):
            assert word in out
