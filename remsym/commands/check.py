"""``remsym check [PATH ...]``: re-derive and verify, through the check cache (DESIGN.md)."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from typing import Any

import click
from rich.console import Console

from remsym.baseline import against_baseline
from remsym.cache import CheckCache, check_run, default_cache
from remsym.cli_support import only_ids, parse_digits, stdout_to_stderr
from remsym.derivation.registry import selected_builders
from remsym.derivation.run import check_ids
from remsym.errors import ParameterError
from remsym.progress import progress
from remsym.render import check_json, summary
from remsym.render_table import check_table, check_verbose, natural_key

__all__ = ["check"]


@click.command("check")
@click.argument("paths", nargs=-1)
@click.option("--only", multiple=True,
              help="comma-separated ids, e.g. eq10,eq11 (repeatable: the ids add up)")
@click.option("--digits", default="30", show_default=True, help="digits of the numeric checks")
@click.option("--json", "as_json", is_flag=True, help="print one JSON object")
@click.option("-v", "--verbose", is_flag=True,
              help="every step with its evidence and witness, readings, notes")
@click.option("--no-cache", is_flag=True, help="check everything afresh, without the cache")
@click.option("--baseline", default=None, metavar="FILE.json",
              help="list verdict, reading and step-status changes against a saved --json "
                   "result (exit 1 on any)")
@click.option("--update-baseline", is_flag=True, help="write this check to the --baseline file")
def check(paths: tuple[str, ...], only: tuple[str, ...], digits: str, as_json: bool,
          verbose: bool, no_cache: bool, baseline: str | None, update_baseline: bool) -> None:
    """Re-derive every equation (or those of PATH modules) and verify it.

    Checks are cached (remsym.cache): a re-run re-checks only what changed."""
    n_digits = parse_digits(digits)
    if update_baseline and baseline is None:
        raise ParameterError("--update-baseline needs --baseline FILE.json")
    start = time.perf_counter()
    selection = only_ids(only)

    def fresh(cache: CheckCache | None) -> list[dict[str, Any]]:
        return _check_afresh(paths, selection, n_digits, as_json, cache)

    cache = None if no_cache else default_cache()
    checked = check_run(cache, paths, selection, n_digits, fresh)
    seconds = time.perf_counter() - start
    if as_json:
        click.echo(json.dumps(check_json(checked, seconds), indent=1))
    else:
        show = check_verbose if verbose else check_table
        show(checked, summary(checked, seconds), Console())
    if baseline is not None:
        changes = against_baseline(baseline, checked, update_baseline, bool(only))
        for line in changes:
            click.echo(f"baseline: {line}", err=as_json)
        if changes:
            sys.exit(1)
    if any(r["status"] == "failed" for r in checked):
        sys.exit(1)


def _check_afresh(paths: Sequence[str], selection: list[str] | None, digits: int,
                  as_json: bool, cache: CheckCache | None) -> list[dict[str, Any]]:
    """What ``check`` does when the cache cannot answer: load, select, check, order."""
    with stdout_to_stderr(as_json):  # a module's prints must not break the JSON
        chosen = selected_builders(paths, selection)
        with progress(f"checking {len(chosen)} derivation(s)", quiet=as_json):
            checked = check_ids([str(p) for p in paths], list(chosen), digits, cache=cache)
        if not paths:  # natural order of the ids: eq2 before eq10, eq5a before eq5b
            checked = sorted(checked, key=lambda r: natural_key(r["id"]))
    return checked
