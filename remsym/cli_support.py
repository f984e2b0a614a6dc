"""Small pieces the command line needs around the library: id selections, a clean stdout
under ``--json``, and the help text of ``remsym eval``.

Kept out of :mod:`remsym.cli` so that the command definitions stay a thin list.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator

__all__ = ["only_ids", "stdout_to_stderr", "eval_epilog"]


def only_ids(values: Iterable[str] | None) -> list[str] | None:
    """Every id of repeated, comma-separated ``--only`` values, in order, once each;
    ``None`` when the option was not given.  (``--only a --only b`` selects both: the
    last one winning silently would hide a selection.)"""
    values = list(values or ())
    if not values:
        return None
    ids = [part.strip() for value in values for part in value.split(",")]
    return list(dict.fromkeys(ids))


@contextlib.contextmanager
def stdout_to_stderr(active: bool) -> Iterator[None]:
    """While active, whatever anything prints to stdout goes to stderr instead.

    Under ``--json`` stdout carries one JSON object; a user's derivation module that
    prints (at import, or while building in a worker process) must not break it.  The
    file descriptor itself is redirected when there is one, so that forked workers and
    C code are covered too; the JSON is written after the block, to the real stdout.
    """
    if not active:
        yield
        return
    sys.stdout.flush()
    try:
        out_fd, err_fd = sys.stdout.fileno(), sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # an in-memory stream (tests)
        out_fd = err_fd = None
    saved = None
    if out_fd is not None and err_fd is not None:
        saved = os.dup(out_fd)
        os.dup2(err_fd, out_fd)
    with contextlib.redirect_stdout(sys.stderr):
        try:
            yield
        finally:
            sys.stderr.flush()
            if saved is not None:
                os.dup2(saved, out_fd)
                os.close(saved)


def eval_epilog() -> str:
    """``remsym eval --help``'s list of quantities, their parameters, and the methods."""
    from remsym.numeric.quantities import PARAMETER_NAMES, QUANTITIES
    from remsym.numeric.registry import METHODS

    width = max(map(len, QUANTITIES))
    lines = ["\b", "Quantities (rates in units of R0 N nu) and the parameters each needs:"]
    for name, needs in QUANTITIES.items():
        lines.append(f"  {name:<{width}}  {' '.join(f'{p}=' for p in needs)}")
    lines += ["", "\b", f"Methods: {', '.join(METHODS)}.",
              "  exact       the derived closed form (or validated 1-D quadrature)",
              "  asymptotic  the derived leading formula (--order K: K corrections)",
              "  quadrature  the defining integrals, without the symbolic work",
              "", "\b", f"Parameters: {', '.join(PARAMETER_NAMES)} (R0 defaults to 1;",
              "  epsilon to 0 where the value does not depend on it).",
              "", "\b", "Example: remsym eval fu_avg --set T=1 --set Delta=18"]
    return "\n".join(lines)
