"""The soundness corpus, derivation-level records: chains of steps whose stated result
is or is not joined to the left side (see ``corpus.py``)."""

from __future__ import annotations

import sympy as sp
from soundness_records import ERFC_LEADING_UNCANCELLED, OO, Case, E, x, z

from remsym.derivation import DerivationBuilder
from remsym.derivation.steps import Derivation, Limit


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


C = Case
DERIVATION_CASES: list[Case] = [
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
