"""Hypothesis strategies for the REM's physical parameters (the one place they live).

Values are drawn as floats and handed out as exact decimal strings
(``repr(float)``), the form ``remsym eval --set`` and
:func:`remsym_paper.numeric.reference.reference` read without rounding, so a test can
recompute the same point at any precision.

==========================  ====================================================
strategy                    draws
==========================  ====================================================
:func:`log_uniform`         floats whose log10 is uniform on [log10 lo, log10 hi]
:func:`ratios`              Delta/T, log-uniform (default 0.1 ... 1e4)
:func:`temperatures`        T > 0, log-uniform
:func:`epsilons`            eps: any finite real (bounded magnitude)
:func:`rhos`                rho in [0, 1], endpoints included
:func:`positive_integers`   N, nu >= 1
:func:`points`              a full parameter point ``{name: decimal string}``
==========================  ====================================================
"""

from __future__ import annotations

import math

from hypothesis import strategies as st

__all__ = ["log_uniform", "ratios", "temperatures", "epsilons", "rhos", "positive_integers",
           "points", "as_settings"]


def log_uniform(lo: float, hi: float) -> st.SearchStrategy[float]:
    """Floats in [lo, hi] with a uniformly distributed log10 (scale-free sampling)."""
    if not 0 < lo < hi:
        raise ValueError(f"need 0 < lo < hi, got {lo}, {hi}")
    return st.floats(math.log10(lo), math.log10(hi)).map(
        lambda e: min(max(10.0**e, lo), hi))


def ratios(lo: float = 0.1, hi: float = 1e4) -> st.SearchStrategy[float]:
    """The large parameter Delta/T, log-uniform."""
    return log_uniform(lo, hi)


def temperatures(lo: float = 1e-2, hi: float = 1e2) -> st.SearchStrategy[float]:
    """T > 0, log-uniform."""
    return log_uniform(lo, hi)


def epsilons(max_abs: float = 1e6) -> st.SearchStrategy[float]:
    """The mean energy eps: any finite real, |eps| <= max_abs (0 and signs included)."""
    return st.floats(-max_abs, max_abs, allow_nan=False, allow_infinity=False)


def rhos() -> st.SearchStrategy[float]:
    """The favoured fraction rho in [0, 1]."""
    return st.floats(0.0, 1.0)


def positive_integers(hi: int = 10**4) -> st.SearchStrategy[int]:
    """N or nu: integers from 1 to ``hi``."""
    return st.integers(1, hi)


@st.composite
def points(draw: st.DrawFn, ratio: st.SearchStrategy[float] | None = None,
           temperature: st.SearchStrategy[float] | None = None,
           epsilon: st.SearchStrategy[float] | None = None,
           n_max: int = 10**4, nu_max: int = 100) -> dict[str, str]:
    """A parameter point ``{"T", "Delta", "epsilon", "N", "nu", "rho"}`` as decimal strings.

    ``Delta = ratio * T`` (rounded to a double, so read ``Delta/T`` back from the
    strings, not from the drawn ratio).
    """
    t = draw(temperature if temperature is not None else temperatures())
    s = draw(ratio if ratio is not None else ratios())
    delta = s * t
    if not (math.isfinite(delta) and delta > 0):  # pragma: no cover - bounded draws
        delta = t
    return {
        "T": repr(t),
        "Delta": repr(delta),
        "epsilon": repr(draw(epsilon if epsilon is not None else epsilons())),
        "N": str(draw(positive_integers(n_max))),
        "nu": str(draw(positive_integers(nu_max))),
        "rho": repr(draw(rhos())),
    }


def as_settings(point: dict[str, str]) -> list[str]:
    """``["T=...", ...]``: the ``remsym eval --set`` form of a point."""
    return [f"{name}={value}" for name, value in point.items()]
