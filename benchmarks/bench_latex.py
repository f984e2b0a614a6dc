"""Time ``remsym latex -o FILE.tex --pdf`` on the whole project (median of 3 cold runs).

Each run is a fresh process (import, build, check every derivation, render,
two ``pdflatex`` passes), as a user would see it, with ``REMSYM_NO_CACHE=1`` so that
no run is answered from remsym's check cache.  The rendering and compiling
share of the time is reported separately from one in-process run.

Usage: ``python benchmarks/bench_latex.py [--runs 3] [--only eq10,eq11]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from remsym.latex.compile import compile_pdf
from remsym.latex.document import render_document
from remsym.report import collect


def time_cli(runs: int, only: str | None) -> list[float]:
    times = []
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "remsym.tex"
        cmd = [sys.executable, "-c", "from remsym.cli import main; main()", "latex",
               "-o", str(out), "--pdf"] + (["--only", only] if only else [])
        for _ in range(runs):
            start = time.perf_counter()
            proc = subprocess.run(cmd, capture_output=True, text=True,
                                  env={**os.environ, "REMSYM_NO_CACHE": "1"})
            times.append(time.perf_counter() - start)
            if proc.returncode != 0:
                print(f"run failed (exit {proc.returncode}): {proc.stderr.strip()[:300]}")
    return times


def time_render_only(only: str | None) -> tuple[float, float]:
    """Seconds to render and to compile, for already built (unchecked) derivations."""
    items = collect([], only.split(",") if only else None, check=False)
    start = time.perf_counter()
    source = render_document(items)
    rendered = time.perf_counter()
    compile_pdf(source, "bench")
    return rendered - start, time.perf_counter() - rendered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default=None)
    args = parser.parse_args()
    times = time_cli(args.runs, args.only)
    render, compile_ = time_render_only(args.only)
    print(f"remsym latex --pdf: median {statistics.median(times):.1f} s over {len(times)} runs "
          f"({', '.join(f'{t:.1f}' for t in times)})")
    print(f"  of which rendering {render:.2f} s and pdflatex {compile_:.2f} s "
          f"(the rest is building and checking the derivations)")


if __name__ == "__main__":
    main()
