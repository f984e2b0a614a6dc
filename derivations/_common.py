"""Shared pieces of the paper's derivations: parameter points and numeric references.

References come from the numeric layer's validated quadrature of the *defining*
integrals (``remsym.numeric.reference``), never from a derived closed form.
"""

from __future__ import annotations

from typing import Any, Mapping

import mpmath
import sympy as sp


from remsym.symbols import Delta, N, T, epsilon, nu, rho

_NAMES = {T: "T", Delta: "Delta", epsilon: "epsilon", N: "N", nu: "nu", rho: "rho"}


def as_params(point: Mapping[sp.Symbol, Any]) -> dict[str, str]:
    """Symbol-keyed point -> the numeric layer's named parameters (exact decimal strings)."""
    out = {}
    for sym, val in point.items():
        if sym in _NAMES:
            v = sp.Rational(val) if not isinstance(val, sp.Integer) else val
            out[_NAMES[sym]] = str(sp.N(v, 60)) if not v.is_Integer else str(int(v))
    return out


def quadrature_reference(quantity: str, scale: Any = None):
    """A ``reference(point, digits)`` callable for ``quantity`` (times ``scale`` if given)."""

    def ref(point: Mapping[sp.Symbol, Any], digits: int) -> Any:
        from remsym.numeric.reference import reference

        val = reference(quantity, as_params(point), digits).value
        if scale is not None:
            with mpmath.workdps(digits + 10):
                return val * mpmath.mpf(sp.N(sp.sympify(scale).xreplace(dict(point)), digits + 10))
        return val

    return ref


#: The points Delta/T in {1, 3, 9, 20, 50} (with varied T and epsilon) for exact results.
EXACT_POINTS = tuple({T: sp.Rational(t), Delta: sp.Rational(d), epsilon: sp.Rational(e)}
                     for t, d, e in [(1, 1, 0), ("0.5", "1.5", "-3"), ("2", "18", "7"),
                                     ("0.25", "5", "-40"), ("1", "50", "0")])



def _mp(point: Mapping[sp.Symbol, Any], sym: sp.Symbol) -> Any:
    return mpmath.mpf(sp.Rational(point[sym]).p) / sp.Rational(point[sym]).q


def boltzmann_average(log_x, point: Mapping[sp.Symbol, Any], digits: int, lower=None,
                      upper=None) -> Any:
    """<X> = (1/q) * integral of G(E) exp(-E/T) X(E) dE at fixed rho, by validated quadrature.

    Works in the natural variable u = (E - E*)/Delta, where the weight is the standard
    normal density; ``log_x(E, eps, Delta, T)`` is ln X (mpmath).  The integrand's peak
    is located numerically and the range split at the peak and a few widths around it;
    two splittings at two precisions must agree to ``digits`` or NumericReferenceError.
    ``lower``/``upper`` restrict E (for the split of Eq 12 at E*).
    """
    from remsym.errors import NumericReferenceError

    results = []
    for guard, offsets in ((15, (1, 3, 6, 10)), (25, (0.5, 2, 4.5, 8, 14))):
        with mpmath.workdps(digits + guard):
            t, w, e = _mp(point, T), _mp(point, Delta), _mp(point, epsilon)
            e_star = e - w**2 / t

            def logf(u):
                energy = e_star + w * u
                return -u**2 / 2 + log_x(energy, e, w, t)

            lo = -mpmath.inf if lower is None else (lower(e, w, t) - e_star) / w
            hi = mpmath.inf if upper is None else (upper(e, w, t) - e_star) / w
            a = lo if lo != -mpmath.inf else mpmath.mpf(-60) - w / t
            b = hi if hi != mpmath.inf else mpmath.mpf(60)
            # golden-section on the log-integrand (unimodal for every X used here)
            lo_s, hi_s = a, b
            phi = (mpmath.sqrt(5) - 1) / 2
            for _ in range(200):
                m1, m2 = hi_s - phi * (hi_s - lo_s), lo_s + phi * (hi_s - lo_s)
                if logf(m1) < logf(m2):
                    lo_s = m1
                else:
                    hi_s = m2
                if hi_s - lo_s < mpmath.mpf(10) ** -5:
                    break
            peak = (lo_s + hi_s) / 2
            shift = logf(peak)
            pts = sorted({max(min(peak + sgn * o, b), a) for o in offsets for sgn in (-1, 1)}
                         | {peak})
            pts = [lo] + [p for p in pts if lo < p < hi] + [hi]
            val = mpmath.quad(lambda u: mpmath.exp(logf(u) - shift), pts)
            results.append((val / mpmath.sqrt(2 * mpmath.pi), shift))
    with mpmath.workdps(digits + 15):
        (v1, s1), (v2, s2) = results
        a1, a2 = v1 * mpmath.exp(s1), v2 * mpmath.exp(s2)
        diff = abs(a1 - a2) / abs(a2)
        if diff > mpmath.mpf(10) ** (-digits - 2):
            raise NumericReferenceError(f"quadrature routes disagree by {mpmath.nstr(diff, 3)}")
        return +a2


def log_p_less(energy, e, w, t):
    """ln p<(E) = ln(erfc((eps - E)/(sqrt 2 Delta))/2): the CDF of G, the inner integral."""
    return mpmath.log(mpmath.erfc((e - energy) / (mpmath.sqrt(2) * w)) / 2)


def _q_and_mean(point: Mapping[sp.Symbol, Any], digits: int) -> tuple[Any, Any]:
    """q = integral G exp(-E/T) and <E> = integral E G exp(-E/T) / q, two splittings."""
    from remsym.errors import NumericReferenceError

    out = []
    for guard, offsets in ((15, (1, 3, 6, 10)), (25, (0.5, 2, 4.5, 8, 14))):
        with mpmath.workdps(digits + guard):
            t, w, e = _mp(point, T), _mp(point, Delta), _mp(point, epsilon)
            # locate the peak numerically from the integrand's log (golden section)
            logf = lambda en: -(en - e) ** 2 / (2 * w**2) - en / t  # noqa: E731
            lo_s, hi_s = e - 100 * w - w**2 / t * 2, e + 100 * w
            phi = (mpmath.sqrt(5) - 1) / 2
            for _ in range(300):
                m1, m2 = hi_s - phi * (hi_s - lo_s), lo_s + phi * (hi_s - lo_s)
                if logf(m1) < logf(m2):
                    lo_s = m1
                else:
                    hi_s = m2
                if hi_s - lo_s < w * mpmath.mpf(10) ** -6:
                    break
            peak = (lo_s + hi_s) / 2
            top = logf(peak)
            pts = [-mpmath.inf] + sorted(peak + sgn * o * w for o in offsets for sgn in (-1, 1)) \
                + [mpmath.inf]
            pts.insert(len(pts) // 2, peak)
            dens = lambda en: mpmath.exp(logf(en) - top) / (mpmath.sqrt(2 * mpmath.pi) * w)  # noqa: E731
            z = mpmath.quad(dens, pts)
            mean = mpmath.quad(lambda en: en * dens(en), pts) / z
            out.append((z * mpmath.exp(top), mean))
    with mpmath.workdps(digits + 15):
        (q1, m1_), (q2, m2_) = out
        if abs(q1 - q2) / q2 > mpmath.mpf(10) ** (-digits - 2) or abs(m1_ - m2_) > (
                abs(m2_) + w) * mpmath.mpf(10) ** (-digits - 2):
            raise NumericReferenceError("q / <E> quadrature routes disagree")
        return +q2, +m2_


def entropy_reference(point: Mapping[sp.Symbol, Any], digits: int) -> Any:
    """S_c(T, rho) = ln Omega + ln q + <E>/T (canonical entropy) from quadrature and Eq 2."""
    with mpmath.workdps(digits + 15):
        q, mean = _q_and_mean(point, digits)
        big, frac, states = int(point[N]), sp.Rational(point[rho]), int(point[nu])
        k = int(frac * big)
        log_omega = mpmath.log(mpmath.binomial(big, k)) + (big - k) * mpmath.log(states)
        return log_omega + mpmath.log(q) + mean / _mp(point, T)


def mean_energy_reference(point: Mapping[sp.Symbol, Any], digits: int) -> Any:
    """<E> at fixed rho by quadrature (the E* of Eq 5c is this mean, exactly)."""
    return _q_and_mean(point, digits)[1]


def q_reference(point: Mapping[sp.Symbol, Any], digits: int) -> Any:
    """q(T, rho) = integral of G(E) exp(-E/T) over the line, by validated quadrature."""
    return _q_and_mean(point, digits)[0]
