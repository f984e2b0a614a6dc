"""``remsym simulate``: parse, call the paper's simulator, render (DESIGN.md, command line).

Kept beside :mod:`remsym.cli`, which registers it; every check of the input
happens before any work, so bad input writes nothing (``--plot`` included).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from remsym.errors import ParameterError
from remsym.parallel import shutdown_workers
from remsym_paper.simulation import enumeration, run
from remsym_paper.simulation.figures import check_plot_path, figure_bytes, plot_simulation
from remsym_paper.simulation.latex import load_simulation, simulation_section
from remsym_paper.simulation.render import progress_bar, simulation_json, simulation_table

__all__ = ["simulate", "parse_temperatures", "simulation_appendix", "PROGRESS_WORK"]

#: Work units (configurations x neighbours x (temperatures + 1) x samples) above which a
#: progress bar is shown (below it a run ends before a bar could be read).
PROGRESS_WORK = 1_500_000_000

#: The columns of the human table (R_A and R_B equal fu: the claims table says so).
TABLE_COLUMNS = ("fu", "R", "S", "E", "P_LM", "P_LM_paper")


def parse_temperatures(text: str) -> list[float]:
    """``"0.7,1,1.5"`` -> [0.7, 1.0, 1.5]; :class:`ParameterError` for anything else."""
    temps = []
    for part in text.split(","):
        try:
            value = float(part.strip())
        except ValueError:
            raise ParameterError(f"--T: {part.strip()!r} is not a number") from None
        temps.append(value)
    return temps


@click.command("simulate")
@click.option("--N", "n_regions", type=int, required=True, help="number of regions")
@click.option("--nu", type=int, default=1, show_default=True, help="excited states per region")
@click.option("--samples", type=int, default=1, show_default=True, help="disorder samples")
@click.option("--T", "temperatures", required=True, help="comma-separated temperatures")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--e0", type=float, default=0.0, show_default=True, help="eps = N (e0 - e1 rho)")
@click.option("--e1", type=float, default=0.0, show_default=True)
@click.option("--d0", type=float, default=1.0, show_default=True,
              help="Delta^2 = N (d0 + d1 rho)")
@click.option("--d1", type=float, default=0.0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="print one JSON object")
@click.option("--plot", default=None, metavar="FILE.png|pdf", help="draw the figures")
@click.option("--backend", type=click.Choice(["loky", "dask", "serial"]), default="loky",
              show_default=True)
@click.option("--scheduler", default=None, metavar="ADDRESS", help="dask scheduler address")
@click.option("--jobs", type=int, default=None, help="worker processes (loky)")
def simulate(n_regions: int, nu: int, samples: int, temperatures: str, seed: int, e0: float,
             e1: float, d0: float, d1: float, as_json: bool, plot: str | None, backend: str,
             scheduler: str | None, jobs: int | None) -> None:
    """Enumerate the finite REM exactly: averages over samples, annealed values, claims."""
    temps = parse_temperatures(temperatures)
    spec = enumeration.ModelSpec(n_regions, nu, e0, e1, d0, d1)
    enumeration.validate(spec, temps, samples)
    if jobs is not None and jobs < 1:
        raise ParameterError(f"--jobs must be >= 1 (got {jobs})")
    if backend == "dask" and not scheduler:
        raise ParameterError("--backend dask needs --scheduler ADDRESS")
    if scheduler and backend != "dask":
        raise ParameterError("--scheduler is for --backend dask")
    if plot is not None:
        check_plot_path(plot)
    long_run = run.work_estimate(spec, len(temps), samples) > PROGRESS_WORK
    show = long_run and not as_json and _stderr_is_tty()
    try:
        with progress_bar(samples, "samples", show) as callback:
            result = run.run_simulation(spec, temps, samples, seed, backend=backend,
                                            n_jobs=jobs, scheduler=scheduler, progress=callback)
    finally:
        shutdown_workers()
    if plot is not None:
        plot_simulation(result, plot)
    if as_json:
        click.echo(simulation_json(result))
    else:
        simulation_table(result, Console(width=max(Console().width, 140)), TABLE_COLUMNS)


def _stderr_is_tty() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def simulation_appendix(path: str, output: str) -> list[tuple[str, dict[str, bytes]]]:
    """``remsym latex --simulation FILE.json``: the report's section and its figure's bytes.

    The figure is redrawn from the JSON by the paper's simulator and named after the
    report (``REPORT-simulation.pdf`` beside ``REPORT.tex``).
    """
    result = load_simulation(path)
    name = f"{Path(output).stem}-simulation"
    return [(simulation_section(result, name, TABLE_COLUMNS),
             {f"{name}.pdf": figure_bytes(result, "pdf")})]
