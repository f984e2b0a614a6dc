"""The ``remsym`` command line: parse, call the library, render (DESIGN.md contract).

Every ``RemsymError`` (and click's usage errors) ends as one line on stderr and
exit status 2; ``check`` exits 1 when a derivation ``failed``.
"""

from __future__ import annotations

import json
import os
import sys
import time

import click

from remsym.errors import ParameterError, RemsymError


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
    """Re-derive and verify the REM paper's equations with SymPy."""


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--only", default=None, help="comma-separated ids, e.g. eq10,eq11")
@click.option("--digits", default="30", show_default=True, help="digits of the numeric checks")
@click.option("--json", "as_json", is_flag=True, help="print one JSON object")
def check(paths: tuple[str, ...], only: str | None, digits: str, as_json: bool) -> None:
    """Re-derive every equation (or those of PATH modules) and verify it."""
    from remsym.derivation.registry import (
        builders,
        check_groups,
        load_module,
        paper_modules,
        select,
    )
    from remsym.derivation.run import check_ids
    from remsym.errors import DerivationError
    from remsym.render import check_json, check_table

    n_digits = _digits(digits)
    start = time.perf_counter()
    modules = [load_module(p) for p in paths] if paths else paper_modules()
    available = builders(modules)
    if not available:
        raise DerivationError("no derivations found (a module must define DERIVATIONS)")
    check_groups(modules, known=available)  # a misspelt group id is bad input
    chosen = select(available, only.split(",") if only is not None else None)
    checked = check_ids([str(p) for p in paths], list(chosen), n_digits)
    seconds = time.perf_counter() - start
    if as_json:
        click.echo(json.dumps(check_json(checked, seconds), indent=1))
    else:
        from rich.console import Console

        check_table(checked, seconds, Console(width=max(Console().width, 180)))
    if any(r["status"] == "failed" for r in checked):
        sys.exit(1)


@cli.command("eval")
@click.argument("quantity")
@click.option("--set", "settings", multiple=True, metavar="NAME=VALUE")
@click.option("--method", default="exact", show_default=True)
@click.option("--digits", default="30", show_default=True)
@click.option("--order", default="0", show_default=True, help="correction terms (asymptotic)")
@click.option("--json", "as_json", is_flag=True)
def eval_(quantity: str, settings: tuple[str, ...], method: str, digits: str, order: str,
          as_json: bool) -> None:
    """Evaluate one QUANTITY (rates in units of R0 N nu)."""
    try:
        from remsym.numeric.service import evaluate_quantity
    except ImportError:
        raise ParameterError("remsym eval is not available in this build yet") from None

    try:
        k = int(order)
    except ValueError:
        raise ParameterError(f"--order must be a non-negative integer, got {order!r}") from None
    if k < 0:
        raise ParameterError(f"--order must be a non-negative integer, got {k}")
    result = evaluate_quantity(quantity, list(settings), method, _digits(digits), k)
    if as_json:
        click.echo(json.dumps(result, indent=1))
    else:
        click.echo(f"{result['quantity']} ({result['method']}, {result['digits']} digits) = "
                   f"{result['value']}   [ln = {result['log_value']}]")


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--only", default=None)
@click.option("-o", "--output", required=True, help="FILE.tex to write")
@click.option("--pdf", is_flag=True, help="also compile FILE.pdf with pdflatex")
def latex(paths: tuple[str, ...], only: str | None, output: str, pdf: bool) -> None:
    """Write a standalone LaTeX document with every step of every derivation."""
    from remsym.latex.document import write_document

    write_document(list(paths), only.split(",") if only else None, output, pdf)


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


def console_main() -> None:
    """The ``remsym`` script: :func:`main`, then an exit without the interpreter's teardown.

    Freeing SymPy's modules and caches at exit costs 0.15-0.3 s of wall time after the
    work is done (measured after ``remsym check``); nothing of remsym's needs it (files
    are closed and worker pools joined before :func:`main` returns).  The exit status
    is :func:`main`'s, output is flushed first.  Tests call :func:`main`, which raises
    ``SystemExit`` as usual.
    """
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if isinstance(code, str):  # sys.exit("message"): printed, status 1, as Python does
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):  # a closed reader (remsym check | head)
            pass
    os._exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    console_main()
