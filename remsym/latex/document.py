"""The source of the standalone LaTeX document of ``remsym latex`` (DESIGN.md).

Layout: title; a summary table of every id (verdict, matched reading, order of
the neglected terms, steps, numeric error) linked to its derivation; then one
section per part of the paper (``Derivation.section``, in order of first
appearance), each derivation in full: its steps (``remsym.latex.steps``), the
derived and printed forms, verdict, erratum ratio, numeric cross-check, claims
and notes (``remsym.latex.results``).

Only packages of ``texlive-latex-base`` and ``texlive-latex-recommended`` are
used (amsmath, amssymb, geometry, graphicx, longtable, array, booktabs, xcolor,
hyperref).

:func:`render_document` turns already built (and optionally checked) derivations
into the source; building, checking, drawing the figures and writing the files is
the application's job (:mod:`remsym.report`).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from remsym.derivation.records import BuildFailure, CheckedDerivation
from remsym.derivation.steps import Derivation
from remsym.latex.printer import order_latex
from remsym.latex.results import result_section
from remsym.latex.steps import steps_align
from remsym.latex.text import escape, pdf_string, text_to_latex

#: The title of a report whose derivations name none (a collection names its own).
TITLE = "Derivations, re-derived"

PREAMBLE = r"""\documentclass[11pt,a4paper]{article}
\usepackage[utf8]{inputenc}
\usepackage{amsmath,amssymb}
\usepackage[margin=2cm]{geometry}
\usepackage{graphicx}
\usepackage{array,longtable,booktabs}
\usepackage{xcolor}
\usepackage[colorlinks=true,linkcolor=blue!50!black,urlcolor=blue!50!black]{hyperref}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.4em}
\definecolor{vgood}{rgb}{0.0,0.45,0.0}
\definecolor{vwarn}{rgb}{0.70,0.42,0.0}
\definecolor{vbad}{rgb}{0.80,0.0,0.0}
\colorlet{vconfirmed}{vgood}
\colorlet{vapproximation}{vwarn}
\definecolor{verratum}{rgb}{0.65,0.0,0.55}
\colorlet{vfailed}{vbad}
\colorlet{vunchecked}{black!60}
\newcommand{\verdict}[1]{\textcolor{v#1}{\textbf{#1}}}
"""


Item = CheckedDerivation | Derivation | BuildFailure


def _derivation(item: Item) -> Derivation | None:
    if isinstance(item, CheckedDerivation):
        return item.derivation
    return item if isinstance(item, Derivation) else None


def _ident(item: Item) -> str:
    d = _derivation(item)
    return d.id if d is not None else item.id  # type: ignore[union-attr]


def _label(ident: str) -> str:
    return "deriv:" + "".join(c if c.isalnum() or c in "-." else "-" for c in ident)


def _verdict(item: Item) -> str:
    if isinstance(item, CheckedDerivation):
        return item.verdict.value
    return "failed" if isinstance(item, BuildFailure) else "unchecked"


def _order_cell(d: Derivation | None) -> str:
    if d is None:
        return "--"
    if d.exact is not None and d.leading is None:
        return "exact"
    if d.order is None:
        return "--"
    # long orders are scaled down to the column, never overflow it
    return (r"\resizebox{\ifdim\width>2.8cm 2.8cm\else\width\fi}{!}{"
            f"${order_latex(d.order, inline=True)}$}}")


def summary_table(items: Sequence[Item]) -> str:
    """The table of every id: verdict, reading, order, steps, numeric error."""
    rows = []
    for item in items:
        d = _derivation(item)
        ident = _ident(item)
        title = text_to_latex(d.title) if d is not None else r"\emph{could not be built}"
        reading, numeric = "--", "--"
        if isinstance(item, CheckedDerivation):
            reading = text_to_latex(item.reading) if item.reading else "--"
            error = item.numeric.max_rel_error if item.numeric is not None else None
            if error is not None and error == error:  # not NaN
                numeric = f"{error:.1e}"
        steps = str(len(d.steps)) if d is not None else "--"
        rows.append(rf"\hyperref[{_label(ident)}]{{\texttt{{{escape(ident)}}}}} & {title} & "
                    rf"\verdict{{{_verdict(item)}}} & {reading} & {_order_cell(d)} & {steps} & "
                    rf"{numeric} \\")
    head = (r"\textbf{id} & \textbf{equation} & \textbf{verdict} & \textbf{reading} & "
            r"\textbf{order} & \textbf{steps} & \textbf{num.\ err.} \\")
    return "\n".join([
        r"{\footnotesize",
        r"\begin{longtable}{@{}l>{\raggedright}p{3.0cm}l>{\raggedright}p{2.2cm}lrl@{}}",
        r"\toprule", head, r"\midrule", r"\endhead", *rows, r"\bottomrule",
        r"\end{longtable}}",
    ])


def figure_block(name: str, ident: str) -> str:
    """The figure's LaTeX: centred, with a sentence saying how to read it."""
    return "\n".join([
        r"\begin{center}",
        rf"\includegraphics[width=0.8\linewidth]{{{name}}}\\",
        rf"{{\small Rate witness of \texttt{{{escape(ident)}}}: relative error of the derived "
        r"leading form and of each printed reading against the exact result as the large "
        r"parameter grows (log--log). Dashed: the declared order. An approximation falls "
        r"along it; an erratum does not fall.}",
        r"\end{center}",
    ])


def derivation_section(item: Item, figure: str | None = None) -> str:
    """One derivation in full (a ``\\subsection``), with its figure's file name if any."""
    ident = _ident(item)
    d = _derivation(item)
    plain = pdf_string(ident) + (": " + pdf_string(d.title) if d is not None else "")
    fancy = rf"\texttt{{{escape(ident)}}}" + (": " + text_to_latex(d.title) if d else "")
    short = rf"\texorpdfstring{{\texttt{{{escape(ident)}}}}}{{{pdf_string(ident)}}}"
    head = (rf"\subsection[{short}]{{\texorpdfstring{{{fancy}}}{{{plain}}}}}"
            rf"\label{{{_label(ident)}}}")
    if d is None:
        return head + "\n" + r"\verdict{failed}: the derivation could not be built: " \
            + text_to_latex(item.reason)  # type: ignore[union-attr]
    checked = item if isinstance(item, CheckedDerivation) else None
    claim_verdicts = None
    if checked is not None:
        by_claim = iter(cv.verdict.value for cv in checked.claims)
        claim_verdicts = [next(by_claim, None) if s.claim else None for s in d.steps]
    steps = steps_align(d.steps, checked.step_checks if checked else None, claim_verdicts)
    picture = figure_block(figure, ident) if figure else ""
    return "\n\n".join(p for p in (head, steps, picture, result_section(d, checked)) if p)


def _sections(items: Sequence[Item]) -> list[tuple[str, list[Item]]]:
    groups: dict[str, list[Item]] = {}
    for item in items:
        d = _derivation(item)
        section = (d.section if d is not None else item.section) or "Other derivations"  # type: ignore[union-attr]
        groups.setdefault(section, []).append(item)
    return list(groups.items())


def render_document(items: Sequence[Item], title: str = TITLE, subtitle: str = "",
                    figures: Mapping[str, str] | None = None,
                    appendix: Sequence[str] = (), version: str = "") -> str:
    """The complete LaTeX source for ``items`` (checked, unchecked or failed derivations);
    ``figures`` maps an id to its figure's file name (:func:`figure_block`);
    ``appendix`` holds finished sections set after the derivations (e.g. a collection's
    ``latex_appendix``); ``version``, remsym's, is printed as the author's."""
    counts: dict[str, int] = {}
    for item in items:
        counts[_verdict(item)] = counts.get(_verdict(item), 0) + 1
    tally = ", ".join(rf"\verdict{{{k}}}: {v}" for k, v in counts.items())
    body = [PREAMBLE, rf"\title{{{text_to_latex(title)}}}",
            rf"\author{{remsym{' ' + escape(version) if version else ''}}}",
            rf"\date{{{datetime.date.today().isoformat()}}}",
            r"\begin{document}", r"\maketitle",
            (text_to_latex(subtitle) + "\n\n") if subtitle else "",
            r"Every equation re-derived step by step with SymPy. Each step is checked: exact "
            r"steps ($=$) symbolically and by a numeric witness, definitions ($\equiv$) "
            r"introduce a name, asymptotic steps ($\simeq$) by the limit of the ratio of the "
            r"two sides and by the rate at which the numeric error falls; "
            r"$\left[1 + O(\cdot)\right]$ gives the relative order of the neglected terms. "
            r"Marks at the right margin: $\checkmark$ verified, $\times$ refuted, "
            r"? unverified.",
            "", rf"Summary: {tally}." if tally else "", "",
            r"\section*{Summary}", summary_table(items)]
    for section, members in _sections(items):
        body.append(rf"\section{{\texorpdfstring{{{text_to_latex(section)}}}"
                    rf"{{{pdf_string(section)}}}}}")
        body.extend(derivation_section(item, (figures or {}).get(_ident(item)))
                    for item in members)
    body.extend(appendix)
    body.append(r"\end{document}")
    return "\n".join(body) + "\n"


__all__ = ["Item", "derivation_section", "figure_block", "render_document",
           "summary_table"]
