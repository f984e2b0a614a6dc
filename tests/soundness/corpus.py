"""The soundness corpus of the step checker: one table of steps whose truth is known.

Each record names the defect class it probes (issue 19's classes and a few more), builds
its :class:`~remsym.derivation.steps.Step` (or a whole
:class:`~remsym.derivation.steps.Derivation`) on demand, and states its truth:

* an exact step (``=``) is true when the two sides agree at every point of the domain
  box that the symbols' assumptions allow;
* an asymptotic step (``~``, order ``h``) is true when ``before/after -> 1`` along the
  limit and ``|before/after - 1| = O(h)``, an upper bound: an error that falls faster
  than ``h`` is true;
* a derivation is true when a chain of true steps joins its left side to its stated
  result (``=`` steps only for ``exact=``, the chain's largest order for ``leading=``).

A domain box that contradicts the symbols' assumptions is a usage error: such records are
``truth=False`` ("must not be verified"), whatever the identity says.

Provenance: the truncation orders are those of the series in DLMF 4.6.1 (log(1+x)),
4.2.19 / 4.6.7 (exp), 4.6.7 (binomial series), 5.11.1 / 5.11.3 (Stirling for log-gamma
and gamma), 7.12.1 (erfc), 4.19 / 4.21 (sin, cos, tan); the sums from DLMF 25.6.1
(zeta(2)), 25.6.4 (zeta(4)), 4.36.3 (the coth sum).  Every record's truth was checked
with mpmath at 60-3000 digits (corners of each box, random points off the geometric
grid, the error over its order on two decades of the large parameter) before it
entered the table.  Nothing here is tuned to the checker: a record is as hard as its
mathematics makes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from remsym.derivation import DerivationBuilder
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


# -- derivation-level records ---------------------------------------------------------
def chain_gap_false_result() -> Derivation:
    b = DerivationBuilder("gap-false", "every step true, chain broken, false result")
    b.equal(x**2 - 1, (x - 1) * (x + 1), "factor", domain=((x, -2, 2),))
    b.equal(sp.sin(x)**2 + sp.cos(x)**2, 1, "pythagoras", domain=((x, -2, 2),))
    return b.build(x**2 - 1, exact=sp.Integer(1))


def chain_gap_true_result() -> Derivation:
    b = DerivationBuilder("gap-true", "true result, but no step joins the two halves")
    b.equal((x + 1)**2, x * (x + 2) + 1, "expand", domain=((x, -2, 2),))
    b.equal((2 * x + 2)**2 / 4, x**2 + 2 * x + 1, "expand", domain=((x, -2, 2),))
    return b.build((x + 1)**2, exact=x**2 + 2 * x + 1)


def chain_result_elsewhere() -> Derivation:
    b = DerivationBuilder("result-elsewhere", "the stated exact result is not the chain's end")
    b.equal((x + 1)**2, x * (x + 2) + 1, "expand", domain=((x, -2, 2),))
    b.equal(x * (x + 2) + 1, x**2 + 2 * x + 1, "expand", domain=((x, -2, 2),))
    return b.build((x + 1)**2, exact=x**2 + 2 * x)


def chain_connected() -> Derivation:
    b = DerivationBuilder("connected", "a connected chain of true steps")
    b.equal((x + 1)**2, x * (x + 2) + 1, "expand", domain=((x, -2, 2),))
    b.equal(x * (x + 2) + 1, x**2 + 2 * x + 1, "expand", domain=((x, -2, 2),))
    return b.build((x + 1)**2, exact=x**2 + 2 * x + 1)


def chain_side_computation() -> Derivation:
    b = DerivationBuilder("side", "a connected chain with a side computation in between")
    b.equal((x + 1)**2, x * (x + 2) + 1, "expand", domain=((x, -2, 2),))
    b.equal(sp.sin(x)**2 + sp.cos(x)**2, 1, "side: pythagoras", domain=((x, -2, 2),))
    b.equal(x * (x + 2) + 1, x**2 + 2 * x + 1, "expand", domain=((x, -2, 2),))
    return b.build((x + 1)**2, exact=x**2 + 2 * x + 1)


def chain_reversed_equality() -> Derivation:
    b = DerivationBuilder("reversed", "an equality written right to left still joins")
    b.equal(x**2 + 2 * x + 1, (x + 1)**2, "factor", domain=((x, -2, 2),))
    return b.build((x + 1)**2, exact=x**2 + 2 * x + 1)


def chain_asymptotic_as_exact() -> Derivation:
    b = DerivationBuilder("asym-as-exact", "a ~ step cannot support an exact= result")
    b.asymptotic(sp.exp(1 / z), 1 + 1 / z, "Taylor", Limit(z, OO, start=8), 1 / z**2)
    return b.build(sp.exp(1 / z), exact=1 + 1 / z)


def chain_mixed_as_exact() -> Derivation:
    b = DerivationBuilder("mixed-as-exact", "= then ~, stated as exact")
    b.equal(sp.exp(1 / z) * sp.exp(1 / z), sp.exp(2 / z), "exp law")
    b.asymptotic(sp.exp(2 / z), 1 + 2 / z, "Taylor", Limit(z, OO, start=8), 1 / z**2)
    return b.build(sp.exp(1 / z) * sp.exp(1 / z), exact=1 + 2 / z)


def chain_order_too_good() -> Derivation:
    b = DerivationBuilder("order-too-good", "stated order beyond the chain's largest order")
    b.asymptotic(sp.erfc(z), E, "DLMF 7.12.1", Limit(z, OO, start=4), 1 / z**2)
    return b.build(sp.erfc(z), leading=E, order=1 / z**4, limit=Limit(z, OO, start=4))


def chain_leading_right() -> Derivation:
    b = DerivationBuilder("leading-right", "erfc leading term with its order")
    b.asymptotic(sp.erfc(z), E, "DLMF 7.12.1", Limit(z, OO, start=4), 1 / z**2)
    return b.build(sp.erfc(z), leading=E, order=1 / z**2, limit=Limit(z, OO, start=4))


def chain_leading_elsewhere() -> Derivation:
    b = DerivationBuilder("leading-elsewhere", "stated leading form is not the chain's end")
    b.asymptotic(sp.erfc(z), E, "DLMF 7.12.1", Limit(z, OO, start=4), 1 / z**2)
    return b.build(sp.erfc(z), leading=2 * E, order=1 / z**2, limit=Limit(z, OO, start=4))


def chain_asymptotic_gap() -> Derivation:
    b = DerivationBuilder("asym-gap", "two true ~ steps about different things")
    b.asymptotic(sp.erfc(z), E, "DLMF 7.12.1", Limit(z, OO, start=4), 1 / z**2)
    b.asymptotic(sp.exp(1 / z), 1 + 1 / z, "Taylor", Limit(z, OO, start=4), 1 / z**2)
    return b.build(sp.erfc(z), leading=1 + 1 / z, order=1 / z**2, limit=Limit(z, OO, start=4))


def chain_wrong_start() -> Derivation:
    b = DerivationBuilder("wrong-start", "the chain starts from another expression")
    b.equal((x + 1)**2, x**2 + 2 * x + 1, "expand", domain=((x, -2, 2),))
    return b.build((x + 2)**2, exact=x**2 + 2 * x + 1)


def chain_false_middle_step() -> Derivation:
    b = DerivationBuilder("false-middle", "connected, one step false")
    b.equal((x + 1)**2, x**2 + 2 * x + 1, "expand", domain=((x, -2, 2),))
    b.equal(x**2 + 2 * x + 1, x**2 + 2 * x, "drop", domain=((x, -2, 2),))
    return b.build((x + 1)**2, exact=x**2 + 2 * x)


def chain_asymptotic_then_exact() -> Derivation:
    b = DerivationBuilder("asym-then-exact", "~ then =, stated as leading with its order")
    b.asymptotic(sp.erfc(z), E, "DLMF 7.12.1", Limit(z, OO, start=4), 1 / z**2)
    b.equal(E, ERFC_LEADING_UNCANCELLED, "rewrite")
    return b.build(sp.erfc(z), leading=ERFC_LEADING_UNCANCELLED,
                   order=1 / z**2, limit=Limit(z, OO, start=4))


# -- the table ------------------------------------------------------------------------
C = Case
CASES: list[Case] = [
    # -- asymptotic: exponentially small errors with a misdeclared exponential order ----
    C("expsmall-exp4-claimed-exp8", "asym-exp-small-order",
      lambda: asym(1 + sp.exp(-4 * z), 1, sp.exp(-8 * z)), False,
      "error exp(-4z) claimed O(exp(-8z))"),
    C("expsmall-exp4-as-declared", "asym-exp-small-order",
      lambda: asym(1 + sp.exp(-4 * z), 1, sp.exp(-4 * z)), True,
      "error exp(-4z), declared exp(-4z)"),
    C("expsmall-exp4-claimed-exp2", "asym-exp-small-order",
      lambda: asym(1 + sp.exp(-4 * z), 1, sp.exp(-2 * z)), True,
      "error exp(-4z) is O(exp(-2z)): faster than declared"),
    C("expsmall-prefactor-too-good", "asym-exp-small-order",
      lambda: asym(z + sp.exp(-z), z, sp.exp(-z) / z**2), False,
      "relative error exp(-z)/z claimed O(exp(-z)/z^2)"),
    C("expsmall-prefactor-right", "asym-exp-small-order",
      lambda: asym(z + sp.exp(-z), z, sp.exp(-z) / z), True,
      "relative error exactly exp(-z)/z"),
    C("expsmall-tanh-exp3", "asym-exp-small-order",
      lambda: asym(sp.tanh(z), 1, sp.exp(-3 * z)), False,
      "1 - tanh z ~ 2 exp(-2z), claimed O(exp(-3z))"),
    C("expsmall-tanh-exp2", "asym-exp-small-order",
      lambda: asym(sp.tanh(z), 1, sp.exp(-2 * z)), True,
      "1 - tanh z = 2 exp(-2z)/(1 + exp(-2z))"),
    C("expsmall-gaussian-claimed-square", "asym-exp-small-order",
      lambda: asym(1 + sp.exp(-z**2), 1, sp.exp(-2 * z**2), start=2), False,
      "error exp(-z^2) claimed O(exp(-2z^2))"),
    C("expsmall-gaussian-right", "asym-exp-small-order",
      lambda: asym(1 + sp.exp(-z**2), 1, sp.exp(-z**2), start=2), True,
      "error exp(-z^2) as declared"),
    C("expsmall-cosh-exp4", "asym-exp-small-order",
      lambda: asym(sp.cosh(z), sp.exp(z) / 2, sp.exp(-4 * z)), False,
      "cosh z/(e^z/2) = 1 + exp(-2z), claimed O(exp(-4z))"),
    C("expsmall-cosh-exp2", "asym-exp-small-order",
      lambda: asym(sp.cosh(z), sp.exp(z) / 2, sp.exp(-2 * z)), True,
      "cosh z/(e^z/2) = 1 + exp(-2z)"),
    C("expsmall-exp-z-over-z-claimed-exp-2z", "asym-exp-small-order",
      lambda: asym(1 + sp.exp(-z) / z, 1, sp.exp(-2 * z) * z**4), False,
      "error exp(-z)/z claimed O(z^4 exp(-2z)): a power prefactor cannot hide exp(z)"),

    # -- asymptotic: errors below working precision ---------------------------------------
    C("tiny-1e-60-over-z-claimed-z2", "asym-below-precision",
      lambda: asym(1 + sp.Rational(1, 10**60) / z, 1, 1 / z**2), False,
      "error 1e-60/z is O(1/z), not O(1/z^2)"),
    C("tiny-1e-60-over-z-right", "asym-below-precision",
      lambda: asym(1 + sp.Rational(1, 10**60) / z, 1, 1 / z), True,
      "error 1e-60/z as declared"),
    C("tiny-exp100-claimed-exp200", "asym-below-precision",
      lambda: asym(1 + sp.exp(-100 * z), 1, sp.exp(-200 * z)), False,
      "error exp(-100z) (1e-348 at z=8) claimed O(exp(-200z))"),
    C("tiny-exp100-right", "asym-below-precision",
      lambda: asym(1 + sp.exp(-100 * z), 1, sp.exp(-100 * z)), True,
      "error exp(-100z) as declared"),
    C("tiny-growing-1e-80-z", "asym-below-precision",
      lambda: asym(1 + z / 10**80, 1, 1 / z), False,
      "error 1e-80 z grows without bound: the ratio does not tend to 1"),
    C("tiny-growing-exp-1e-70-z", "asym-below-precision",
      lambda: asym(sp.exp(z / 10**70), 1, sp.exp(-z)), False,
      "exp(1e-70 z) -> oo: the ratio does not tend to 1"),
    C("tiny-1e-60-exp-right", "asym-below-precision",
      lambda: asym(1 + sp.exp(-z) / 10**60, 1, sp.exp(-z)), True,
      "error 1e-60 exp(-z) as declared"),

    # -- asymptotic: oscillating errors invisible on a geometric grid ---------------------
    C("osc-sin-pi-z-over-z", "asym-oscillating",
      lambda: asym(1 + sp.sin(sp.pi * z) / z, 1, 1 / z**2), False,
      "error sin(pi z)/z is O(1/z) only; zero at every integer z"),
    C("osc-sqrt-sin-pi-z", "asym-oscillating",
      lambda: asym(z + sp.sqrt(z) * sp.sin(sp.pi * z), z, 1 / z), False,
      "relative error sin(pi z)/sqrt(z), claimed O(1/z)"),
    C("osc-log2-grid", "asym-oscillating",
      lambda: asym(1 + sp.sin(sp.pi * sp.log(z / 8) / sp.log(2)) / z, 1, 1 / z**2), False,
      "error vanishing exactly at z = 8 * 2^k, O(1/z) elsewhere"),
    C("osc-sin-squared-half", "asym-oscillating",
      lambda: asym(1 + sp.sin(sp.pi * z / 2)**2 / z, 1, 1 / z**2), False,
      "error sin^2(pi z/2)/z, zero at even z"),
    C("osc-no-limit", "asym-oscillating",
      lambda: asym(1 + sp.sin(2 * sp.pi * z)**2, 1, 1 / z), False,
      "ratio oscillates between 1 and 2: no limit; zero error at integers"),
    C("osc-at-zero", "asym-oscillating",
      lambda: at_zero(1 + t * sp.sin(sp.pi / t), 1, t**2), False,
      "t -> 0: error t sin(pi/t) is O(t), zero at t = 0.1/2^k"),
    C("osc-true-sin-over-z2", "asym-oscillating",
      lambda: asym(1 + sp.sin(z) / z**2, 1, 1 / z**2), True,
      "|sin z|/z^2 <= 1/z^2: true, with an erratic observed rate"),
    C("osc-true-sin-pi-over-z3", "asym-oscillating",
      lambda: asym(1 + sp.sin(sp.pi * z) / z**3, 1, 1 / z**2), True,
      "error <= 1/z^3 = O(1/z^2)"),
    C("osc-true-cos-over-z", "asym-oscillating",
      lambda: asym(1 + sp.cos(z) / z, 1, 1 / z), True,
      "|cos z|/z <= 1/z"),

    # -- asymptotic: steps true on part of a parameter domain only -------------------------
    C("half-power-a", "asym-half-domain",
      lambda: asym(1 + z**(a - 2), 1, 1 / z**2, domain=((a, -1, 1),)), False,
      "error z^(a-2) is O(1/z^2) only for a <= 0"),
    C("half-power-a-negative", "asym-half-domain",
      lambda: asym(1 + z**(a - 2), 1, 1 / z**2, domain=((a, -1, 0),)), True,
      "a <= 0 throughout"),
    C("half-exp-a", "asym-half-domain",
      lambda: asym(1 + sp.exp(-a * z), 1, sp.exp(-2 * z), domain=((a, 1, 3),)), False,
      "error exp(-a z) is O(exp(-2z)) only for a >= 2"),
    C("half-exp-a-right", "asym-half-domain",
      lambda: asym(1 + sp.exp(-a * z), 1, sp.exp(-z), domain=((a, 1, 3),)), True,
      "a >= 1 throughout"),
    C("half-positive-part", "asym-half-domain",
      lambda: asym(z + (a + sp.Abs(a)) / 2, z, 1 / z**2, domain=((a, -1, 1),)), False,
      "error max(a, 0)/z is O(1/z^2) only for a <= 0"),
    C("half-power-plus-inverse", "asym-half-domain",
      lambda: asym(z**a + 1 / z, z**a, 1 / z**2, domain=((a, 0, 2),)), False,
      "relative error z^(-1-a) is O(1/z^2) only for a >= 1"),
    C("half-power-plus-inverse-right", "asym-half-domain",
      lambda: asym(z**a + 1 / z, z**a, 1 / z**2, domain=((a, 1, 2),)), True,
      "a >= 1 throughout"),
    C("half-compound-interest", "asym-half-domain",
      lambda: asym((1 + a / z)**z, sp.exp(a), 1 / z, domain=((a, -2, 2),)), True,
      "(1 + a/z)^z = e^a (1 - a^2/(2z) + ...) for every a"),
    C("half-compound-interest-z2", "asym-half-domain",
      lambda: asym((1 + a / z)**z, sp.exp(a), 1 / z**2, domain=((a, -0.05, 2),)), False,
      "error a^2/(2z): O(1/z^2) only at a = 0, which the box contains"),

    # -- asymptotic: too-optimistic orders --------------------------------------------------
    C("opt-erfc4-right", "asym-optimistic-order",
      lambda: asym(sp.erfc(z), erfc_series(4), 1 / z**8, start=4), True,
      "DLMF 7.12.1, four terms: remainder 105/(16 z^8)"),
    C("opt-erfc4-one-power", "asym-optimistic-order",
      lambda: asym(sp.erfc(z), erfc_series(4), 1 / z**9, start=4), False,
      "four-term erfc series claimed O(z^-9): observed exponent 8/9"),
    C("opt-erfc4-two-powers", "asym-optimistic-order",
      lambda: asym(sp.erfc(z), erfc_series(4), 1 / z**10, start=4), False,
      "four-term erfc series claimed O(z^-10): observed exponent 0.8"),
    C("opt-erfc2-one-power", "asym-optimistic-order",
      lambda: asym(sp.erfc(z), erfc_series(2), 1 / z**5, start=4), False,
      "two-term erfc series, remainder 3/(4 z^4), claimed O(z^-5)"),
    C("opt-exp6-right", "asym-optimistic-order",
      lambda: asym(sp.exp(1 / z), exp_series(6), 1 / z**6), True,
      "exp(1/z) to 1/(5! z^5): remainder 1/(720 z^6)"),
    C("opt-exp6-one-power", "asym-optimistic-order",
      lambda: asym(sp.exp(1 / z), exp_series(6), 1 / z**7), False,
      "the same claimed O(z^-7)"),
    C("opt-missing-log", "asym-optimistic-order",
      lambda: asym(1 + sp.log(z) / z**2, 1, 1 / z**2), False,
      "error log(z)/z^2 claimed O(1/z^2): a log factor missing"),
    C("opt-log-right", "asym-optimistic-order",
      lambda: asym(1 + sp.log(z) / z**2, 1, sp.log(z) / z**2), True,
      "error log(z)/z^2 as declared"),
    C("opt-log-squared", "asym-optimistic-order",
      lambda: asym(1 + sp.log(z)**2 / z, 1, sp.log(z) / z), False,
      "error log(z)^2/z claimed O(log(z)/z)"),
    C("opt-stirling1-right", "asym-optimistic-order",
      lambda: asym(sp.gamma(z + 1), stirling_gamma(1), 1 / z**2), True,
      "DLMF 5.11.3 with 1/(12z): remainder 1/(288 z^2)"),
    C("opt-stirling1-one-power", "asym-optimistic-order",
      lambda: asym(sp.gamma(z + 1), stirling_gamma(1), 1 / z**3), False,
      "the same claimed O(z^-3)"),
    C("opt-binomial-right", "asym-optimistic-order",
      lambda: asym((1 + 1 / z)**a, 1 + a / z + a * (a - 1) / (2 * z**2), 1 / z**3,
                   domain=((a, 2.5, 3.5),)), True,
      "binomial series to z^-2: remainder a(a-1)(a-2)/(6 z^3)"),
    C("opt-binomial-one-power", "asym-optimistic-order",
      lambda: asym((1 + 1 / z)**a, 1 + a / z + a * (a - 1) / (2 * z**2), 1 / z**4,
                   domain=((a, 2.5, 3.5),)), False,
      "the same claimed O(z^-4); a(a-1)(a-2) != 0 on the box"),
    C("opt-log1p-right", "asym-optimistic-order",
      lambda: asym(sp.log(1 + 1 / z), 1 / z - 1 / (2 * z**2) + 1 / (3 * z**3), 1 / z**3),
      True, "DLMF 4.6.1: remainder -1/(4 z^4), relative 1/(4 z^3)"),
    C("opt-log1p-one-power", "asym-optimistic-order",
      lambda: asym(sp.log(1 + 1 / z), 1 / z - 1 / (2 * z**2) + 1 / (3 * z**3), 1 / z**4),
      False, "the same claimed O(z^-4)"),
    C("opt-loggamma-right", "asym-optimistic-order",
      lambda: asym(sp.loggamma(z), (z - HALF) * sp.log(z) - z + sp.log(2 * sp.pi) / 2,
                   1 / (z**2 * sp.log(z))), True,
      "DLMF 5.11.1: remainder 1/(12z), relative ~ 1/(12 z^2 log z)"),
    C("opt-loggamma-extra-log", "asym-optimistic-order",
      lambda: asym(sp.loggamma(z), (z - HALF) * sp.log(z) - z + sp.log(2 * sp.pi) / 2,
                   1 / (z**2 * sp.log(z)**2)), False,
      "the same claimed O(1/(z^2 log^2 z))"),
    C("opt-log2z-power", "asym-optimistic-order",
      lambda: asym(sp.log(2 * z), sp.log(z), 1 / z), False,
      "relative error log 2/log z claimed O(1/z)"),
    C("opt-sin-at-zero-right", "asym-optimistic-order",
      lambda: at_zero(sp.sin(t), t, t**2), True, "sin t / t = 1 - t^2/6 + ..."),
    C("opt-sin-at-zero-one-power", "asym-optimistic-order",
      lambda: at_zero(sp.sin(t), t, t**3), False, "the same claimed O(t^3)"),
    C("opt-cos-at-zero-right", "asym-optimistic-order",
      lambda: at_zero(sp.cos(t), 1 - t**2 / 2, t**4), True, "remainder t^4/24"),
    C("opt-cos-at-zero-one-power", "asym-optimistic-order",
      lambda: at_zero(sp.cos(t), 1 - t**2 / 2, t**5), False, "the same claimed O(t^5)"),

    # -- asymptotic: true steps whose error falls faster than declared ---------------------
    C("fast-erfc2-declared-z2", "asym-faster-than-declared",
      lambda: asym(sp.erfc(z), erfc_series(2), 1 / z**2, start=4), True,
      "remainder O(z^-4), declared O(z^-2)"),
    C("fast-exp-declared-z", "asym-faster-than-declared",
      lambda: asym(sp.exp(1 / z), 1 + 1 / z, 1 / z), True,
      "remainder O(z^-2), declared O(1/z)"),
    C("fast-tanh-declared-power", "asym-faster-than-declared",
      lambda: asym(sp.tanh(z), 1, 1 / z), True, "exponentially small error, declared O(1/z)"),
    C("fast-exp-declared-z3", "asym-faster-than-declared",
      lambda: asym(1 + sp.exp(-z), 1, 1 / z**3), True, "exp(-z) = O(z^-3)"),
    C("fast-sqrt-order", "asym-faster-than-declared",
      lambda: asym(z + 1, z, 1 / sp.sqrt(z)), True, "1/z = O(z^-1/2)"),
    C("fast-exact-zero-error", "asym-faster-than-declared",
      lambda: asym((z + 1)**2, z**2 + 2 * z + 1, 1 / z), True, "error identically zero"),
    C("fast-sin-at-zero", "asym-faster-than-declared",
      lambda: at_zero(sp.sin(t), t - t**3 / 6, t**2), True,
      "remainder O(t^4), declared O(t^2)"),
    C("fast-binomial-a", "asym-faster-than-declared",
      lambda: asym((1 + 1 / z)**a, 1 + a / z, 1 / z, domain=((a, 0.5, 1.5),)), True,
      "remainder a(a-1)/(2z^2), zero at a = 1"),
    C("fast-stirling-declared-z", "asym-faster-than-declared",
      lambda: asym(sp.gamma(z + 1), stirling_gamma(1), 1 / z), True,
      "remainder O(z^-2), declared O(1/z)"),

    # -- asymptotic: the ratio tends to a constant other than 1 ----------------------------
    C("const-z-power-log", "asym-wrong-constant",
      lambda: asym(z**(1 + 1 / sp.log(z)), z, 1 / z), False,
      "z^(1/log z) = e: ratio -> e"),
    C("const-compound", "asym-wrong-constant",
      lambda: asym((z + 1)**z, z**z, 1 / z), False, "(1 + 1/z)^z -> e"),
    C("const-stirling-no-2pi", "asym-wrong-constant",
      lambda: asym(sp.gamma(z + 1), sp.sqrt(z) * (z / sp.E)**z, 1 / z), False,
      "ratio -> sqrt(2 pi)"),
    C("const-1e-10", "asym-wrong-constant",
      lambda: asym((1 + sp.Rational(1, 10**10)) * z + 1, z + 1, 1 / z), False,
      "ratio -> 1 + 1e-10"),
    C("const-exp-1e-6", "asym-wrong-constant",
      lambda: asym(sp.exp(sp.Rational(1, 10**6)) * z, z, 1 / z), False,
      "ratio -> exp(1e-6)"),
    C("const-central-binomial-sqrt2", "asym-wrong-constant",
      lambda: asym(sp.binomial(2 * z, z), 4**z / sp.sqrt(2 * sp.pi * z), 1 / z), False,
      "ratio -> sqrt(2)"),
    C("const-central-binomial-right", "asym-wrong-constant",
      lambda: asym(sp.binomial(2 * z, z), 4**z / sp.sqrt(sp.pi * z), 1 / z), True,
      "binomial(2z, z) = 4^z/sqrt(pi z) (1 - 1/(8z) + ...)"),
    C("const-at-zero-e", "asym-wrong-constant",
      lambda: at_zero((1 + t)**(1 / t), 1, t), False, "(1 + t)^(1/t) -> e as t -> 0"),
    C("const-log2z-right", "asym-wrong-constant",
      lambda: asym(sp.log(2 * z), sp.log(z), 1 / sp.log(z)), True,
      "ratio 1 + log 2/log z -> 1 slowly, as declared"),
    C("const-sqrt-right", "asym-wrong-constant",
      lambda: asym(sp.sqrt(z**2 + z), z + HALF, 1 / z**2), True,
      "z sqrt(1 + 1/z) = z + 1/2 - 1/(8z) + ..."),

    # -- exact: identities failing on a corner or edge of the box -------------------------
    C("corner-acos-cos", "exact-corner",
      lambda: exact(sp.acos(sp.cos(x)), x, ((x, 0, 3.2),)), False,
      "acos(cos x) = 2 pi - x for x in (pi, 3.2]"),
    C("corner-acos-cos-inside", "exact-corner",
      lambda: exact(sp.acos(sp.cos(x)), x, ((x, 0.1, 3.1),)), True, "x in [0, pi]"),
    C("corner-sqrt-square", "exact-corner",
      lambda: exact(sp.sqrt(x**2), x, ((x, -0.01, 5),)), False,
      "fails on [-0.01, 0)"),
    C("corner-sqrt-square-abs", "exact-corner",
      lambda: exact(sp.sqrt(x**2), sp.Abs(x), ((x, -5, 5),)), True, "sqrt(x^2) = |x|"),
    C("corner-log-product-no-assumptions", "exact-corner",
      lambda: exact(sp.log(u * v), sp.log(u) + sp.log(v), ((u, -0.1, 3), (v, -0.1, 3))),
      False, "u, v < 0 near the corner: the right side gains 2 pi i"),
    C("corner-log-product-positive", "exact-corner",
      lambda: exact(sp.log(p * q), sp.log(p) + sp.log(q), ((p, 0.1, 3), (q, 0.1, 3))),
      True, "positive symbols"),
    C("corner-2d-edge", "exact-corner",
      lambda: exact(sp.sqrt((x - y)**2), y - x, ((x, 0, 1), (y, 0.9, 2))), False,
      "fails only where x > y: the corner x ~ 1, y ~ 0.9"),
    C("corner-asin-sin", "exact-corner",
      lambda: exact(sp.asin(sp.sin(x)), x, ((x, -1.5, 1.6),)), False,
      "fails for x > pi/2 = 1.5708"),
    C("corner-atan-tan", "exact-corner",
      lambda: exact(sp.atan(sp.tan(x)), x, ((x, 0, 1.6),)), False,
      "atan(tan x) = x - pi for x > pi/2"),
    C("corner-abs-sum", "exact-corner",
      lambda: exact(sp.Abs(x - 1) + sp.Abs(x + 1), 2, ((x, -1, 1.05),)), False,
      "= 2x for x > 1"),
    C("corner-abs-sum-inside", "exact-corner",
      lambda: exact(sp.Abs(x - 1) + sp.Abs(x + 1), 2, ((x, -0.99, 0.99),)), True,
      "|x| <= 1"),
    C("corner-cube-root", "exact-corner",
      lambda: exact((x**3)**sp.Rational(1, 3), x, ((x, -0.001, 2),)), False,
      "principal cube root of a negative number is complex"),
    C("corner-sqrt-product-edge", "exact-corner",
      lambda: exact(sp.sqrt(x**2 * y**2), x * y, ((x, -0.05, 2), (y, 0.5, 2))), False,
      "fails on the edge x < 0"),
    C("corner-exp-log-negative", "exact-corner",
      lambda: exact(sp.exp(sp.log(u)), u, ((u, -2, -0.5),)), True,
      "exp(log u) = u for every u != 0 (complex log)"),

    # -- exact: symbols with negative=True ------------------------------------------------
    C("neg-atan-inverse", "exact-negative-symbol",
      lambda: exact(sp.atan(1 / n), -sp.pi / 2 - sp.atan(n)), True,
      "atan(1/n) = -pi/2 - atan n for n < 0 (no box: the assumption decides)"),
    C("neg-atan-inverse-boxed", "exact-negative-symbol",
      lambda: exact(sp.atan(1 / n), -sp.pi / 2 - sp.atan(n), ((n, -5, -0.1),)), True,
      "the same on a box that agrees with the assumption"),
    C("neg-atan-inverse-wrong-branch", "exact-negative-symbol",
      lambda: exact(sp.atan(1 / n), sp.pi / 2 - sp.atan(n)), False,
      "the positive-n identity, false for every n < 0"),
    C("neg-log-square", "exact-negative-symbol",
      lambda: exact(sp.log(n**2) / 2, sp.log(-n)), True, "log(n^2)/2 = log(-n) for n < 0"),
    C("neg-log-square-wrong", "exact-negative-symbol",
      lambda: exact(sp.log(n**2) / 2, sp.log(n)), False, "log n = log|n| + i pi"),
    C("neg-acos-angle", "exact-negative-symbol",
      lambda: exact(sp.acos(n / sp.sqrt(n**2 + 1)), sp.pi + sp.atan(1 / n)), True,
      "angle of (n, 1) in the second quadrant"),
    C("neg-sqrt-factor", "exact-negative-symbol",
      lambda: exact(sp.sqrt(n**2 + n**4), -n * sp.sqrt(1 + n**2)), True,
      "sqrt(n^2 + n^4) = -n sqrt(1 + n^2) for n < 0"),
    C("neg-sqrt-factor-wrong", "exact-negative-symbol",
      lambda: exact(sp.sqrt(n**2 + n**4), n * sp.sqrt(1 + n**2)), False,
      "the positive-n factorisation, false for every n < 0"),

    # -- exact: a domain box that contradicts the assumptions (usage error) ---------------
    C("contra-log-product", "exact-domain-contradiction",
      lambda: exact(sp.log(p * q), sp.log(p) + sp.log(q), ((p, -2, -0.5), (q, 0.5, 2))),
      False, "p positive, box p < 0: an assumption-based rewrite would 'prove' it"),
    C("contra-sqrt-square", "exact-domain-contradiction",
      lambda: exact(sp.sqrt(p**2), p, ((p, -2, -0.5),)), False,
      "SymPy turns sqrt(p^2) into p for positive p; the box is negative"),
    C("contra-partial-box", "exact-domain-contradiction",
      lambda: exact(sp.sqrt(p**2), p, ((p, -1, 2),)), False,
      "p positive, box reaches p < 0"),
    C("contra-negative-symbol-positive-box", "exact-domain-contradiction",
      lambda: exact(sp.atan(1 / n), -sp.pi / 2 - sp.atan(n), ((n, 0.5, 2),)), False,
      "n negative, box positive"),
    C("contra-integer-no-integers", "exact-domain-contradiction",
      lambda: exact(sp.cos(sp.pi * m)**2, 1, ((m, 0.2, 0.8),)), False,
      "m a positive integer, box holds no integer"),
    C("contra-nonnegative-abs", "exact-domain-contradiction",
      lambda: exact(sp.Abs(g), g, ((g, -3, -1),)), False,
      "g nonnegative (Abs(g) is g to SymPy), box negative"),

    # -- exact: low precision must not decide -----------------------------------------------
    C("lowprec-pythagoras-1e-8", "low-precision",
      lambda: exact(sp.sin(x)**2 + sp.cos(x)**2, 1 + sp.Rational(1, 10**8), ((x, 0, 3),)),
      False, "false by 1e-8 at digits=30"),
    C("lowprec-gamma-1e-8", "low-precision",
      lambda: exact(sp.gamma(x + 1), x * sp.gamma(x) * (1 + sp.Rational(1, 10**8)),
                    ((x, 0.5, 3),)), False, "false by 1e-8 at digits=30"),
    C("lowprec-digits2", "low-precision",
      lambda: exact(sp.exp(x), sp.exp(x) * (1 + sp.Rational(1, 10**3)), ((x, 0, 2),)),
      False, "false by 1e-3, checked at digits=2", 2),
    C("lowprec-pi-22-7-digits1", "low-precision",
      lambda: exact(sp.pi * x, sp.Rational(22, 7) * x, ((x, 1, 2),)), False,
      "22/7 against pi (4e-4), checked at digits=1", 1),
    C("lowprec-sqrt2-digits5", "low-precision",
      lambda: exact(sp.sqrt(2) * x, sp.Rational(141421, 100000) * x, ((x, 1, 2),)), False,
      "1.41421 against sqrt 2 (2.6e-6), checked at digits=5", 5),
    C("lowprec-zeta3-digits15", "low-precision",
      lambda: exact(sp.zeta(3) * x, sp.Rational(12020569031595942, 10**16) * x, ((x, 1, 2),)),
      False, "zeta(3) to 16 decimals (relative 7e-17), checked at digits=15", 15),
    C("lowprec-true-digits2", "low-precision",
      lambda: exact(sp.sin(x)**2 + sp.cos(x)**2, 1, ((x, 0, 3),)), True,
      "true at any precision", 2),
    C("lowprec-asymptotic-digits3", "low-precision",
      lambda: asym(sp.erfc(z), E, 1 / z**4, start=4), False,
      "erfc leading term claimed O(z^-4), checked at digits=3", 3),

    # -- exact: near-identities -------------------------------------------------------------
    C("near-ramanujan-163", "exact-near-identity",
      lambda: exact(ramanujan_163(), RAMANUJAN_163_INTEGER), False,
      "exp(pi sqrt 163) = 640320^3 + 744 - 7.5e-13: relative 2.9e-30 (digits=40)", 40),
    C("near-ramanujan-163-scaled", "exact-near-identity",
      lambda: exact(x * ramanujan_163(), x * RAMANUJAN_163_INTEGER, ((x, 1, 2),)), False,
      "the same times x (digits=40)", 40),
    C("near-ramanujan-58", "exact-near-identity",
      lambda: exact(sp.exp(sp.pi * sp.sqrt(58)), sp.Integer(396)**4 - 104), False,
      "exp(pi sqrt 58) = 396^4 - 104 - 1.8e-7: relative 7e-18"),
    C("near-pythagoras-1e-20", "exact-near-identity",
      lambda: exact(sp.sin(x)**2 + sp.cos(x)**2, 1 + sp.Rational(1, 10**20), ((x, 0, 3),)),
      False, "relative 1e-20"),
    C("near-square-1e-28", "exact-near-identity",
      lambda: exact((1 + x)**2, 1 + 2 * x + x**2 + 4 * x**2 / 10**28, ((x, 1, 2),)), False,
      "relative 1e-28 to 1.8e-28"),
    C("near-exp-1e-28", "exact-near-identity",
      lambda: exact(sp.exp(x), sp.exp(x) * (1 + sp.Rational(3, 10**28)), ((x, -1, 1),)),
      False, "relative 3e-28"),
    C("near-cos-pi-5", "exact-near-identity",
      lambda: exact(sp.cos(sp.pi / 5), (1 + sp.sqrt(5)) / 4 + sp.Rational(1, 10**25)), False,
      "golden-ratio identity off by 1e-25"),
    C("near-cos-pi-5-exact", "exact-near-identity",
      lambda: exact(sp.cos(sp.pi / 5) * x, (1 + sp.sqrt(5)) / 4 * x, ((x, 1, 2),)), True,
      "cos(pi/5) = (1 + sqrt 5)/4"),
    C("near-machin-exact", "exact-near-identity",
      lambda: exact(sp.atan(sp.Rational(1, 2)) + sp.atan(sp.Rational(1, 3)), sp.pi / 4), True,
      "atan 1/2 + atan 1/3 = pi/4"),

    # -- exact: branch cuts -----------------------------------------------------------------
    C("cut-sqrt-product-negative", "exact-branch-cut",
      lambda: exact(sp.sqrt(u * v), sp.sqrt(u) * sp.sqrt(v), ((u, -2, -0.5), (v, -2, -0.5))),
      False, "i * i = -1"),
    C("cut-sqrt-product-positive", "exact-branch-cut",
      lambda: exact(sp.sqrt(p * q), sp.sqrt(p) * sp.sqrt(q), ((p, 0.1, 2), (q, 0.1, 2))),
      True, "positive symbols"),
    C("cut-sqrt-inverse-negative", "exact-branch-cut",
      lambda: exact(sp.sqrt(1 / u), 1 / sp.sqrt(u), ((u, -2, -0.1),)), False,
      "i/sqrt|u| against -i/sqrt|u|"),
    C("cut-sqrt-inverse-positive", "exact-branch-cut",
      lambda: exact(sp.sqrt(1 / u), 1 / sp.sqrt(u), ((u, 0.1, 2),)), True,
      "u > 0 on the box"),
    C("cut-atan-atan2-left", "exact-branch-cut",
      lambda: exact(sp.atan(y / x), sp.atan2(y, x), ((x, -2, -0.1), (y, 0.1, 2))), False,
      "left half-plane: off by pi"),
    C("cut-atan-atan2-right", "exact-branch-cut",
      lambda: exact(sp.atan(y / x), sp.atan2(y, x), ((x, 0.1, 2), (y, -2, 2))), True,
      "right half-plane"),
    C("cut-log-square", "exact-branch-cut",
      lambda: exact(sp.log(u**2), 2 * sp.log(u), ((u, -2, -0.5),)), False,
      "2 log u = 2 log|u| + 2 pi i"),
    C("cut-three-halves", "exact-branch-cut",
      lambda: exact((x**2)**sp.Rational(3, 2), x**3, ((x, -1, 2),)), False,
      "|x|^3 against x^3"),
    C("cut-acosh-left", "exact-branch-cut",
      lambda: exact(sp.acosh(x), sp.log(x + sp.sqrt(x**2 - 1)), ((x, -3, -1.1),)), False,
      "for x < -1 acosh x = log(x - sqrt(x^2 - 1))"),
    C("cut-acosh-right", "exact-branch-cut",
      lambda: exact(sp.acosh(x), sp.log(x + sp.sqrt(x**2 - 1)), ((x, 1.1, 3),)), True,
      "x > 1"),

    C("cut-sqrt-sliver", "exact-branch-cut",
      lambda: exact(sp.sqrt(u) * sp.sqrt(u - 1), sp.sqrt(u * (u - 1)), ((u, -0.01, 3),)),
      False, "true for u >= 0 (both sides i sqrt(u(1-u)) on (0, 1)); false on [-0.01, 0)"),
    C("cut-log-minus-sliver", "exact-branch-cut",
      lambda: exact(sp.log(-u), sp.log(u) + sp.I * sp.pi, ((u, -0.01, 3),)), False,
      "true for u > 0 (on the cut); off by 2 pi i on [-0.01, 0)"),
    C("cut-log-minus-positive", "exact-branch-cut",
      lambda: exact(sp.log(-p), sp.log(p) + sp.I * sp.pi), True,
      "-p on the negative real axis: the principal log takes + i pi"),
    C("cut-acos-asin-across", "exact-branch-cut",
      lambda: exact(sp.acos(x), sp.pi / 2 - sp.asin(x), ((x, -3, 3),)), True,
      "true for every complex argument, also across the cuts beyond |x| = 1"),
    C("cut-asin-atan-beyond-one", "exact-branch-cut",
      lambda: exact(sp.asin(x), sp.atan(x / sp.sqrt(1 - x**2)), ((x, -0.5, 1.05),)), False,
      "true on (-1, 1); false past the branch point x = 1"),
    # -- integrals: a narrow far bump on an infinite range ---------------------------------
    C("bump-200-true", "integral-far-bump",
      lambda: exact(sp.Integral(sp.exp(-w) + sp.exp(-100 * (w - 200)**2), (w, 0, OO)),
                    1 + sp.sqrt(sp.pi) / 20 * (1 + sp.erf(2000))), True,
      "exp(-w) plus a bump of width 0.1 at 200"),
    C("bump-200-false", "integral-far-bump",
      lambda: exact(sp.Integral(sp.exp(-w) + sp.exp(-100 * (w - 200)**2), (w, 0, OO)), 1),
      False, "the bump left out"),
    C("bump-far-param-true", "integral-far-bump",
      lambda: exact(sp.Integral(sp.exp(-w) + sp.exp(-10**4 * (w - c)**2), (w, 0, OO)),
                    1 + sp.sqrt(sp.pi) / 200 * (1 + sp.erf(100 * c)),
                    ((c, 500, 5000),)), True,
      "a bump of width 0.01 at c in [500, 5000]"),
    C("bump-far-param-false", "integral-far-bump",
      lambda: exact(sp.Integral(sp.exp(-w) + sp.exp(-10**4 * (w - c)**2), (w, 0, OO)), 1,
                    ((c, 500, 5000),)), False, "the bump left out"),
    C("bump-lorentz-true", "integral-far-bump",
      lambda: exact(sp.Integral(1 / (1 + w**2) + sp.exp(-10 * (w - 1000)**2), (w, 0, OO)),
                    sp.pi / 2 + sp.sqrt(sp.pi / 10) * (1 + sp.erf(1000 * sp.sqrt(10))) / 2),
      True, "slowly decaying body plus a bump at 1000"),
    C("bump-lorentz-false", "integral-far-bump",
      lambda: exact(sp.Integral(1 / (1 + w**2) + sp.exp(-10 * (w - 1000)**2), (w, 0, OO)),
                    sp.pi / 2), False, "the bump left out"),
    C("bump-alone-true", "integral-far-bump",
      lambda: exact(sp.Integral(sp.exp(-(w - 300)**2 * 400), (w, -OO, OO)),
                    sp.sqrt(sp.pi) / 20), True, "only a far bump on the whole line"),

    # -- integrals: integrable endpoint singularities ---------------------------------------
    C("sing-power", "integral-endpoint-singularity",
      lambda: exact(sp.Integral(w**(s - 1), (w, 0, 1)), 1 / s, ((s, 0.2, 0.9),)), True,
      "int_0^1 w^(s-1) = 1/s"),
    C("sing-gamma", "integral-endpoint-singularity",
      lambda: exact(sp.Integral(w**(s - 1) * sp.exp(-w), (w, 0, OO)), sp.gamma(s),
                    ((s, 0.1, 0.5),)), True, "Euler's integral, singular at 0"),
    C("sing-log-sqrt", "integral-endpoint-singularity",
      lambda: exact(sp.Integral(sp.log(w) / sp.sqrt(w), (w, 0, 1)), -4), True,
      "int_0^1 log(w)/sqrt(w) = -4"),
    C("sing-arcsine", "integral-endpoint-singularity",
      lambda: exact(sp.Integral(1 / sp.sqrt(1 - w**2), (w, 0, 1)), sp.pi / 2), True,
      "singular at the upper end"),
    C("sing-strong", "integral-endpoint-singularity",
      lambda: exact(sp.Integral(w**sp.Rational(-9, 10), (w, 0, 1)), 10), True,
      "w^(-0.9): most of the mass next to 0"),
    C("sing-beta", "integral-endpoint-singularity",
      lambda: exact(sp.Integral(w**(s - 1) * (1 - w)**(s - 1), (w, 0, 1)),
                    sp.gamma(s)**2 / sp.gamma(2 * s), ((s, 0.3, 0.8),)), True,
      "Beta(s, s), singular at both ends"),
    C("sing-power-off", "integral-endpoint-singularity",
      lambda: exact(sp.Integral(w**(s - 1), (w, 0, 1)), 1 / (s + sp.Rational(1, 10**8)),
                    ((s, 0.2, 0.9),)), False, "relative 1e-8/s"),
    C("sing-gamma-off", "integral-endpoint-singularity",
      lambda: exact(sp.Integral(w**(s - 1) * sp.exp(-w), (w, 0, OO)),
                    sp.gamma(s + sp.Rational(1, 10**10)), ((s, 0.1, 0.5),)), False,
      "Gamma at s + 1e-10: relative ~ 1e-10 digamma(s)"),
    C("sing-strong-lower-gamma", "integral-endpoint-singularity",
      lambda: exact(sp.Integral(w**sp.Rational(-9, 10) * sp.exp(-w), (w, 0, 1)), 10), False,
      "lower incomplete gamma(1/10, 1) = 9.1, not 10"),

    # -- infinite sums ------------------------------------------------------------------------
    C("sum-basel", "infinite-sum",
      lambda: exact(sp.Sum(1 / k**2, (k, 1, OO)), sp.pi**2 / 6), True, "zeta(2)"),
    C("sum-basel-off", "infinite-sum",
      lambda: exact(sp.Sum(1 / k**2, (k, 1, OO)), sp.pi**2 / 6 + sp.Rational(1, 10**25)),
      False, "off by 1e-25"),
    C("sum-geometric", "infinite-sum",
      lambda: exact(sp.Sum(r**j, (j, 0, OO)), 1 / (1 - r), ((r, -0.9, 0.9),)), True,
      "geometric series with a symbolic ratio"),
    C("sum-geometric-divergent-part", "infinite-sum",
      lambda: exact(sp.Sum(r**j, (j, 0, OO)), 1 / (1 - r), ((r, 0.5, 1.2),)), False,
      "diverges for r >= 1, part of the box"),
    C("sum-geometric-wrong-start", "infinite-sum",
      lambda: exact(sp.Sum(r**k, (k, 1, OO)), 1 / (1 - r), ((r, -0.5, 0.5),)), False,
      "starting at k = 1 the sum is r/(1 - r)"),
    C("sum-alternating-harmonic", "infinite-sum",
      lambda: exact(sp.Sum((-1)**(k + 1) / k, (k, 1, OO)), sp.log(2)), True,
      "log 2, conditionally convergent"),
    C("sum-alternating-harmonic-off", "infinite-sum",
      lambda: exact(sp.Sum((-1)**(k + 1) / k, (k, 1, OO)), sp.log(2) + sp.Rational(1, 10**25)),
      False, "off by 1e-25"),
    C("sum-apery", "infinite-sum",
      lambda: exact(sp.Sum(1 / k**3, (k, 1, OO)), sp.zeta(3)), True, "zeta(3)"),
    C("sum-apery-decimal", "infinite-sum",
      lambda: exact(sp.Sum(1 / k**3, (k, 1, OO)),
                    sp.Rational(12020569031595942853997382, 10**25)), False,
      "zeta(3) rounded to 25 decimals: relative 3e-26"),
    C("sum-exponential", "infinite-sum",
      lambda: exact(sp.Sum(x**j / sp.factorial(j), (j, 0, OO)), sp.exp(x), ((x, -3, 3),)),
      True, "exp series on a box"),
    C("sum-coth", "infinite-sum",
      lambda: exact(sp.Sum(1 / (k**2 + p**2), (k, 1, OO)),
                    (sp.pi * p * sp.coth(sp.pi * p) - 1) / (2 * p**2), ((p, 0.5, 2),)), True,
      "DLMF 4.36.3 rearranged"),
    C("sum-coth-as-tanh", "infinite-sum",
      lambda: exact(sp.Sum(1 / (k**2 + p**2), (k, 1, OO)),
                    (sp.pi * p * sp.tanh(sp.pi * p) - 1) / (2 * p**2), ((p, 0.5, 2),)), False,
      "coth replaced by tanh (relative ~ 1e-2 .. 1e-6 on the box)"),
    C("sum-zeta4-off", "infinite-sum",
      lambda: exact(sp.Sum(1 / k**4, (k, 1, OO)), sp.pi**4 / 90 * (1 + sp.Rational(1, 10**20))),
      False, "relative 1e-20"),
    C("sum-telescoping", "infinite-sum",
      lambda: exact(sp.Sum(1 / (k * (k + 1)), (k, 1, OO)), 1), True, "telescoping"),
    C("sum-telescoping-off", "infinite-sum",
      lambda: exact(sp.Sum(1 / (k * (k + 1)), (k, 1, OO)), 1 + sp.Rational(1, 10**22)), False,
      "off by 1e-22"),

    # -- derivations ---------------------------------------------------------------------------
    C("deriv-gap-false-result", "derivation-chain", chain_gap_false_result, False,
      "two true steps that do not connect; the stated result is false"),
    C("deriv-gap-true-result", "derivation-chain", chain_gap_true_result, False,
      "two true steps that do not connect; the result happens to be true"),
    C("deriv-result-elsewhere", "derivation-chain", chain_result_elsewhere, False,
      "connected chain, exact= names another expression"),
    C("deriv-wrong-start", "derivation-chain", chain_wrong_start, False,
      "the chain starts from another left side"),
    C("deriv-asymptotic-as-exact", "derivation-chain", chain_asymptotic_as_exact, False,
      "a ~ step stated as exact="),
    C("deriv-mixed-as-exact", "derivation-chain", chain_mixed_as_exact, False,
      "= then ~ stated as exact="),
    C("deriv-order-too-good", "derivation-chain", chain_order_too_good, False,
      "leading= with an order better than the chain's"),
    C("deriv-leading-elsewhere", "derivation-chain", chain_leading_elsewhere, False,
      "leading= is twice where the chain leads"),
    C("deriv-asymptotic-gap", "derivation-chain", chain_asymptotic_gap, False,
      "two true ~ steps about different functions"),
    C("deriv-false-middle", "derivation-chain", chain_false_middle_step, False,
      "connected chain with one false step"),
    C("deriv-connected", "derivation-chain", chain_connected, True, "connected, exact"),
    C("deriv-side-computation", "derivation-chain", chain_side_computation, True,
      "connected with a side computation"),
    C("deriv-reversed-equality", "derivation-chain", chain_reversed_equality, True,
      "an equality written right to left"),
    C("deriv-leading-right", "derivation-chain", chain_leading_right, True,
      "erfc leading term, order z^-2"),
    C("deriv-asymptotic-then-exact", "derivation-chain", chain_asymptotic_then_exact, True,
      "~ then = to the stated leading form"),
]

DEFECTS: tuple[str, ...] = tuple(dict.fromkeys(case.defect for case in CASES))

__all__ = ["Case", "CASES", "DEFECTS"]
