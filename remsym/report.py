"""``remsym latex``: build and check the derivations, draw their figures, write the report.

The application side of the LaTeX report.  :func:`collect` builds the selected
derivations (like ``remsym check [PATH ...] --only``) and checks them in worker
processes; :func:`report_figures` draws the rate witness (:mod:`remsym.plot`) of each
result whose print is not simply right; :func:`write_document` checks every output
path first, then writes the source that :func:`remsym.latex.document.render_document`
makes of the records, the figures beside it, and with ``pdf`` the compiled PDF.
:mod:`remsym.latex` itself only turns records into LaTeX.

Figures: a derivation whose result is an asymptotic form with an exact form (or
validated reference) to measure it against, and whose verdict is approximation or
erratum, gets one figure after its steps: the relative error of the derived leading
form and of every printed reading along the result's limit.  The figures are PDF files
named ``<stem>-<id>.pdf`` beside the ``.tex`` (and copied into pdflatex's working
folder), so that the ``.tex`` compiles on its own.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from remsym import __version__
from remsym.collection import collections
from remsym.derivation.records import BuildFailure, CheckedDerivation
from remsym.derivation.registry import selected_builders
from remsym.derivation.run import attach_checks
from remsym.derivation.steps import Derivation
from remsym.latex.compile import (
    LatexCompileError,
    LatexError,
    atomic_write,
    compile_pdf,
    require_pdflatex,
)
from remsym.latex.document import TITLE, Item, render_document
from remsym.latex.output import check_outputs
from remsym.plot import figure_bytes, has_rate_figure

__all__ = ["collect", "figure_name", "report_figures", "report_title", "write_document"]


def collect(paths: Sequence[str], only: Sequence[str] | None, digits: int = 30,
            check: bool = True) -> list[Item]:
    """Build (and check) the selected derivations, like ``remsym check [PATH ...] --only``.

    A builder that raises becomes a :class:`~remsym.derivation.records.BuildFailure`
    (a failed entry, not a lost document); the checks run in worker processes, like
    ``remsym check``'s."""
    items: dict[str, Item] = {}
    for ident, build in selected_builders(paths, only).items():
        try:
            items[ident] = build()
        except Exception as exc:  # a broken builder is a failed entry, not a lost document
            items[ident] = BuildFailure(ident, f"{type(exc).__name__}: {exc}".splitlines()[0])
    if check:
        built = {i: d for i, d in items.items() if not isinstance(d, BuildFailure)}
        items.update(attach_checks(paths, built, digits))
    return list(items.values())


def figure_name(stem: str, ident: str) -> str:
    """``<stem>-<id>`` with every character pdflatex's file names dislike replaced."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", f"{stem}-{ident}")


#: The derivations being drawn, by id: set in the parent before its workers fork, so that
#: each worker finds them in its copy of memory (derivations hold closures: no pickling).
_PENDING: dict[str, Derivation] = {}


def _draw(ident: str) -> bytes:
    return figure_bytes(_PENDING[ident], None, "pdf")


def report_figures(derivations: Iterable[Derivation | None], stem: str,
                   jobs: int | None = None) -> dict[str, tuple[str, bytes]]:
    """``id -> (file name without .pdf, PDF bytes)`` for every asymptotic result.

    The figures are drawn in worker processes (one per CPU, ``REMSYM_JOBS``), like the
    checks: each is independent, and most of its work is evaluating the result at points
    along its limit.
    """
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


def report_title(paths: Sequence[str]) -> str:
    """The first installed collection's title for the collections' report, the generic
    :data:`~remsym.latex.document.TITLE` for PATH modules (or collections without one)."""
    titles = [c.title for c in collections() if c.title] if not paths else []
    return titles[0] if titles else TITLE


def _not_confirmed(items: Sequence[Item]) -> list[Derivation]:
    """The derivations whose print is not simply right: a figure shows what the verdict
    says (unchecked entries count as not confirmed)."""
    out = []
    for item in items:
        if isinstance(item, CheckedDerivation):
            if item.verdict.value != "confirmed":
                out.append(item.derivation)
        elif isinstance(item, Derivation):
            out.append(item)
    return out


def _write_pdf(target: Path, source: str, files: Mapping[str, bytes]) -> None:
    """Compile ``source`` (with ``files`` beside it) and write the ``.tex`` and ``.pdf``;
    a LaTeX error keeps the source and the log beside the output, and no PDF."""
    try:
        data, _ = compile_pdf(source, target.stem, files)
    except LatexCompileError as exc:
        log = target.with_suffix(".log")
        atomic_write(target, source.encode("utf-8"))
        atomic_write(log, exc.log_text.encode("utf-8"))
        raise LatexCompileError(f"{exc} -- log kept in {log}", exc.log_text, log) from None
    atomic_write(target, source.encode("utf-8"))
    atomic_write(target.with_suffix(".pdf"), data)


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
    pictures = report_figures(_not_confirmed(items), target.stem)
    files = {f"{name}.pdf": data for name, data in pictures.values()}
    for _, extra in appendix:
        files.update(extra)
    check_outputs([target.parent / f for f in files], force)  # still before any write
    source = render_document(items, title=report_title(paths),
                             figures={i: name for i, (name, _) in pictures.items()},
                             appendix=[section for section, _ in appendix],
                             version=__version__)
    for name, data in files.items():
        atomic_write(target.parent / name, data)
    if pdf:
        _write_pdf(target, source, files)
    else:
        atomic_write(target, source.encode("utf-8"))
    return target
