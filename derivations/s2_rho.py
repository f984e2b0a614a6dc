"""The sum over rho: Eqs 4, 5a, 6 and 7.

Eq 4 sums the fixed-rho integrals over N rho = k = 0..N.  To make the sum concrete the
rho dependence of eps and Delta must be given; the default is the paper's large-N
scaling with the simplest rho dependence,

    eps(rho) = N (e0 - e1 rho),      Delta(rho)^2 = N (d0 + d1 rho),

and any other ``eps(rho)``, ``Delta(rho)^2`` can be passed to :func:`rho_saddle`.
With these defaults the engine finds (and the checker verifies) that

* each term is Omega(k) q_k = C(N, k) nu^(N-k) exp(-eps_k/T + Delta_k^2/(2T^2)), so
  Q(T) = exp[N(-e0/T + d0/(2T^2))] (nu + e^beta)^N exactly (binomial theorem), with
  beta = e1/T + d1/(2T^2);
* the rho-saddle (Stirling for Omega, sum -> integral, the engine's Laplace method with
  N large) sits at rho* = e^beta/(nu + e^beta), and exp(N phi(rho*)) is the exact Q:
  the saddle is exact here, and the Boltzmann weights of k are binomial(N, rho*);
* hence for an O(1) quantity X(rho), <X> = X(rho*) + O(1/N); but <fu(T, rho)> is itself
  exponentially small in N (Delta^2 ~ N), so the rho-average of <fu> is dominated by a
  *shifted* rho_f, not rho* (the maximum-shift check records it).
"""

from __future__ import annotations

import mpmath
import sympy as sp

from remsym.asymptotics import expand_about, gaussian_integral, laplace
from remsym.derivation import DerivationBuilder, Limit, NumericSpec
from remsym.derivation.evaluate import as_mpf
from remsym_paper import model
from remsym_paper._common import (
    EXACT_POINTS,
    P_LESS,
    boltzmann_average,
    boltzmann_integral,
    q_reference,
    simplified,
)
from remsym_paper.printed import PRINTED, PrintedEquation
from remsym_paper.rho_scaling import (
    BETA,
    DELTA2_OF_RHO,
    EPS_OF_RHO,
    RHO_STAR,
    RhoSaddle,
    rho_exponent,
    rho_saddle,
    stirling_entropy,
)
from remsym_paper.s3_fu import fu_average
from remsym_paper.symbols import (
    Delta,
    E,
    E_of_T,
    E_star,
    K_beta,
    M,
    N,
    N_real,
    Omega,
    Omega_fn,
    Q,
    S_c_of_T,
    T,
    d0,
    d1,
    e0,
    e1,
    epsilon,
    fu_avg,
    fu_T,
    k,
    nu,
    p,
    q_sym,
    rho,
)

SECTION = "Partition function and configurational entropy"

#: Parameter box for random points (N small enough for explicit sums).
DOMAIN = ((T, 0.5, 3), (e0, -1, 1), (e1, 0.2, 2), (d0, 0.5, 2), (d1, 0.2, 2), (N, 2, 8),
          (nu, 1, 3))
#: eps(rho), Delta(rho) of the default scaling at rho = k/N.
_AT_K = {epsilon: EPS_OF_RHO.subs(rho, k / N), Delta: sp.sqrt(DELTA2_OF_RHO.subs(rho, k / N))}


def _at_k(expr: sp.Expr) -> sp.Expr:
    """Substitute eps(rho), Delta(rho) of the default scaling at rho = k/N."""
    return expr.xreplace(_AT_K)


def _omega_k() -> sp.Expr:
    return sp.binomial(N, k) * nu ** (N - k)


def partition_sum(b: DerivationBuilder) -> sp.Expr:
    """Q(T) of Eq 4 from the model, reduced exactly; records the steps, returns Q closed."""
    inner = model.G(E) * model.boltzmann(E)
    q_value, q_steps = gaussian_integral(inner, E, (-sp.oo, sp.oo))
    b.extend(q_steps)
    q_value = simplified(q_value)
    b.equal(sp.Integral(inner, (E, -sp.oo, sp.oo)), q_value, "gaussian integral",
            "the E integral of Eq 4 at fixed rho (whole line): complete the square",
            domain=((T, 0.5, 3), (Delta, 0.5, 3), (epsilon, -3, 3)))
    summand = sp.expand(sp.powsimp(_omega_k() * _at_k(q_value), force=True))
    definition = sp.Sum(_omega_k() * _at_k(sp.Integral(inner, (E, -sp.oo, sp.oo))), (k, 0, N))
    b.define(Q, definition, "Eq 4", "Q(T) = sum over N rho = k of the E integral of "
             "Omega(k) G(E, k/N) exp(-E/T), with eps(rho) = N(e0 - e1 rho), "
             "Delta(rho)^2 = N(d0 + d1 rho)")
    summed = sp.Sum(summand, (k, 0, N))
    b.equal(definition, summed, "termwise", "each E integral is q(T, k/N) (step above)",
            domain=tuple((s, lo, hi) if s != N else (N, 2, 4) for s, lo, hi in DOMAIN),
            evaluate_before=_q_sum_reference)
    closed = sp.exp(N * (-e0 / T + d0 / (2 * T**2))) * (nu + sp.exp(BETA)) ** N
    b.equal(summed, closed, "binomial theorem",
            "eps and Delta^2 are linear in rho, so the k-dependence is exp(beta k) and "
            "sum_k C(N,k) nu^(N-k) e^(beta k) = (nu + e^beta)^N")
    return closed


def _terms(point, digits):
    """[(Omegak, eps_k, Delta_k)] at a point of the default scaling, in mpmath."""
    v = {s.name: as_mpf(val) for s, val in point.items()}
    big = int(point[N])
    out = []
    for kk in range(big + 1):
        r = mpmath.mpf(kk) / big
        out.append((mpmath.binomial(big, kk) * v["nu"] ** (big - kk),
                    big * (v["e_0"] - v["e_1"] * r), mpmath.sqrt(big * (v["d_0"] + v["d_1"] * r))))
    return v, out


def _q_sum_reference(point, digits):
    """Q(T) by validated quadrature of every E integral (the defining form of Eq 4)."""
    with mpmath.workdps(digits + 15):
        v, terms = _terms(point, digits)
        total = mpmath.mpf(0)
        for om, eps_k, w_k in terms:
            qk = q_reference({T: point[T], Delta: _rat(w_k), epsilon: _rat(eps_k)}, digits)
            total += om * qk
        return +total


def _rat(x):
    return sp.Rational(mpmath.nstr(x, 60))


def _fu_joint_reference(point, digits):
    """The joint (rho, E) Boltzmann average of fu = p< by quadrature of every integral."""
    with mpmath.workdps(digits + 15):
        v, terms = _terms(point, digits)
        num = den = mpmath.mpf(0)
        for om, eps_k, w_k in terms:
            pt = {T: point[T], Delta: _rat(w_k), epsilon: _rat(eps_k)}
            num += om * boltzmann_integral(P_LESS, pt, digits)
            den += om * q_reference(pt, digits)
        return num / den


def thermodynamics(closed_q: sp.Expr) -> tuple[sp.Expr, sp.Expr]:
    """U = T^2 d ln Q/dT and S = ln Q + U/T from a closed Q(T)."""
    log_q = sp.expand_log(sp.log(closed_q), force=True)
    energy = simplified(T**2 * sp.diff(log_q, T))
    return energy, log_q + energy / T


def _printed_integrals_reduced(equation: PrintedEquation) -> dict[sp.Expr, sp.Expr]:
    """Each E integral of a printed form -> the engine's exact value at rho = k/N."""
    integrals = set().union(*(expr.atoms(sp.Integral) for expr in equation.readings.values()))
    return {integral: _at_k(gaussian_integral(integral.function, integral.limits[0][0],
                                              integral.limits[0][1:])[0])
            for integral in integrals}


def build_eq4():
    b = DerivationBuilder("eq4", "Q(T): the partition function", SECTION, domain=DOMAIN)
    closed = partition_sum(b)
    energy, entropy = thermodynamics(closed)
    b.equal(sp.exp(-energy / T + entropy), closed, "thermodynamic form",
            "with E(T) = T^2 d ln Q/dT (the mean energy) and S_c(T) = ln Q + E(T)/T the "
            "identity Q = exp(-E(T)/T + S_c(T)) holds exactly: it defines S_c(T)")
    b.note("The extraction prints the E integral from 0 to oo; the paper's other E integrals "
           "run over the whole line, and energies near E* = eps - Delta^2/T are negative for "
           "the paper's eps: the lower limit 0 cuts off the dominant region (reading "
           "'lower limit 0' below).")
    b.note("The extraction prints exp(-E(T) + S_c(T)); only exp(-E(T)/T + S_c(T)) is "
           "dimensionally and thermodynamically consistent (reading 'E(T)' below).")
    pf = PRINTED["eq4"].form({E_of_T: energy, S_c_of_T: entropy, Omega_fn(k): _omega_k(),
                              **_printed_integrals_reduced(PRINTED["eq4"])})
    points = tuple({T: sp.Rational(t), e0: sp.Rational(a), e1: sp.Rational(c),
                    d0: sp.Rational(d), d1: sp.Rational(f), N: sp.Integer(n_), nu: sp.Integer(v)}
                   for t, a, c, d, f, n_, v in [(1, 0, 1, 1, 1, 4, 2), ("0.5", "0.3", "0.5", 2,
                                                "0.5", 3, 1), (2, -1, 2, "0.5", 1, 5, 3),
                                                ("0.7", 0, 1, 1, 2, 2, 2), (3, 1, 1, 2, 2, 6, 2)])
    return b.build(Q, exact=closed, printed=pf,
                   numeric=NumericSpec(_q_sum_reference, "quadrature", points),
                   extras={"E(T)": str(energy), "S_c(T)": str(entropy)})


# -- the rho saddle (rho_scaling) -------------------------------------------------

#: E*(T, rho) of Eq 5c in each term of the rho sum.
_E_STAR_AT_RHO = epsilon - Delta**2 / T


def _terms_by_eqs_5b_5c(b: DerivationBuilder) -> None:
    """Each term of the rho sum is exp(-E*/T + S_c) by Eqs 5b and 5c (both exact)."""
    sc_k = sp.log(Omega) - Delta**2 / (2 * T**2)
    b.equal(Omega * sp.exp(-epsilon / T + Delta**2 / (2 * T**2)),
            sp.exp(-_E_STAR_AT_RHO / T + sc_k), "Eqs 5b, 5c",
            "Omega q = exp(-E*/T + S_c(T, rho)) with E* (eq5c) and S_c (eq5b, exact)",
            domain=((T, 0.5, 3), (Delta, 0.5, 3), (epsilon, -3, 3), (Omega, 1, 50)))


def _rho_saddle_steps(b: DerivationBuilder, closed: sp.Expr) -> None:
    """The rho saddle of Q: Stirling, sum -> integral, Laplace's method in N (a real
    N_real), rho*, and the saddle value, which is the exact Q."""
    f = 1 / sp.sqrt(2 * sp.pi * rho * (1 - rho))
    phi = rho_exponent().subs(N, N_real)
    omega_rho = sp.binomial(N_real, N_real * rho) * nu ** (N_real * (1 - rho))
    b.asymptotic(omega_rho, sp.sqrt(N_real) * f * sp.exp(N_real * stirling_entropy()) / N_real,
                 "stirling", Limit(N_real, sp.oo, start=10), 1 / N_real,
                 "ln n! = n ln n - n + ln sqrt(2 pi n) + O(1/n) for N, N rho, N(1 - rho)",
                 domain=((rho, 0.2, 0.8), (nu, 1, 3)))
    shifted = sp.exp(-N_real * (-e0 / T + d0 / (2 * T**2)))
    sum_k = sp.Sum(sp.binomial(N_real, k) * nu ** (N_real - k) * sp.exp(BETA * k),
                   (k, 0, N_real))
    # the engine works with K = e^beta/nu (a positive symbol keeps its algebra rational)
    phi_k = sp.expand(stirling_entropy() + rho * sp.log(nu * K_beta))
    b.equal(phi.subs({e0: 0, d0: 0}), phi_k.subs(K_beta, sp.exp(BETA) / nu), "K = e^beta/nu",
            "the rho-dependent exponent is Stirling's entropy plus beta rho",
            domain=((T, 0.7, 2), (e1, 0.2, 1), (d1, 0.2, 1), (nu, 1, 2), (rho, 0.1, 0.9)))
    res = laplace(f, phi_k, rho, N_real, bounds=(0, 1), order=1)
    back = {K_beta: sp.exp(BETA) / nu}
    b.asymptotic(sum_k, sp.sqrt(N_real) * sp.Integral(
                     f * sp.exp(N_real * phi.subs({e0: 0, d0: 0})), (rho, 0, 1)),
                 "sum to integral", Limit(N_real, sp.oo, start=8), 1 / N_real,
                 "sum_k F(k/N) = N integral F(rho) d rho for a peak of width sqrt(N) in k, with "
                 "Stirling's prefactor 1/sqrt(2 pi N rho (1 - rho)) for C(N, k)",
                 domain=((T, 0.7, 2), (e1, 0.2, 1), (d1, 0.2, 1), (nu, 1, 2)))
    b.extend(res.steps)
    rho_star = simplified(res.point.subs(back))
    b.equal(rho_star, RHO_STAR, "rho*", "the engine's maximiser of phi(rho): "
            "ln[(1 - rho)/(nu rho)] + e1/T + d1/(2T^2) = 0")
    saddle_value = sp.exp(N_real * phi.subs(rho, RHO_STAR))
    b.equal(sp.sqrt(N_real) * res.leading.subs(back), saddle_value * shifted, "saddle value",
            "f(rho*) sqrt(2 pi/(N |phi''|)) = N^(-1/2): Stirling's prefactor cancels the "
            "Gaussian width", domain=((T, 0.7, 2), (e1, 0.2, 1), (d1, 0.2, 1), (nu, 1, 2),
                                      (e0, -1, 1), (d0, 0.5, 2), (N_real, 2, 40)))
    b.equal(saddle_value.subs(N_real, N), closed, "saddle is exact",
            "N phi(rho*) = N[-e0/T + d0/(2T^2) + ln(nu + e^beta)]: the leading saddle-point "
            "term equals the exact Q (the 1/N corrections of Stirling and of Laplace cancel)",
            domain=DOMAIN)
    c1 = sp.sstr(simplified(res.coefficients[1].subs(back)))
    b.note(f"Laplace correction coefficient of the rho integral: c1 = {c1} (cancelled by "
           "Stirling's own 1/N corrections, since the sum is exactly (nu + e^beta)^N).")


def _saddle_notes(b: DerivationBuilder) -> RhoSaddle:
    """The binomial rho distribution, and rho*(T), S_c/N and T_K at the default numbers."""
    b.note("The Boltzmann weight of k = N rho is exactly binomial(N, rho*): <rho> = rho*, "
           "Var(N rho) = N rho*(1 - rho*); the rho distribution has relative width "
           "O(N^(-1/2)), so 'a thermodynamic rho dominates' holds for O(1) observables.")
    saddle = rho_saddle(temperatures=(0.5, 1, 2))
    b.note(f"Stationarity (user-suppliable eps(rho), Delta(rho)): {sp.sstr(saddle.condition)}. "
           f"At e0=0, e1=1, d0=1, d1=1, nu=2: T_K = {mpmath.nstr(saddle.T_K, 12)} "
           f"(S_c(T, rho*) = 0); (T, rho*, S_c/N) = "
           + "; ".join(f"({t:g}, {r:.6f}, {s:.6f})" for t, r, s in saddle.table))
    return saddle


def build_eq5a():
    """Eq 5a: Q(T) as a sum of exp(-E*/T + S_c) over rho, and its rho saddle."""
    b = DerivationBuilder("eq5a", "Q(T) as a sum of saddle-point terms; the rho saddle",
                          SECTION, domain=DOMAIN)
    closed = partition_sum(b)
    _terms_by_eqs_5b_5c(b)
    _rho_saddle_steps(b, closed)
    saddle = _saddle_notes(b)
    # E* enters as -E*/T and inside G(E*); eps and Delta then at rho = k/N.
    pf = PRINTED["eq5a"].form({-E_star / T: -_E_STAR_AT_RHO / T, E_star: _E_STAR_AT_RHO,
                               Omega_fn(k): _omega_k()}, _AT_K)
    points = build_points()
    return b.build(Q, exact=closed, printed=pf,
                   numeric=NumericSpec(_q_sum_reference, "quadrature", points),
                   extras={"rho*": str(RHO_STAR), "T_K": mpmath.nstr(saddle.T_K, 15),
                           "stationarity": str(saddle.condition)})


def build_points():
    return tuple({T: sp.Rational(t), e0: sp.Rational(a), e1: sp.Rational(c), d0: sp.Rational(d),
                  d1: sp.Rational(f), N: sp.Integer(n_), nu: sp.Integer(v)}
                 for t, a, c, d, f, n_, v in [(1, 0, 1, 1, 1, 4, 2), ("0.5", "0.3", "0.5", 2,
                                              "0.5", 3, 1), (2, -1, 2, "0.5", 1, 5, 3),
                                              ("0.7", 0, 1, 1, 2, 2, 2), (3, 1, 1, 2, 2, 6, 2)])


# -- Eqs 6 and 7 -----------------------------------------------------------------

def build_eq7():
    b = DerivationBuilder("eq7", "<fu(T, rho)>: the Boltzmann average at fixed rho", SECTION,
                          domain=((T, 0.5, 2), (Delta, 0.5, 3), (epsilon, -2, 2)))
    b.equal(model.fu_sum(M, p), p, "Eq 3", "fu(E) = p<c(E) = p<(E) for Gc = G (eq3)",
            domain=((M, 1, 12), (p, 0.05, 0.95)))
    b.define(fu_avg, model.average_integral(model.p_less(E)), "Eq 7 with Eq 3",
             "<fu(T, rho)> is the Boltzmann average of fu(E) = p<c(E) (Eq 3, above), and "
             "p<c = p< in the uncorrelated REM (Gc = G)")
    exact = fu_average(b)
    b.equal(model.average_integral(sp.Integer(1)), sp.Integer(1), "normalisation",
            "<1> = 1: q is the normaliser of the Boltzmann weight")
    pf = PRINTED["eq7"].form()
    return b.build(fu_avg, exact=exact, printed=pf,
                   numeric=NumericSpec(lambda pt, d: boltzmann_average(P_LESS, pt, d),
                                       "quadrature", EXACT_POINTS))


def build_eq6():
    b = DerivationBuilder("eq6", "<fu(T)>: the average over rho", SECTION, domain=DOMAIN)
    closed_q = partition_sum(b)
    fu_k = _at_k(sp.erfc(Delta / (2 * T)) / 2)      # <fu(T, k/N)>, eq10 exact
    q_k = _at_k(sp.exp(-epsilon / T + Delta**2 / (2 * T**2)))
    weights = sp.Sum(_omega_k() * q_k * fu_k, (k, 0, N)) / sp.Sum(_omega_k() * q_k, (k, 0, N))
    b.define(fu_T, weights, "Eq 6", "sum over N rho of Omega q <fu(T, rho)> over the same sum "
             "without <fu>; q from eq8, <fu(T, rho)> from eq10 (both exact)")
    b.equal(weights, sp.Sum(_omega_k() * q_k * fu_k, (k, 0, N)) / closed_q, "denominator is Q",
            "the denominator is Q(T) of Eq 4")
    binom = sp.binomial(N, k) * RHO_STAR**k * (1 - RHO_STAR) ** (N - k)
    exact = sp.Sum(binom * fu_k, (k, 0, N))
    b.equal(_omega_k() * q_k / closed_q, binom, "binomial weights",
            "Omega(k) q_k / Q = C(N,k) rho*^k (1 - rho*)^(N-k): the rho distribution is "
            "exactly binomial with mean rho*", domain=DOMAIN + ((k, 0, 2),))
    b.equal(sp.Sum(_omega_k() * q_k * fu_k, (k, 0, N)) / closed_q, exact,
            "binomial weights in the sum", "1/Q taken into the sum over k, where each "
            "Omega(k) q_k / Q is the binomial weight (step above)")
    lim = Limit(N, sp.oo, start=10)
    smooth = sp.Sum(binom * (k / N) ** 2, (k, 0, N))
    b.asymptotic(smooth, RHO_STAR**2, "dominated by rho*", lim, 1 / N,
                 "for an O(1) observable X(rho): <X> = X(rho*) + X''(rho*) rho*(1-rho*)/(2N) "
                 "+ O(1/N^2) (binomial moments); here X = rho^2",
                 domain=((T, 0.7, 2), (e1, 0.2, 1), (d1, 0.2, 1), (nu, 1, 2)))
    fu_star = sp.erfc(sp.sqrt(DELTA2_OF_RHO.subs(rho, RHO_STAR)) / (2 * T)) / 2
    b.asymptotic(exact, fu_star, "fu dominated by rho*", lim, 1 / N,
                 claim="the rho-average <fu(T)> is dominated by rho*: <fu(T)> = "
                       "<fu(T, rho*)>[1 + O(1/N)]",
                 domain=((T, 0.7, 1.5), (e1, 0.2, 1), (d1, 1, 2), (d0, 0.5, 1), (nu, 1, 2),
                         (e0, 0, 0)))
    # where the rho-sum of <fu> really peaks: the maximum-shift check of the engine
    log_fu_rate = -(d0 + d1 * rho) / (4 * T**2)
    shift = expand_about(sp.Integer(1), rho_exponent(extra=log_fu_rate).subs({e0: 0, d0: 0}),
                         rho, RHO_STAR, bounds=(0, 1))
    b.extend(shift.steps)
    b.note("<fu(T, rho)> ~ exp(-N (d0 + d1 rho)/(4T^2)) is exponential in N, so it shifts the "
           f"rho saddle: the summand of the numerator peaks at rho_f = {sp.sstr(shift.maximum)}, "
           f"not at rho* (shift {sp.sstr(simplified(shift.shift))}).  Exactly: "
           "<fu(T)> = sum_k Bin(k; N, rho*) erfc(Delta_k/(2T))/2, and ln<fu(T)>/N -> "
           "ln(1 - rho* + rho* e^(-d1/(4T^2))) - d0/(4T^2), which differs from "
           "ln<fu(T, rho*)>/N -> -(d0 + d1 rho*)/(4T^2) unless d1 = 0.")
    pf = PRINTED["eq6"].form({Omega_fn(k): _omega_k(), q_sym: q_k, fu_avg: fu_k})
    points = build_points()
    return b.build(fu_T, exact=exact, printed=pf,
                   numeric=NumericSpec(_fu_joint_reference, "quadrature",
                                       tuple(pt for pt in points if pt[N] <= 4)
                                       + ({**points[0], N: sp.Integer(2), T: sp.Rational(3, 2)},
                                          {**points[1], N: sp.Integer(4), T: sp.Rational(1)})),
                   extras={"rho_f": str(shift.maximum)})


DERIVATIONS = {"eq4": build_eq4, "eq5a": build_eq5a, "eq6": build_eq6, "eq7": build_eq7}

#: Checked together in one worker process: Eqs 4, 5a and 6 build and evaluate the same
#: partition sum Q(T).  (Eq 7 goes with Eq 10, the same Boltzmann average: s3_fu.)
CHECK_GROUPS = (("eq5a", "eq4", "eq6"),)
