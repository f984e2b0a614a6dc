"""The annealed values beside the data: the engine's closed forms, and the data's approach to them."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.integrate import quad
from scipy.special import erfc

from remsym_paper.numeric.service import evaluate_quantity
from remsym_paper.simulation.annealed import (
    annealed,
    freezing_temperature,
    plm_exact,
    second_moment_temperature,
)
from remsym_paper.simulation.enumeration import ModelSpec
from remsym_paper.simulation.run import run_simulation


def test_closed_forms_match_remsym_eval():
    """The lambdified closed forms against ``remsym eval --method exact`` (mpmath route)."""

    spec = ModelSpec(9, 1)
    row = annealed(spec, [1.3])[0]
    settings = ["T=1.3", "Delta=3"]
    for key, quantity in (("fu", "fu_avg"), ("R_A", "rate_A"), ("R_B", "rate_B")):
        exact = float(evaluate_quantity(quantity, settings, "exact", 16)["value"])
        assert row[key] == pytest.approx(exact, rel=1e-12)
    e_star = float(evaluate_quantity("E_star", settings + ["epsilon=0"], "exact", 16)["value"])
    assert row["E"] == pytest.approx(e_star, rel=1e-12)


def test_plm_integral_matches_remsym_eval():
    """scipy quadrature of the plm derivation's integral against the certified P_LM."""

    exact = float(evaluate_quantity("P_LM", ["T=0.5", "Delta=2", "N=4", "nu=1"], "exact",
                                    14)["value"])
    assert plm_exact(0.5, 2.0, 4, 1) == pytest.approx(exact, rel=1e-10)


def test_rho_dependent_sum_against_quadrature():
    """Eq 6's sector sum for eps = N(e0 - e1 rho), Delta^2 = N(d0 + d1 rho), against a direct
    quadrature of sum_k Omega_k int G_k e^{-E/T} p<_k dE / sum_k Omega_k int G_k e^{-E/T} dE."""
    spec = ModelSpec(4, 2, 0.2, 0.8, 0.6, 0.7)
    temp = 0.9
    num = den = energy = 0.0
    for k in range(spec.N + 1):
        omega = math.comb(spec.N, k) * spec.nu ** (spec.N - k)
        eps, width = float(spec.mean(k / spec.N)), float(spec.width(k / spec.N))

        def boltzmann(e, eps=eps, width=width):
            return math.exp(-(e - eps) ** 2 / (2 * width**2) - e / temp) / (
                math.sqrt(2 * math.pi) * width)

        peak = eps - width**2 / temp
        lim = (peak - 12 * width, peak + 12 * width)
        q = quad(boltzmann, *lim, points=[peak], epsabs=0, epsrel=1e-12, limit=200)[0]
        fu = quad(lambda e, eps=eps, width=width: boltzmann(e) * erfc((eps - e) / (
            math.sqrt(2) * width)) / 2, *lim, points=[peak], epsabs=0, epsrel=1e-12,
            limit=200)[0]
        mean = quad(lambda e: e * boltzmann(e), *lim, points=[peak], epsabs=0, epsrel=1e-12,
                    limit=200)[0]
        num, den, energy = num + omega * fu, den + omega * q, energy + omega * mean
    row = annealed(spec, [temp])[0]
    assert row["fu"] == pytest.approx(num / den, rel=1e-9)
    assert row["E"] == pytest.approx(energy / den, rel=1e-9)
    assert row["S"] == pytest.approx(math.log(den) + energy / den / temp, rel=1e-9)


@pytest.mark.parametrize("nu, d0", [(1, 1.0), (2, 1.0), (1, 2.5)])
def test_freezing_temperature_of_the_rem(nu, d0):
    """Derrida's REM: S_ann = N ln(1 + nu) - Delta^2/(2 T^2) vanishes at
    T_f = sqrt(d0 / (2 ln(1 + nu))); Var Z/(E Z)^2 = (e^{Delta^2/T^2} - 1)/(1 + nu)^N is 1 at
    T_2 = Delta/sqrt(ln(1 + (1 + nu)^N)), close to sqrt(2) T_f."""
    spec = ModelSpec(12, nu, d0=d0)
    t_f = math.sqrt(d0 / (2 * math.log(1 + nu)))
    assert freezing_temperature(spec) == pytest.approx(t_f, rel=1e-10)
    t_2 = math.sqrt(12 * d0 / math.log1p((1 + nu) ** 12))
    assert second_moment_temperature(spec) == pytest.approx(t_2, rel=1e-10)
    assert t_2 == pytest.approx(math.sqrt(2) * t_f, rel=1e-4)


def test_samples_approach_the_annealed_forms_at_high_temperature():
    """Above T_2 (Var Z << (E Z)^2) the sample means agree with the closed forms within
    4 standard errors; the relative variance of Z bounds the finite-N bias (< 1e-3 here)."""
    spec = ModelSpec(11, 1)
    result = run_simulation(spec, [4.0, 8.0], 48, seed=11, backend="serial", with_claims=False)
    for run, ann in zip(result["runs"], result["annealed"], strict=True):
        assert ann["Z_relative_variance"] < 1e-3
        for key in ("fu", "R_A", "R_B", "R", "S", "E", "P_LM", "P_LM_paper"):
            tolerance = 4 * run[f"{key}_sem"] + 2e-3 * abs(ann[key])
            assert abs(run[key] - ann[key]) <= tolerance, (run["T"], key, run[key], ann[key])


def test_samples_depart_below_the_freezing_temperature():
    """Below T_f the annealed entropy is negative; a sample's entropy never is."""
    spec = ModelSpec(11, 1)
    result = run_simulation(spec, [0.4], 16, seed=2, backend="serial", with_claims=False)
    run, ann = result["runs"][0], result["annealed"][0]
    assert result["params"]["T_freeze"] > 0.4
    assert ann["S"] < -10
    assert min(run["samples"]["S"]) >= 0
    assert run["S"] - ann["S"] > 50 * run["S_sem"]
    assert run["fu"] > 100 * ann["fu"]  # the annealed <fu> counts states no sample reaches


def test_annealed_rates_obey_detailed_balance():
    rows = annealed(ModelSpec(10, 2), np.linspace(0.3, 4, 6))
    for row in rows:
        assert row["R_A"] == pytest.approx(row["R_B"], rel=1e-14)
        assert row["R_B"] == pytest.approx(row["fu"], rel=1e-14)
        assert 0 < row["P_LM"] <= 1 and row["P_LM"] >= row["P_LM_paper"] * (1 - 1e-12)
