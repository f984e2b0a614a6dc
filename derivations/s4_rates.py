"""Hopping rates and the probability of a local minimum: Eqs 12-16 and P_LM.

Everything is derived from the model's integrals (``remsym_paper.model.rate_A_integral``,
``rate_B_integral``, ``p_min``) by the engine's exact Gaussian identities; the
asymptotic forms come from expanding the exact closed forms (DLMF 7.12.1), each as
a separate step.  Rates are in units of R0 N nu, with s = Delta/T.

What the engine finds (the checker verifies every step):

* the inner E' integral of Eq 12 is q e^{E/T} Phi((E* - E)/Delta) exactly: the
  Boltzmann tail above E.  It equals q only for E* - E >> Delta; at E = E* it is q/2;
* <RA> = <RB> = <fu> = erfc(s/2)/2 exactly for Gc = G: R ~ fu holds with no correction;
* <RA1> = erfc(s/sqrt 2)/4 + erfc(s/2)^2/8 = p<(E*)/2 + <fu>^2/2 exactly (Owen's T
  reductions), so Eq 14 (R0 N nu p<(E*)) is off by a factor 2 at leading order;
* <RA2> - <RB> = -<RA1> exactly, exponentially small relative to <RB>;
* P_LM = integral phi(y - s) Phi(y)^(N nu) dy exactly; -ln P_LM = N nu <fu> only up to
  the Jensen gap, relative O((N nu - 1)(T/Delta) e^{-Delta^2/(12 T^2)}).
"""

from __future__ import annotations

from functools import lru_cache

import mpmath
import sympy as sp

from remsym.asymptotics import (
    erfc_asymptotic,
    gaussian_integral,
    integrate_gaussian_erfc,
    normal_cdf,
)
from remsym.derivation import DerivationBuilder, Limit, NumericSpec
from remsym_paper import model
from remsym_paper._common import quadrature_reference, simplified
from remsym_paper.printed import PRINTED
from remsym_paper.rates_numeric import (
    log_plm_reference,
    logistic_cdf,
    logistic_gc,
    minus_log_plm,
    nested_rate_b_logistic,
    plm_rows,
)
from remsym_paper.s3_fu import fu_average
from remsym_paper.symbols import (
    P_LM,
    R0,
    RA,
    RA1,
    RA2,
    RB,
    Delta,
    E,
    E_prime,
    E_star,
    M,
    N,
    T,
    epsilon,
    fu_avg,
    nu,
    p,
    p_less_c_fn,
    w,
    y,
)

SECTION = "Hopping rates"
PLM_SECTION = "The probability of a local minimum"
UNIT = R0 * N * nu
E_STAR = epsilon - Delta**2 / T
S = Delta / T
#: Delta/T from about 2 to 19 along the limit: exponentially small differences stay
#: above the 50-digit working precision of the rate witness.
LOW_T = Limit(T, 0, start=0.5)
DOMAIN = ((Delta, 1, 1.2), (epsilon, -3, 3))
EXACT_DOMAIN = ((T, 0.3, 2), (Delta, 0.5, 3), (epsilon, -3, 3))
#: Delta/T in {3, 5, 9, 14, 20} with varied T and epsilon (the issue's grid).
RATE_POINTS = tuple({T: sp.Rational(t), Delta: sp.Rational(d), epsilon: sp.Rational(e)}
                    for t, d, e in [(1, 3, 0), ("0.5", "2.5", "-4"), ("2", "18", "7"),
                                    ("0.25", "3.5", "-40"), (1, 20, 0)])


@lru_cache(maxsize=1)
def _q_exact() -> sp.Expr:
    """q(T, rho) from the engine's Gaussian integral of G e^{-E/T} (as in eq8), not typed in."""
    value, _ = gaussian_integral(model.G(E) * model.boltzmann(E), E, (-sp.oo, sp.oo))
    return simplified(value)


@lru_cache(maxsize=1)
def _fu_exact() -> sp.Expr:
    """<fu(T, rho)> as the engine derives it for eq10 (the Gaussian-CDF identity)."""
    return fu_average(DerivationBuilder("_fu", ""))


def inner_integral(b: DerivationBuilder) -> sp.Expr:
    """The E' integral of Eq 12 for Gc = G, exactly: q e^{E/T} Phi((E* - E)/Delta)."""
    integrand = sp.exp(-(E_prime - E) / T) * model.G(E_prime)
    value, steps = gaussian_integral(integrand, E_prime, (E, sp.oo))
    b.extend(steps)
    tail = _q_exact() * sp.exp(E / T) * normal_cdf((E_STAR - E) / Delta)
    b.equal(value, tail, "boltzmann tail",
            "the E' integral is q e^{E/T} P(E_B > E) for E_B ~ N(E*, Delta^2), the Boltzmann "
            "distribution at fixed rho", domain=EXACT_DOMAIN + ((E, -6, 6),))
    return tail


def rate_A_exact(b: DerivationBuilder, lower=-sp.oo, upper=sp.oo, quantity: str = "rate_A"):
    """Eq 12 with Gc = G over lower < E < upper, reduced exactly by the engine."""
    tail = inner_integral(b)
    outer = simplified(model.G(E) * model.boltzmann(E) * tail / _q_exact())
    b.equal(model.G(E) * model.boltzmann(E) * tail / _q_exact(), outer, "metropolis cancels",
            "e^{-E/T} e^{+E/T} = 1: the outer integrand is G(E) Phi((E* - E)/Delta)",
            domain=EXACT_DOMAIN + ((E, -6, 6),))
    value, steps = integrate_gaussian_erfc(outer, E, (lower, upper))
    b.extend(steps)
    value = sp.expand(simplified(value))
    b.equal(model.rate_A_integral(model.G(E_prime), lower, upper), value, "Eq 12 reduced",
            "the nested integral of Eq 12 (Gc = G) equals the engine's closed form",
            domain=EXACT_DOMAIN, evaluate_before=quadrature_reference(quantity),
            points=RATE_POINTS)
    return value


def _define_general(b: DerivationBuilder, lhs: sp.Expr, kind: str) -> None:
    general = model.rate_A_integral() if kind == "A" else model.rate_B_integral()
    b.define(lhs, general, f"Eq {12 if kind == 'A' else 13}",
             "general connected distribution G_c(E', rho; E) (an undefined function)")


# -- Eq 12 ----------------------------------------------------------------------

def build_eq12():
    b = DerivationBuilder("eq12", "<R_A>: the barrier-hopping rate", SECTION, domain=DOMAIN)
    _define_general(b, RA / UNIT, "A")
    b.define(RA / UNIT, model.rate_A_integral(model.G(E_prime)), "uncorrelated REM",
             "Gc(E', rho; E) = G(E', rho), the paper's simplifying assumption")
    exact = rate_A_exact(b)
    b.equal(exact, _fu_exact(), "= <fu>", "the closed form is eq10's <fu(T, rho)>")
    leading = simplified(erfc_asymptotic(S / 2, 0) / 2)
    b.asymptotic(exact, leading, "erfc-asymptotic", LOW_T, T**2 / Delta**2,
                 "DLMF 7.12.1 at z = Delta/(2T)")
    pf = PRINTED["eq12"].form(evaluators={"as printed, Gc = G": quadrature_reference("rate_A")})
    return b.build(RA / UNIT, exact=exact, leading=leading, order=T**2 / Delta**2,
                   limit=LOW_T, printed=pf,
                   numeric=NumericSpec(quadrature_reference("rate_A"), "quadrature",
                                       RATE_POINTS),
                   extras={"R ~ fu": "<RA>/(R0 N nu) - <fu> = 0 exactly (Gc = G)"})


# -- Eq 13 ----------------------------------------------------------------------

def build_eq13():
    b = DerivationBuilder("eq13", "<R_B> = R_0 N nu <f_u>", SECTION, domain=EXACT_DOMAIN)
    _define_general(b, RB / UNIT, "B")
    b.define(RB / UNIT, model.rate_B_integral(model.G(E_prime)), "uncorrelated REM",
             "Gc(E', rho; E) = G(E', rho), the paper's simplifying assumption")
    b.define(p_less_c_fn(E), sp.Integral(model.Gc_general(E_prime, E), (E_prime, -sp.oo, E)),
             "p<c", "probability that a connected state lies below E (text before Eq 3)")
    b.equal(model.fu_sum(M, p), p, "Eq 3", "fu = sum_n (n/M) C(M, n) p^n (1-p)^(M-n) = p "
            "for any p (eq3), in particular p = p<c(E)", domain=((M, 1, 12), (p, 0.05, 0.95)))
    general_fu = model.average_integral(
        sp.Integral(model.Gc_general(E_prime, E), (E_prime, -sp.oo, E)))
    b.equal(model.rate_B_integral(), general_fu, "inner integral is fu",
            "the E' integral of Eq 13 is p<c(E) = fu(E) (Eq 3): <RB>/(R0 N nu) = <fu> for "
            "every Gc", claim="Eq 13 is exact and does not require Gc = G")
    logistic = model.rate_B_integral(logistic_gc())
    fu_logistic = model.average_integral(logistic_cdf())
    b.equal(logistic, fu_logistic, "a non-Gaussian Gc",
            "numerical check of the general statement with a logistic Gc whose mean (E + eps)/2 "
            "depends on E: the double integral by nested quadrature against <p<c>",
            domain=((T, 0.7, 2), (Delta, 0.5, 2), (epsilon, -2, 2)),
            evaluate_before=nested_rate_b_logistic)
    fu = _rate_b_gaussian(b)
    pf = PRINTED["eq13"].form()
    return b.build(RB / UNIT, exact=fu, leading=simplified(erfc_asymptotic(S / 2, 0) / 2),
                   order=T**2 / Delta**2, limit=LOW_T, printed=pf,
                   numeric=NumericSpec(quadrature_reference("rate_B"), "quadrature",
                                       RATE_POINTS),
                   extras={"R ~ fu": "<RB>/(R0 N nu) - <fu> = 0 exactly, for any Gc"})


def _rate_b_gaussian(b: DerivationBuilder) -> sp.Expr:
    """Eq 13 with Gc = G reduced exactly (the Gaussian-CDF identity)."""
    normal = model.G(E, mean=E_STAR)
    b.equal(model.G(E) * model.boltzmann(E) / _q_exact(), normal, "boltzmann weight is normal",
            "G(E) e^{-E/T}/q = N(E*, Delta^2) (eq8, eq10)", domain=EXACT_DOMAIN + ((E, -5, 5),))
    value, steps = integrate_gaussian_erfc(normal * model.p_less_erfc(E), E)
    b.extend(steps)
    value = simplified(value)
    b.equal(model.rate_B_integral(model.G(E_prime)), value, "Eq 13 reduced (Gc = G)",
            "nested integral against the engine's closed form",
            evaluate_before=quadrature_reference("rate_B"), points=RATE_POINTS)
    return value


# -- Eq 14 and 15 ----------------------------------------------------------------

def _inner_claim(b: DerivationBuilder) -> None:
    """The sentence 'for E < E* the E' integral is just q', checked as steps."""
    inner = _q_exact() * sp.exp(E / T) * normal_cdf((E_STAR - E) / Delta)
    scaled = simplified(inner * sp.exp(-E / T))  # integral of G(E') e^{-E'/T} above E
    b.asymptotic(scaled.subs(E, E_STAR - w), _q_exact(), "deep below E*",
                 Limit(w, sp.oo, start=2), Delta / w * sp.exp(-w**2 / (2 * Delta**2)),
                 "Phi(w/Delta) = 1 - O((Delta/w) e^{-w^2/(2 Delta^2)}) for E = E* - w, "
                 "w >> Delta", domain=((Delta, 0.8, 1.2), (T, 0.5, 2), (epsilon, -2, 2)))
    b.equal(scaled.subs(E, E_STAR), _q_exact(), "at E = E*",
            claim="for E < E* the E' integral is just q (checked where the E integrand of "
                  "RA1 has its mass: within O(T) of E*, where it is q/2)",
            domain=EXACT_DOMAIN)
    b.note("The E integrand of <RA1> is G(E) Phi((E* - E)/Delta) on E < E*; G(E* - v) "
           "falls as e^{-v/T}, so the mass lies within O(T) of E*, where Phi = 1/2 + O(T/Delta)."
           " Replacing the inner integral by q there doubles the result.")


def ra1_exact(b: DerivationBuilder) -> sp.Expr:
    b.define(RA1 / UNIT, model.rate_A_integral(model.G(E_prime), -sp.oo, E_STAR), "Eq 14",
             "the part of Eq 12 (Gc = G) with E below E*")
    return rate_A_exact(b, -sp.oo, E_STAR, "rate_A1")


def ra1_asymptotics(b: DerivationBuilder, exact: sp.Expr):
    """Leading form and first correction of <RA1> for Delta/T -> oo (erfc series)."""
    dominant, square = sp.erfc(S / sp.sqrt(2)) / 4, sp.erfc(S / 2) ** 2 / 8
    b.equal(exact, dominant + square, "two terms", "the engine's closed form, term by term")
    leading = simplified(erfc_asymptotic(S / sp.sqrt(2), 0) / 4)
    b.asymptotic(exact, leading, "erfc-asymptotic", LOW_T, T / Delta,
                 "DLMF 7.12.1: erfc(s/sqrt 2)/4 dominates; erfc(s/2)^2/8 is smaller by O(T/Delta)")
    relative = simplified(sp.powsimp(erfc_asymptotic(S / 2, 0) ** 2 / 8 / leading, force=True))
    first = 1 + relative
    b.asymptotic(exact, leading * first, "first correction", LOW_T, T**2 / Delta**2,
                 f"the <fu>^2/2 term gives the relative correction {sp.sstr(relative)}; the "
                 "erfc series' own correction is O(T^2/Delta^2)")
    return leading, first


def _build_ra1(b: DerivationBuilder, exact: sp.Expr, pf):
    """Eqs 14 and 15 end alike: <RA1> exact, its expansion, the rate_A1 quadrature check."""
    leading, first = ra1_asymptotics(b, exact)
    return b.build(RA1 / UNIT, exact=exact, leading=leading, corrections=first,
                   order=T / Delta, limit=LOW_T, printed=pf,
                   numeric=NumericSpec(quadrature_reference("rate_A1"), "quadrature",
                                       RATE_POINTS))


def build_eq14():
    b = DerivationBuilder("eq14", "<R_A1>: Eq 12 below E*", SECTION, domain=DOMAIN)
    _inner_claim(b)
    exact = ra1_exact(b)
    b.equal(exact, model.p_less_erfc(E_STAR) / 2 + _fu_exact() ** 2 / 2, "p<(E*)/2 + <fu>^2/2",
            "erfc(s/sqrt 2)/2 = p<(E*) and erfc(s/2)/2 = <fu> (eq10)")
    pf = PRINTED["eq14"].form({E_star: E_STAR})
    b.note("Exact: <RA1>/(R0 N nu) = p<(E*)/2 + <fu>^2/2; the print p<(E*) is twice the "
           "leading term (printed/derived -> 2).")
    return _build_ra1(b, exact, pf)


def build_eq15():
    b = DerivationBuilder("eq15", "<R_A1> in terms of the square of <f_u>", SECTION, domain=DOMAIN)
    exact = ra1_exact(b)
    fu = _fu_exact()
    for label, c in (("sqrt(pi/2)", sp.sqrt(sp.pi / 2)), ("sqrt(pi)/2", sp.sqrt(sp.pi) / 2)):
        b.asymptotic(model.p_less_erfc(E_STAR), c * S * fu**2, f"rewrite with {label}",
                     LOW_T, T**2 / Delta**2,
                     "eq9 at E* and eq10: p<(E*) = e^{-s^2/2}/(sqrt(2 pi) s)(1 + O(1/s^2)), "
                     "<fu>^2 = e^{-s^2/2}/(pi s^2)(1 + O(1/s^2))",
                     claim=f"Eq 14 rewritten with eq9 and eq10: p<(E*) = {label} (Delta/T) <fu>^2")
    pf = PRINTED["eq15"].form({fu_avg: fu})
    b.note("Derived: <RA1> = (1/2) sqrt(pi/2) (Delta/T) <fu>^2 [1 + O(T/Delta)]: the "
           "sqrt(pi/2) reading is the correct rewriting of Eq 14, which is itself twice too "
           "large; the sqrt(pi)/2 reading is sqrt(2) too large.")
    return _build_ra1(b, exact, pf)


# -- RA2 = RB and Eq 16 ------------------------------------------------------------

def build_eq16():
    b = DerivationBuilder("eq16", "<R_A> = <R_A1> + <R_A2>", SECTION, domain=DOMAIN)
    b.define(RA / UNIT, model.rate_A_integral(model.G(E_prime)), "Eq 12",
             "the barrier-hopping rate with Gc(E', rho; E) = G(E', rho) (uncorrelated REM)")
    total = rate_A_exact(b)
    b.define(RA1 / UNIT, model.rate_A_integral(model.G(E_prime), -sp.oo, E_STAR), "Eq 14",
             "E below E*")
    below = rate_A_exact(b, -sp.oo, E_STAR, "rate_A1")
    b.define(RA2 / UNIT, model.rate_A_integral(model.G(E_prime), E_STAR, sp.oo), "Eq 14",
             "E above E*")
    above = rate_A_exact(b, E_STAR, sp.oo, "rate_A2")
    b.equal(below + above, total, "RA1 + RA2 = RA", "the two halves add up to Eq 12")
    rb = _rate_b_gaussian(b)
    b.equal(total, rb, "RA = RB", "R ~ fu exactly: <RA> = <RB> = R0 N nu <fu> for Gc = G")
    b.equal(above - rb, -below, "RA2 - RB = -RA1", "exact difference of the sentence after Eq 15")
    b.asymptotic(above, rb, "RA2 ~ RB", LOW_T, sp.exp(-Delta**2 / (4 * T**2)),
                 "<RA1>/<RB> = e^{-Delta^2/(4T^2)}/(2 sqrt 2) (1 + O(T/Delta))",
                 claim="for E > E* the asymptotic expansion of the E' integral and some algebra "
                       "yields <RA2> = <RB>")
    fu = _fu_exact()
    pf = PRINTED["eq16"].form({fu_avg: fu})
    b.note("Exact: <RA> = <RA1> + <RA2> = <RB> = R0 N nu <fu>. The printed correction "
           "(Delta/T) <fu> does not exist: it comes from adding Eq 15 to RA2 = RB, but "
           "RA2 = RB - RA1 exactly, so RA1 cancels. Leading order R0 N nu <fu> is right.")
    return b.build(RA / UNIT, exact=total, leading=simplified(erfc_asymptotic(S / 2, 0) / 2),
                   order=T**2 / Delta**2, limit=LOW_T, printed=pf,
                   numeric=NumericSpec(quadrature_reference("rate_A"), "quadrature",
                                       RATE_POINTS),
                   extras={"R ~ fu": "<RA>/(R0 N nu) - <fu> = 0 exactly; "
                                     "<RA2> - <RB> = -<RA1> exactly",
                           "RA2 = RB": "approximation, relative error "
                                       "e^{-Delta^2/(4T^2)}/(2 sqrt 2)"})


def rate_parts() -> dict[str, sp.Expr]:
    """The engine's exact closed forms of the four rates (units R0 N nu), for ``remsym eval``."""
    scratch = DerivationBuilder("_rates", "")
    return {"rate_A": rate_A_exact(scratch),
            "rate_A1": rate_A_exact(scratch, -sp.oo, E_STAR, "rate_A1"),
            "rate_A2": rate_A_exact(scratch, E_STAR, sp.oo, "rate_A2"),
            "rate_B": _rate_b_gaussian(scratch)}


# -- P_LM ------------------------------------------------------------------------

def plm_integral() -> sp.Expr:
    """P_LM reduced to one dimension: integral phi(y - s) Phi(y)^(N nu) dy."""
    phi = sp.exp(-(y - S) ** 2 / 2) / sp.sqrt(2 * sp.pi)
    return sp.Integral(phi * normal_cdf(y) ** (N * nu), (y, -sp.oo, sp.oo))


def build_plm():
    b = DerivationBuilder("plm", "P_LM: probability of sitting in a local minimum", PLM_SECTION,
                          domain=((Delta, 1, 1.2), (N, 2, 5), (nu, 1, 2)))
    m_sym = N * nu
    points = tuple({T: sp.Rational(t), Delta: sp.Rational(d), epsilon: sp.Rational(e),
                    N: sp.Integer(n_), nu: sp.Integer(v)}
                   for t, d, e, n_, v in [(1, 1, 0, 2, 1), ("0.5", "1.5", "-3", 3, 2),
                                          (1, 3, 2, 4, 1), ("0.7", "2", "1", 5, 2),
                                          (2, 3, 0, 20, 1)])
    b.define(P_LM, model.average_integral(model.p_greater_erfc(E) ** m_sym), "p_min average",
             "p_min(E) = (p>c)^(N nu) (the critical-point rule, Gc = G) averaged with eq7")
    b.equal(model.G(E) * model.boltzmann(E) / _q_exact(), model.G(E, mean=E_STAR),
            "boltzmann weight is normal", "G e^{-E/T}/q = N(E*, Delta^2) (eq8, eq10)",
            domain=EXACT_DOMAIN + ((E, -5, 5),))
    exact = plm_integral()
    b.equal(model.average_integral(model.p_greater_erfc(E) ** m_sym), exact, "y = (eps - E)/Delta",
            "p>(E) = Phi((eps - E)/Delta) and (eps - E)/Delta ~ N(Delta/T, 1)",
            domain=((T, 0.5, 2), (Delta, 0.5, 3), (epsilon, -2, 2), (N, 1, 4), (nu, 1, 2)),
            evaluate_before=quadrature_reference("P_LM"), points=points)
    b.asymptotic(m_sym * sp.log(1 - p), -m_sym * p, "(1 - p)^M = e^{-M p}",
                 Limit(p, 0, start=0.1), p, "ln(1 - p) = -p - p^2/2 - ...",
                 claim="(1 - fu)^(N nu) = exp(-N nu fu) for small fu",
                 domain=((N, 2, 5), (nu, 1, 2)))
    fu = _fu_exact()
    jensen_order = (m_sym - 1) * T / Delta * sp.exp(-Delta**2 / (12 * T**2))
    b.asymptotic(-sp.log(exact), m_sym * fu, "average of exp -> exp of average", LOW_T,
                 jensen_order,
                 "-ln<(1 - p<)^M> = M<p<> - (M(M-1)/2)(<p<^2> - <p<>^2) - ...; "
                 "<p<^2> ~ e^{-s^2/3} dominates <p<>^2 ~ e^{-s^2/2}: relative Jensen gap "
                 "O((M-1)(T/Delta) e^{-Delta^2/(12T^2)})",
                 claim="P_LM = exp(-N nu <fu>): the Boltzmann average of (1 - fu)^(N nu) "
                       "replaced by the function of the average",
                 evaluate_before=minus_log_plm)
    rows = plm_rows()
    b.note("Jensen: <e^{-M p<}> >= e^{-M <p<>}, so exp(-N nu <fu>) underestimates P_LM.")
    b.note("Finite N with Delta^2 = N (d0 = 1), nu = 1: (N, T, P_LM exact, exp(-N nu <fu>), "
           "relative difference) = " + "; ".join(
               f"({r.N}, {t}, {mpmath.nstr(r.exact, 10)}, {mpmath.nstr(r.printed, 10)}, "
               f"{mpmath.nstr(r.relative_difference, 3)})"
               for r, t in zip(rows, (1, 1, 1, 1, 2), strict=True)))
    pf = PRINTED["plm"].form({fu_avg: fu, E_star: E_STAR})
    return b.build(sp.log(P_LM), exact=sp.log(exact), leading=-m_sym * fu,
                   order=jensen_order, limit=LOW_T, printed=pf,
                   numeric=NumericSpec(log_plm_reference, "quadrature", points),
                   extras={"finite_N": [[int(r.N), mpmath.nstr(r.exact, 15),
                                         mpmath.nstr(r.printed, 15)] for r in rows]})


DERIVATIONS = {"eq12": build_eq12, "eq13": build_eq13, "eq14": build_eq14, "eq15": build_eq15,
               "eq16": build_eq16, "plm": build_plm}

#: Checked together in one worker process: Eqs 12, 14, 15 and 16 evaluate the same nested
#: references (rate_A, rate_A1, rate_A2 at the same points), Eqs 13 and 16 the same rate_B;
#: eq16 first, it needs them all.  P_LM's reference shares their E*, q and p>.
CHECK_GROUPS = (("eq16", "eq12", "eq14", "eq15", "eq13", "plm"),)
