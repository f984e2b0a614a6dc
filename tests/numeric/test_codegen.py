"""Code generation: positional arguments and hoisted constants."""

import inspect

import mpmath
import pytest
import sympy as sp
from flint import acb, arb, ctx

from remsym.numeric.arb_code import compile_arb, compile_arb_integrand
from remsym.numeric.codegen import hoist_constants, merge_exponentials, positional_lambdify

E = sp.Symbol("E", real=True)
eps = sp.Symbol("epsilon", real=True)
Delta = sp.Symbol("Delta", positive=True)
T = sp.Symbol("T", positive=True)

BOLTZMANN_ERFC = (sp.exp(-(E - eps) ** 2 / (2 * Delta**2)) * sp.exp(-E / T)
                  * sp.erfc((eps - E) / (sp.sqrt(2) * Delta)) / (sp.sqrt(2 * sp.pi) * Delta))


def test_hoisted_constants_rebuild_the_expression_and_are_free_of_the_variable():
    body, constants = hoist_constants(BOLTZMANN_ERFC, E)
    assert all(not sub.has(E) for _, sub in constants)
    assert sp.simplify(body.xreplace(dict(constants)) - BOLTZMANN_ERFC) == 0
    # one constant per maximal parameter-only factor: the prefactor is a single constant
    prefactors = [sub for _, sub in constants if sub.has(sp.pi)]
    assert len(prefactors) == 1
    # only E-dependent work remains in the body
    assert body.free_symbols - {E} == {symbol for symbol, _ in constants}


def test_the_exponentials_of_a_product_become_one():
    merged = merge_exponentials(BOLTZMANN_ERFC)
    assert len(merged.atoms(sp.exp)) == 1
    assert sp.expand(sp.powsimp(merged - BOLTZMANN_ERFC, combine="exp")) == 0
    # inside other functions too, and a lone exponential is left as it is
    nested = sp.erfc(sp.exp(E) * sp.exp(-T) * Delta) + sp.exp(E / T) * E
    assert merge_exponentials(nested) == sp.erfc(Delta * sp.exp(E - T)) + sp.exp(E / T) * E


def test_integers_and_numeric_exponents_stay_in_place():
    body, constants = hoist_constants(sp.sqrt(E + 1) * (E - 2) ** 3 * Delta, E)
    assert {p.exp for p in body.atoms(sp.Pow)} == {sp.S.Half, 3}
    assert [sub for _, sub in constants] == [Delta]


def test_an_expression_free_of_the_variable_is_one_constant():
    body, constants = hoist_constants(sp.sqrt(2) * Delta / T, E)
    assert len(constants) == 1
    assert body == constants[0][0]


@pytest.mark.parametrize("point", [(sp.Rational(1, 3), sp.Rational(5, 2), sp.Rational(1, 2)),
                                   (sp.Integer(-7), sp.Rational(3, 10), sp.Integer(4))])
def test_hoisted_integrand_equals_the_direct_one_as_balls(point):
    direct = compile_arb(BOLTZMANN_ERFC, (E, eps, Delta, T))
    bind = compile_arb_integrand(BOLTZMANN_ERFC, E, (eps, Delta, T))
    with ctx.workprec(200):
        balls = [acb(arb(v.p) / v.q) for v in point]
        integrand = bind(*balls)
        for z in (acb(0), acb(arb(3) / 10, arb(1) / 10), acb(-5, 2)):  # exact nodes
            a, b = direct(z, *balls), integrand(z)
            assert abs(a - b).upper() < abs(a).lower() * arb(10) ** -50
        wide = acb(arb("0.3", 1e-3), arb("0.1", 1e-3))  # an enclosure, as on Arb's ellipses
        a, b = direct(wide, *balls), integrand(wide)
        assert a.overlaps(b)
        assert abs(a).rad() < 2 * abs(b).rad() and abs(b).rad() < 2 * abs(a).rad()


def test_positional_lambdify_refuses_a_symbol_without_an_argument():
    with pytest.raises(ValueError, match="symbols without an argument"):
        positional_lambdify((E,), E + T)


def test_plain_names_are_kept_and_unsafe_ones_renamed():
    assert list(inspect.signature(positional_lambdify((E, T), E / T, modules="mpmath")).parameters) \
        == ["E", "T"]
    primed = sp.Symbol("E'", real=True)
    f = positional_lambdify((primed, T), primed / T, modules="mpmath")
    assert list(inspect.signature(f).parameters) == ["_x0", "_x1"]
    assert f(3, 4) == 0.75


def test_same_named_arguments_stay_apart():
    n_positive, n_integer = sp.Symbol("N", positive=True), sp.Symbol("N", integer=True)
    f = positional_lambdify((n_positive, n_integer), n_positive - 2 * n_integer,
                            modules="mpmath")
    assert f(5, 1) == 3


def test_an_argument_named_like_a_namespace_function_is_renamed():
    # a symbol called "exp" next to the exponential: kept, it would shadow the function
    z = sp.Symbol("exp")
    f = positional_lambdify((z,), sp.exp(z), modules=[{"exp": lambda v: 2 * v}])
    assert f(3) == 6
    f = positional_lambdify((z,), sp.exp(z), modules="mpmath")
    assert abs(f(1) - 2.718281828459045) < 1e-15


@pytest.mark.parametrize("name", ["e", "pi", "phi", "euler", "catalan", "mpf", "sqrt"])
def test_an_argument_named_like_an_mpmath_name_does_not_shadow_it(name):
    # lambdify star-imports mpmath: an argument "e" kept as it is turned E*e into e*e
    z = sp.Symbol(name, positive=True)
    f = positional_lambdify((z,), sp.E * z + sp.pi + sp.GoldenRatio + sp.sqrt(z),
                            modules="mpmath")
    expected = mpmath.e * 2 + mpmath.pi + mpmath.phi + mpmath.sqrt(2)
    assert abs(f(mpmath.mpf(2)) - expected) < 1e-14


def test_hoisted_integrand_refuses_what_compile_arb_refuses():
    with pytest.raises(NotImplementedError, match="no ball-arithmetic form for sin"):
        compile_arb_integrand(sp.sin(E) * sp.exp(-E**2 / Delta), E, (Delta,))
    with pytest.raises(NotImplementedError, match="nested integrals"):
        compile_arb_integrand(sp.Integral(sp.exp(-T**2), (T, 0, E)), E, ())
