"""Verdicts from data on the paper's claims, and their agreement with the derivations."""

from __future__ import annotations

import io

import numpy as np
import pytest
from rich.console import Console

from remsym_paper.simulation.claims import fit_line
from remsym_paper.simulation.enumeration import ModelSpec
from remsym_paper.simulation.render import simulation_table
from remsym_paper.simulation.run import run_simulation


@pytest.fixture(scope="module")
def result():
    return run_simulation(ModelSpec(12, 1), [0.6, 1.0, 1.5, 2.0, 3.0, 4.0], 24, seed=4,
                          backend="serial")


def _claim(result, prefix):
    return next(c for c in result["claims"] if c["claim"].startswith(prefix))


def test_detailed_balance_claim(result):
    c = _claim(result, "R ~ fu")
    assert c["verdict"] == "confirmed" and c["agrees"] is True
    assert c["derivation"] == {"ids": ["eq12", "eq13"], "verdict": "confirmed"}


def test_eq16_correction_is_refuted_by_data(result):
    c = _claim(result, "Eq 16")
    assert c["verdict"] == "erratum" and c["derivation"]["verdict"] == "erratum"


def test_plm_is_an_approximation(result):
    c = _claim(result, "P_LM")
    assert c["verdict"] == "approximation" and c["agrees"] is True
    low, high = result["runs"][0], result["runs"][-1]
    # Jensen: exp(-N nu <fu>) underestimates P_LM, least at low T
    assert high["P_LM"] > high["P_LM_paper"] + 10 * high["P_LM_sem"]
    assert abs(low["P_LM"] / low["P_LM_paper"] - 1) < abs(high["P_LM"] / high["P_LM_paper"] - 1)


def test_eq11_fit(result):
    c = _claim(result, "Eq 11")
    assert c["verdict"] in ("approximation", "erratum", "confirmed")
    assert c["derivation"]["verdict"] == "approximation"
    assert "b = " in c["evidence"]


def test_annealed_claim_names_the_broken_assumption(result):
    c = _claim(result, "annealed")
    assert c["verdict"] in ("approximation", "erratum")
    assert c["breaks"]


def test_one_sample_cannot_test_agreement_within_errors():
    r = run_simulation(ModelSpec(8, 1), [0.6, 1.5, 3.0, 5.0], 1, seed=0, backend="serial")
    assert _claim(r, "R ~ fu")["verdict"] == "confirmed"  # per-sample identity: no SE needed
    assert _claim(r, "annealed")["verdict"] == "inconclusive"
    assert _claim(r, "Eq 11")["verdict"] in ("inconclusive", "confirmed")


def test_eq11_needs_three_temperatures():
    r = run_simulation(ModelSpec(6, 1), [1.0, 2.0], 2, seed=0, backend="serial")
    assert _claim(r, "Eq 11")["verdict"] == "inconclusive"


def test_fit_line_recovers_a_line():
    x = np.linspace(-5, -1, 7)
    a, b, se_a, se_b, chi = fit_line(x, 3.0 + 2.0 * x, np.full(7, 0.1))
    assert (a, b) == pytest.approx((3.0, 2.0), rel=1e-12)
    assert chi == pytest.approx(0.0, abs=1e-20)
    assert se_b == pytest.approx(0.1 / np.sqrt(np.sum((x - x.mean()) ** 2)), rel=1e-12)


def test_table_renders_runs_annealed_and_claims(result):
    out = io.StringIO()
    simulation_table(result, Console(file=out, width=200), ("fu", "R", "S", "P_LM"))
    text = out.getvalue()
    assert "annealed" in text and "claims" in text and "P_LM" in text
    assert text.count("annealed") >= len(result["runs"])
