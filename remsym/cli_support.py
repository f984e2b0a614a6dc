"""Small pieces the command line needs around the library: id selections and a clean
stdout under ``--json``.

Kept out of :mod:`remsym.cli` so that the command definitions stay a thin list.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator

from remsym.errors import ParameterError

__all__ = ["only_ids", "parse_digits", "stdout_to_stderr"]


def parse_digits(value: str) -> int:
    """``--digits``: an integer from 1 to 1000, else :class:`ParameterError`."""
    try:
        digits = int(value)
    except ValueError:
        raise ParameterError(f"--digits must be an integer, got {value!r}") from None
    if not 1 <= digits <= 1000:
        raise ParameterError(f"--digits must be between 1 and 1000, got {digits}")
    return digits


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
