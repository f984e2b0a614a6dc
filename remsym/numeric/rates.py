"""The observed order of an error: the slope of ``log error`` against ``log order``.

An asymptotic statement ``A ~ B [1 + O(h)]`` predicts that the relative error falls at
least like ``h`` along the limit; where the error behaves like ``h**p``, ``p`` is the
least-squares slope of ``log error`` against ``log h`` over points deep in the limit.
The checker's rate witness (over its last two resolved points) and the rate figure
(over its last few) both measure it here.  The logs are taken in mpmath, so errors far
below double range (``1e-400`` at a deep point) are measured as well.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import mpmath

__all__ = ["log_log_slope"]


def log_log_slope(orders: Sequence[Any], errors: Sequence[Any]) -> float | None:
    """The least-squares slope of ``log errors`` against ``log orders`` (positive values),
    or ``None`` with fewer than two points or all ``orders`` equal."""
    if len(orders) < 2 or len(orders) != len(errors):
        return None
    with mpmath.workdps(30):
        xs = [mpmath.log(abs(mpmath.mpf(o))) for o in orders]
        ys = [mpmath.log(abs(mpmath.mpf(e))) for e in errors]
        mx, my = mpmath.fsum(xs) / len(xs), mpmath.fsum(ys) / len(ys)
        sxx = mpmath.fsum((x - mx) ** 2 for x in xs)
        if sxx == 0:
            return None
        return float(mpmath.fsum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
                     / sxx)
