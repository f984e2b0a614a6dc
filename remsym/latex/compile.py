"""Compiling a LaTeX document with ``pdflatex``, and writing files atomically.

``pdflatex`` runs in a fresh temporary directory (``-interaction=nonstopmode
-halt-on-error``): once in draft mode to write the auxiliary files, then for
the PDF, and once more if LaTeX asks for a rerun.  Errors are one-line
:class:`LatexError` values the command line prints:

* :class:`PdflatexNotFound` -- no ``pdflatex`` on ``PATH`` (exit status 2, like
  any other bad input);
* :class:`LatexCompileError` -- LaTeX stopped on an error; the message names
  the first error of the log and the line of the source (exit status 1).

Each carries its exit status as ``exit_code``.  Files are replaced atomically
(temporary file in the target's directory, then ``os.replace``), so a failure
never leaves a half-written ``.tex`` or ``.pdf``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from remsym.errors import RemsymError

INSTALL_HINT = ("install TeX Live (Debian/Ubuntu: apt-get install texlive-latex-base "
                "texlive-latex-recommended)")
TIMEOUT = 300


class LatexError(RemsymError):
    """Writing or compiling the LaTeX document failed (one line)."""

    exit_code = 2


class PdflatexNotFound(LatexError):
    """``pdflatex`` is not installed (or not on ``PATH``)."""

    exit_code = 2


class LatexCompileError(LatexError):
    """``pdflatex`` stopped on an error: ``log_text`` is its log, ``log`` where it was kept."""

    exit_code = 1

    def __init__(self, message: str, log_text: str = "", log: Path | None = None):
        super().__init__(message)
        self.log_text = log_text
        self.log = log


def require_pdflatex() -> str:
    """The path of ``pdflatex``, or :class:`PdflatexNotFound` saying how to install it."""
    found = shutil.which("pdflatex")
    if found is None:
        raise PdflatexNotFound(f"pdflatex not found: {INSTALL_HINT}")
    return found


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same directory."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 is for secrets, not documents
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def first_error(log: str) -> str:
    """The first LaTeX error of a log, with its source line:
    ``'Undefined control ... (line 12)'``."""
    lines = log.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^(?:! |.*?:\d+: )(.*)$", line)
        if m and (line.startswith("! ") or re.match(r"^\S+\.tex:\d+: ", line)):
            message = m.group(1).strip()
            where = next((re.match(r"^l\.(\d+)", x) for x in lines[i + 1:i + 30]
                          if re.match(r"^l\.\d+", x)), None)
            return message + (f" (line {where.group(1)})" if where else "")
    emergency = next((x for x in lines if "Emergency stop" in x or "Fatal error" in x), None)
    return emergency.strip("! *") if emergency else "pdflatex failed (no error line in the log)"


def _job_name(stem: str) -> str:
    return stem if re.fullmatch(r"[A-Za-z0-9_.-]+", stem) else "document"


def compile_pdf(source: str, stem: str = "document",
                files: Mapping[str, bytes] | None = None) -> tuple[bytes, str]:
    """Compile ``source``; returns (PDF bytes, log).  ``files`` (name -> bytes: the
    figures) are written beside it first.

    On failure the log travels in :class:`LatexCompileError` (``log_text``) so
    that the caller decides where to keep it.
    """
    exe = require_pdflatex()
    job = _job_name(stem)
    with tempfile.TemporaryDirectory(prefix="remsym-latex-") as work:
        tex = Path(work) / f"{job}.tex"
        tex.write_text(source, encoding="utf-8")
        for name, data in (files or {}).items():
            (Path(work) / name).write_bytes(data)
        log_path = Path(work) / f"{job}.log"
        for run in range(3):
            args = [exe, "-interaction=nonstopmode", "-halt-on-error"]
            if run == 0:
                args.append("-draftmode")
            try:
                proc = subprocess.run(args + [tex.name], cwd=work, stdin=subprocess.DEVNULL,
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                      timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                partial = log_path.read_text(errors="replace") if log_path.exists() else ""
                raise LatexCompileError(f"pdflatex did not finish within {TIMEOUT} s",
                                        partial) from None
            log = (log_path.read_text(errors="replace") if log_path.exists()
                   else proc.stdout.decode(errors="replace"))
            if proc.returncode != 0:
                raise LatexCompileError(f"LaTeX error: {first_error(log)}", log)
            if run >= 1 and "Rerun to get" not in log and "Label(s) may have changed" not in log:
                break
        pdf = Path(work) / f"{job}.pdf"
        if not pdf.exists():
            raise LatexCompileError("pdflatex wrote no PDF", log)
        return pdf.read_bytes(), log


__all__ = ["INSTALL_HINT", "LatexCompileError", "LatexError", "PdflatexNotFound",
           "atomic_write", "compile_pdf", "first_error", "require_pdflatex"]
