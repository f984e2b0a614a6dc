"""The LaTeX document: every derivation compiles, ids are in the PDF, failures are one line.

Compiling needs ``pdflatex`` (and ``pdftotext`` to read the PDF back); without
them these tests skip with the reason, unless ``REMSYM_REQUIRE_PDFLATEX=1``
turns the skip into a failure.  The whole project is built once per module
(unchecked: checking is ``remsym check``'s job and is slow); verdict, erratum
and claim blocks are exercised on ``eq1``/``eq3`` checked for real and on a
synthetic failed record.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from remsym import report
from remsym.derivation.records import (
    BuildFailure,
    CheckedDerivation,
    ClaimVerdict,
    NumericCheck,
    StepCheck,
)
from remsym.derivation.steps import Verdict
from remsym.latex.compile import (
    LatexCompileError,
    LatexError,
    PdflatexNotFound,
    compile_pdf,
    first_error,
)
from remsym.latex.document import render_document
from remsym.report import collect, write_document


def _need(tool: str) -> None:
    if shutil.which(tool) is None:
        message = (f"{tool} not installed (Debian: apt-get install texlive-latex-base "
                   f"texlive-latex-recommended poppler-utils)")
        if os.environ.get("REMSYM_REQUIRE_PDFLATEX") == "1":
            pytest.fail(message + " and REMSYM_REQUIRE_PDFLATEX=1")
        pytest.skip(message)


def _pdf_text(pdf: bytes, tmp: Path) -> str:
    _need("pdftotext")
    path = tmp / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def whole_project(tmp_path_factory):
    """Every derivation of the paper, unchecked, compiled once: (items, source, text)."""
    _need("pdflatex")
    items = collect([], None, check=False)
    source = render_document(items)
    pdf, log = compile_pdf(source, "remsym")
    return items, source, log, _pdf_text(pdf, tmp_path_factory.mktemp("pdf"))


def test_every_derivation_compiles_and_its_id_is_in_the_pdf(whole_project):
    items, _, log, text = whole_project
    assert items, "no derivations found"
    for item in items:
        ident = item.id
        assert ident in text, f"{ident} missing from the PDF"
        assert not isinstance(item, BuildFailure), f"{ident} failed to build: {item.reason}"


def test_no_line_overflows_the_margin_badly(whole_project):
    _, _, log, _ = whole_project
    widths = [float(w) for w in re.findall(r"Overfull \\hbox \((\S+)pt too wide\)", log)]
    assert all(w < 30 for w in widths), f"overfull boxes: {widths}"


def _synthetic_failed(item):
    d = item
    checks = tuple(StepCheck("refuted" if k == 0 else "verified", "numeric", "made up")
                   for k in range(len(d.steps)))
    claim = ClaimVerdict("a sentence of the paper", Verdict.APPROXIMATION, checks[0])
    numeric = NumericCheck(3, 30, float("nan"), "quadrature", None, False, "made up")
    return CheckedDerivation(d, checks, Verdict.FAILED, None, "step refuted: made up", numeric,
                             (), (claim,))


def test_checked_erratum_confirmed_and_failed_records_compile(tmp_path):
    _need("pdflatex")
    items = collect([], ["eq1", "eq3"], digits=15)
    verdicts = {c.derivation.id: c.verdict.value for c in items}
    items.append(_synthetic_failed(collect([], ["eq2"], check=False)[0]))
    items.append(BuildFailure("eq-broken", "ZeroDivisionError: division by zero", "Broken"))
    source = render_document(items)
    if verdicts.get("eq1") == "erratum":
        assert r"\frac{\text{printed}}{\text{derived}}" in source
    pdf, _ = compile_pdf(source, "checked")
    text = _pdf_text(pdf, tmp_path)
    for word in ("eq1", "eq3", "eq2", "eq-broken", "Verdict", "Numeric cross-check",
                 "a sentence of the paper", "failed"):
        assert word in text


def test_write_document_pdf_end_to_end(tmp_path):
    _need("pdflatex")
    out = tmp_path / "doc.tex"
    write_document([], ["eq3"], str(out), True, digits=15)
    assert out.read_text().startswith(r"\documentclass")
    assert (tmp_path / "doc.pdf").read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob("*.part"))


def test_user_module_path_works_like_check(tmp_path):
    module = tmp_path / "mine.py"
    module.write_text(textwrap.dedent('''
        import sympy as sp
        from remsym.derivation import DerivationBuilder
        from remsym_paper.symbols import T, Delta

        def build():
            b = DerivationBuilder("mine", "a user's identity", "User section")
            b.equal((Delta + T) ** 2, Delta**2 + 2 * Delta * T + T**2, "expand", "square")
            return b.build(sp.Symbol("y"), exact=(Delta + T) ** 2)

        DERIVATIONS = {"mine": build}
    '''))
    out = tmp_path / "mine.tex"
    write_document([str(module)], None, str(out), False, digits=15)
    source = out.read_text()
    assert "mine" in source and "User section" in source and r"\Delta" in source


def test_missing_pdflatex_is_one_line_exit_2_before_any_work(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(report, "collect", lambda *a, **k: pytest.fail("built derivations"))
    with pytest.raises(PdflatexNotFound) as info:
        write_document([], None, str(tmp_path / "x.tex"), True)
    assert info.value.exit_code == 2
    message = str(info.value)
    assert "\n" not in message and "texlive-latex-base" in message
    assert not list(tmp_path.iterdir())


def test_latex_error_is_one_line_exit_1_log_kept_no_pdf(tmp_path, monkeypatch):
    _need("pdflatex")
    monkeypatch.setattr(report, "collect", lambda *a, **k: [])
    monkeypatch.setattr(report, "render_document",
                        lambda items, **_: "\\documentclass{article}\n\\begin{document}\n"
                                      "\\undefinedmacro\n\\end{document}\n")
    out = tmp_path / "bad.tex"
    with pytest.raises(LatexCompileError) as info:
        write_document([], None, str(out), True)
    assert info.value.exit_code == 1
    message = str(info.value)
    assert "\n" not in message and "Undefined control sequence" in message
    assert "line 3" in message
    assert (tmp_path / "bad.log").exists()
    assert not (tmp_path / "bad.pdf").exists()
    assert not list(tmp_path.glob("*.part"))


def test_first_error_reads_the_log():
    log = "This is pdfTeX\n! Missing $ inserted.\n<inserted text>\nl.42 x^2\n! Later error.\n"
    assert first_error(log) == "Missing $ inserted. (line 42)"


def test_bad_output_paths_are_one_line_errors(tmp_path):
    with pytest.raises(LatexError):
        write_document([], None, str(tmp_path / "nowhere" / "x.tex"), False)
    with pytest.raises(LatexError):
        write_document([], None, str(tmp_path / "x.pdf"), False)


def test_repr_latex_of_records():
    d = collect([], ["eq3"], check=False)[0]
    assert d.steps[0]._repr_latex_().startswith("$")
    assert r"\begin{aligned}" in d._repr_latex_()
    assert "verdict: failed" in _synthetic_failed(d)._repr_latex_()
