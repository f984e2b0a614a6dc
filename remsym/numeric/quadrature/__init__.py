"""One-dimensional quadrature: one package, one named entry per strategy.

==============================  =====================================================
strategy (module)               entry and what it is for
==============================  =====================================================
certified Arb (:mod:`.arb`)     :func:`certified_integral`, :func:`line_integral`:
                                python-flint's ``acb.integral``, a ball that contains
                                the integral; the checker's first route for one-
                                dimensional integrals of functions with a ball form
Gauss-Legendre                  :func:`integrate_route` on one of the two
(:mod:`.gauss_legendre`)        :data:`ROUTES`: a log-integrand split at its peak,
                                values far outside double range; validated by
                                comparing both routes (:mod:`.validated`:
                                :func:`validated_log_integral`,
                                :func:`validated_quad`)
tanh-sinh (:mod:`.tanh_sinh`)   :func:`integrate_tanh_sinh`: mpmath's tanh-sinh rule to a
                                relative goal within a node budget; endpoint
                                singularities, functions without a ball form
oscillatory                     :func:`phase_integral_evaluator`: ``f exp(i lam h)`` on
(:mod:`.oscillatory`)           a finite range, cut at the critical points of ``h``,
                                one tanh-sinh panel per oscillation, two partitions
                                that must agree (the stationary-phase steps' reference)
nested sweep (:mod:`.nested`)   :func:`cumulative_log_integrals`: an inner integral
                                at every outer node in one running sum
peaks (:mod:`.peaks`)           :func:`locate_peak`, :func:`scan_peak`,
                                :func:`golden_section_max`: where the mass lies, for
                                the strategies above
==============================  =====================================================
"""

from remsym.numeric.quadrature.arb import (
    CertifiedValue,
    arb_bits,
    ball_expression,
    certified_integral,
    line_integral,
)
from remsym.numeric.quadrature.gauss_legendre import (
    ROUTES,
    LogIntegrand,
    QuadRoute,
    arb_gauss_legendre,
    gauss_legendre_rule,
    integrate_route,
)
from remsym.numeric.quadrature.nested import cumulative_log_integrals
from remsym.numeric.quadrature.oscillatory import phase_integral_evaluator
from remsym.numeric.quadrature.peaks import (
    Peak,
    golden_section_max,
    locate_peak,
    scan_peak,
)
from remsym.numeric.quadrature.tanh_sinh import (
    QUADRATURE_NODES,
    TanhSinhValue,
    integrate_tanh_sinh,
)
from remsym.numeric.quadrature.validated import (
    ValidatedValue,
    check_agreement,
    combine_routes,
    validated_log_integral,
    validated_quad,
)

__all__ = [
    "CertifiedValue", "arb_bits", "ball_expression", "certified_integral", "line_integral",
    "ROUTES", "LogIntegrand", "QuadRoute", "arb_gauss_legendre", "gauss_legendre_rule",
    "integrate_route", "cumulative_log_integrals", "Peak", "golden_section_max",
    "locate_peak", "scan_peak", "QUADRATURE_NODES", "TanhSinhValue", "integrate_tanh_sinh",
    "ValidatedValue", "check_agreement", "combine_routes", "validated_log_integral",
    "validated_quad", "phase_integral_evaluator",
]
