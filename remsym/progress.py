"""A progress display on stderr for long commands (``remsym check``, ``eval``, ``latex``).

A rich spinner with the elapsed time appears only when the command is still running
after :data:`DELAY` seconds, only when stderr is a terminal, and never under ``--json``
(whose stdout is for programs).  It writes to stderr only and is transient (erased when
the work ends), so it never changes a result or a byte of stdout: the clock decides
whether something is *shown*, never what is computed.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

__all__ = ["progress", "DELAY"]

#: Seconds of work before the display appears (short commands stay quiet).
DELAY = 2.0


def _wanted(quiet: bool) -> bool:
    if quiet:
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def progress(message: str, *, quiet: bool = False) -> Iterator[None]:
    """Show ``message`` with a spinner on stderr while the block runs longer than DELAY."""
    if not _wanted(quiet):
        yield
        return
    status = Progress(SpinnerColumn(), TextColumn(message), TimeElapsedColumn(),
                      console=Console(stderr=True), transient=True)
    status.add_task(message, total=None)
    lock = threading.Lock()
    state = {"started": False, "done": False}

    def start() -> None:
        with lock:
            if not state["done"]:
                status.start()
                state["started"] = True

    timer = threading.Timer(DELAY, start)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["started"]:
                status.stop()
