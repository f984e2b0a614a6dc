"""``remsym plot`` (issue 23): the rate witness as a picture, with the data it is drawn
from asserted (errors along the limit, the declared order, the observed exponent)."""

from __future__ import annotations

import sys

import pytest
import sympy as sp

from remsym import cli, plot
from remsym.derivation import DerivationBuilder, Limit

z = sp.Symbol("z", positive=True)


def _erfc_tail(correct: bool = True):
    b = DerivationBuilder("tail", "erfc for large z", domain=((z, 1, 3),))
    leading = sp.exp(-z**2) / (z * sp.sqrt(sp.pi)) if correct else sp.exp(-z**2) / z
    b.asymptotic(sp.erfc(z), leading, "erfc-asymptotic", Limit(z, sp.oo, start=4),
                 order=1 / z**2)
    return b.build(sp.erfc(z), exact=sp.erfc(z), leading=leading, order=1 / z**2,
                   limit=Limit(z, sp.oo, start=4))


def test_rate_series_of_a_right_expansion_falls_with_the_order():
    d = _erfc_tail()
    (series,) = plot.result_rates(d)
    assert len(series.errors) == plot.COUNT
    # relative error of erfc's leading term is 1/(2 z^2) + O(z^-4)
    for large, err in zip(series.large, series.errors, strict=True):
        assert err == pytest.approx(1 / (2 * large**2), rel=3 / large**2)
    assert series.observed == pytest.approx(1.0, abs=0.02)
    assert plot.step_rates(d.steps[0]).observed == pytest.approx(1.0, abs=0.02)


def test_rate_series_of_a_wrong_expansion_does_not_fall():
    (series,) = plot.result_rates(_erfc_tail(correct=False))
    limit = float(sp.sqrt(sp.pi)) - 1  # the ratio tends to sqrt(pi), not 1
    for large, err in zip(series.large, series.errors, strict=True):
        assert err == pytest.approx(limit, abs=1 / large**2)
    assert abs(series.observed) < 0.05


def test_observed_exponent_needs_three_resolved_points():
    assert plot.observed_exponent([1e-2, 1e-4], [1e-2, 1e-4]) is None
    assert plot.observed_exponent([4e-2, 1e-2, 2.5e-3, 6.25e-4],
                                  [2e-1, 1e-1, 5e-2, 2.5e-2]) == pytest.approx(2.0)


def test_figure_bytes_are_deterministic_pictures():
    d = _erfc_tail()
    png = plot.figure_bytes(d, None, "png")
    assert png.startswith(b"\x89PNG")
    pdf = plot.figure_bytes(d, "erfc-asymptotic", "pdf")
    assert pdf.startswith(b"%PDF") and pdf == plot.figure_bytes(d, "erfc-asymptotic", "pdf")


def test_an_exact_result_is_drawn_over_its_range():
    b = DerivationBuilder("sq", "square", domain=((z, 0, 2),))
    b.equal((z + 1)**2, z**2 + 2 * z + 1, "expand")
    d = b.build((z + 1)**2, exact=z**2 + 2 * z + 1)
    sym, curves = plot.value_curves([("derived", d.exact)], d.domain)
    assert sym == z and curves[0].y[0] == 1.0 and curves[0].y[-1] == 9.0
    assert plot.figure_bytes(d, None, "png").startswith(b"\x89PNG")


def test_plot_command_writes_the_paper_figure(tmp_path, monkeypatch, capsys):
    out = tmp_path / "eq10.png"
    monkeypatch.setattr(sys, "argv", ["remsym", "plot", "eq10", "-o", str(out)])
    cli.main()
    assert out.read_bytes().startswith(b"\x89PNG")
    d = __import__("remsym.derivation.registry", fromlist=["x"])
    eq10 = d.builders(d.modules_of([]))["eq10"]()
    derived, *printed = plot.result_rates(eq10)
    assert derived.observed == pytest.approx(1.0, abs=0.05)  # O(T^2/Delta^2), as declared
    by_label = {s.label: s for s in printed}
    assert by_label["printed: pi^(1/2) Delta"].observed == pytest.approx(1.0, abs=0.05)
    assert abs(by_label["printed: pi Delta"].observed) < 0.05  # the pi Delta print: no fall


def test_a_step_without_a_domain_uses_the_witness_default_range():
    b = DerivationBuilder("sq", "square")
    b.equal((z + 1)**2, z**2 + 2 * z + 1, "expand")
    d = b.build((z + 1)**2, exact=z**2 + 2 * z + 1)
    sym, (before, after) = plot.value_curves([("before", d.steps[0].before),
                                              ("after", d.steps[0].after)], d.domain)
    assert sym == z and before.x[0] == 0.5 and before.x[-1] == 3.0  # z is positive
    assert before.y == after.y and before.y[0] == 2.25
    assert plot.figure_bytes(d, "expand", "png").startswith(b"\x89PNG")
