"""The standalone LaTeX document of ``remsym latex`` (DESIGN.md, command line).

Layout: title; a summary table of every id (verdict, matched reading, order of
the neglected terms, steps, numeric error) linked to its derivation; then one
section per part of the paper (``Derivation.section``, in order of first
appearance), each derivation in full: its steps (``remsym.latex.steps``), the
derived and printed forms, verdict, erratum ratio, numeric cross-check, claims
and notes (``remsym.latex.results``).

Only packages of ``texlive-latex-base`` and ``texlive-latex-recommended`` are
used (amsmath, amssymb, geometry, graphicx, longtable, array, booktabs, xcolor,
hyperref).

:func:`write_document` is what the command line calls; :func:`render_document`
turns already built (and optionally checked) derivations into the source.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from remsym.derivation.steps import Derivation
from remsym.derivation.verdict import CheckedDerivation
from remsym.latex.compile import (
    LatexCompileError,
    LatexError,
    atomic_write,
    compile_pdf,
    require_pdflatex,
)
from remsym.latex.figures import figure_block, report_figures
from remsym.latex.output import check_outputs
from remsym.latex.printer import order_latex
from remsym.latex.results import result_section
from remsym.latex.steps import steps_align
from remsym.latex.text import escape, pdf_string, text_to_latex

TITLE = "The random energy model of liquids, re-derived"

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


@dataclass(frozen=True)
class BuildFailure:
    """A derivation whose builder raised: shown as failed, with the reason."""

    id: str
    reason: str
    section: str = ""


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
    # long orders (e.g. P_LM's Jensen gap) are scaled down to the column, never overflow it
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
                    appendix: Sequence[str] = ()) -> str:
    """The complete LaTeX source for ``items`` (checked, unchecked or failed derivations);
    ``figures`` maps an id to its figure's file name (:mod:`remsym.latex.figures`);
    ``appendix`` holds finished sections set after the derivations (e.g. a simulation's,
    :mod:`remsym_paper.simulation.latex`)."""
    from remsym import __version__ as version  # noqa: PLC0415

    counts: dict[str, int] = {}
    for item in items:
        counts[_verdict(item)] = counts.get(_verdict(item), 0) + 1
    tally = ", ".join(rf"\verdict{{{k}}}: {v}" for k, v in counts.items())
    body = [PREAMBLE, rf"\title{{{text_to_latex(title)}}}",
            rf"\author{{remsym {escape(str(version))}}}",
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


def collect(paths: Sequence[str], only: Sequence[str] | None, digits: int = 30,
            check: bool = True) -> list[Item]:
    """Build (and check) the selected derivations, like ``remsym check [PATH ...] --only``."""
    from remsym.derivation.registry import (
        build_selected,
        builders,
        check_groups,
        modules_of,
        select,
    )
    from remsym.derivation.run import attach_checks
    from remsym.errors import DerivationError

    modules = modules_of(paths)
    available = builders(modules)
    if not available:
        raise DerivationError("no derivations found (a module must define DERIVATIONS)")
    check_groups(modules, known=available)
    items: dict[str, Item] = {}
    selected = select(available, only)
    if paths:  # a user's function that raises is bad input (one line), as in remsym check
        build_selected(selected)
    for ident, build in selected.items():
        try:
            items[ident] = build()
        except Exception as exc:  # a broken builder is a failed entry, not a lost document
            items[ident] = BuildFailure(ident, f"{type(exc).__name__}: {exc}".splitlines()[0])
    if check:
        # checked in worker processes, like ``remsym check``
        built = {i: d for i, d in items.items() if not isinstance(d, BuildFailure)}
        items.update(attach_checks(paths, built, digits))
    return list(items.values())


def write_document(paths: list[str], only: list[str] | None, output: str, pdf: bool,
                   *, digits: int = 30, check: bool = True, force: bool = False,
                   appendix: Sequence[tuple[str, Mapping[str, bytes]]] = ()) -> Path:
    """Write the document to ``output`` (and ``output`` with ``.pdf`` if ``pdf``).

    Returns the path of the ``.tex``.  A missing ``pdflatex`` and an output that
    cannot be written (a directory, a read-only directory, a read-only file without
    ``force``: :func:`~remsym.latex.output.check_outputs`) are reported before any
    work; a LaTeX error keeps the log beside the output (``FILE.log``) and leaves no
    PDF.  Both files are written atomically.  ``appendix`` adds finished sections,
    each with the files (name -> bytes) it includes, written beside the output.
    """
    target = Path(output)
    if target.suffix != ".tex":
        raise LatexError(f"output must be a .tex file, got {output!r}")
    outputs = [target] + ([target.with_suffix(s) for s in (".pdf", ".log")] if pdf else [])
    check_outputs(outputs, force)  # before any work: nothing is left half-written
    if pdf:
        require_pdflatex()
    items = collect(paths, only, digits, check)
    # a figure where the print is not simply right: the rate shows what the verdict says
    pictures = report_figures((_derivation(i) for i in items if _verdict(i) != "confirmed"),
                              target.stem)
    files = {f"{name}.pdf": data for name, data in pictures.values()}
    for _, extra in appendix:
        files.update(extra)
    check_outputs([target.parent / f for f in files], force)  # still before any write
    source = render_document(items, figures={i: name for i, (name, _) in pictures.items()},
                             appendix=[section for section, _ in appendix])
    for name, data in files.items():
        atomic_write(target.parent / name, data)
    if not pdf:
        atomic_write(target, source.encode("utf-8"))
        return target
    try:
        data, _ = compile_pdf(source, target.stem, files)
    except LatexCompileError as exc:
        log = target.with_suffix(".log")
        atomic_write(target, source.encode("utf-8"))
        atomic_write(log, exc.log_text.encode("utf-8"))
        raise LatexCompileError(f"{exc} -- log kept in {log}", exc.log_text, log) from None
    atomic_write(target, source.encode("utf-8"))
    atomic_write(target.with_suffix(".pdf"), data)
    return target


__all__ = ["BuildFailure", "collect", "derivation_section", "render_document",
           "summary_table", "write_document"]
