"""Every class of bad input of issue 23: one line ``remsym: error: ...`` naming the
problem, exit status 2, no traceback, nothing on stdout and nothing half-written."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import run_cli

SCRIPT = Path(sys.executable).with_name("remsym")
EXE = str(SCRIPT) if SCRIPT.exists() else shutil.which("remsym")

HEAD = """import sympy as sp
from remsym.derivation import DerivationBuilder, Limit
x = sp.Symbol("x", positive=True)
def good(ident="one"):
    b = DerivationBuilder(ident, "x + x")
    b.equal(x + x, 2 * x, "collect")
    return b.build(x + x, exact=2 * x)
"""

MODULES = {  # name: (module text after HEAD, words the one line must contain)
    "not a list": ("DERIVATIONS = 5\n", ["DERIVATIONS", "not int"]),
    "not callables": ("DERIVATIONS = [good, 3]\n", ["holds 3"]),
    "dict of non-callables": ("DERIVATIONS = {'one': 'good'}\n", ["'one'", "not a function"]),
    "raises (list)": ("def boom():\n    raise ValueError('my own message')\n"
                      "DERIVATIONS = [boom]\n", ["'boom'", "my own message"]),
    "raises (dict)": ("def boom():\n    raise KeyError('my own message')\n"
                      "DERIVATIONS = {'boom': boom}\n", ["'boom'", "my own message"]),
    "string sides": ("def s():\n    b = DerivationBuilder('s', 'strings')\n"
                     "    b.equal('x+x', '2*x', 'collect')\n    return b.build(x, exact=2*x)\n"
                     "DERIVATIONS = [s]\n", ["'s'", "not a SymPy expression"]),
    "malformed domain": ("def s():\n    b = DerivationBuilder('s', 'd', domain=(x, 1, 2))\n"
                         "    return b.build(x, exact=x)\nDERIVATIONS = [s]\n",
                         ["domain", "(symbol, low, high)"]),
    "limit not a Limit": ("def s():\n    b = DerivationBuilder('s', 'l')\n"
                          "    b.asymptotic(x + 1, x, 'drop', sp.oo, order=1/x)\n"
                          "    return b.build(x, leading=x)\nDERIVATIONS = [s]\n",
                          ["limit must be Limit"]),
    "limit point": ("def s():\n    b = DerivationBuilder('s', 'l')\n"
                    "    b.asymptotic(x + 1, x, 'drop', Limit(x, 5), order=1/x)\n"
                    "    return b.build(x, leading=x)\nDERIVATIONS = [s]\n",
                    ["point must be oo or 0"]),
    "duplicate id": ("DERIVATIONS = [good, good]\n", ["two derivations", "'one'"]),
    "key differs from id": ("DERIVATIONS = {'two': good}\n", ["'two'", "'one'"]),
}


def _run(monkeypatch, capsys, *argv):
    return run_cli(monkeypatch, capsys, argv)


def _assert_one_line(code, out, err, words):
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code == 2, err
    assert len(lines) == 1 and lines[0].startswith("remsym: error: "), err
    assert "Traceback" not in err and out == ""
    for word in words:
        assert word in lines[0], lines[0]


@pytest.mark.parametrize("case", list(MODULES))
def test_bad_module(tmp_path, monkeypatch, capsys, case):
    text, words = MODULES[case]
    module = tmp_path / "user.py"
    module.write_text(HEAD + text)
    _assert_one_line(*_run(monkeypatch, capsys, "check", str(module), "--json"), words)


def test_the_same_id_in_two_modules(tmp_path, monkeypatch, capsys):
    (tmp_path / "a.py").write_text(HEAD + "DERIVATIONS = [good]\n")
    (tmp_path / "b.py").write_text(HEAD + "DERIVATIONS = {'one': good}\n")
    _assert_one_line(*_run(monkeypatch, capsys, "check", str(tmp_path / "a.py"),
                           str(tmp_path / "b.py")), ["two derivations", "'one'"])


@pytest.mark.parametrize("only", ["", ",", " , "])
def test_an_empty_selection(monkeypatch, capsys, only):
    _assert_one_line(*_run(monkeypatch, capsys, "check", "--only", only), ["--only"])


def test_repeated_only_adds_up(tmp_path, monkeypatch, capsys):
    module = tmp_path / "two.py"
    module.write_text(HEAD + "DERIVATIONS = [good, lambda: good('two'), lambda: good('3')]\n")
    code, out, err = _run(monkeypatch, capsys, "check", str(module), "--only", "two",
                          "--only", "one", "--json")
    assert code == 0, err
    assert [r["id"] for r in json.loads(out)["results"]] == ["one", "two"]


def _latex(monkeypatch, capsys, *args):
    return _run(monkeypatch, capsys, "latex", "--only", "eq3", *args)


def test_latex_onto_a_directory(tmp_path, monkeypatch, capsys):
    (tmp_path / "out.tex").mkdir()
    _assert_one_line(*_latex(monkeypatch, capsys, "-o", str(tmp_path / "out.tex")),
                     ["is a directory"])


def test_latex_pdf_path_is_a_directory(tmp_path, monkeypatch, capsys):
    (tmp_path / "out.pdf").mkdir()
    _assert_one_line(*_latex(monkeypatch, capsys, "-o", str(tmp_path / "out.tex"), "--pdf"),
                     ["out.pdf", "is a directory"])
    assert not (tmp_path / "out.tex").exists()


def test_latex_into_a_read_only_directory(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        _assert_one_line(*_latex(monkeypatch, capsys, "-o", str(folder / "out.tex")),
                         ["not writable"])
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_a_read_only_file_is_replaced_only_with_force(tmp_path, monkeypatch, capsys):
    target = tmp_path / "out.tex"
    target.write_text("keep me")
    target.chmod(0o444)
    _assert_one_line(*_latex(monkeypatch, capsys, "-o", str(target)), ["read-only", "--force"])
    assert target.read_text() == "keep me"
    code, _, err = _latex(monkeypatch, capsys, "-o", str(target), "--force")
    assert code == 0, err
    assert target.read_text().startswith("\\documentclass")
    assert not stat.S_IMODE(target.stat().st_mode) & 0o111


@pytest.mark.parametrize("args, words", [
    (["eq10", "-o", "fig.svg"], [".png or .pdf"]),
    (["eq10", "--step", "no such rule", "-o", "fig.png"], ["no step 'no such rule'"]),
    (["eq99", "-o", "fig.png"], ["eq99"]),
])
def test_plot_bad_input(tmp_path, monkeypatch, capsys, args, words):
    monkeypatch.chdir(tmp_path)
    _assert_one_line(*_run(monkeypatch, capsys, "plot", *args), words)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(EXE is None, reason="console script not installed")
def test_a_module_that_prints_keeps_the_json_valid(tmp_path):
    module = tmp_path / "noisy.py"
    module.write_text(HEAD + "print('hello from the import')\n"
                             "def noisy():\n    print('hello from the builder')\n"
                             "    return good()\nDERIVATIONS = {'one': noisy}\n")
    proc = subprocess.run([EXE, "check", str(module), "--json"], capture_output=True,
                          text=True, timeout=600, env={**os.environ, "REMSYM_JOBS": "2"})
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [r["id"] for r in data["results"]] == ["one"]
    assert "hello from the import" in proc.stderr and "hello from the builder" in proc.stderr


def test_latex_of_a_module_whose_function_raises(tmp_path, monkeypatch, capsys):
    module = tmp_path / "user.py"
    module.write_text(HEAD + "def boom():\n    raise ValueError('my own message')\n"
                             "DERIVATIONS = {'boom': boom}\n")
    out = tmp_path / "out.tex"
    _assert_one_line(*_run(monkeypatch, capsys, "latex", str(module), "-o", str(out)),
                     ["'boom'", "my own message"])
    assert not out.exists()
