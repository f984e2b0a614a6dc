"""``remsym latex``: the standalone LaTeX report of the derivations (DESIGN.md)."""

from __future__ import annotations

import click

from remsym.cli_support import only_ids
from remsym.collection import hooks
from remsym.progress import progress
from remsym.report import write_document

__all__ = ["latex"]


@click.command("latex")
@click.argument("paths", nargs=-1)
@click.option("--only", multiple=True, help="comma-separated ids (repeatable)")
@click.option("-o", "--output", required=True, help="FILE.tex to write")
@click.option("--pdf", is_flag=True, help="also compile FILE.pdf with pdflatex")
@click.option("--force", is_flag=True, help="replace output files that are read-only")
@click.option("--simulation", default=None, metavar="FILE.json",
              help="add a section with the figures of `remsym simulate --json`")
def latex(paths: tuple[str, ...], only: tuple[str, ...], output: str, pdf: bool,
          force: bool, simulation: str | None) -> None:
    """Write a standalone LaTeX document with every step of every derivation."""
    appendix = [section for add in hooks("latex_appendix")
                for section in add(simulation, output)] if simulation else []
    with progress("writing the LaTeX report"):
        write_document(list(paths), only_ids(only), output, pdf, force=force,
                       appendix=appendix)
