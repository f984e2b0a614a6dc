"""Certified one-dimensional quadrature with python-flint's ball arithmetic.

Arb's ``acb.integral`` (Johansson, "Numerical integration in arbitrary-precision
ball arithmetic", ICMS 2018) returns a ball that provably contains the integral
over a *finite* path: Gauss-Legendre on adaptively bisected pieces, each error
bounded by the integrand's maximum on an enclosing ellipse.  This module

1. compiles a SymPy integrand to ball arithmetic through :func:`sympy.lambdify`
   with :class:`ArbPrinter` and the explicit namespace :data:`ARB_FUNCTIONS`
   (exact rationals stay exact; branch-cut functions are evaluated with
   ``analytic=True``, so a ball that touches a cut returns a non-finite value
   and Arb subdivides rather than trusting it);
2. locates the integrand's peak on the real line (a coarse scan over
   geometrically spaced points, then a golden-section refinement of ``log|f|``);
3. integrates a finite range in one call and an infinite side in **chunks** from
   the peak outward, each twice as long as the last, until a chunk adds less
   than ``10**-(digits + 8)`` of the running total *and* the integrand has
   fallen by the same factor below its peak.  The truncated tail is the one
   part of the value the ball does not cover; for the REM's integrands
   (Gaussians times exponentials, error functions and powers of them) it is
   below the last chunk's contribution.

=============================  =================================================
name                           role
=============================  =================================================
:class:`ArbPrinter`            SymPy -> Python source for python-flint balls
:func:`compile_arb`            a SymPy expression as a function of ``acb`` balls
:func:`line_integral`          ``int_lo^hi f`` of a compiled integrand, a ball
:func:`certified_integral`     the same for a SymPy integral at a parameter point
:class:`CertifiedValue`        midpoint (mpmath), radius and the chunk count
:func:`ball_expression`        an expression of such values, the result a ball too
=============================  =================================================

Precision lives in ``flint.ctx.workprec`` blocks only; nothing global is set.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import mpmath
import sympy as sp
from sympy.printing.pycode import PythonCodePrinter

from remsym.errors import NumericReferenceError
from remsym.numeric.codegen import hoist_constants, merge_exponentials, positional_lambdify

__all__ = ["ArbPrinter", "ARB_FUNCTIONS", "CertifiedValue", "compile_arb", "line_integral",
           "certified_integral", "ball_expression"]


#: Integrand evaluations allowed per piece: a pathological integrand fails fast (the
#: caller then takes another route) instead of bisecting for minutes.
EVAL_LIMIT = 200_000


def _bits(digits: int) -> int:
    return int(digits * 3.33) + 16


def _namespace() -> dict[str, Any]:
    from flint import acb, arb

    def power(base: Any, exponent: Any) -> Any:
        # an exponent that is an exact integer at the point (N nu, ...) needs no branch cut
        e = acb(exponent)
        if e.imag.is_zero() and e.real.is_integer():
            return acb(base) ** int(e.real.unique_fmpz())
        return (acb(base).log(analytic=True) * e).exp()

    return {
        "_arb": arb,
        "_acb": acb,
        "_pow": power,
        "_pi": lambda: arb.pi(),
        "_e": lambda: arb(1).exp(),
        "exp": lambda z: acb(z).exp(),
        "log": lambda z: acb(z).log(analytic=True),
        "sqrt": lambda z: acb(z).sqrt(analytic=True),
        "erfc": lambda z: acb(z).erfc(),
        "erf": lambda z: acb(z).erf(),
        # remsym.numeric.lambdas.LogErfc: Arb's erfc does not underflow, so log(erfc) is direct
        "LogErfc": lambda z: acb(z).erfc().log(analytic=True),
        "loggamma": lambda z: acb(z).lgamma(),
        "gamma": lambda z: acb(z).gamma(),
        "cosh": lambda z: acb(z).cosh(),
        "sinh": lambda z: acb(z).sinh(),
    }


#: The functions an integrand may contain (anything else is reported, not guessed).
ARB_FUNCTIONS: tuple[str, ...] = ("exp", "log", "sqrt", "erfc", "erf", "loggamma", "gamma",
                                  "cosh", "sinh", "LogErfc")


class ArbPrinter(PythonCodePrinter):
    """Python source over python-flint balls: exact rationals, ``analytic`` branch cuts.

    Integers print as Python integers (exact in every ball operation), rationals
    as ``_arb(p)/q``, floats as decimal strings parsed at the working precision,
    and ``pi``/``E`` as Arb's constants; non-integer powers go through ``_pow``
    (``exp(e log b)`` with the branch cut guarded).
    """

    printmethod = "_arbcode"
    language = "Python with python-flint"
    _kf = {name: name for name in ARB_FUNCTIONS}

    def _print_known_func(self, expr: sp.Expr) -> str:
        name = expr.func.__name__
        return f"{name}({', '.join(map(self._print, expr.args))})"

    def _print_Function(self, expr: sp.Expr) -> str:
        if expr.func.__name__ in ARB_FUNCTIONS:
            return self._print_known_func(expr)
        raise NotImplementedError(f"no ball-arithmetic form for {expr.func.__name__}")

    _print_exp = _print_log = _print_erfc = _print_erf = _print_loggamma = _print_Function
    _print_gamma = _print_cosh = _print_sinh = _print_Function

    def _print_Rational(self, expr: sp.Rational) -> str:
        return f"(_arb({expr.p})/{expr.q})"

    def _print_Integer(self, expr: sp.Integer) -> str:
        return str(expr.p)

    def _print_Float(self, expr: sp.Float) -> str:
        return f"_arb({str(sp.Float(expr, max(expr._prec // 3 + 5, 20)))!r})"

    def _print_Pi(self, expr: sp.Expr) -> str:
        return "_pi()"

    def _print_Exp1(self, expr: sp.Expr) -> str:
        return "_e()"

    def _print_Pow(self, expr: sp.Pow, rational: bool = False) -> str:
        base, exponent = expr.as_base_exp()
        if exponent.is_Integer:
            return f"({self._print(base)})**({int(exponent)})"
        if exponent == sp.S.Half:
            return f"sqrt({self._print(base)})"
        if exponent == -sp.S.Half:
            return f"(1/sqrt({self._print(base)}))"
        return f"_pow({self._print(base)}, {self._print(exponent)})"

    def emptyPrinter(self, expr: Any) -> str:  # noqa: N802 - SymPy's hook name
        raise NotImplementedError(f"no ball-arithmetic form for {type(expr).__name__}")


@lru_cache(maxsize=512)
def _compiled(expr: sp.Expr, variables: tuple[sp.Symbol, ...]) -> Callable[..., Any]:
    return positional_lambdify(variables, expr, modules=[_namespace()], printer=ArbPrinter)


def compile_arb(expr: sp.Expr, variables: Sequence[sp.Symbol]) -> Callable[..., Any]:
    """``expr`` as a function of ``acb`` balls for ``variables`` (cached per expression).

    Raises ``NotImplementedError`` for a function without a ball form (the caller
    then uses another route) and for unevaluated integrals or sums.
    """
    expr = sp.sympify(expr)
    _refuse_without_ball_form(expr)
    return _compiled(expr, tuple(variables))


def _refuse_without_ball_form(expr: sp.Expr) -> None:
    """``NotImplementedError`` for unevaluated integrals or sums and for functions outside
    :data:`ARB_FUNCTIONS`.  Checked here, not in the printer: SymPy's PythonCodePrinter
    binds its own printers of sin, cos, Abs... at class level, and they would print names
    the namespace lacks."""
    if expr.has(sp.Integral, sp.Sum, sp.Product):
        raise NotImplementedError("nested integrals and sums have no single ball integrand")
    foreign = sorted({type(f).__name__ for f in expr.atoms(sp.Function)} - set(ARB_FUNCTIONS))
    if foreign:
        raise NotImplementedError(f"no ball-arithmetic form for {', '.join(foreign)}")


@lru_cache(maxsize=512)
def compile_arb_integrand(expr: sp.Expr, variable: sp.Symbol, params: tuple[sp.Symbol, ...]
                          ) -> Callable[..., Callable[[Any], Any]]:
    """``expr`` as an integrand in ``variable`` with fixed ``params``: ``bind(*balls)``
    returns ``f(z)``.

    The subexpressions free of ``variable`` (:func:`~remsym.numeric.codegen.hoist_constants`)
    are evaluated once, by ``bind``, at the precision in force there, and a product's
    ``exp`` factors are merged into one
    (:func:`~remsym.numeric.codegen.merge_exponentials`); ``f`` then costs only the
    operations on ``z`` (``benchmarks/bench_witness.py``).  ``bind`` must run at the
    precision of the integration.  Raises
    ``NotImplementedError`` as :func:`compile_arb` does.
    """
    expr = sp.sympify(expr)
    _refuse_without_ball_form(expr)
    body, constants = hoist_constants(merge_exponentials(expr), variable)
    symbols = tuple(symbol for symbol, _ in constants)
    values = _compiled(sp.Tuple(*(sub for _, sub in constants)), params)
    kernel = _compiled(body, (variable,) + symbols)

    def bind(*balls: Any) -> Callable[[Any], Any]:
        fixed = values(*balls)
        return lambda z: kernel(z, *fixed)

    return bind


@dataclass(frozen=True, slots=True)
class CertifiedValue:
    """An integral as a ball: ``value`` (mpmath midpoint), ``radius`` and the chunks used."""

    value: Any
    radius: Any
    chunks: int

    @property
    def relative_radius(self) -> Any:
        return self.radius / abs(self.value) if self.value != 0 else mpmath.inf


def _to_mpf(ball: Any, digits: int) -> Any:
    with mpmath.workdps(digits + 10):
        return mpmath.mpf(ball.mid().str(digits + 10, radius=False))


def _log_abs(f: Callable[[Any], Any], x: float | Any) -> float:
    from flint import acb, arb

    val = f(acb(arb(x)))
    mag = abs(val)
    if not mag.is_finite() or mag.is_zero() or not (mag > 0):
        return float("-inf")
    return float(mag.log().mid())


def _scan_points(lo: Any, hi: Any) -> list[float]:
    """Geometrically spaced trial points: the REM integrands peak within |x| < 1e4."""
    steps = [0.0] + [s * 2.0**k for k in range(-4, 15) for s in (1, -1)]
    if lo == -mpmath.inf and hi == mpmath.inf:
        pts = steps
    elif lo == -mpmath.inf:
        pts = [float(hi) - abs(s) for s in steps]
    elif hi == mpmath.inf:
        pts = [float(lo) + abs(s) for s in steps]
    else:
        a, b = float(lo), float(hi)
        pts = [a + (b - a) * j / 64 for j in range(65)]
    return sorted(set(pts))


def _locate_peak(f: Callable[[Any], Any], lo: Any, hi: Any) -> tuple[float, float, float]:
    """(position, width, log|f|) of the largest value of |f| on the real range."""
    pts = _scan_points(lo, hi)
    vals = [_log_abs(f, p) for p in pts]
    j = max(range(len(pts)), key=vals.__getitem__)
    if vals[j] == float("-inf"):
        raise NumericReferenceError("the integrand vanishes or overflows at every trial point")
    a, b = pts[max(j - 1, 0)], pts[min(j + 1, len(pts) - 1)]
    # The peak only places the chunks (any placement gives a valid ball), so the golden
    # section stops at 1e-3 of the scan's bracket; to 1e-9 it took a third of all the
    # integrand evaluations of a typical Boltzmann integral (224 of 682).
    goal = 1e-3 * (b - a)
    inv_phi = (5**0.5 - 1) / 2
    c, d = b - inv_phi * (b - a), a + inv_phi * (b - a)
    fc, fd = _log_abs(f, c), _log_abs(f, d)
    for _ in range(60):
        if b - a <= goal:
            break
        if fc >= fd:
            b, d, fd = d, c, fc
            c = b - inv_phi * (b - a)
            fc = _log_abs(f, c)
        else:
            a, c, fc = c, d, fd
            d = a + inv_phi * (b - a)
            fd = _log_abs(f, d)
    peak = (a + b) / 2
    top = _log_abs(f, peak)
    if top < vals[j]:
        peak, top = pts[j], vals[j]
    # width: the distance over which log|f| falls by one, by doubling from the
    # resolution of the peak
    width = max(goal, 1e-3)
    for _ in range(80):
        if min(_log_abs(f, peak + width), _log_abs(f, peak - width)) < top - 1:
            break
        width *= 2
    return peak, width, top


def _chunked(f: Callable[[Any], Any], lo: Any, hi: Any, peak: float, width: float,
             log_tol: float, digits: int) -> tuple[Any, int]:
    """The ball sum of ``acb.integral`` pieces over ``[lo, hi]`` (``None`` = infinite)."""
    from flint import acb, arb

    abs_tol = arb(mpmath.nstr(mpmath.exp(log_tol), 10))

    def integrand(z: Any, analytic: bool) -> Any:
        return f(z)

    def piece(a: Any, b: Any) -> Any:
        return acb.integral(integrand, a, b, abs_tol=abs_tol, eval_limit=EVAL_LIMIT)

    if lo is not None and hi is not None:
        return piece(lo, hi), 1
    total, chunks = acb(0), 0
    centre = arb(repr(peak))
    if lo is not None and centre < lo:
        centre = lo
    if hi is not None and centre > hi:
        centre = hi
    for side, end in ((-1, lo), (1, hi)):
        if end is not None:
            if (side < 0 and end < centre) or (side > 0 and end > centre):
                total += piece(centre, end) if side > 0 else piece(end, centre)
                chunks += 1
            continue
        start, step = centre, arb(repr(width))
        for _ in range(200):
            stop = start + side * step
            part = piece(start, stop) if side > 0 else piece(stop, start)
            total += part
            chunks += 1
            small = abs(part).upper() < abs_tol * 4 + abs(total).upper() * arb(10) ** (
                -(digits + 8))
            if small and _log_abs(f, float(stop.mid())) < log_tol:
                break
            start, step = stop, step * 2
        else:
            raise NumericReferenceError("the integrand does not decay on an infinite side")
    return total, chunks


def line_integral(f: Callable[[Any], Any], lo: Any, hi: Any, digits: int,
                  stretch: float = 1.0) -> CertifiedValue:
    """``int_lo^hi f(x) dx`` for a compiled ball integrand ``f``; ``lo``/``hi`` may be infinite.

    The ball covers the integral over the range actually integrated; infinite sides
    are covered in chunks (see the module docstring).  The absolute goal starts at
    ``10**-(digits + 8)`` of the peak value times the peak width and is tightened
    once by the observed cancellation; a value whose ball contains zero is returned
    as an absolute result (an identity ``X = 0``).  Raises
    :class:`~remsym.errors.NumericReferenceError` when the ball stays wider than
    ``10**-(digits + 2)`` relative to its midpoint otherwise.
    """
    from flint import acb, arb, ctx

    with ctx.workprec(_bits(digits + 15)):
        lo_b = None if lo == -mpmath.inf else arb(mpmath.nstr(lo, digits + 20))
        hi_b = None if hi == mpmath.inf else arb(mpmath.nstr(hi, digits + 20))
        for end in (lo_b, hi_b):
            if end is not None and not f(acb(end)).is_finite():
                # an endpoint singularity (1/sqrt(rho) at rho = 0): Arb would bisect towards
                # it for ever; tanh-sinh quadrature is the right tool there
                raise NumericReferenceError("the integrand is singular at an endpoint")
        peak, width, top = _locate_peak(f, lo, hi)
        log_tol = top + float(mpmath.log(width)) - (digits + 8) * 2.302585092994046
        for _attempt in range(2):
            total, chunks = _chunked(f, lo_b, hi_b, peak, width * stretch, log_tol, digits)
            real = total.real
            if not real.is_finite():
                raise NumericReferenceError("certified quadrature gave a non-finite ball")
            with mpmath.workdps(digits + 10):
                value = _to_mpf(real, digits)
                radius = mpmath.mpf(real.rad().str(5, radius=False)) + mpmath.mpf(
                    abs(total.imag).upper().str(5, radius=False))
                result = CertifiedValue(value, radius, chunks)
                if result.relative_radius <= mpmath.mpf(10) ** (-(digits + 2)):
                    return result
                if abs(value) <= radius:
                    return CertifiedValue(mpmath.mpf(0), radius, chunks)
                # cancellation: ask for the same relative goal of the smaller value
                log_tol += float(mpmath.log(abs(value) / mpmath.exp(top) / width)) - 2.3
        raise NumericReferenceError(f"certified quadrature reached only relative radius "
                                    f"{mpmath.nstr(result.relative_radius, 3)}")


def certified_integral(integral: sp.Integral, point: Mapping[sp.Symbol, Any],
                       digits: int, stretch: float = 1.0) -> CertifiedValue:
    """A one-dimensional SymPy ``Integral`` at a parameter ``point``, as a ball.

    The integrand is compiled once per expression (its parameters are arguments),
    the limits are evaluated at ``point`` with mpmath; raises ``NotImplementedError``
    for a nested integral or a function without a ball form.  Results are memoised
    per process (a ball is a fact): the checker meets the same integral at the same
    point in a step, its numeric block and its readings (measured: 328 of 770 calls).
    """
    free = integral.free_symbols
    relevant = tuple(sorted(((k, sp.sympify(v)) for k, v in point.items() if k in free),
                            key=lambda kv: kv[0].name))
    return _certified_integral(integral, relevant, digits, stretch)


@lru_cache(maxsize=4096)
def _certified_integral(integral: sp.Integral, relevant: tuple[tuple[sp.Symbol, Any], ...],
                        digits: int, stretch: float) -> CertifiedValue:
    from flint import ctx

    point = dict(relevant)
    (var, lower, upper), = integral.limits
    params = tuple(sorted(integral.function.free_symbols - {var}, key=lambda z: z.name))
    if any(p not in point for p in params):
        raise NotImplementedError("the integrand has symbols without a value")
    bind = compile_arb_integrand(integral.function, var, params)

    def bound(expr: sp.Expr) -> Any:
        expr = sp.sympify(expr).xreplace(dict(point))
        if expr in (sp.oo, -sp.oo):
            return mpmath.inf if expr == sp.oo else -mpmath.inf
        if not expr.is_number:
            raise NotImplementedError("an integration limit has symbols without a value")
        with mpmath.workdps(digits + 20):
            return mpmath.mpf(sp.N(expr, digits + 25))

    with ctx.workprec(_bits(digits + 15)):
        integrand = bind(*(_exact_ball(point[p], digits) for p in params))
        return line_integral(integrand, bound(lower), bound(upper), digits, stretch)


def _exact_ball(v: Any, digits: int) -> Any:
    """A point coordinate as a ball: rationals exactly (up to rounding), others from text."""
    from flint import acb, arb

    v = sp.sympify(v)
    if v.is_Rational:
        return acb(arb(v.p) / v.q)
    return acb(arb(str(sp.N(v, digits + 25))))


def ball_expression(expr: sp.Expr, point: Mapping[sp.Symbol, Any],
                    balls: Mapping[sp.Symbol, CertifiedValue], digits: int) -> Any:
    """``expr`` at ``point`` with some symbols standing for certified values, as mpmath.

    The whole expression is evaluated in ball arithmetic, so the radius of the
    result accounts for the radii of the integrals *and* for any loss in the outer
    expression (``log`` of an integral within 1e-30 of 1, a difference of nearly
    equal integrals).  Returns ``None`` when the result is not certified to
    ``10**-(digits + 2)`` relative (the caller asks for more digits), raises
    ``NotImplementedError`` when the expression has no ball form.
    """
    from flint import acb, arb, ctx

    symbols = tuple(sorted(sp.sympify(expr).free_symbols, key=lambda z: z.name))
    func = compile_arb(expr, symbols)
    with ctx.workprec(_bits(digits + 20)):
        args = []
        for z in symbols:
            if z in balls:
                ball = balls[z]
                args.append(acb(arb(ball.value, ball.radius)))  # exact: mpf -> arb
            else:
                args.append(_exact_ball(point[z], digits))
        result = acb(func(*args))
        if not result.is_finite():
            return None
        real, imag = result.real, result.imag
        if not (abs(imag).upper() <= abs(real).lower() * arb(10) ** (-(digits + 2))):
            return None  # not certifiably real: leave it to another route
        if real.is_zero():
            return mpmath.mpf(0)
        if not (real.rad() <= abs(real).lower() * arb(10) ** (-(digits + 2))):
            return None
        with mpmath.workdps(digits + 10):
            return _to_mpf(real, digits)
