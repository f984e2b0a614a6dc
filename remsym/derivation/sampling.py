"""Where the numeric witnesses look: parameter boxes that respect the symbols'
assumptions, and the points of a counterexample search over them.

A box ``(symbol, low, high)`` must lie where the symbol's assumptions allow it (a
``positive`` symbol on ``[-2, -1]`` would let an assumption-based rewrite "prove" an
identity that is false on the box): :func:`domain_conflict` names the contradiction,
and the checker treats it as a usage error.  Without a box a symbol ranges over a
default interval chosen by its assumptions (``negative`` symbols are sampled negative).

:func:`search_points` draws, from a generator seeded by the caller, the box's corners,
the midpoints of its faces, its centre, points just inside its edges, and random
points: log-uniform where the box spans a decade or more of one sign, uniform
otherwise.  Integer symbols get integers, the ends included.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence
from fractions import Fraction

import mpmath
import sympy as sp

__all__ = ["Box", "default_interval", "domain_conflict", "box_of", "search_points",
           "random_point", "box_centre", "centre_corners_random", "critical_points"]

Box = tuple[tuple[sp.Symbol, float, float], ...]


def default_interval(sym: sp.Symbol) -> tuple[float, float]:
    """The interval a symbol without a box ranges over, by its assumptions."""
    if sym.is_positive:
        return (0.5, 3.0)
    if sym.is_negative:
        return (-3.0, -0.5)
    if sym.is_nonnegative:
        return (0.0, 3.0)
    if sym.is_nonpositive:
        return (-3.0, 0.0)
    return (-2.0, 2.0)


def domain_conflict(domain: Sequence) -> str | None:
    """A one-line description of the first box that contradicts its symbol's
    assumptions (or is malformed), else None."""
    for entry in domain:
        try:
            sym, lo, hi = entry
            lo, hi = float(lo), float(hi)
        except (TypeError, ValueError):
            return f"malformed domain entry {entry!r}: expected (symbol, low, high)"
        if not isinstance(sym, sp.Symbol):
            return f"malformed domain entry {entry!r}: {sym!r} is not a SymPy symbol"
        if not (math.isfinite(lo) and math.isfinite(hi)) or lo > hi:
            return f"domain of {sym} is [{lo:g}, {hi:g}], not a finite interval"
        name = f"domain of {sym} [{lo:g}, {hi:g}]"
        if sym.is_positive and lo < 0 or sym.is_positive and hi <= 0:
            return f"{name} leaves its assumption positive"
        if sym.is_negative and hi > 0 or sym.is_negative and lo >= 0:
            return f"{name} leaves its assumption negative"
        if sym.is_nonnegative and lo < 0:
            return f"{name} leaves its assumption nonnegative"
        if sym.is_nonpositive and hi > 0:
            return f"{name} leaves its assumption nonpositive"
        if sym.is_integer and math.floor(hi) < math.ceil(lo):
            return f"{name} holds no integer"
    return None


def box_of(symbols: Sequence[sp.Symbol], domain: Sequence) -> dict[sp.Symbol, tuple]:
    """Each symbol's interval: its box, else its default interval."""
    boxes = {sym: (float(lo), float(hi)) for sym, lo, hi in domain}
    return {s: boxes.get(s, default_interval(s)) for s in symbols}


def _inside(sym: sp.Symbol, v: float, lo: float, hi: float) -> float:
    """``v`` moved just inside the interval where an end is excluded by the assumptions
    (0 for a positive or negative symbol)."""
    if v == 0 and (sym.is_positive or sym.is_negative):
        return lo + 1e-6 * (hi - lo) if v == lo else hi - 1e-6 * (hi - lo)
    return v


def _exact(sym: sp.Symbol, v: float, lo: float, hi: float) -> sp.Expr:
    if sym.is_integer:
        floor = 1 if sym.is_positive else (0 if sym.is_nonnegative else -10**9)
        n = max(min(round(v), math.floor(hi)), math.ceil(lo), floor)
        return sp.Integer(n)
    if v not in (lo, hi):
        return sp.Rational(round(_inside(sym, v, lo, hi) * 10**9), 10**9)
    f = Fraction(repr(float(_inside(sym, v, lo, hi))))  # the end as written, exactly
    return sp.Rational(f.numerator, f.denominator)


def _draw(rng: random.Random, lo: float, hi: float) -> float:
    if lo > 0 and hi / lo >= 10:
        return math.exp(rng.uniform(math.log(lo), math.log(hi)))
    if hi < 0 and lo / hi >= 10:
        return -math.exp(rng.uniform(math.log(-hi), math.log(-lo)))
    return rng.uniform(lo, hi)


def random_point(symbols: Sequence[sp.Symbol], domain: Sequence, rng: random.Random
                 ) -> dict[sp.Symbol, sp.Expr]:
    """One random point of the box (log-uniform over decades; integers for integers)."""
    intervals = box_of(sorted(symbols, key=lambda z: z.name), domain)
    return {s: _exact(s, _draw(rng, lo, hi), lo, hi) for s, (lo, hi) in intervals.items()}


def search_points(symbols: Sequence[sp.Symbol], domain: Sequence, rng: random.Random,
                  random_count: int, structured: bool = True, corners: int = 16
                  ) -> list[dict[sp.Symbol, sp.Expr]]:
    """The points of a counterexample search: up to ``corners`` corners, the centre and
    points just inside the edges of the box (``structured``), then ``random_count``
    random points.  Duplicates removed, order fixed by ``rng``."""
    ordered = sorted(symbols, key=lambda z: z.name)
    intervals = box_of(ordered, domain)
    points: list[dict[sp.Symbol, sp.Expr]] = []
    if ordered and structured:
        ends = [(lo, hi) for lo, hi in intervals.values()]
        all_corners = list(itertools.product(*ends))
        if len(all_corners) > corners:
            all_corners = rng.sample(all_corners, corners)
        for corner in all_corners:
            points.append({s: _exact(s, v, *intervals[s]) for s, v in zip(ordered, corner,
                                                                           strict=True)})
        centre = {s: (lo + hi) / 2 for s, (lo, hi) in intervals.items()}
        points.append({s: _exact(s, v, *intervals[s]) for s, v in centre.items()})
        for s in ordered:
            lo, hi = intervals[s]
            for v in (lo + 1e-3 * (hi - lo), hi - 1e-3 * (hi - lo)):
                face = dict(centre)
                face[s] = v
                points.append({k: _exact(k, w, *intervals[k]) for k, w in face.items()})
    points.extend(random_point(ordered, domain, rng) for _ in range(random_count))
    unique: list[dict[sp.Symbol, sp.Expr]] = []
    seen: set[tuple] = set()
    for p in points:
        key = tuple(p[s] for s in ordered)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def box_centre(symbols: Sequence[sp.Symbol], domain: Sequence) -> dict[sp.Symbol, sp.Expr]:
    """The centre of the box (integers for integer symbols), as exact numbers."""
    intervals = box_of(sorted(symbols, key=lambda z: z.name), domain)
    return {s: _exact(s, (lo + hi) / 2, lo, hi) for s, (lo, hi) in intervals.items()}


def centre_corners_random(symbols: Sequence[sp.Symbol], domain: Sequence, rng: random.Random,
                          corners: int, randoms: int) -> list[dict[sp.Symbol, sp.Expr]]:
    """The box's centre, ``corners`` of its corners (drawn by ``rng``) and ``randoms``
    random points: the parameter points of an asymptotic step."""
    ordered = sorted(symbols, key=lambda z: z.name)
    intervals = box_of(ordered, domain)
    points = [box_centre(ordered, domain)]
    all_corners = list(itertools.product(*intervals.values()))
    for corner in rng.sample(all_corners, min(corners, len(all_corners))):
        points.append({s: _exact(s, v, *intervals[s])
                       for s, v in zip(ordered, corner, strict=True)})
    points.extend(random_point(ordered, domain, rng) for _ in range(randoms))
    return points


#: Functions whose argument's zeros are where an expression changes its formula.
_SWITCHES = (sp.Heaviside, sp.sign, sp.Abs, sp.floor, sp.ceiling)
#: The most critical values used per symbol.
MAX_CRITICAL = 24


def _real_roots(arg: sp.Expr, sym: sp.Symbol) -> list[sp.Rational]:
    """The real zeros of ``arg`` (a polynomial of degree <= 4 in ``sym`` with numeric
    coefficients), as rationals: exact for a linear ``arg`` with rational coefficients,
    else mpmath's ``polyroots`` rounded to 15 digits."""
    try:
        poly = sp.Poly(arg, sym)
        coeffs = poly.all_coeffs()
        if not 1 <= poly.degree() <= 4 or not all(c.is_number for c in coeffs):
            return []
        if poly.degree() == 1 and all(c.is_Rational for c in coeffs):
            return [-coeffs[1] / coeffs[0]]
        with mpmath.workdps(20):
            numbers = [mpmath.mpmathify(sp.N(c, 20)) for c in coeffs]
            found = mpmath.polyroots(numbers, maxsteps=100, extraprec=40)
            return [_rational_of(mpmath.re(r)) for r in found
                    if abs(mpmath.im(r)) <= 1e-12 * (1 + abs(r))]
    except Exception:  # noqa: BLE001 - no convergence, complex or odd coefficients: none
        return []


def _rational_of(v) -> sp.Rational:
    f = Fraction(mpmath.nstr(v, 15))
    return sp.Rational(f.numerator, f.denominator)


def _extreme(expr: sp.Expr) -> bool:
    """Whether ``expr`` holds a number of magnitude >= 10**3 or <= 10**-3 (the
    coefficient of a narrow bump)."""
    return any(n != 0 and (abs(n) >= 1000 or abs(n) <= sp.Rational(1, 1000))
               for n in expr.atoms(sp.Number))


def critical_points(exprs: Sequence[sp.Expr], symbols: Sequence[sp.Symbol], domain: Sequence
                    ) -> list[dict[sp.Symbol, sp.Expr]]:
    """Points where a piecewise formula switches, and between its switches: the zeros of
    the conditions of ``Piecewise``, of the arguments of Heaviside, sign, Abs, floor and
    ceiling, of the differences of Min/Max arguments, and of the slopes of exponents
    (the centre of a narrow Gaussian bump), along each symbol with the
    others at the box's centre.  A window of a thousandth of the box, where the two
    sides differ, falls between two such zeros (random points would miss it)."""
    ordered = sorted(symbols, key=lambda z: z.name)
    intervals = box_of(ordered, domain)
    centre = box_centre(ordered, domain)
    switches: list[sp.Expr] = []
    for e in exprs:
        e = sp.sympify(e)
        switches += [r.lhs - r.rhs for r in e.atoms(sp.core.relational.Relational)]
        switches += [f.args[0] for f in e.atoms(*_SWITCHES)]
        for m in e.atoms(sp.Min, sp.Max):
            switches += [a - b for a, b in itertools.combinations(m.args, 2)]
        # the top of an exp(polynomial) with an extreme coefficient: a bump narrower than
        # the random points can find sits there (ordinary exponents are left out: cost)
        switches += [sp.diff(f.args[0], s) for f in e.atoms(sp.exp) if _extreme(f.args[0])
                     for s in symbols if f.args[0].has(s)]
    points = []
    for sym in ordered:
        lo, hi = intervals[sym]
        others = {k: v for k, v in centre.items() if k != sym}
        values: set[sp.Rational] = set()
        for arg in switches:
            if not arg.has(sym):
                continue
            for root in _real_roots(arg.xreplace(others), sym):
                if lo <= root <= hi:
                    values.add(root)
        cuts = sorted(values)[:MAX_CRITICAL]
        if not cuts:
            continue
        bounds = [sp.nsimplify(lo, rational=True)] + cuts + [sp.nsimplify(hi, rational=True)]
        candidates = set(cuts) | {(a + b) / 2 for a, b in itertools.pairwise(bounds)}
        for v in sorted(candidates):
            if sym.is_integer:
                v = sp.Integer(round(v))
            if (sym.is_positive and v <= 0) or (sym.is_negative and v >= 0):
                continue
            points.append({**centre, sym: v})
    return points
