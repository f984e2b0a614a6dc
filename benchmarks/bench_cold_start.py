"""Cold-start timings: `import remsym` and `remsym check` (median of N runs, fresh processes).

Run: python benchmarks/bench_cold_start.py [N]
"""

import statistics
import subprocess
import sys
import time


def median_seconds(cmd, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


if __name__ == "__main__":
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    imp = median_seconds([sys.executable, "-c", "import remsym"], runs)
    # --no-cache: a cold check, not a re-run answered from the check cache
    chk = median_seconds([sys.executable, "-m", "remsym.cli", "check", "--json", "--no-cache"],
                         runs)
    print(f"| measurement | median of {runs} |\n|---|---|")
    print(f"| import remsym | {imp:.3f} s |")
    print(f"| remsym check (cold, all ids) | {chk:.1f} s |")
