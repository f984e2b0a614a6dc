"""A reusable assertion for asymptotic results: the error must fall at the stated rate.

An asymptotic claim ``approx = exact * (1 + O(lam**-p))`` is checked as DESIGN.md's
verification model asks (and STYLE §8): the relative error is measured at two or
more values of the large parameter ``lam``, must be small, and the exponent seen
between consecutive values, ``log(e2/e1) / log(lam2/lam1)``, must equal ``-p``
within ``tol``.  A stated order that is too optimistic (the error falls more
slowly) fails, and so does an approximation that is not asymptotic at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import mpmath

__all__ = ["RateCheck", "assert_asymptotic_rate"]


@dataclass(frozen=True)
class RateCheck:
    """What :func:`assert_asymptotic_rate` measured (returned so tests can report it)."""

    large_values: tuple[Any, ...]
    rel_errors: tuple[Any, ...]
    exponents: tuple[float, ...]


def assert_asymptotic_rate(approx: Callable[[Any], Any], reference: Callable[[Any], Any],
                           large_values: Sequence[Any], order_exponent: float,
                           tol: float = 0.25, *, floor: Any = None,
                           digits: int = 40) -> RateCheck:
    """Assert ``|approx/reference - 1|`` falls like ``lam**-order_exponent``.

    ``approx(lam)`` and ``reference(lam)`` return numbers (mpf, float, or decimal
    strings), evaluated at each of ``large_values`` (at least two, increasing).
    ``tol`` bounds ``|observed exponent - order_exponent|`` between consecutive
    values.  Errors below ``floor`` (default ``10**-(digits-5)``) count as exact
    agreement -- better than the stated order, which passes -- so a reference of
    limited precision never produces a spurious rate.  Returns a
    :class:`RateCheck`.
    """
    lams = tuple(large_values)
    if len(lams) < 2:
        raise ValueError("need at least two values of the large parameter")
    if any(b <= a for a, b in zip(lams, lams[1:], strict=False)):
        raise ValueError(f"large values must increase: {lams}")
    with mpmath.workdps(digits):
        floor = mpmath.mpf(10) ** (5 - digits) if floor is None else mpmath.mpf(floor)
        errors = []
        for lam in lams:
            ref = mpmath.mpf(reference(lam))
            if ref == 0:
                raise AssertionError(f"reference is 0 at lam={lam}")
            errors.append(abs(mpmath.mpf(approx(lam)) / ref - 1))
        exponents = []
        for k in range(len(lams) - 1):
            (l1, e1), (l2, e2) = (lams[k], errors[k]), (lams[k + 1], errors[k + 1])
            if e2 <= floor:
                exponents.append(float("inf"))  # exact to the reference's precision
                continue
            if e1 <= floor:
                raise AssertionError(
                    f"relative error grew from below {mpmath.nstr(floor, 3)} at lam={l1} "
                    f"to {mpmath.nstr(e2, 3)} at lam={l2}: not asymptotic")
            observed = -float(mpmath.log(e2 / e1) / mpmath.log(mpmath.mpf(l2) / mpmath.mpf(l1)))
            exponents.append(observed)
            if abs(observed - order_exponent) > tol:
                table = ", ".join(f"lam={lam}: {mpmath.nstr(e, 3)}"
                                  for lam, e in zip(lams, errors, strict=True))
                raise AssertionError(
                    f"relative error falls like lam**-{observed:.3f} between lam={l1} and "
                    f"lam={l2}, not lam**-{order_exponent} (tol {tol}); errors: {table}")
        if errors[-1] > floor and errors[-1] >= 1:
            raise AssertionError(f"relative error {mpmath.nstr(errors[-1], 3)} is not small")
    return RateCheck(lams, tuple(errors), tuple(exponents))
