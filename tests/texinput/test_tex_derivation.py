"""A derivation written in LaTeX, checked end to end by the same checker as Python ones.

``docs/eq10_derivation.tex`` is the paper's Eq 10 as a physicist writes it (the
Boltzmann average of p_< down to the leading erfc term).  The Python derivation of
Eq 10 is an ``approximation`` (tests/paper/test_fu.py); so is this one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from remsym.cli import main
from remsym.derivation.registry import builders, load_module
from remsym.derivation.verdict import check_derivation
from remsym.errors import DerivationError
from remsym.render import result_dict

EQ10 = Path(__file__).resolve().parents[2] / "docs" / "eq10_derivation.tex"
FINAL_ROW = r"&= \frac{T}{\sqrt{\pi}\,\Delta} \exp"


def _check(path: Path) -> dict:
    (build,) = builders([load_module(path)]).values()
    return result_dict(check_derivation(build(), 30))


def _line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


def test_eq10_in_latex_is_an_approximation_with_every_row_verified():
    result = _check(EQ10)
    assert result["id"] == "eq10"
    assert result["status"] == "approximation"
    assert result["steps"] == 11
    assert [s["status"] for s in result["step_checks"]] == ["verified"] * 11
    assert [s["relation"] for s in result["step_checks"]] == [":="] + ["="] * 7 + ["~"] + ["="] * 2
    assert result["order"] == "O(T**2/Delta**2)"
    # every row shown back as read, LaTeX re-printed from the SymPy expression
    assert len(result["notes"]) == 11
    assert all(": read as " in n for n in result["notes"])
    assert result["notes"][-1].endswith(
        r"read as = $\frac{T}{\sqrt{\pi} \Delta} \exp\left[- \frac{\Delta^{2}}{4 T^{2}}\right]$")
    assert r"read as $\left\langle f_{u} \right\rangle$ := " in result["notes"][0]


def test_eq10_with_a_missing_sqrt_pi_is_flagged_at_that_row(tmp_path):
    text = EQ10.read_text()
    assert text.count(FINAL_ROW) == 1
    wrong = tmp_path / "eq10_wrong.tex"
    wrong.write_text(text.replace(FINAL_ROW, r"&= \frac{T}{\Delta} \exp"))
    result = _check(wrong)
    assert result["status"] == "failed"
    statuses = [s["status"] for s in result["step_checks"]]
    assert statuses == ["verified"] * 10 + ["refuted"]
    line = _line_of(text, FINAL_ROW)
    assert result["step_checks"][-1]["rule"] == f"row at {wrong}:{line}:4"
    assert f"{wrong}:{line}:4" in result["reason"]


BAD = r"""% remsym: symbols x, z positive
% remsym: domain x in [0.5, 2]; z in [2, 4]
\begin{align}
x^2 - 1 &= (x - 1)(x + 1) \\
  &= \frac{(x-1)(x+1}{1} \\
y &= w(1 + w) \\
\frac{1}{1 + 1/z} &\simeq 1 \\
\frac{1}{1 + 1/z} &\simeq 1 % remsym: z -> oo, order 1/\zeta
\\
\frac{1}{1 + 1/z} &\simeq 1 % remsym: z -> 0 from -1, order z
\\
\frac{1}{1 + 1/z} &\simeq 1 % remsym: z -> oo, order 1/z
\label{bad}
\end{align}
"""


def test_bad_rows_are_unverified_with_file_line_column_and_the_rest_is_checked(tmp_path):
    path = tmp_path / "bad.tex"
    path.write_text(BAD)
    result = _check(path)
    checks = result["step_checks"]
    assert [c["status"] for c in checks] == ["verified", "unverified", "unverified",
                                             "unverified", "unverified", "unverified",
                                             "verified"]
    assert checks[4]["rule"] == (f"unreadable row: {path}:8:1: its limit names zeta, which "
                                 "the row does not contain")
    assert checks[5]["rule"].startswith(f"unreadable row: {path}:10:1: row annotation")
    # the rule carries the one-line reason (the checker's own words may vary)
    assert checks[1]["rule"] == f"unreadable row: {path}:5:21: unexpected '}}'"
    assert checks[2]["rule"].startswith(f"ambiguous row: {path}:6:1: w(...): a call of w or")
    assert "readings $w{\\left(w + 1 \\right)}$ | $w \\left(w + 1\\right)$" in checks[2]["rule"]
    assert f"step 'unreadable row: {path}:5:21: unexpected '}}''" in result["reason"]
    assert "without a limit" in checks[3]["reason"]
    assert "no '% remsym: VAR -> oo" in checks[3]["rule"]
    assert result["status"] == "failed"
    # the result is the last chain's, not the first row's left side against the last side
    assert result["derived_latex"] == r"\frac{1}{1 + \frac{1}{z}} = 1"
    assert result["order"] == "O(1/z)"


def test_a_bad_declaration_is_one_line_naming_file_and_line(tmp_path):
    path = tmp_path / "decl.tex"
    path.write_text("% remsym: symbolz x\n\\begin{equation}x = x\\end{equation}\n")
    with pytest.raises(DerivationError, match=rf"^{path}:1: unknown remsym declaration"):
        load_module(path)


def test_cli_checks_a_tex_file_with_only_and_json(tmp_path, monkeypatch, capsys):
    path = tmp_path / "two.tex"
    path.write_text("% remsym: symbols x positive\n"
                    "\\begin{align}x + x &= 2x \\label{double}\\end{align}\n"
                    "\\begin{equation} x x = x^2 \\end{equation}\n")
    monkeypatch.setenv("REMSYM_JOBS", "1")
    monkeypatch.setattr("sys.argv", ["remsym", "check", str(path), "--only", "double",
                                     "--json"])
    main()  # exits (status 1) only when a derivation failed
    out = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in out["results"]] == ["double"]
    assert out["results"][0]["status"] == "confirmed"
    # the reading is SymPy's evaluated form: x + x is shown back as 2 x
    assert out["results"][0]["notes"] == [f"{path}:2:14: read as $2 x$ = $2 x$"]


def test_unlabelled_environments_are_named_file_line(tmp_path):
    path = tmp_path / "two.tex"
    path.write_text("\\begin{equation} y y = y^2 \\end{equation}\n\n"
                    "\\begin{gather*} a = a \\end{gather*}\n"
                    "\\begin{equation} x^2 \\end{equation}\n")  # no relation: nothing to check
    assert list(builders([load_module(path)])) == ["two.tex:1", "two.tex:3"]
