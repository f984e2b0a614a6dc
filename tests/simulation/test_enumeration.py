"""The vectorised enumeration against explicit neighbour loops, and per-sample identities."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from sim_brute_force import brute_force, neighbours

from remsym.errors import ParameterError
from remsym_paper.simulation.enumeration import (
    MEMORY_LIMIT,
    ModelSpec,
    draw_energies,
    favoured_counts,
    lower_neighbour_counts,
    memory_estimate,
    simulate_sample,
    thermal_averages,
    validate,
)

TEMPERATURES = (0.4, 1.0, 2.5)
CASES = [ModelSpec(8, 1), ModelSpec(5, 2), ModelSpec(7, 2), ModelSpec(6, 1, 0.3, 1.0, 0.8, 0.5),
         ModelSpec(5, 2, -0.2, 0.7, 1.0, 1.0)]


@pytest.mark.parametrize("spec", CASES, ids=lambda s: f"N{s.N}nu{s.nu}rho{int(s.rho_dependent)}")
def test_against_brute_force(spec):
    energies = draw_energies(spec, np.random.default_rng(spec.N * 10 + spec.nu))
    reference = [brute_force(energies, t) for t in TEMPERATURES]
    counts = lower_neighbour_counts(energies)
    got = thermal_averages(energies.copy(), counts, list(TEMPERATURES), spec.nu)
    for i, ref in enumerate(reference):
        for key, value in ref.items():
            floor = 1e-13 if key == "S" else 1e-300  # S in nats, absolute near a frozen 0
            assert got[key][i] == pytest.approx(value, rel=1e-12, abs=floor), (key, i)


def test_counts_against_brute_force():
    spec = ModelSpec(6, 2)
    energies = draw_energies(spec, np.random.default_rng(3))
    counts = lower_neighbour_counts(energies)
    for c in itertools.product(range(3), repeat=6):
        lower = sum(energies[o] < energies[c] for o in neighbours(c, 3))
        assert counts[c] == lower


def test_rho_dependent_energies():
    """eps(rho) + Delta(rho) z with rho the fraction of regions in state 0 (Eq 4's forms)."""
    plain, shaped = ModelSpec(5, 2), ModelSpec(5, 2, 0.5, 1.5, 0.7, 0.9)
    z = draw_energies(plain, np.random.default_rng(9)) / np.sqrt(5)
    e = draw_energies(shaped, np.random.default_rng(9))
    favoured = favoured_counts(5, 2)
    for c in itertools.product(range(3), repeat=5):
        rho = sum(s == 0 for s in c) / 5
        assert favoured[c] == sum(s == 0 for s in c)
        expected = 5 * (0.5 - 1.5 * rho) + np.sqrt(5 * (0.7 + 0.9 * rho)) * z[c]
        assert e[c] == pytest.approx(expected, rel=1e-13, abs=1e-13)


@pytest.mark.parametrize("spec", [ModelSpec(14, 1), ModelSpec(9, 2), ModelSpec(10, 1, 0, 1, 1, 1)])
def test_per_sample_identities(spec):
    """Detailed balance <R_A> = <R_B>, <R> = 2 <fu>, S = -sum p ln p = (E - F)/T, to 1e-12."""
    temps = (0.3, 0.6, 1.0, 2.0, 5.0, 50.0)
    for seed in np.random.SeedSequence(7).spawn(3):
        r = simulate_sample(spec, temps, seed)
        np.testing.assert_allclose(r["R_A"], r["R_B"], rtol=1e-12, atol=0)
        np.testing.assert_allclose(r["R"], 2 * r["fu"], rtol=1e-12, atol=0)
        np.testing.assert_allclose(r["S"], r["S_thermo"], rtol=1e-12, atol=1e-12)
        assert np.all(r["P_LM"] > 0) and np.all(r["P_LM"] <= 1)


def test_no_overflow_at_low_temperature():
    """Weights shifted by the ground state: T far below the energy scale stays finite."""
    r = simulate_sample(ModelSpec(10, 1), (1e-3, 1e-6), np.random.SeedSequence(1))
    for key in ("fu", "R_A", "E", "S", "P_LM"):
        assert np.all(np.isfinite(r[key])), key
    np.testing.assert_allclose(r["P_LM"], 1.0, rtol=0, atol=1e-12)  # the ground state
    np.testing.assert_allclose(r["E"], r["ground"][0], rtol=1e-12)
    assert np.all(r["S"] < 1e-12)


def test_deterministic_given_the_seed():
    a = simulate_sample(ModelSpec(9, 1), (1.0,), np.random.SeedSequence(5).spawn(2)[1])
    b = simulate_sample(ModelSpec(9, 1), (1.0,), np.random.SeedSequence(5).spawn(2)[1])
    assert a["fu"][0] == b["fu"][0] and a["S"][0] == b["S"][0]


@pytest.mark.parametrize("args, words", [
    ((ModelSpec(40, 1), [1.0], 1), ["N = 40", "GiB"]),
    ((ModelSpec(17, 2), [1.0], 1), ["GiB"]),
    ((ModelSpec(8, 0), [1.0], 1), ["nu"]),
    ((ModelSpec(8, 1), [0.0], 1), ["temperatures"]),
    ((ModelSpec(8, 1), [1.0, -2.0], 1), ["temperatures"]),
    ((ModelSpec(8, 1), [float("nan")], 1), ["temperatures"]),
    ((ModelSpec(8, 1), [1.0], 0), ["samples"]),
    ((ModelSpec(0, 1), [1.0], 1), ["N"]),
    ((ModelSpec(4, 1, d0=-1.0), [1.0], 1), ["Delta"]),
])
def test_bad_input(args, words):
    with pytest.raises(ParameterError) as info:
        validate(*args)
    message = str(info.value)
    assert "\n" not in message
    for w in words:
        assert w in message


def test_n24_fits_the_memory_limit_and_n26_does_not():
    # (nu + 1)^N configurations of 33 bytes: 0.52 GiB at N = 24, 2.06 GiB at N = 26
    assert memory_estimate(24, 1) == 2**24 * 33 <= MEMORY_LIMIT < memory_estimate(26, 1)
    validate(ModelSpec(24, 1), [1.0], 1)  # raises nothing at the limit's side
    with pytest.raises(ParameterError, match=r"N = 26, nu = 1: .* GiB limit"):
        validate(ModelSpec(26, 1), [1.0], 1)
