"""The LaTeX corpus (``corpus.tsv``): rows with their intended SymPy readings.

Shared by the corpus test and ``benchmarks/bench_texinput.py`` (which also scores
SymPy's ``parse_latex`` and ``latex2sympy2_extended`` on it for the README).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import sympy as sp

from remsym.latex.notation import Average
from remsym.texinput.declarations import Declarations, normal_name

CORPUS = Path(__file__).with_name("corpus.tsv")
PAPER = ("symbols N, nu, rho, T, E, a, R_0, n | functions G, Delta, epsilon, Omega, f_u, "
         "p_<, p_<c, q, S_c, E^*, G_c, R_A, R_B, R_A1, Q")
_SYMPY = {name: getattr(sp, name) for name in (
    "exp", "log", "sqrt", "pi", "oo", "Integral", "Sum", "Product", "factorial", "binomial",
    "erfc", "erf", "gamma", "sin", "cos", "Rational", "root", "besselj", "polylog", "asin",
    "Abs", "Derivative")}
_RELATION = re.compile(r"(?:^|\s)(:=|=|~)(?:\s|$)")


@dataclass(frozen=True)
class Case:
    name: str
    latex: str
    declarations: Declarations
    kind: str  # "reading" | "ambiguous" | "error" | "refused" (a reading remsym declines)
    sides: tuple[sp.Expr, ...] = ()
    relations: tuple[str, ...] = ()
    leading: str | None = None


def declarations(text: str) -> Declarations:
    decl = Declarations()
    if text.strip() in ("", "-"):
        return decl
    for line in text.replace("PAPER", PAPER).split(" | "):
        decl = decl.with_line(line)
    return decl


def _namespace(decl: Declarations) -> dict:
    class Names(dict):
        def __missing__(self, key):
            return sp.Function(key) if key in decl.functions else decl.symbol(key)

    base = {k: v for k, v in _SYMPY.items() if k not in decl.functions
            and k not in decl.assumptions}
    base.update(Average=Average, S=lambda n: decl.symbol(normal_name(n)),
                F=lambda n: sp.Function(normal_name(n)))
    return Names(base)


def expected(text: str, decl: Declarations) -> sp.Expr:
    return sp.sympify(eval(text, {"__builtins__": {}}, _namespace(decl)))  # noqa: S307


def cases() -> list[Case]:
    out = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, latex, decl_text, want = line.split("\t")
        decl = declarations(decl_text)
        if want == "error":
            out.append(Case(name, latex, decl, "error"))
        elif want.startswith("refused:"):
            out.append(Case(name, latex, decl, "refused",
                            (expected(want[len("refused:"):], decl),)))
        elif want.startswith("ambiguous:"):
            readings = tuple(expected(t, decl) for t in want[len("ambiguous:"):].split("||"))
            out.append(Case(name, latex, decl, "ambiguous", readings))
        else:
            pieces = _RELATION.split(" " + want + " ")
            leading = None
            if not pieces[0].strip():
                leading, pieces = pieces[1], pieces[2:]
            sides = tuple(expected(p, decl) for p in pieces[0::2])
            out.append(Case(name, latex, decl, "reading", sides, tuple(pieces[1::2]), leading))
    return out
