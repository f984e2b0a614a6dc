"""The README's example of remsym.testing in a user's test file (the same code)."""

import sympy as sp
from hypothesis import given

from remsym.derivation import Limit
from remsym.testing import assert_asymptotic, assert_identity, points

a, z = sp.symbols("a z", positive=True)
x = sp.Symbol("x", real=True)
tail = sp.exp(-z**2) / (z * sp.sqrt(sp.pi))


def test_erfc_reflection():
    assert_identity(sp.erfc(-x), 2 - sp.erfc(x), ((x, -3, 3),))


@given(points(((a, 0.5, 3),)))
def test_erfc_tail_for_any_width(pt):  # erfc(z/a) ~ tail(z/a) [1 + O(1/z^2)]
    scaled = tail.subs(z, z / pt[a])
    assert_asymptotic(sp.erfc(z / pt[a]), scaled, Limit(z, sp.oo, start=8), 1 / z**2)
