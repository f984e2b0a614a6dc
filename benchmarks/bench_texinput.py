"""The LaTeX front end: parse time of a 30-row derivation, and the peer table.

1. Parse time: ``load_tex`` (extraction, declarations, parsing and reading, building
   the steps; no checking) of a 30-row ``align`` made of the rows of
   ``docs/eq10_derivation.tex``: median of ``--runs`` runs in this process, SymPy's
   cache and remsym's memos cleared before each (``timing.clear_memos``; the Lark
   parser, built once per process from the grammar, is kept), plus, in a fresh
   process, the imports (SymPy, remsym, lark, pylatexenc) and the first load (the
   parser built from the grammar).
2. Peers on the corpus ``tests/texinput/corpus.tsv``: SymPy's ``parse_latex``
   (ANTLR and Lark backends) and ``latex2sympy2_extended``, each row counted as
   *correct* (the intended reading; an ``error`` row, which has no reading,
   refused), *silently wrong* (a value that is not the intended reading: a
   misreading, a guess at an ambiguous row, a value for a row without a reading)
   or *error*.  A ``refused`` row has an intended reading that remsym declines
   (``|x|``, ``\\frac{d}{dx}``): the peers are scored on it, remsym gets an error.  Names are
   compared after spelling (``\\Delta`` = ``Delta``) and assumptions are dropped, so a
   peer is not penalised for naming.  The peers are measurement-only installs:
   ``pip install antlr4-python3-runtime==4.11 latex2sympy2_extended``.

Usage: ``python benchmarks/bench_texinput.py [--runs 5] [--peers-only] [--rows]``
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.parsing.latex import parse_latex
from timing import clear_memos, median_time

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from remsym.texinput import load_tex  # noqa: E402
from remsym.texinput.declarations import normal_name  # noqa: E402
from remsym.texinput.extract import source_row  # noqa: E402
from remsym.texinput.parse import parser, read_row  # noqa: E402
from tests.texinput.corpus import cases  # noqa: E402


def thirty_rows() -> str:
    """A 30-row align: Eq 10's rows, repeated, in one chain."""
    text = (ROOT / "docs" / "eq10_derivation.tex").read_text()
    head, body = text.split(r"\begin{align}")
    body = body.split(r"\end{align}")[0].replace(r"\label{eq10}", "")
    rows = [r for r in body.split("\\\\") if r.strip()]
    first, rest = rows[0], rows[1:]
    chain = [first] + (rest * 3)[:29]
    return head + "\\begin{align}" + "\\\\".join(chain) + "\n\\end{align}\n\\end{document}\n"


def time_parse(runs: int) -> tuple[float, float, float, int]:
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "thirty.tex"
        path.write_text(thirty_rows())
        code = ("import time; t = time.perf_counter(); from remsym.texinput import load_tex; "
                f"u = time.perf_counter(); load_tex({str(path)!r}); "
                "print(u - t, time.perf_counter() - u)")
        imports, cold = map(float, subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True,
            cwd=ROOT).stdout.split())
        load_tex(path)  # builds the parser, once per process like an import

        def cleared() -> tuple[()]:
            clear_memos()
            parser()  # the grammar's parser again, outside the timed region
            return ()

        seconds, module = median_time(lambda: load_tex(path), runs, cleared)
    return imports, cold, seconds, len(module.DERIVATIONS[0].steps)


def _canonical(expr):
    expr = sp.sympify(expr)
    expr = expr.replace(lambda e: isinstance(e, AppliedUndef),
                        lambda e: sp.Function(normal_name(type(e).__name__))(*e.args))
    return expr.xreplace({s: sp.Symbol(normal_name(s.name).replace("\\", ""))
                          for s in expr.free_symbols})


def _same(a, b) -> bool:
    a, b = _canonical(a), _canonical(b)
    if a == b:
        return True
    try:
        return sp.expand(a - b) == 0
    except Exception:  # noqa: BLE001 - a peer's exotic object is simply not the reading
        return False


def _sides(value):
    if isinstance(value, sp.Equality):
        return _sides(value.lhs) + [value.rhs]
    return [value]


def classify(case, parse) -> str:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = parse(case.latex)
    except Exception:  # noqa: BLE001 - any refusal counts as an error
        return "correct" if case.kind == "error" else "error"
    if not isinstance(value, sp.Basic):  # e.g. Lark's unresolved ambiguity tree: no value
        return "correct" if case.kind == "error" else "error"
    if case.kind not in ("reading", "refused"):
        return "silently wrong"
    try:
        sides = _sides(value)
    except Exception:  # noqa: BLE001
        return "silently wrong"
    ok = (case.leading is None and all(r == "=" for r in case.relations)
          and len(sides) == len(case.sides)
          and all(_same(s, e) for s, e in zip(sides, case.sides, strict=True)))
    return "correct" if ok else "silently wrong"


def peers() -> dict:
    found = {}
    found["SymPy parse_latex (ANTLR)"] = lambda s: parse_latex(s)
    found["SymPy parse_latex (Lark)"] = lambda s: parse_latex(s, backend="lark")
    try:
        from latex2sympy2_extended import latex2sympy

        found["latex2sympy2_extended"] = latex2sympy
    except ImportError:
        pass
    return found


def remsym_parse(case):
    row = read_row(source_row(case.latex, 0, len(case.latex), {}).text, case.declarations)
    if any(len(s.exprs) > 1 for s in row.sides):
        return "ambiguous"
    return row


def remsym_classify(case) -> str:
    try:
        row = remsym_parse(case)
    except Exception:  # noqa: BLE001 - a refused reading is remsym's error, not correct
        return "correct" if case.kind == "error" else "error"
    if row == "ambiguous":
        return "correct" if case.kind == "ambiguous" else "silently wrong"
    if case.kind != "reading":
        return "silently wrong"
    ok = ([s.exprs for s in row.sides] == [(e,) for e in case.sides]
          and row.relations == case.relations and row.leading == case.leading)
    return "correct" if ok else "silently wrong"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--peers-only", action="store_true")
    parser.add_argument("--rows", action="store_true", help="print each peer's verdict per row")
    args = parser.parse_args()
    if not args.peers_only:
        imports, cold, warm, steps = time_parse(args.runs)
        print(f"30-row derivation ({steps} steps): fresh process: imports {imports:.2f} s, "
              f"first load {cold:.2f} s (parser built); median of {args.runs} with memos "
              f"cleared {warm:.3f} s")
    corpus = cases()
    kinds = {k: sum(c.kind == k for c in corpus)
             for k in ("reading", "ambiguous", "error", "refused")}
    print(f"corpus: {len(corpus)} rows ({kinds})")
    header = f"{'parser':32s} {'correct':>8s} {'silently wrong':>15s} {'error':>6s}"
    print(header)
    table = {"remsym": [remsym_classify(c) for c in corpus]}
    for name, parse in peers().items():
        table[name] = [classify(c, parse) for c in corpus]
    for name, verdicts in table.items():
        counts = [verdicts.count(k) for k in ("correct", "silently wrong", "error")]
        print(f"{name:32s} {counts[0]:8d} {counts[1]:15d} {counts[2]:6d}")
    if args.rows:
        for k, c in enumerate(corpus):
            print(c.name, *(v[k] for v in table.values()), sep="\t")


if __name__ == "__main__":
    main()
