"""The LaTeX report's figures: each asymptotic result's rate witness (:mod:`remsym.plot`).

A derivation whose result is an asymptotic form with an exact form (or validated
reference) to measure it against, and whose print is not simply right (verdict
approximation or erratum), gets one figure, placed after its steps: the relative
error of the derived leading form and of every printed reading along the result's
limit.  The figures are PDF files named ``<stem>-<id>.pdf`` beside the ``.tex`` (and
copied into pdflatex's working folder), so that the ``.tex`` compiles on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from remsym.latex.text import escape

__all__ = ["report_figures", "figure_block", "figure_name"]


def figure_name(stem: str, ident: str) -> str:
    """``<stem>-<id>`` with every character pdflatex's file names dislike replaced."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", f"{stem}-{ident}")


#: The derivations being drawn, by id: set in the parent before its workers fork, so that
#: each worker finds them in its copy of memory (derivations hold closures: no pickling).
_PENDING: dict = {}


def _draw(ident: str) -> bytes:
    from remsym.plot import figure_bytes

    return figure_bytes(_PENDING[ident], None, "pdf")


def report_figures(derivations: Iterable, stem: str,
                   jobs: int | None = None) -> dict[str, tuple[str, bytes]]:
    """``id -> (file name without .pdf, PDF bytes)`` for every asymptotic result.

    The figures are drawn in worker processes (one per CPU, ``REMSYM_JOBS``), like the
    checks: each is independent, and most of its work is evaluating the result at points
    along its limit.
    """
    import os
    from concurrent.futures import ProcessPoolExecutor

    from remsym.plot import has_rate_figure

    wanted = [d for d in derivations if d is not None and has_rate_figure(d)]
    if not wanted:
        return {}
    if jobs is None:
        jobs = int(os.environ.get("REMSYM_JOBS", "0")) or os.cpu_count() or 1
    jobs = max(1, min(jobs, len(wanted)))
    _PENDING.clear()
    _PENDING.update({d.id: d for d in wanted})
    try:
        if jobs == 1:
            drawn = {d.id: _draw(d.id) for d in wanted}
        else:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                futures = {d.id: pool.submit(_draw, d.id) for d in wanted}
                drawn = {i: f.result() for i, f in futures.items()}
    finally:
        _PENDING.clear()
    return {i: (figure_name(stem, i), data) for i, data in drawn.items()}


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
