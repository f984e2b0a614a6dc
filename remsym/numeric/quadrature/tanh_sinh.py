"""Tanh-sinh quadrature to a *relative* goal, within a work budget counted in nodes.

The rule is mpmath's tanh-sinh rule (Takahasi & Mori 1974; Bailey, Jeyabalan & Li,
"A comparison of three high-precision quadrature schemes", 2005), driven through the
documented interface of mpmath's ``QuadratureRule`` (mpmath manual, "Numerical
integration", section "Quadrature rules": ``guess_degree``, ``get_nodes`` with its node
cache, ``sum_next``, which reuses the previous level's sum).  ``mpmath.quad`` itself
runs the same loop (its ``summation``) but does not fit a checker:

* its goal is *absolute* (``eps/8`` of the working precision): a large or
  ill-conditioned value never reaches it and runs every piece to the maximal degree,
  a tiny one reaches it with no correct digit;
* it has no budget across the pieces of a range, so an integral that does not
  converge (an oscillatory one over an infinite range) costs the maximal degree on
  every piece.

Here each piece runs until the relative error estimate of
:func:`relative_error_estimate` is below ``10**-(digits + 5)`` (or to the rule's
maximal degree), and one pass over all pieces may spend at most
:data:`QUADRATURE_NODES` integrand evaluations -- a budget counted in work, never in
time, so a machine's speed never changes an answer.  Where the pieces cancel (the
sum is smaller than its parts) they are asked again with the digits the cancellation
costs.

==============================  ===============================================
name                            role
==============================  ===============================================
:func:`integrate_tanh_sinh`     ``int f`` over consecutive points: value, converged
:func:`relative_error_estimate` the error of the last level, relative
:data:`QUADRATURE_NODES`        the work budget of one pass
==============================  ===============================================
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

import mpmath
from mpmath.calculus.quadrature import TanhSinh

__all__ = ["QUADRATURE_NODES", "TanhSinhValue", "integrate_tanh_sinh", "relative_error_estimate"]

#: Integrand evaluations one tanh-sinh pass may spend over all its pieces: an integral
#: that does not converge within them (an oscillatory one over an infinite range) is
#: reported unconverged, whatever the machine's speed.
QUADRATURE_NODES = 60_000


class TanhSinhValue(NamedTuple):
    """The integral and whether its error estimate reached the relative goal."""

    value: Any
    converged: bool


class _Piece(NamedTuple):
    """One piece: its last-level value, its relative error estimate and the nodes spent
    so far (over the whole pass)."""

    value: Any
    error: Any
    spent: int


class _Pass(NamedTuple):
    """One pass over the pieces: the sum, the error bound of the sum, the sum of
    ``|piece|`` (larger than ``|sum|`` where the pieces cancel)."""

    total: Any
    bound: Any
    size: Any


@lru_cache(maxsize=1)
def _rule() -> TanhSinh:
    """One rule for the process: its node cache is shared by every call."""
    return TanhSinh(mpmath.mp)


def relative_error_estimate(results: Sequence[Any], digits: int) -> Any:
    """The error of the last of successive tanh-sinh levels, relative to it.

    Borwein, Bailey & Girgensohn's extrapolation (each level doubles the correct
    digits), as in mpmath's ``estimate_error``, but on differences relative to the
    latest result and with the floor ``10**-(digits + 20)`` instead of one tied to the
    working precision.
    """
    scale = abs(results[-1]) or 1
    d1 = abs(results[-1] - results[-2]) / scale
    if len(results) == 2:
        return d1
    d2 = abs(results[-1] - results[-3]) / scale
    if d1 == 0:
        return d2
    if d2 >= 1:
        return mpmath.mpf(1)
    e1, e2 = mpmath.log10(d1), mpmath.log10(d2)
    return mpmath.mpf(10) ** min(0, max(e1**2 / e2, 2 * e1, -digits - 20))


def _piece(f: Callable[[Any], Any], a: Any, b: Any, prec: int, digits: int, tol: Any,
           spent: int) -> _Piece:
    """``int_a^b f`` level by level until the relative goal ``tol`` (or the maximal
    degree); an infinite error once the pass's node budget is spent."""
    rule = _rule()
    results: list[Any] = []
    error = mpmath.mpf(1)
    for degree in range(1, rule.guess_degree(prec) + 1):
        nodes = rule.get_nodes(a, b, degree, prec)
        spent += len(nodes)
        if spent > QUADRATURE_NODES:  # a work budget, not a clock: unconverged
            return _Piece(results[-1] if results else 0, mpmath.inf, spent)
        results.append(rule.sum_next(f, nodes, degree, prec, results))
        if degree > 1:
            error = relative_error_estimate(results, digits)
            if error <= tol:
                break
    return _Piece(results[-1], error, spent)


def _pass(f: Callable[[Any], Any], points: Sequence[Any], digits: int, tol: Any) -> _Pass:
    """One pass over the pieces; the bound adds the pieces' estimates times their sizes."""
    prec = mpmath.mp.prec
    total, bound, size = mpmath.mpf(0), mpmath.mpf(0), mpmath.mpf(0)
    spent = 0
    with mpmath.workprec(prec + 20):
        for a, b in zip(points, points[1:], strict=False):
            a, b = mpmath.mpf(a), mpmath.mpf(b)
            if a == b:
                continue
            piece = _piece(f, a, b, prec, digits, tol, spent)
            spent = piece.spent
            if spent > QUADRATURE_NODES:
                return _Pass(total + piece.value, mpmath.inf, size)
            total += piece.value
            bound += min(piece.error, 1) * abs(piece.value)
            size += abs(piece.value)
    return _Pass(total, bound, size)


def integrate_tanh_sinh(f: Callable[[Any], Any], points: Sequence[Any], digits: int
                        ) -> TanhSinhValue:
    """``int f`` over the consecutive ``points`` to a relative error estimate of
    ``10**-(digits + 5)`` of the *sum*, at the caller's precision.

    Each piece is first asked for the relative goal; where the pieces cancel (the sum
    is smaller than its parts), they are asked again for the goal of the sum.
    ``converged`` is False when the error estimate of the sum still misses the goal.
    """
    tol = mpmath.mpf(10) ** (-digits - 5)
    value, bound, size = _pass(f, points, digits, tol)
    # The bound is infinite once the node budget is spent, even when no piece has been
    # summed yet (size 0): that is never convergence.
    if bound <= tol * abs(value):
        return TanhSinhValue(value, True)
    if value != 0 and size > abs(value):
        lost = int(mpmath.log10(size / abs(value))) + 1  # digits the cancellation costs
        with mpmath.workdps(mpmath.mp.dps + lost):
            value, bound, _ = _pass(f, points, digits + lost, tol / 10**lost)
    return TanhSinhValue(+value, bool(bound <= tol * abs(value)))
