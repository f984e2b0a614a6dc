"""The asymptotic engine: Laplace/Watson expansions, erfc series, exact Gaussian identities.

It knows no model: derivations call it as any user does.
Modules: ``local_series`` (the Taylor-and-moments algorithm, Wong ch. II),
``laplace`` (finding and classifying the maximum, Watson endpoints), ``critical``
(stationary points), ``singular`` (powers, logs and degeneracy at a point),
``watson`` (Watson's lemma by term-wise Gamma integrals, Wong ch. I), ``maxima``
(degenerate and singular maxima), ``stationary_phase`` (Olver ch. 3), ``result``
(the result record, several contributions), ``moving`` (is the expansion point
the maximum?) and ``rescaling`` (moving maxima and endpoints brought to canonical
form), both Bender & Orszag 6.4, ``erfc`` (DLMF 7.12), ``gaussian`` and ``owen``
(exact Gaussian identities, Owen 1956).
Importing the package does no symbolic work.
"""

from remsym.asymptotics.erfc import (
    erfc_asymptotic,
    erfc_asymptotic_step,
    erfc_remainder_bound,
    gaussian_tail_remainder_bound,
    gaussian_tail_series,
)
from remsym.asymptotics.gaussian import (
    complete_square,
    expect_normal_cdf,
    gaussian_integral,
    integrate_gaussian_erfc,
    normal_cdf,
)
from remsym.asymptotics.laplace import LaplaceResult, laplace
from remsym.asymptotics.moving import ShiftReport, expand_about
from remsym.asymptotics.owen import OwenT
from remsym.asymptotics.rescaling import Rescaling, laplace_rescaled, rescale_to_canonical
from remsym.asymptotics.stationary_phase import stationary_phase

__all__ = [
    "laplace", "LaplaceResult", "stationary_phase", "expand_about", "ShiftReport", "Rescaling",
    "rescale_to_canonical", "laplace_rescaled",
    "erfc_asymptotic", "erfc_remainder_bound", "erfc_asymptotic_step",
    "gaussian_tail_series", "gaussian_tail_remainder_bound", "complete_square",
    "gaussian_integral", "integrate_gaussian_erfc", "expect_normal_cdf", "normal_cdf", "OwenT",
]
