"""The LaTeX printer on tricky expressions: names, erfc, exponentials, averages, orders."""

from __future__ import annotations

import sympy as sp

from remsym.asymptotics import OwenT
from remsym.latex import to_latex
from remsym.latex.layout import break_sum
from remsym.latex.notation import Average
from remsym.latex.printer import order_latex
from remsym.latex.text import text_to_latex
from remsym.latex.width import visual_width
from remsym_paper import model
from remsym_paper.symbols import R0, Delta, E, E_prime, N, T, epsilon, lam, nu, rho


def test_model_symbols_in_paper_notation():
    assert to_latex(Delta) == r"\Delta"
    assert to_latex(epsilon) == r"\varepsilon"
    assert to_latex(E_prime) == "E'"
    assert to_latex(R0) == "R_{0}"
    assert to_latex(lam) == r"\lambda"
    assert to_latex(nu * rho) == r"\nu \rho"


def test_derivation_names_with_fallbacks():
    assert to_latex(sp.Symbol("E^*")) == "E^{*}"
    assert to_latex(sp.Symbol("E_star")) == "E^{*}"
    assert to_latex(sp.Symbol("p_<")) == "p_{<}"
    assert to_latex(sp.Symbol("S_c")) == "S_{c}"
    assert to_latex(sp.Symbol(r"\langle f_u \rangle")) == r"\left\langle f_{u} \right\rangle"
    assert to_latex(sp.Symbol("G_trial")) == r"G_{\mathrm{trial}}"
    assert to_latex(sp.Function("Omega")(N * rho)).startswith(r"\Omega")
    assert to_latex(sp.Function("G_c")(E_prime, rho, E)).startswith("G_{c}")
    assert to_latex(sp.Function("p_<")(E)).startswith("p_{<}")


def test_erfc_and_nested_erfc():
    tex = to_latex(sp.erfc(Delta / (2 * T)) / 2)
    assert tex.startswith(r"\frac{1}{2} \operatorname{erfc}")
    nested = to_latex(sp.erfc(sp.erfc(Delta / T) / T))
    assert nested.count(r"\operatorname{erfc}") == 2
    assert nested.count("{") == nested.count("}")
    assert to_latex(sp.erfcinv(2 * sp.Symbol("p")) ** 2).startswith(
        r"\left[\operatorname{erfc}^{-1}")


def test_erfc_argument_reads_eps_minus_E_over_root_two_delta():
    tex = to_latex(model.p_less_erfc(E))
    assert r"\varepsilon - E" in tex and r"\sqrt{2} \Delta" in tex


def test_exponential_comes_after_its_prefactor():
    tex = to_latex(T * sp.exp(-Delta**2 / (4 * T**2)) / (sp.sqrt(sp.pi) * Delta))
    assert tex.index(r"\frac{T}{\sqrt{\pi} \Delta}") < tex.index(r"\exp")
    assert to_latex(sp.exp(-E / T)) == "e^{- E / T}"


def test_gaussian_prefactor_is_one_over_root_two_pi():
    tex = to_latex(model.G(E))
    assert tex.startswith(r"\frac{1}{\sqrt{2 \pi} \Delta}")
    assert to_latex(sp.sqrt(2) * sp.sqrt(sp.pi) * Delta) == r"\sqrt{2 \pi} \Delta"


def test_powers_of_delta_over_t():
    assert to_latex(Delta**2 / T**2) == r"\frac{\Delta^{2}}{T^{2}}"
    assert to_latex((T / Delta) ** 6) == r"\frac{T^{6}}{\Delta^{6}}"
    assert to_latex(1 / N**2) == r"\frac{1}{N^{2}}"


def test_sums_start_with_a_positive_term():
    assert to_latex(epsilon - E) == r"\varepsilon - E"
    assert to_latex(sp.log(sp.Symbol("Omega")) - Delta**2 / (2 * T**2)).startswith(r"\ln \Omega")


def test_average_and_owen_t():
    assert to_latex(Average(sp.Symbol("f_u"))) == r"\left\langle f_{u} \right\rangle"
    assert to_latex(Average(sp.Symbol("f_u")) ** 2) == r"\left\langle f_{u} \right\rangle^{2}"
    h, a = sp.symbols("h a", positive=True)
    assert to_latex(OwenT(h, a)) == r"T\left(h, a\right)"


def test_order_symbol_keeps_both_scales():
    assert order_latex(T**2 / Delta**2) == r"O\left(\frac{T^{2}}{\Delta^{2}}\right)"
    assert order_latex(T**2 / Delta**2, inline=True) == r"O\left(T^{2}/\Delta^{2}\right)"
    assert order_latex(1 / N**2, inline=True) == r"O\left(1/N^{2}\right)"


def test_long_sums_break_at_top_level_signs():
    x = sp.Symbol("x")
    expr = sum((-1) ** k * sp.factorial(k) * T**k / Delta**k * sp.erfc(x) for k in range(8))
    lines = break_sum(expr, 30)
    assert len(lines) > 1
    assert all(line.startswith(("+", "-")) for line in lines[1:])
    assert all(visual_width(line) <= 30 for line in lines)


def test_text_sets_mathematics_in_notation():
    tex = text_to_latex("eps - E >> Delta, <fu> ~ T^2, 50% & p<c")
    assert r"$\varepsilon$" in tex and r"$\gg$" in tex and r"$\langle f_{u}\rangle$" in tex
    assert r"50\% \&" in tex and r"p_{<}^{c}" in tex
