"""The soundness corpus's building blocks: its symbols, the :class:`Case` record, the
small constructors of steps and series.

The table itself is ``corpus.py`` (asymptotic records in ``soundness_asymptotic.py``,
derivation-level records in ``soundness_chains.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from remsym.derivation.steps import Derivation, Limit, Relation, Step

# -- symbols (the corpus's own; the engine's symbols are the paper's) --------------------
z = sp.Symbol("z", positive=True)  # large parameter
t = sp.Symbol("t", positive=True)  # small parameter
a = sp.Symbol("a", real=True)  # a parameter on a box
c = sp.Symbol("c", positive=True)
p = sp.Symbol("p", positive=True)
q = sp.Symbol("q", positive=True)
s = sp.Symbol("s", positive=True)
x = sp.Symbol("x", real=True)
y = sp.Symbol("y", real=True)
r = sp.Symbol("r", real=True)
u = sp.Symbol("u")  # no assumptions at all
v = sp.Symbol("v")
n = sp.Symbol("n", negative=True)
g = sp.Symbol("g", nonnegative=True)
m = sp.Symbol("m", integer=True, positive=True)
k = sp.Symbol("k", integer=True, positive=True)
j = sp.Symbol("j", integer=True, nonnegative=True)
w = sp.Symbol("w", real=True)  # integration variable

OO = sp.oo
HALF = sp.Rational(1, 2)


@dataclass(frozen=True)
class Case:
    """One record of the corpus."""

    id: str
    defect: str
    build: Callable[[], Step | Derivation]
    truth: bool
    note: str
    digits: int = 30
    slow: bool = False


# -- small constructors (records, not checks) ---------------------------------------------
def exact(before, after, domain=()) -> Step:
    return Step(sp.sympify(before), sp.sympify(after), Relation.EQUAL, "corpus",
                domain=tuple(domain))


def asym(before, after, order, start=8, point=OO, symbol=z, domain=()) -> Step:
    return Step(sp.sympify(before), sp.sympify(after), Relation.ASYMPTOTIC, "corpus",
                limit=Limit(symbol, point, start=start), order=sp.sympify(order),
                domain=tuple(domain))


def at_zero(before, after, order, start=0.1, domain=()) -> Step:
    return asym(before, after, order, start=start, point=sp.Integer(0), symbol=t,
                domain=domain)


def erfc_leading(zz=z):
    """exp(-z^2)/(sqrt(pi) z), the leading term of erfc z (DLMF 7.12.1)."""
    return sp.exp(-zz**2) / (sp.sqrt(sp.pi) * zz)


def erfc_series(terms: int, zz=z):
    """DLMF 7.12.1 with ``terms`` terms: relative remainder of order z**(-2*terms)."""
    series = sum((-1)**i * sp.factorial2(2 * i - 1) / (2 * zz**2)**i for i in range(terms))
    return erfc_leading(zz) * series


def exp_series(terms: int):
    """exp(1/z) truncated after ``terms`` terms: remainder O(z**-terms) (DLMF 4.2.19)."""
    return sum(1 / (sp.factorial(i) * z**i) for i in range(terms))


def stirling_gamma(corrections: int = 0):
    """Gamma(z+1) by Stirling (DLMF 5.11.3) with 0 or 1 correction terms."""
    lead = sp.sqrt(2 * sp.pi * z) * (z / sp.E)**z
    return lead * (1 + 1 / (12 * z)) if corrections else lead


def ramanujan_163():
    return sp.exp(sp.pi * sp.sqrt(163))


RAMANUJAN_163_INTEGER = sp.Integer(640320)**3 + 744
E = erfc_leading()
#: The same leading term with an uncancelled factor (z + 1)/(z + 1) that SymPy keeps.
ERFC_LEADING_UNCANCELLED = sp.exp(-z**2) * (z + 1) / (sp.sqrt(sp.pi) * (z**2 + z))
