"""``remsym plot ID``: the rate witness or printed-vs-derived curves as a figure."""

from __future__ import annotations

import click

from remsym.derivation.registry import build_selected, builders, modules_of, select
from remsym.plot import write_figure
from remsym.progress import progress

__all__ = ["plot"]


@click.command("plot")
@click.argument("ident", metavar="ID")
@click.argument("paths", nargs=-1)
@click.option("--step", "rule", default=None, help="the step's rule (default: the result)")
@click.option("-o", "--output", required=True, help="FILE.png or FILE.pdf to write")
@click.option("--force", is_flag=True, help="replace an output file that is read-only")
def plot(ident: str, paths: tuple[str, ...], rule: str | None, output: str,
         force: bool) -> None:
    """Draw ID's rate witness (asymptotic) or printed vs derived curves (exact).

    For an asymptotic result: the relative error of the derived leading form and of
    each printed reading against the exact result, against the large parameter on
    log-log axes, with the declared order and the observed exponent.  With --step
    RULE: that step's two sides along its own limit.
    """
    modules = modules_of(paths)
    (derivation,) = build_selected(select(builders(modules), [ident])).values()
    with progress(f"drawing {ident}"):
        write_figure(derivation, output, rule, force)
