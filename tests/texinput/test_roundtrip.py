"""Hypothesis: expressions printed as LaTeX (SymPy's printer, remsym's) read back the same."""

from __future__ import annotations

import sympy as sp
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from remsym.latex import to_latex
from remsym.texinput.declarations import Declarations
from remsym.texinput.parse import read_expression

x, y, z = sp.symbols("x y z", positive=True)
DECL = Declarations().with_line("symbols x, y, z positive")

leaves = st.one_of(st.sampled_from([x, y, z, sp.pi]),
                   st.integers(1, 9).map(sp.Integer),
                   st.fractions(min_value=-3, max_value=3, max_denominator=5).map(sp.Rational))
UNARY = (sp.exp, sp.log, sp.sqrt, sp.sin, sp.cos, sp.erfc, sp.erf, lambda a: -a)


def _tree(children):
    return st.one_of(
        st.tuples(children, children).map(lambda p: p[0] + p[1]),
        st.tuples(children, children).map(lambda p: p[0] * p[1]),
        st.tuples(children, children).map(lambda p: p[0] / p[1] if p[1] != 0 else p[0]),
        st.tuples(children, st.integers(-3, 3)).map(lambda p: p[0] ** p[1]),
        st.tuples(st.sampled_from(UNARY), children).map(lambda p: p[0](p[1])),
    )


def _real(expr) -> bool:
    """Printed ``i`` is a symbol to the reader and ``\\tilde{\\infty}`` is not read."""
    return not expr.has(sp.I, sp.zoo, sp.nan, sp.oo, -sp.oo)


expressions = st.recursive(leaves, _tree, max_leaves=8)
QUICK = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])


@QUICK
@given(expressions)
@example(sp.log(x) ** 2)
@example(sp.erfc(x) ** 2 * y)
@example(sp.exp(-x**2 / (4 * y**2)) * y / (sp.sqrt(sp.pi) * x))
def test_sympy_latex_reads_back(expr):
    assume(_real(expr))
    assert read_expression(sp.latex(expr), DECL) == expr


@QUICK
@given(expressions)
@example(sp.exp(-x**2 / (4 * y**2)) * y / (sp.sqrt(sp.pi) * x))
@example(1 / (2 * (x + y)))
def test_remsym_latex_reads_back(expr):
    assume(_real(expr))
    read = read_expression(to_latex(expr), DECL)
    # SymPy distributes a number over a sum when it rebuilds the printed 2 (x + y): the
    # same expression up to that canonical step, nothing else
    assert read == expr or sp.expand(read - expr) == 0


def test_integrals_sums_and_calls_read_back():
    n = sp.Symbol("n")
    f = sp.Function("f")
    decl = DECL.with_line("functions f")
    for expr in (sp.Integral(x**2 * sp.exp(-x), (x, 0, sp.oo)),
                 sp.Sum(x**n / sp.factorial(n), (n, 0, sp.oo)),
                 f(x, y) * sp.binomial(z, 2) + sp.gamma(x),
                 sp.Symbol("xtilde") + sp.Symbol("Ebar") * sp.Symbol("Deltahat_0")):
        assert read_expression(sp.latex(expr), decl) == expr
