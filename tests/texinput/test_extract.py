"""Extraction and declarations: environments, rows, labels, notes, macros, ``% remsym:``."""

from __future__ import annotations

import pytest
import sympy as sp

from remsym.texinput.declarations import DeclarationError, Declarations, parse_annotation
from remsym.texinput.extract import read_document
from remsym.texinput.parse import read_row
from remsym.texinput.reading import ReadError

DOC = r"""\documentclass{article}
% remsym: symbols x positive; n integer nonnegative
\newcommand{\half}{\frac{1}{2}}
\begin{document}
Text with a % comment that is not a declaration
\begin{align}
f &= \half x^2 \nonumber \\
  &= \frac{x^2}{2} \tag{A} \quad (x \gg 1), \\ % a comment
\label{first}
\end{align}
% remsym: functions g
\begin{gather*}
g(x) = \frac{(x-1}{2} \\
x = x \\[2pt]
x + 0 = x
\end{gather*}
\begin{equation}
\begin{split}
y &= g(x) \\
  &= g(x)
\end{split}
\end{equation}
\end{document}
"""


def test_environments_rows_labels_and_declarations(tmp_path):
    path = tmp_path / "doc.tex"
    path.write_text(DOC)
    doc = read_document(path)
    assert [(e.name, e.label, len(e.rows)) for e in doc.environments] == [
        ("align", "first", 2), ("gather*", None, 3), ("equation", None, 2)]
    first = doc.environments[0]
    assert first.declarations.functions == frozenset()
    assert doc.environments[1].declarations.functions == frozenset({"g"})
    x = sp.Symbol("x", positive=True)
    row = read_row(first.rows[0].text, first.declarations)
    assert [s.exprs for s in row.sides] == [(sp.Symbol("f"),), (x**2 / 2,)]
    second = first.rows[1]
    assert second.note == "(x \\gg 1),"
    assert read_row(second.text, first.declarations).sides[0].exprs == (x**2 / 2,)
    # offsets into the file: the row's text is blanked in place
    assert doc.line_col(second.offset + second.text.index("=")) == (8, 4)
    # the bad brace of the gather's first row leaves its second row and the equation
    gather = doc.environments[1]
    assert read_row(gather.rows[1].text, gather.declarations).relations == ("=",)
    # a split inside an equation: its rows are the equation's
    split = doc.environments[2]
    assert read_row(split.rows[1].text, split.declarations).leading == "="
    # a row break's spacing \\[2pt] is not part of the next row
    assert read_row(gather.rows[2].text, gather.declarations).sides[0].exprs == (x,)


def test_an_unbalanced_brace_is_reported_where_it_opens(tmp_path):
    with pytest.raises(ReadError, match="'{' is never closed") as info:
        read_row(r"x = \frac{1}{x + 1", Declarations())
    assert info.value.pos == 12  # the { of {x + 1
    with pytest.raises(ReadError, match="'}' closes nothing"):
        read_row(r"x + 1}", Declarations())


def test_no_environment_is_skipped_after_a_stray_dollar(tmp_path):
    path = tmp_path / "stray.tex"
    path.write_text("Text $x {y\n% \\begin{align} commented out \\end{align}\n"
                    "\\begin{align} a &= a \\label{kept} \\end{align}\n")
    doc = read_document(path)
    assert [e.label for e in doc.environments] == ["kept"]


def test_declarations():
    d = Declarations().with_line("symbols T, \\Delta positive; E, \\varepsilon real; "
                                 "n integer positive")
    assert d.symbol("Delta") == sp.Symbol("Delta", positive=True)
    assert d.symbol("epsilon") == sp.Symbol("epsilon", real=True)
    assert d.symbol("n") == sp.Symbol("n", integer=True, positive=True)
    d = d.with_line("functions G, p_<, P_{LM}").with_line("domain T in [0.3, 3]; z in [1, 5]")
    assert d.functions == frozenset({"G", "p_<", "P_LM"})
    assert d.domain_box() == ((sp.Symbol("T", positive=True), 0.3, 3.0),
                              (sp.Symbol("z"), 1.0, 5.0))
    assert not d.with_line("e symbol").euler_e and d.with_line("e is euler").euler_e
    with pytest.raises(DeclarationError, match="unknown remsym declaration"):
        d.with_line("symbol x")
    with pytest.raises(DeclarationError, match="NAME in"):
        d.with_line("domain x from 1 to 2")


def test_row_annotations():
    a = parse_annotation("z -> oo, order z^-2")
    assert (a.variable, a.point, a.start, a.order) == ("z", "oo", None, "z^-2")
    a = parse_annotation(r"T \to 0 from 0.25, order T^2/\Delta^2")
    assert (a.variable, a.point, a.start, a.order) == ("T", "0", 0.25, r"T^2/\Delta^2")
    with pytest.raises(DeclarationError):
        parse_annotation("z large")
    with pytest.raises(DeclarationError, match="start must be positive"):
        parse_annotation("z -> 0 from -1, order z")


def test_a_file_that_is_not_utf8_is_one_line(tmp_path):
    path = tmp_path / "latin1.tex"
    path.write_bytes("\\begin{equation} x = \xe9 \\end{equation}".encode("latin-1"))
    with pytest.raises(DeclarationError, match="not UTF-8"):
        read_document(path)
