"""Shared pieces of the paper's derivations: parameter points and numeric references.

References come from the numeric layer's validated quadrature of the *defining*
integrals (``remsym_paper.numeric.reference``), never from a derived closed form.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any, NamedTuple

import mpmath
import sympy as sp

from remsym.derivation.evaluate import as_mpf
from remsym.errors import NumericReferenceError
from remsym.numeric.quadrature import certified_integral
from remsym_paper import model
from remsym_paper.numeric.reference import reference
from remsym_paper.symbols import Delta, E, N, T, epsilon, nu, rho

_NAMES = {T: "T", Delta: "Delta", epsilon: "epsilon", N: "N", nu: "nu", rho: "rho"}


@lru_cache(maxsize=512)
def simplified(expr: sp.Expr) -> sp.Expr:
    """``sympy.simplify``, once per expression and process.

    The derivations simplify the same engine results in several equations (the
    <fu> of Eqs 7, 10 and 11; the Eq 12 closed forms of Eqs 12, 14, 15 and 16).
    """
    return sp.simplify(expr)


def as_params(point: Mapping[sp.Symbol, Any]) -> dict[str, str]:
    """Symbol-keyed point -> the numeric layer's named parameters (exact decimal strings)."""
    out = {}
    for sym, val in point.items():
        if sym in _NAMES:
            v = sp.Rational(val) if not isinstance(val, sp.Integer) else val
            out[_NAMES[sym]] = str(sp.N(v, 60)) if not v.is_Integer else str(int(v))
    return out


@lru_cache(maxsize=256)
def _validated(quantity: str, params: tuple[tuple[str, str], ...], digits: int) -> Any:
    """The numeric layer's validated value, once per process (a step witness and the
    numeric block of the same derivation ask for the same points)."""
    return reference(quantity, dict(params), digits).value


def quadrature_reference(quantity: str, scale: Any = None):
    """A ``reference(point, digits)`` callable for ``quantity`` (times ``scale`` if given)."""

    def ref(point: Mapping[sp.Symbol, Any], digits: int) -> Any:
        val = _validated(quantity, tuple(sorted(as_params(point).items())), digits)
        if scale is not None:
            with mpmath.workdps(digits + 10):
                return val * mpmath.mpf(sp.N(sp.sympify(scale).xreplace(dict(point)), digits + 10))
        return val

    return ref


#: The points Delta/T in {1, 3, 9, 20, 50} (with varied T and epsilon) for exact results.
EXACT_POINTS = tuple({T: sp.Rational(t), Delta: sp.Rational(d), epsilon: sp.Rational(e)}
                     for t, d, e in [(1, 1, 0), ("0.5", "1.5", "-3"), ("2", "18", "7"),
                                     ("0.25", "5", "-40"), ("1", "50", "0")])


def boltzmann_integral(factor: sp.Expr, point: Mapping[sp.Symbol, Any], digits: int) -> Any:
    """int G(E) exp(-E/T) factor(E) dE over the line at ``point``, by certified quadrature.

    Two routes must agree to ``digits`` (DESIGN: a reference is trusted only when two
    independent routes agree): Arb balls at two precisions on two chunkings of the line
    (first chunk one peak width, or 0.37 of it).  Each is also a ball whose radius is
    below ``10**-(digits + 7)`` relative.
    """
    integral = sp.Integral(model.G(E) * model.boltzmann(E) * factor, (E, -sp.oo, sp.oo))
    first = certified_integral(integral, point, digits + 5).value
    second = certified_integral(integral, point, digits + 15, stretch=0.37).value
    with mpmath.workdps(digits + 15):
        scale = max(abs(first), abs(second))
        if scale and abs(first - second) > scale * mpmath.mpf(10) ** (-digits - 2):
            raise NumericReferenceError(f"certified routes disagree by relative "
                                        f"{mpmath.nstr(abs(first - second) / scale, 3)}")
        return +second


def boltzmann_average(factor: sp.Expr, point: Mapping[sp.Symbol, Any], digits: int) -> Any:
    """<X> = (1/q) int G(E) exp(-E/T) X(E) dE at fixed rho (Eq 7), ``X = factor`` (in E).

    Both integrals are the model's defining integrals, each integrated by certified
    ball quadrature (:mod:`remsym.numeric.quadrature.arb`) on two routes that must agree
    (:func:`boltzmann_integral`), else :class:`~remsym.errors.NumericReferenceError`.
    """
    with mpmath.workdps(digits + 15):
        return boltzmann_integral(factor, point, digits) / boltzmann_integral(
            sp.Integer(1), point, digits)


#: p<(E) = erfc((eps - E)/(sqrt 2 Delta))/2: the CDF of G, the inner integral of Eq 3.
P_LESS = model.p_less_erfc(E)


class QAndMean(NamedTuple):
    """q(T, rho) and the Boltzmann mean energy <E> at one point."""

    q: Any
    mean: Any


def _q_and_mean(point: Mapping[sp.Symbol, Any], digits: int) -> QAndMean:
    """q = int G exp(-E/T) and <E> = int E G exp(-E/T) / q, by certified quadrature."""
    with mpmath.workdps(digits + 15):
        q = boltzmann_integral(sp.Integer(1), point, digits)
        return QAndMean(q, boltzmann_integral(E, point, digits) / q)


def entropy_reference(point: Mapping[sp.Symbol, Any], digits: int) -> Any:
    """S_c(T, rho) = ln Omega + ln q + <E>/T (canonical entropy) from quadrature and Eq 2."""
    with mpmath.workdps(digits + 15):
        q, mean = _q_and_mean(point, digits)
        big, frac, states = int(point[N]), sp.Rational(point[rho]), int(point[nu])
        k = int(frac * big)
        log_omega = mpmath.log(mpmath.binomial(big, k)) + (big - k) * mpmath.log(states)
        return log_omega + mpmath.log(q) + mean / as_mpf(point[T])


def mean_energy_reference(point: Mapping[sp.Symbol, Any], digits: int) -> Any:
    """<E> at fixed rho by quadrature (the E* of Eq 5c is this mean, exactly)."""
    return _q_and_mean(point, digits).mean


def q_reference(point: Mapping[sp.Symbol, Any], digits: int) -> Any:
    """q(T, rho) = integral of G(E) exp(-E/T) over the line, by validated quadrature."""
    return boltzmann_integral(sp.Integer(1), point, digits)
