"""Imaginary-frequency modes and the configurational entropy: Eqs 9, 10, 11 and the text after 11.

* ``eq9``: p<(E) exactly as an erfc (the Gaussian tail of G), then the engine's
  erfc series (DLMF 7.12.1) for eps - E >> Delta, with its first correction at E*.
* ``eq10``: <fu> = <p<>: the Boltzmann weight divided by q is a normal density of
  mean E* and width Delta, so the exact Gaussian identity
  integral phi(x) Phi(a x + b) dx = Phi(b/sqrt(1 + a^2)) applies; only then is the
  closed form expanded in T/Delta.  The engine's maximum-shift check records that
  the integrand peaks at (E* + eps)/2, not at E*.
* ``eq11``: S_c against ln <fu>, exactly and to leading order.
* ``eq11-widened``: the paper's alternative G_c of width sqrt(N) Delta, claim by claim.
"""

from __future__ import annotations

import mpmath
import sympy as sp

from remsym.asymptotics import (
    complete_square,
    erfc_asymptotic,
    expand_about,
    gaussian_integral,
    integrate_gaussian_erfc,
)
from remsym.derivation import DerivationBuilder, Limit, NumericSpec
from remsym_paper import model
from remsym_paper._common import (
    EXACT_POINTS,
    P_LESS,
    boltzmann_average,
    entropy_reference,
    simplified,
)
from remsym_paper.printed import PRINTED
from remsym_paper.symbols import (
    Delta,
    E,
    E_prime,
    M,
    N,
    Omega,
    S_c,
    T,
    epsilon,
    f_u,
    fu_avg,
    nu,
    p,
    p_less_fn,
    rho,
    w,
)

SECTION = "The fraction of imaginary modes <fu>"
E_STAR = epsilon - Delta**2 / T
DOMAIN = ((T, 0.3, 3), (Delta, 0.5, 4), (epsilon, -5, 5))
LOW_T = Limit(T, 0, start=0.25)
LOW_T_DOMAIN = ((Delta, 1, 2), (epsilon, -3, 3))


def p_less_exact(b: DerivationBuilder) -> sp.Expr:
    """p<(E) as an erfc, by the engine's exact Gaussian integral; records the step."""
    value, steps = gaussian_integral(model.G(E_prime), E_prime, (-sp.oo, E))
    b.extend(steps)
    closed = model.p_less_erfc(E)
    b.equal(simplified(value), closed, "erfc reflection", "2 - erfc(-z) = erfc(z)",
            domain=DOMAIN + ((E, -5, 5),))
    return closed


def _tail_reference(point, digits):
    """p<(E) = integral of G from -oo to E by quadrature (variable v = E - E')."""
    with mpmath.workdps(digits + 15):
        d = mpmath.mpf(sp.Rational(point[Delta]))
        gap = mpmath.mpf(sp.Rational(point[w]))
        # factor out the value at the upper limit: the rest is a Laplace-type integrand
        rest = lambda v: mpmath.exp(-(2 * gap * v + v**2) / (2 * d**2))  # noqa: E731
        scale = d**2 / gap
        cuts = [0] + [scale * 2**k for k in range(-2, 9)] + [mpmath.inf]
        front = mpmath.exp(-gap**2 / (2 * d**2)) / (mpmath.sqrt(2 * mpmath.pi) * d)
        return front * mpmath.quad(rest, cuts, maxdegree=10)


def build_eq9():
    b = DerivationBuilder("eq9", "p<(E): asymptotic expansion of the error function", SECTION,
                          domain=((Delta, 0.5, 2), (epsilon, -3, 3)))
    b.define(p_less_fn(E), model.p_less(E), "p<",
             "probability that a state lies below E: G integrated up to E (text before Eq 3)")
    closed = p_less_exact(b)
    b.define(w, epsilon - E, "gap", "w is the distance of E below the mean energy eps")
    in_gap = simplified(closed.subs(E, epsilon - w))
    b.equal(closed.subs(E, epsilon - w), in_gap, "gap variable", "w = eps - E > 0")
    z = w / (sp.sqrt(2) * Delta)
    lim = Limit(w, sp.oo, start=8)
    series1 = sp.expand(erfc_asymptotic(z, 1) / 2)
    leading = simplified(erfc_asymptotic(z, 0) / 2)
    b.asymptotic(in_gap, leading, "erfc-asymptotic", lim, Delta**2 / w**2,
                 "DLMF 7.12.1 with z = (eps - E)/(sqrt(2) Delta); the remainder has the sign of "
                 "and is smaller than the first neglected term (DLMF 7.12(ii))",
                 assumptions=("eps - E >> Delta",))
    b.asymptotic(in_gap, series1, "erfc-asymptotic, order 1", lim, Delta**4 / w**4,
                 "first correction: factor 1 - Delta^2/(eps - E)^2",
                 assumptions=("eps - E >> Delta",))
    at_star = simplified(series1.subs(w, Delta**2 / T) / leading.subs(w, Delta**2 / T))
    b.equal(series1.subs(w, Delta**2 / T) / leading.subs(w, Delta**2 / T), at_star,
            "first correction at E*", "eps - E* = Delta^2/T, so the correction is -T^2/Delta^2",
            domain=DOMAIN)
    b.asymptotic(in_gap.subs(w, Delta**2 / T), leading.subs(w, Delta**2 / T),
                 "validity at E*", LOW_T, T**2 / Delta**2,
                 claim="E* lies O(N) below eps while the width is O(sqrt N): the asymptotic "
                       "expansion of the error function applies at E*",
                 domain=LOW_T_DOMAIN)
    b.note(f"At E = E*: p< = leading * ({sp.sstr(at_star)}) [1 + O(T^4/Delta^4)].")
    pf = PRINTED["eq9"].form()
    points = tuple({Delta: sp.Rational(d), w: sp.Rational(g), epsilon: 0}
                   for d, g in [(1, 1), (1, 4), ("0.5", 6), (2, "3.5"), (3, 40), (1, 20)])
    return b.build(p_less_fn(E), exact=in_gap, leading=leading, order=Delta**2 / w**2,
                   limit=lim, printed=pf,
                   numeric=NumericSpec(_tail_reference, "quadrature", points))


def fu_average(b: DerivationBuilder) -> sp.Expr:
    """<p<> at fixed rho, exactly, with its steps (shared by eq10, eq11, eq13...)."""
    closed = p_less_exact(b)
    q_value, q_steps = gaussian_integral(model.G(E) * model.boltzmann(E), E, (-sp.oo, sp.oo))
    b.extend(q_steps)
    weight = simplified(model.G(E) * model.boltzmann(E) / q_value)
    _, _, _, square_steps = complete_square(sp.expand(sp.log(sp.expand_power_base(
        weight * sp.sqrt(2 * sp.pi) * Delta, force=True)).expand(force=True)), E)
    b.extend(square_steps)
    normal = model.G(E, mean=E_STAR)
    b.equal(weight, normal, "boltzmann weight is normal",
            "G(E) exp(-E/T)/q is the normal density of mean E* = eps - Delta^2/T, width Delta",
            domain=DOMAIN + ((E, -5, 5),))
    value, steps = integrate_gaussian_erfc(normal * closed, E, (-sp.oo, sp.oo))
    b.extend(steps)
    value = simplified(value)
    b.equal(model.average_integral(closed), value, "gaussian-cdf identity",
            "integral phi(x) Phi(a x + b) dx = Phi(b/sqrt(1 + a^2)) over the line",
            domain=((T, 0.5, 2), (Delta, 0.5, 3), (epsilon, -2, 2)),
            evaluate_before=lambda pt, d: boltzmann_average(P_LESS, pt, d))
    return value


def build_eq10():
    b = DerivationBuilder("eq10", "<fu(T, rho)> = <p<(T, rho)>", SECTION, domain=LOW_T_DOMAIN)
    b.define(fu_avg, model.average_integral(model.p_less(E)), "Eq 7 with Eq 3",
             "<fu> is the Boltzmann average (Eq 7) of fu(E) = p<c(E) (Eq 3), and p<c = p< "
             "in the uncorrelated REM (Gc = G)")
    exact = fu_average(b)
    # The trap: the weight peaks at E*, but p<(E) varies as fast as the weight.
    log_integrand = sp.expand(-(E - E_STAR) ** 2 / (2 * Delta**2) - (E - epsilon) ** 2
                              / (2 * Delta**2))
    shift = expand_about(sp.Integer(1), log_integrand, E, E_STAR)
    b.extend(shift.steps)
    b.note(f"Maximum of G exp(-E/T) p<(E) (with p< at leading order) lies at E* + "
           f"{sp.sstr(shift.shift)}, i.e. at (E* + eps)/2: expanding about E* would be wrong.")
    z = Delta / (2 * T)
    leading = simplified(erfc_asymptotic(z, 0) / 2)
    series2 = sp.expand(erfc_asymptotic(z, 2) / 2)
    b.asymptotic(exact, leading, "erfc-asymptotic", LOW_T, T**2 / Delta**2,
                 "DLMF 7.12.1 at z = Delta/(2T)")
    b.asymptotic(exact, series2, "erfc-asymptotic, order 2", LOW_T, T**6 / Delta**6,
                 "corrections 1 - 2 T^2/Delta^2 + 12 T^4/Delta^4")
    pf = PRINTED["eq10"].form()
    return b.build(fu_avg, exact=exact, leading=leading,
                   corrections=sp.expand(series2 / leading), order=T**2 / Delta**2,
                   limit=LOW_T, printed=pf,
                   numeric=NumericSpec(lambda pt, d: boltzmann_average(P_LESS, pt, d),
                                       "quadrature", EXACT_POINTS))


def _inverse_value(pt, digits):
    with mpmath.workdps(digits + 15):
        t, d, om = (mpmath.mpf(sp.Rational(pt[z])) for z in (T, Delta, Omega))
        fu = mpmath.erfc(d / (2 * t)) / 2
        return mpmath.log(om) - 2 * mpmath.erfinv(1 - 2 * fu) ** 2


def build_eq11():
    b = DerivationBuilder("eq11", "S_c = a + 2 ln <fu>", SECTION,
                          domain=LOW_T_DOMAIN + ((Omega, 1, 1000),))
    sc = sp.log(Omega) - Delta**2 / (2 * T**2)
    b.define(S_c, sc, "Eq 5b", "S_c(T, rho) = ln Omega - Delta^2/(2 T^2), exact (eq5b)")
    exact_fu = fu_average(b)
    inverse = sp.log(Omega) - 2 * sp.erfcinv(2 * fu_avg) ** 2
    b.equal(inverse.subs(fu_avg, exact_fu), sc, "exact inversion",
            "<fu> = erfc(Delta/(2T))/2 is invertible: Delta/(2T) = erfcinv(2 <fu>)",
            evaluate_before=_inverse_value)
    lead_fu = T * sp.exp(-Delta**2 / (4 * T**2)) / (sp.sqrt(sp.pi) * Delta)
    printed_root_pi = PRINTED["eq11"].readings["pi^(1/2)"]
    b.asymptotic(sp.exp(sc), sp.exp(printed_root_pi.subs(fu_avg, exact_fu)),
                 "eq10 squared", LOW_T, T**2 / Delta**2,
                 "exp(-Delta^2/(2T^2)) = [<fu> sqrt(pi) Delta/T]^2 [1 + O(T^2/Delta^2)] by eq10")
    a_T = sp.log(Omega) + sp.log(sp.pi * Delta**2 / T**2)
    b.equal(printed_root_pi, a_T + 2 * sp.log(fu_avg), "a + 2 ln <fu>",
            "a = ln Omega + ln(pi Delta^2/T^2): a depends on T at fixed rho (logarithmically)",
            domain=LOW_T_DOMAIN + ((Omega, 1, 1000), (fu_avg, 0.001, 0.5)))
    b.note("Exact relation: S_c = ln Omega - 2 [erfcinv(2 <fu>)]^2. To leading order "
           "S_c = a + 2 ln <fu> with a = ln Omega + ln(pi Delta^2/T^2), which is not constant in "
           "T: it changes by 2 ln(T1/T2) between two temperatures, small against the O(N) terms. "
           "Neglected: -4 T^2/Delta^2 + O(T^4/Delta^4) (absolute).")
    pf = PRINTED["eq11"].form({fu_avg: exact_fu})

    def reference(pt, digits):  # S_c from <fu> by quadrature and the exact inversion
        with mpmath.workdps(digits + 10):
            fu = boltzmann_average(P_LESS, pt, digits)
            return mpmath.log(mpmath.mpf(sp.Rational(pt[Omega]))) - 2 * mpmath.erfinv(
                1 - 2 * fu) ** 2

    points = tuple({**p, Omega: sp.Integer(o)} for p, o in zip(EXACT_POINTS, (3, 10, 7, 2, 1000),
                                                                      strict=True))
    return b.build(S_c, exact=sc, leading=printed_root_pi.subs(fu_avg, lead_fu),
                   order=T**2 / Delta**2, limit=LOW_T, printed=pf,
                   numeric=NumericSpec(reference, "quadrature", points),
                   extras={"a(T)": str(a_T), "exact_relation": str(inverse)})


DERIVATIONS = {"eq9": build_eq9, "eq10": build_eq10, "eq11": build_eq11}


# -- the text after Eq 11: a connected distribution of width sqrt(N) Delta ---------------

def _widened_p_less(energy=E):
    """p<c(E) for Gc(E') = Gaussian of mean eps and width sqrt(N) Delta (text after Eq 11)."""
    return sp.erfc((epsilon - energy) / (sp.sqrt(2 * N) * Delta)) / 2


def _widened_fu_reference(point, digits):
    """<p<c> by certified quadrature of Eq 7 with p<c, the CDF of the widened Gc."""
    return boltzmann_average(_widened_p_less(), point, digits)


#: x = Delta/(sqrt(N) T), the large parameter of the widened Gc's claims.
_X_WIDE = Delta / (sp.sqrt(N) * T)
#: Points of eq11-widened: (T, Delta, eps) and N, N rho, nu, with Omega(N rho) exact.
_WIDENED_POINTS = tuple(
    {T: sp.Rational(t), Delta: sp.Rational(d), epsilon: sp.Rational(e), N: sp.Integer(n_),
     rho: sp.Rational(k_, n_), nu: sp.Integer(v),
     Omega: sp.binomial(n_, k_) * sp.Integer(v) ** (n_ - k_)}
    for t, d, e, n_, k_, v in [(1, 1, 0, 10, 3, 2), ("0.5", "1.5", "-3", 20, 10, 1),
                               (2, 18, 7, 50, 5, 3), ("0.25", 5, "-40", 7, 7, 2),
                               (1, 50, 0, 100, 40, 2)])


def _widened_claims(b: DerivationBuilder) -> None:
    """p<c for the widened Gc, and the text's claims fu ~ G^(1/N) and G(E*) ~ fu(E*)^N."""
    gc = model.G(E_prime, width=sp.sqrt(N) * Delta)
    pc_value, steps = gaussian_integral(gc, E_prime, (-sp.oo, E))
    b.extend(steps)
    pc = _widened_p_less(E)
    b.equal(simplified(pc_value), pc, "erfc reflection", "p<c(E) as an erfc of width sqrt(N) Delta",
            domain=DOMAIN + ((E, -5, 5), (N, 1, 10)))
    b.equal(model.fu_sum(M, p), p, "Eq 3", "fu(E) = p<c(E) (eq3 holds for any p<c)",
            domain=((M, 1, 12), (p, 0.05, 0.95)))
    z_gap = w / (sp.sqrt(N) * Delta)
    b.asymptotic(sp.log(pc.subs(E, epsilon - w)),
                 sp.log(model.G(epsilon - w)) / N, "fu ~ G^(1/N)",
                 Limit(w, sp.oo, start=8), sp.log(z_gap) / z_gap**2,
                 "ln p<c = -(eps - E)^2/(2 N Delta^2) - ln(z sqrt(2 pi)) + O(1/z^2), "
                 "z = (eps - E)/(sqrt(N) Delta): equal to ln G/N at leading (log) order",
                 claim="fu(E) ~ p<c(E) ~ G(E)^(1/N)", domain=((Delta, 1, 2), (N, 2, 10)))
    b.asymptotic(sp.log(model.G(E_STAR)), N * sp.log(pc.subs(E, E_STAR)), "G(E*) ~ fu(E*)^N",
                 LOW_T, sp.log(_X_WIDE) / _X_WIDE**2,
                 "N ln fu(E*) = -Delta^2/(2T^2) - N ln(x sqrt(2 pi)) + ..., "
                 "x = Delta/(sqrt(N) T): log order only, and only for x >> 1 (low T); "
                 "with Delta^2 ~ N, x is O(1) at fixed T",
                 claim="G(E*) ~ fu(E*)^N", domain=((Delta, 1, 2), (N, 2, 10), (epsilon, -3, 3)))


def _widened_average(b: DerivationBuilder) -> sp.Expr:
    """<p<c> for the widened Gc, exactly, by the Gaussian-CDF identity."""
    normal = model.G(E, mean=E_STAR)
    pc = _widened_p_less(E)
    avg, steps = integrate_gaussian_erfc(normal * pc, E, (-sp.oo, sp.oo))
    b.extend(steps)
    avg = simplified(avg)
    b.equal(model.average_integral(pc), avg, "gaussian-cdf identity",
            "<p<c> = Phi(-Delta/(T sqrt(N + 1))): the Boltzmann weight is N(E*, Delta^2)",
            domain=((T, 0.5, 2), (Delta, 0.5, 3), (epsilon, -2, 2), (N, 1, 10)),
            evaluate_before=_widened_fu_reference)
    return avg


def _widened_inverse_value(pt, digits):
    """ln Omega/N - (1 + 1/N) erfcinv(2<fu>)^2 with <fu> = erfc(Delta/(T sqrt(2(N+1))))/2."""
    with mpmath.workdps(digits + 15):
        t, d, om = (mpmath.mpf(sp.Rational(pt[z])) for z in (T, Delta, Omega))
        big = int(pt[N])
        fu = mpmath.erfc(d / (t * mpmath.sqrt(2 * (big + 1)))) / 2
        return mpmath.log(om) / big - mpmath.mpf(big + 1) / big * mpmath.erfinv(
            1 - 2 * fu) ** 2


def _widened_entropy_reference(pt, digits):
    """S_c/N from quadrature (:func:`entropy_reference`)."""
    with mpmath.workdps(digits + 10):
        return entropy_reference(pt, digits) / int(pt[N])


def build_eq11_widened():
    """The text after Eq 11: Gc of width sqrt(N) Delta, claim by claim, and S_c/N."""
    b = DerivationBuilder("eq11-widened", "Gc of width sqrt(N) Delta: S_c/N = c' + ln fu",
                          SECTION, domain=((Delta, 1, 2), (epsilon, -3, 3), (N, 2, 10),
                                           (Omega, 2, 1000)))
    _widened_claims(b)
    avg = _widened_average(b)
    sc_per_n = sp.log(Omega) / N - Delta**2 / (2 * N * T**2)
    b.define(S_c / N, sc_per_n, "Eq 5b", "S_c = ln Omega - Delta^2/(2T^2) (eq5b, exact)")
    inverse = sp.log(Omega) / N - (N + 1) / N * sp.erfcinv(2 * fu_avg) ** 2
    b.equal(inverse.subs(fu_avg, avg), sc_per_n, "exact inversion",
            "<fu> = erfc(Delta/(T sqrt(2(N+1))))/2 inverts to "
            "Delta^2/T^2 = 2(N+1) erfcinv(2<fu>)^2",
            evaluate_before=_widened_inverse_value)
    b.note("Exact: S_c/N = ln Omega/N - (1 + 1/N) [erfcinv(2<fu>)]^2 with <fu> = <p<c>. "
           "At log order (x = Delta/(sqrt(N) T) >> 1) S_c/N = c' + ln fu(E*) with "
           "c' = ln Omega/N + ln(x sqrt(2 pi)), which depends on T logarithmically; with the "
           "Boltzmann-averaged <fu> instead, S_c/N - ln<fu> grows like x^2/(2(N+1)).")
    fu_star = _widened_p_less(E).subs(E, E_STAR)
    pf = PRINTED["eq11-widened"].form({f_u: fu_star, fu_avg: avg})
    return b.build(S_c / N, exact=sc_per_n, leading=sp.log(Omega) / N + sp.log(fu_star),
                   order=sp.log(_X_WIDE) / _X_WIDE**2, limit=LOW_T, printed=pf,
                   numeric=NumericSpec(_widened_entropy_reference, "quadrature",
                                       _WIDENED_POINTS),
                   extras={"<fu>_c": str(avg), "exact_relation": str(inverse)})


DERIVATIONS["eq11-widened"] = build_eq11_widened

#: Checked together in one worker process: they share the Gaussian-CDF integrals and the
#: Boltzmann averages of p<, and Eq 7 (s2_rho) is the same average as Eq 10.
CHECK_GROUPS = (("eq11-widened", "eq10", "eq7", "eq9", "eq11"),)
