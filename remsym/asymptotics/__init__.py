"""The asymptotic engine: Laplace/Watson expansions, erfc series, exact Gaussian identities.

It knows nothing of the REM; the paper's derivations and any user call it.
"""

from remsym.asymptotics.erfc import (
    erfc_asymptotic,
    erfc_remainder_bound,
    gaussian_tail_remainder_bound,
    gaussian_tail_series,
)
from remsym.asymptotics.gaussian import (
    OwenT,
    complete_square,
    gaussian_integral,
    integrate_gaussian_erfc,
    normal_cdf,
)
from remsym.asymptotics.laplace import LaplaceResult, ShiftReport, expand_about, laplace

__all__ = [
    "laplace", "LaplaceResult", "expand_about", "ShiftReport", "erfc_asymptotic",
    "erfc_remainder_bound", "gaussian_tail_series", "gaussian_tail_remainder_bound",
    "complete_square", "gaussian_integral", "integrate_gaussian_erfc", "normal_cdf", "OwenT",
]
