"""``remsym eval QUANTITY``: a collection's quantity by its evaluator (DESIGN.md)."""

from __future__ import annotations

import json

import click

from remsym.cli_support import parse_digits, stdout_to_stderr
from remsym.collection import hooks
from remsym.errors import ParameterError
from remsym.progress import progress
from remsym.render_table import eval_text

__all__ = ["eval_"]


def _eval_epilog() -> str:
    return "\n\n".join(help_text() for help_text in hooks("eval_help"))


@click.command("eval", epilog=_eval_epilog())
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
                                                    parse_digits(digits), k)
    if as_json:
        click.echo(json.dumps(result, indent=1))
    else:
        click.echo(eval_text(result, exact_to))
