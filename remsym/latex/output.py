"""Where ``remsym latex`` may write: every output path checked before any work starts.

A report takes seconds to build; finding only at the end that its ``.tex`` is a
directory, that the directory is read-only or that the ``.pdf`` beside it cannot be
replaced would waste them, or leave the ``.tex`` written and the PDF not.  A file
that exists read-only is somebody's decision: it is replaced only with ``--force``.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from remsym.latex.compile import LatexError

__all__ = ["check_outputs"]


def _writable_dir(folder: Path) -> bool:
    # the mode bits too: root passes os.access on a directory its owner made read-only
    return os.access(folder, os.W_OK | os.X_OK) and bool(folder.stat().st_mode & stat.S_IWUSR)


def check_outputs(paths: Iterable[Path], force: bool = False) -> None:
    """Raise :class:`LatexError` (one line) unless every path can be written.

    A path must not be a directory, its directory must exist and be writable, and an
    existing file must be writable unless ``force`` (it is then replaced: the writes
    go through a temporary file and a rename, which the directory allows).
    """
    for path in paths:
        path = Path(path)
        if path.is_dir():
            raise LatexError(f"output {path} is a directory")
        folder = path.parent
        if not folder.is_dir():
            raise LatexError(f"output directory does not exist: {folder}")
        if not _writable_dir(folder):
            raise LatexError(f"output directory is not writable: {folder}")
        if path.exists() and not force:
            mode = path.stat().st_mode
            if not (os.access(path, os.W_OK) and mode & stat.S_IWUSR):
                raise LatexError(f"output {path} is read-only (--force replaces it)")
