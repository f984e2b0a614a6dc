"""The human view of ``remsym simulate`` (rich), its JSON text, and its progress bar.

Reads the JSON-ready dict of a simulation (``params``, ``runs``, ``annealed``,
``claims``) and knows nothing of the model: a run's columns are its keys that
carry a standard error ``<key>_sem``, shown as ``mean +- sem`` beside the
annealed value of the same key.  The progress bar writes to stderr only.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn
from rich.table import Table

from remsym_paper.simulation.latex import mean_sem_digits

__all__ = ["simulation_json", "simulation_table", "progress_bar"]

STYLE = {"confirmed": "green", "approximation": "yellow", "erratum": "magenta",
         "inconclusive": "cyan", "failed": "red"}


def simulation_json(result: dict[str, Any]) -> str:
    """The ``--json`` text: one object, NaN and infinities as null."""
    def clean(value):
        if isinstance(value, float) and not math.isfinite(value):
            return None
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [clean(v) for v in value]
        return value

    return json.dumps(clean(result), indent=1)


def _columns(run: dict[str, Any]) -> list[str]:
    return [k for k in run if f"{k}_sem" in run]


def _mean_sem(mean: float, sem: float) -> str:
    """``mean`` with its standard error in the last two digits: 0.00188(28), 2.20(36)e-04."""
    if not (sem > 0 and math.isfinite(sem) and math.isfinite(mean)):
        return f"{mean:.6g}"
    text, exponent = mean_sem_digits(mean, sem)
    return text + (f"e{exponent:+03d}" if exponent else "")


def simulation_table(result: dict[str, Any], console, columns: Sequence[str] | None = None
                     ) -> None:
    """Print the parameters, one row per temperature (data, then annealed), and the claims.

    ``columns`` picks the run keys shown (default: every key with a standard error).
    """
    params, runs, annealed = result["params"], result["runs"], result.get("annealed", [])
    console.print(" ".join(f"{k} = {v:.4g}" if isinstance(v, float) else f"{k} = {v}"
                           for k, v in params.items()
                           if not isinstance(v, (dict, list)) and v is not None))
    available = _columns(runs[0]) if runs else []
    columns = [c for c in columns if c in available] if columns is not None else available
    table = Table(title="samples: mean (standard error in the last digits); annealed")
    table.add_column("T", justify="right")
    for name in columns:
        table.add_column(name, justify="right", overflow="fold")
    for i, run in enumerate(runs):
        table.add_row(f"{run['T']:g}", *(_mean_sem(run[k], run[f"{k}_sem"]) for k in columns))
        if i < len(annealed):
            ann = annealed[i]
            table.add_row("[dim]annealed[/dim]",
                          *(f"[dim]{ann[k]:.6g}[/dim]" if k in ann else "" for k in columns),
                          end_section=i < len(runs) - 1)
    console.print(table)
    if units := params.get("units"):
        console.print("units: " + "; ".join(f"{k}: {v}" for k, v in units.items()))
    if result.get("claims"):
        ct = Table(title="claims: verdicts from the data", show_lines=True)
        for col, width in (("claim", 24), ("verdict", 13), ("derivation", 14), ("agrees", 6),
                           ("evidence", None)):
            ct.add_column(col, overflow="fold", min_width=width, ratio=None if width else 1)
        for c in result["claims"]:
            style = STYLE.get(c["verdict"], "white")
            der = c.get("derivation") or {}
            ids = ", ".join(der.get("ids", []))
            agrees = {True: "yes", False: "no", None: "-"}[c.get("agrees")]
            evidence = c["evidence"] + (f" [bold]Breaks:[/bold] {c['breaks']}"
                                        if c.get("breaks") else "")
            ct.add_row(c["claim"], f"[{style}]{c['verdict']}[/{style}]",
                       f"{ids}: {der.get('verdict') or '-'}", agrees, evidence)
        console.print(ct)


@contextmanager
def progress_bar(total: int, label: str, enabled: bool) -> Iterator[Callable[[int, int], None]
                                                                     | None]:
    """A rich bar on stderr advanced by the yielded ``callback(done, total)``; None if off."""
    if not enabled:
        yield None
        return
    bar = Progress("{task.description}", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=Console(stderr=True), transient=True)
    task = bar.add_task(label, total=total)
    with bar:
        yield lambda done, _total: bar.update(task, completed=done)
