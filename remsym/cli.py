"""The ``remsym`` command line: parse, call the library, render (DESIGN.md contract).

Every ``RemsymError`` (and click's usage errors, and an output that cannot be
written) ends as one line on stderr and exit status 2; ``check`` exits 1 when a
derivation ``failed``.  Anything else is a bug of remsym's: one line and exit
status 3 (``REMSYM_DEBUG=1`` re-raises it with its traceback).  Commands that a
derivation collection adds (``remsym simulate``) are registered from
:func:`remsym.collection.hooks`.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Sequence
from typing import Any

import click
from rich.console import Console

from remsym.baseline import against_baseline
from remsym.cache import CheckCache, check_run, default_cache
from remsym.cli_support import only_ids, stdout_to_stderr
from remsym.collection import hooks
from remsym.derivation.registry import (
    build_selected,
    builders,
    check_groups,
    modules_of,
    select,
)
from remsym.derivation.run import check_ids
from remsym.errors import DerivationError, ParameterError, RemsymError
from remsym.latex.document import write_document
from remsym.plot import write_figure
from remsym.progress import progress
from remsym.render import check_json, summary
from remsym.render_table import check_table, check_verbose, eval_text, natural_key


def _fail(message: str) -> None:
    click.echo(f"remsym: error: {message}", err=True)
    sys.exit(2)


def _digits(value: str) -> int:
    try:
        digits = int(value)
    except ValueError:
        raise ParameterError(f"--digits must be an integer, got {value!r}") from None
    if not 1 <= digits <= 1000:
        raise ParameterError(f"--digits must be between 1 and 1000, got {digits}")
    return digits


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="remsym")
def cli() -> None:
    """Re-derive and verify derivations (the installed papers', or PATH modules) with SymPy."""


@cli.command()
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
    n_digits = _digits(digits)
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
        modules = modules_of(paths)
        available = builders(modules)
        if not available:
            raise DerivationError("no derivations found (a module must define DERIVATIONS)")
        check_groups(modules, known=available)  # a misspelt group id is bad input
        chosen = select(available, selection)
        if paths:  # a user's function that raises is bad input, reported before any check
            build_selected(chosen)
        with progress(f"checking {len(chosen)} derivation(s)", quiet=as_json):
            checked = check_ids([str(p) for p in paths], list(chosen), digits, cache=cache)
        if not paths:  # the paper's order: eq1 ... eq5a, eq5b ... eq11, eq11-widened ...
            checked = sorted(checked, key=lambda r: natural_key(r["id"]))
    return checked


def _eval_epilog() -> str:
    return "\n\n".join(help_text() for help_text in hooks("eval_help"))


@cli.command("eval", epilog=_eval_epilog())
@click.argument("quantity")
@click.option("--set", "settings", multiple=True, metavar="NAME=VALUE",
              help="a parameter (repeat for each)")
@click.option("--method", default="exact", show_default=True,
              help="exact, asymptotic or quadrature")
@click.option("--digits", default="30", show_default=True, help="significant digits")
@click.option("--order", default="0", show_default=True, help="correction terms (asymptotic)")
@click.option("--json", "as_json", is_flag=True, help="print one JSON object")
def eval_(quantity: str, settings: tuple[str, ...], method: str, digits: str, order: str,
          as_json: bool) -> None:
    """Evaluate one QUANTITY (rates in units of R0 N nu), every printed digit known."""
    evaluators = hooks("evaluator")
    if not evaluators:
        raise ParameterError("remsym eval: no installed derivation collection defines "
                             "quantities")
    evaluate_quantity_detail = evaluators[0]
    try:
        k = int(order)
    except ValueError:
        raise ParameterError(f"--order must be a non-negative integer, got {order!r}") from None
    if k < 0:
        raise ParameterError(f"--order must be a non-negative integer, got {k}")
    with stdout_to_stderr(as_json), progress(f"evaluating {quantity} ({method})",
                                             quiet=as_json):
        result, exact_to = evaluate_quantity_detail(quantity, list(settings), method,
                                                    _digits(digits), k)
    if as_json:
        click.echo(json.dumps(result, indent=1))
    else:
        click.echo(eval_text(result, exact_to))


@cli.command()
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


def _add_collection_commands() -> None:
    """Commands a derivation collection adds (``remsym simulate``)."""
    for command in hooks("commands"):
        if not isinstance(command, click.Command):
            raise DerivationError(f"a collection's command is {type(command).__name__}, "
                                  "not a click command")
        cli.add_command(command)


_add_collection_commands()


@cli.command()
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


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        _fail("aborted")
    except click.exceptions.ClickException as exc:
        _fail(exc.format_message().splitlines()[0])
    except RemsymError as exc:
        _fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _fail("interrupted")
    except OSError as exc:  # an unwritable output, a full disk: the user's to fix
        _fail(f"{exc.strerror or type(exc).__name__}: {exc.filename or exc}")
    except Exception as exc:  # a bug of remsym's: one line here, the traceback on request
        if os.environ.get("REMSYM_DEBUG"):
            raise
        first = (str(exc).splitlines() or [""])[0]
        click.echo(f"remsym: internal error: {type(exc).__name__}: {first} "
                   "(REMSYM_DEBUG=1 shows the traceback; please report it)", err=True)
        sys.exit(3)


def console_main() -> None:
    """The ``remsym`` script: :func:`main`, with Python's own exit (``atexit`` runs)."""
    main()


if __name__ == "__main__":
    console_main()
