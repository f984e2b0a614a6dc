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

import sympy as sp

__all__ = ["Box", "default_interval", "domain_conflict", "box_of", "search_points",
           "random_point", "centre_corners_random"]

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


def centre_corners_random(symbols: Sequence[sp.Symbol], domain: Sequence, rng: random.Random,
                          corners: int, randoms: int) -> list[dict[sp.Symbol, sp.Expr]]:
    """The box's centre, ``corners`` of its corners (drawn by ``rng``) and ``randoms``
    random points: the parameter points of an asymptotic step."""
    ordered = sorted(symbols, key=lambda z: z.name)
    intervals = box_of(ordered, domain)
    points = [{s: _exact(s, (lo + hi) / 2, lo, hi) for s, (lo, hi) in intervals.items()}]
    all_corners = list(itertools.product(*intervals.values()))
    for corner in rng.sample(all_corners, min(corners, len(all_corners))):
        points.append({s: _exact(s, v, *intervals[s])
                       for s, v in zip(ordered, corner, strict=True)})
    points.extend(random_point(ordered, domain, rng) for _ in range(randoms))
    return points
