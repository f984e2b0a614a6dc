"""Re-check timings through remsym's check cache (fresh processes, a fresh cache folder).

1. ``remsym check --json`` on the paper with an empty cache (cold), then again with
   nothing changed (warm: the whole run is served from the cache).
2. A copy of the paper's derivation modules checked as a user's modules; one step of
   one derivation edited (its rule name, which is part of the step's record); checked
   again: which steps and derivations were checked afresh (new cache entries) and the
   wall time.

Run: python benchmarks/bench_recheck.py [N]   (N warm runs, median reported)
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import remsym_paper

EDIT = ('"a + 2 ln <fu>"', '"a + 2 ln <fu> (edited)"')  # one exact step of Eq 11


def timed(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "remsym.cli", "check", "--json", *args],
                          env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"remsym check failed: {proc.stderr.strip()}")
    return seconds


def entries(cache: Path, kind: str) -> set[Path]:
    return set(cache.rglob(f"{kind}/*/*.json"))


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        env = {**os.environ, "REMSYM_CACHE_DIR": str(cache)}
        cold = timed([], env)
        warm = statistics.median(timed([], env) for _ in range(runs))

        copy = Path(tmp) / "paper"
        shutil.copytree(Path(remsym_paper.__path__[0]), copy)
        modules = sorted(str(p) for p in copy.glob("s[0-9]*.py"))
        timed(modules, env)
        steps, derivations = entries(cache, "step"), entries(cache, "derivation")
        unchanged = statistics.median(timed(modules, env) for _ in range(runs))
        target = next(p for p in map(Path, modules) if EDIT[0] in p.read_text())
        target.write_text(target.read_text().replace(EDIT[0], EDIT[1], 1))
        edited = timed(modules, env)
        new_steps = len(entries(cache, "step") - steps)
        new_derivations = len(entries(cache, "derivation") - derivations)

    print("| measurement | wall time |\n|---|---|")
    print(f"| remsym check, empty cache (cold) | {cold:.2f} s |")
    print(f"| remsym check, nothing changed (median of {runs}) | {warm:.2f} s |")
    print(f"| the paper's modules as user paths, nothing changed (median of {runs}) "
          f"| {unchanged:.2f} s |")
    print(f"| the same after editing one step of Eq 11 | {edited:.2f} s |")
    print(f"\nafter the edit: {new_steps} step(s) and {new_derivations} derivation(s) "
          "checked afresh")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
