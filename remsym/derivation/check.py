"""Checking derivation steps: two witnesses per step, results as values.

Exact steps (``=``)
    Symbolic witness: a chain of targeted rewrites (``expand``, ``cancel``,
    ``powsimp``, ``expand_log``, ``gammasimp``/``combsimp``, ``expand_func``...)
    applied to ``before - after`` and to ``before/after``; never
    ``simplify(a - b) == 0`` alone.  Numeric witness: both sides at random
    points of the step's domain to ``digits`` significant digits.  A numeric
    disagreement refutes the step whatever the rewrites said; the record names
    the witness that decided.

Asymptotic steps (``~``)
    Limit witness: ``limit(before/after)`` along the step's :class:`Limit` with
    the other symbols at a random point seeded by the step's content (bounded
    in time, memoised).  Rate witness: the
    relative error at a geometric sequence of the large parameter must fall to
    zero at the rate of the declared ``order`` (observed exponent within
    ``RATE_TOLERANCE`` of 1, or faster when the error sits below working
    precision).

Nothing here raises for a false step: :class:`StepCheck` carries ``status``
(``verified``, ``refuted`` or ``unverified``) and a ``reason``.
"""

from __future__ import annotations

import hashlib
import random
import signal
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import mpmath
import sympy as sp
from sympy.functions.elementary.hyperbolic import HyperbolicFunction
from sympy.functions.elementary.trigonometric import (
    InverseTrigonometricFunction,
    TrigonometricFunction,
)

from remsym.derivation.antiderivative import sympy_evaluation
from remsym.derivation.evaluate import random_point, relative_difference, value
from remsym.derivation.steps import Limit, Relation, Step

RATE_TOLERANCE = 0.25
#: Time given to SymPy's own evaluation of the unevaluated integrals in a step, and to the
#: normal form of the result (:mod:`remsym.derivation.antiderivative`; measured on the
#: paper's Gaussian integrals: 0.01-0.1 s by an antiderivative, 0.1-0.9 s by ``doit``,
#: where at 1 s Eq 12's uphill integral once timed out on a loaded machine).
INTEGRAL_SECONDS = 2.0
SPOT_CHECKS = 5
#: The rate witness first evaluates both sides to RATE_DIGITS digits: the relative errors
#: it measures are mostly 1e-2 to 1e-9, and an error of 1e-(RATE_DIGITS - RESOLVED_DIGITS)
#: or more is then known to RESOLVED_DIGITS significant digits.  Smaller errors (an exact
#: or exponentially small remainder) are measured again at the full working precision.
RATE_DIGITS = 25
RESOLVED_DIGITS = 10
#: Time given to SymPy's ``limit`` of a step's ratio (an undecided limit leaves the
#: rate witness to decide).  Measured on the paper: the decided limits take 0.01-0.46 s
#: (the erfc ratios of Eqs 14 and 15 0.3-0.46 s, so that at 0.5 s their witness label
#: depended on the machine's load); the known slow kinds are not attempted
#: (:func:`_beyond_gruntz`), and no other limit reaches this budget.
LIMIT_SECONDS = 1.0
#: Functions of the limit variable for which SymPy's ``limit`` (Gruntz) needs seconds, far
#: beyond LIMIT_SECONDS (measured on the paper's Stirling steps, ratios of binomials and
#: log-gammas of N: 2.8 s, and more than 5 s); the rate witness decides such steps alone.
_SLOW_LIMIT_FUNCTIONS = (sp.gamma, sp.loggamma, sp.binomial, sp.factorial)


def _beyond_gruntz(ratio: sp.Expr, variable: sp.Symbol) -> bool:
    """Whether SymPy's ``limit`` of ``ratio`` is known to need far more than LIMIT_SECONDS.

    Functions of :data:`_SLOW_LIMIT_FUNCTIONS`, and the log of an error function of the
    limit variable (the large-deviation steps of the text after Eq 11, log G(E*) against
    N log fu(E*): measured 1.6 s to the limit 1 as T -> 0, and ``zoo`` as E -> oo; a
    cancelled form of the same ratio even returned a wrong 0).
    """
    if any(f.has(variable) for f in ratio.atoms(*_SLOW_LIMIT_FUNCTIONS)):
        return True
    return any(e.has(variable) for g in ratio.atoms(sp.log)
               for e in g.atoms(sp.erf, sp.erfc))


#: For some rewrites, the functions they act on: without one of them in the expression the
#: rewrite cannot prove anything and is skipped (combsimp alone spent 0.24 s per check run
#: failing on expressions without a factorial or binomial).
_REWRITE_TARGETS: dict[str, tuple[type, ...]] = {
    "expand_log": (sp.log,),
    "combsimp": (sp.factorial, sp.binomial, sp.gamma, sp.RisingFactorial, sp.FallingFactorial),
    "trigsimp": (TrigonometricFunction, InverseTrigonometricFunction, HyperbolicFunction),
    "exp-log normal form": (sp.exp, sp.log),
    "log-ratio normal form": (sp.exp,),
    "log normal form": (sp.log,),
}


def log_normal_form(expr: sp.Expr) -> sp.Expr:
    """Logs expanded (forced: the paper's symbols are positive), each log's argument
    brought over one denominator and factored (``1 - K/(nu + K)`` is ``nu/(nu + K)``),
    logs expanded again, then one cancelled fraction: zero proves ``expr == 0``.

    For the slope of an exponent with entropy terms at its stationary point (Eq 6's
    maximum-shift step, ``g'(rho_f) = 0``: 0.05-0.08 s, where the other rewrites fail
    after 0.2 s).
    """
    expr = sp.expand_log(expr, force=True)
    expr = expr.replace(lambda e: isinstance(e, sp.log),
                        lambda e: sp.log(sp.factor(sp.together(e.args[0]))))
    expr = sp.expand(sp.expand_log(expr, force=True))
    return expr if expr == 0 else sp.cancel(sp.together(expr))


def log_ratio_normal_form(ratio: sp.Expr) -> sp.Expr:
    """:func:`log_normal_form` of ``log(ratio)``: zero proves ``ratio == 1``.

    For products of exponentials and powers (a saddle-point value ``exp(N f(rho*))``
    against ``(nu + K)^N``).  Measured on Eq 5a's two saddle steps: 0.03-0.09 s, where
    the other rewrites fail after 0.3-0.5 s.  Applied to the ratio of the two sides
    only, never to their difference.
    """
    return log_normal_form(sp.log(ratio))


#: Rewrites that act on ``before/after`` alone and prove the step by returning zero.
_RATIO_REWRITES = frozenset({"log-ratio normal form"})

REWRITES: tuple[tuple[str, Callable[[sp.Expr], sp.Expr]], ...] = (
    ("expand", lambda e: sp.expand(e)),
    ("log-ratio normal form", log_ratio_normal_form),
    ("log normal form", log_normal_form),
    ("cancel", lambda e: sp.cancel(e)),
    ("powsimp", lambda e: sp.powsimp(sp.expand(e), force=True)),
    ("expand_log", lambda e: sp.expand(sp.expand_log(e, force=True))),
    ("expand_func+gammasimp", lambda e: sp.gammasimp(sp.expand_func(e))),
    ("combsimp", lambda e: sp.combsimp(e)),
    ("trigsimp", lambda e: sp.trigsimp(e)),
    ("exp-log normal form", lambda e: sp.expand(sp.powsimp(sp.expand_log(
        sp.expand(e), force=True), force=True, combine="exp"))),
)


def exp_erf_normal_form(expr: sp.Expr) -> sp.Expr:
    """A normal form for sums of products of exponentials and error functions.

    ``erfc = 1 - erf``; products of exponentials merged (``exp(a) exp(b) = exp(a + b)``);
    every ``exp`` and ``erf`` argument expanded, so that equal arguments are equal
    atoms; then one cancelled rational function over those atoms.  Each move is an
    identity, so a zero result proves ``expr == 0``.  This is what SymPy's evaluation
    of a Gaussian integral needs (it returns ``exp(x^2) erf(x)`` products that
    ``expand`` alone leaves apart).
    """
    expr = sp.expand(sp.sympify(expr).rewrite(sp.erf))
    expr = sp.powsimp(expr, combine="exp")
    expr = expr.replace(lambda e: isinstance(e, (sp.exp, sp.erf)),
                        lambda e: e.func(sp.expand(e.args[0])))
    expr = sp.expand(expr)
    return expr if expr == 0 else sp.cancel(sp.together(expr))


def _evaluated(expr: sp.Expr) -> sp.Expr:
    """``expr`` with its outermost integrals and sums evaluated by SymPy."""
    outer = [i for i in expr.atoms(sp.Integral, sp.Sum)
             if not any(i != j and j.has(i) for j in expr.atoms(sp.Integral, sp.Sum))]
    return expr.xreplace({i: (sympy_evaluation(i) if isinstance(i, sp.Integral) else i.doit())
                          for i in outer})


def _forget_interrupted_tables(interruption: BaseException) -> None:
    """Reset SymPy's Meijer-G lookup table when ``interruption`` (a deadline, a
    ``RecursionError``...) broke off its construction.

    SymPy builds the table lazily, on the first definite integral that needs it (in
    ``doit``, and inside ``limit``), by assigning an empty dict and then filling it.  A
    deadline landing mid-build would leave it half filled for the rest of the process,
    and later integrals would then fail (or succeed) depending on timing.  Reset to
    SymPy's initial ``None``, the next use builds it whole.  (Building it up front, as
    before, cost 0.15-0.27 s in every worker, and the paper's checks never need it: only
    Eq 1's builder does, outside any deadline.)
    """
    tb = interruption.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_name == "_create_lookup_table" and code.co_filename.endswith("meijerint.py"):
            from sympy.integrals import meijerint

            meijerint._lookup_table = None
            return
        tb = tb.tb_next


@dataclass(frozen=True, slots=True)
class StepCheck:
    """Outcome of checking one step."""

    status: str  # "verified" | "refuted" | "unverified"
    witness: str  # which witness decided
    reason: str
    max_rel_error: float | None = None
    observed_rate: float | None = None

    @property
    def evidence(self) -> str:
        """The evidence level: ``proved``, ``numerically verified``, ``unverified`` or
        ``refuted``."""
        if self.status != "verified":
            return self.status
        if self.witness.startswith(("symbolic", "definition")):
            return "proved"
        return "numerically verified"


class Deadline(BaseException):
    """Raised by :func:`time_limit`.  A ``BaseException``, so that SymPy's own
    ``except Exception`` clauses (heurisch, meijerg) cannot swallow it and run on."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Abort a SymPy computation after ``seconds`` (main thread only; else no limit)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum: int, frame: Any) -> None:
        raise Deadline

    old = signal.signal(signal.SIGALRM, _raise)
    # Re-fire every 0.1 s: a Deadline that lands inside a garbage-collector callback is
    # printed and dropped by the interpreter ("Exception ignored in gc_callback"), and a
    # one-shot timer would then let SymPy run on for minutes.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
    try:
        yield
    except BaseException as exc:  # a Deadline, or SymPy's RecursionError, MemoryError...
        _disarm(old)
        _forget_interrupted_tables(exc)
        raise
    finally:
        _disarm(old)


def _disarm(handler: Any) -> None:
    """Stop the timer and restore ``handler``, even if the timer fires meanwhile (a
    Deadline raised here would otherwise leave it armed, to fire anywhere later)."""
    while True:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, handler)
            return
        except Deadline:
            continue


#: Rewrites that split or merge logs and powers with ``force=True``: identities only for
#: positive arguments.  For the paper's symbols (positive, or checked numerically on
#: every exact step anyway) that is the intended reading; an undefined function (a
#: general G_c) may be negative and has no numeric witness, so they are not used there
#: (``sqrt(G(E)^2) = G(E)`` must stay unproved).
FORCED_REWRITES = frozenset({"powsimp", "expand_log", "exp-log normal form",
                             "log-ratio normal form", "log normal form"})


def symbolic_identity(before: sp.Expr, after: sp.Expr, seconds: float = 4.0,
                      forced: bool = True) -> str | None:
    """The name of the first targeted rewrite proving ``before == after``, else None.

    ``forced=False`` leaves out :data:`FORCED_REWRITES`.  Memoised per process: the
    paper's derivations share steps (the same Gaussian integral, the same Stirling
    step), and a step is proved once.
    """
    return _symbolic_identity(sp.sympify(before), sp.sympify(after), seconds, forced)


@lru_cache(maxsize=1024)
def _symbolic_identity(before: sp.Expr, after: sp.Expr, seconds: float,
                       forced: bool = True) -> str | None:
    diff = before - after
    if diff == 0:
        return "syntactic"
    ratio = None if after == 0 else before / after
    rewrites = REWRITES
    if any(not all(lim[1].is_number and lim[2].is_number for lim in e.limits)
           for e in diff.atoms(sp.Sum)):
        return None  # SymPy's closed forms for symbolic-limit sums are slow Piecewise objects
    if any(i.function.has(sp.erf, sp.erfc) for i in diff.atoms(sp.Integral)):
        # SymPy has no rule for a Gaussian times an error function: its meijerg/risch attempts
        # run for minutes and return the integral unevaluated (measured: 38 s and 222 s on
        # the Owen's-T and Gaussian-CDF steps).  The numeric witness decides such steps.
        return None
    if diff.has(sp.Integral, sp.Sum):
        # Rewriting inside unevaluated integrals is slow and rarely decisive: the symbolic
        # witness for such a step is SymPy's own evaluation of the integral or sum.
        rewrites = (("integrate+exp-erf normal form",
                     lambda e: exp_erf_normal_form(_evaluated(e))),)
        seconds = min(seconds, INTEGRAL_SECONDS)
    deadline = time.perf_counter() + seconds  # one budget for the whole chain of rewrites
    for name, rewrite in rewrites:
        if not forced and name in FORCED_REWRITES:
            continue
        targets = _REWRITE_TARGETS.get(name)
        if targets is not None and not diff.has(*targets):
            continue
        left = deadline - time.perf_counter()
        if left <= 0.05:
            break
        try:
            with time_limit(left):
                if name in _RATIO_REWRITES:
                    if ratio is not None and rewrite(ratio) == 0:
                        return name
                    continue
                if rewrite(diff) == 0:
                    return name
                if ratio is not None and rewrite(ratio) == 1:
                    return name + " (ratio)"
        except (Deadline, RecursionError, TypeError, ValueError, NotImplementedError):
            continue
    return None


def _free(step_or_exprs: Any) -> list[sp.Symbol]:
    exprs = step_or_exprs
    syms: set[sp.Symbol] = set()
    for e in exprs:
        syms |= sp.sympify(e).free_symbols
    return sorted(syms, key=lambda z: z.name)


def _before_value(step: Step, point: Mapping[sp.Symbol, Any], digits: int,
                  absolute: bool = False) -> Any:
    if step.evaluate_before is not None:
        return step.evaluate_before(point, digits)
    return value(step.before, point, digits, absolute)


def numeric_identity(step: Step, digits: int, rng: random.Random,
                     count: int = SPOT_CHECKS) -> tuple[bool, float, dict]:
    """Both sides at ``count`` random points (or at the step's own ``points``);
    (agree, max relative difference, worst point)."""
    symbols = _free((step.before, step.after))
    worst, worst_point = mpmath.mpf(0), {}
    points = step.points or [random_point(symbols, step.domain, rng) for _ in range(count)]
    # X = 0 is checked absolutely (relative_difference), so X is needed to `digits` digits
    # after the point, not to `digits` significant digits (which an exact zero lacks)
    zero = sp.sympify(step.after) == 0
    for point in points:
        lhs = _before_value(step, point, digits, absolute=zero)
        rhs = value(step.after, point, digits)
        diff = relative_difference(lhs, rhs, digits)
        if diff > worst:
            worst, worst_point = diff, point
    return worst < mpmath.mpf(10) ** (-digits + 2), float(worst), worst_point


def _has_undefined_function(*exprs: sp.Expr) -> bool:
    from sympy.core.function import AppliedUndef

    return any(sp.sympify(e).atoms(AppliedUndef) for e in exprs)


def check_exact(step: Step, digits: int, rng: random.Random) -> StepCheck:
    if step.evaluate_before is None and _has_undefined_function(step.before, step.after):
        rewrite = symbolic_identity(step.before, step.after, forced=False)
        # A statement about an arbitrary function (e.g. a general G_c): no point of a
        # parameter box can witness it numerically, so only a proof counts.
        if rewrite:
            return StepCheck("verified", f"symbolic ({rewrite})",
                             f"identity by {rewrite} for every function "
                             "(no numeric witness exists for an undefined function)")
        return StepCheck("unverified", "none", "no rewrite proves the identity and an "
                         "undefined function admits no numeric witness")
    # The numeric witness first: a refuted step needs no (slow) search for a rewrite.
    agree, worst, point = numeric_identity(step, digits, rng)
    if not agree:
        where = ", ".join(f"{k}={sp.N(v, 6)}" for k, v in point.items())
        return StepCheck("refuted", "numeric", f"sides differ by relative {worst:.3g} at "
                         f"{where}", worst)
    # A step that brings its own validated evaluator has an integral SymPy cannot close
    # (that is why it brings one): skip the doomed symbolic attempt.
    rewrite = None if step.evaluate_before is not None and sp.sympify(step.before).has(
        sp.Integral) else symbolic_identity(step.before, step.after)
    if rewrite:
        return StepCheck("verified", f"symbolic ({rewrite})",
                         f"identity by {rewrite}; numeric witness agrees to {worst:.1e}", worst)
    return StepCheck("verified", "numeric",
                     f"no targeted rewrite closed it; {len(step.points) or SPOT_CHECKS} "
                     f"{'given' if step.points else 'random'} points agree to "
                     f"{worst:.1e} at {digits} digits", worst)


def limit_of_ratio(step: Step, point: Mapping[sp.Symbol, Any], seconds: float = LIMIT_SECONDS):
    """``limit(before/after)`` along the step's limit, or None if SymPy cannot say (or
    would need far longer than ``seconds``: see :func:`_beyond_gruntz`)."""
    lim = step.limit
    assert lim is not None
    others = {k: v for k, v in point.items() if k != lim.symbol}
    ratio = (sp.sympify(step.before) / sp.sympify(step.after)).xreplace(others)
    if ratio.has(sp.Integral, sp.Sum):
        return None
    if _beyond_gruntz(ratio, lim.symbol):
        return None
    return _sympy_limit(ratio, lim.symbol, lim.point, seconds)


#: Special functions that make SymPy's ``limit`` slow (Gruntz rewrites them first).
_SPECIAL = (sp.erf, sp.erfc, *_SLOW_LIMIT_FUNCTIONS)
#: Limits decided, as (ratio, variable, point, limit), for the product rule: those of the
#: derivation being checked (:func:`decided_limits_of_one_derivation`), else of the process.
_DECIDED: list[tuple[sp.Expr, sp.Symbol, sp.Expr, sp.Expr]] = []


@contextmanager
def decided_limits_of_one_derivation() -> Iterator[None]:
    """Let the product rule of :func:`_sympy_limit` use only the limits decided within this
    block (one derivation's steps): a step's witness then does not depend on which other
    derivations a worker checked before it, and a wrong limit cannot travel between them."""
    global _DECIDED
    saved, _DECIDED = _DECIDED, []
    try:
        yield
    finally:
        _DECIDED = saved


def _sympy_limit(ratio: sp.Expr, variable: sp.Symbol, point: sp.Expr, seconds: float):
    """SymPy's ``limit`` within ``seconds``; a finite number, else None.

    Memoised per process: a step that recurs in another derivation (Eqs 14 and 15 share
    their two erfc ratios, 0.3-0.46 s each) meets the same ratio at the same point
    (:func:`limit_point`).  And by the product rule: when ``ratio = known * rest`` for a
    ratio ``known`` whose limit L was decided here, and ``rest`` has no special function
    left, the limit is L times that of ``rest`` (both finite), which SymPy finds at once
    -- a first correction against the leading form of the same side (Eq 14's two erfc
    steps: 0.01 s instead of 0.3-0.45 s).  A decided limit is kept for the product rule
    whether it was computed or remembered.
    """
    res = _remembered_limit(ratio, variable, point, seconds)
    if res is not None and res != 0 and ratio.has(*_SPECIAL):  # a 0 carries nothing
        _DECIDED.append((ratio, variable, point, res))
    return res


@lru_cache(maxsize=256)
def _remembered_limit(ratio: sp.Expr, variable: sp.Symbol, point: sp.Expr, seconds: float):
    direction = "+" if point == 0 else "-"
    try:
        with time_limit(seconds):
            res = _by_product_rule(ratio, variable, point, direction)
            if res is None:
                res = sp.limit(ratio, variable, point, direction)
    except (Exception, Deadline):  # SymPy's limit raises a zoo of types; undecided is a value
        return None
    return res if res.is_number and res.is_finite else None


def _by_product_rule(ratio: sp.Expr, variable: sp.Symbol, point: sp.Expr, direction: str):
    """``lim known * lim (ratio/known)`` for a decided ``known`` that leaves an elementary
    quotient with a finite limit; None when no decided ratio does."""
    if not ratio.has(*_SPECIAL):
        return None
    for known, var, at, decided in reversed(_DECIDED):
        if var != variable or at != point:
            continue
        rest = ratio / known
        if rest.has(*_SPECIAL):
            continue
        try:
            rest_limit = sp.limit(rest, variable, point, direction)
        except Exception:  # noqa: BLE001 - SymPy's limit raises a zoo of types: try the next
            continue
        if rest_limit.is_number and rest_limit.is_finite:
            return decided * rest_limit
    return None


def limit_point(step: Step, symbols: Sequence[sp.Symbol]) -> dict[sp.Symbol, sp.Expr]:
    """The values of the other symbols for the limit witness: a random point of the step's
    domain, drawn from a generator seeded by the step's content (its left side, limit and
    domain), so that the same step in two derivations is witnessed at the same point, and
    two expansions of the same side (leading form, first correction) too, where the
    product rule of :func:`_sympy_limit` relates them."""
    text = "\x00".join([sp.srepr(step.before), repr(step.limit), repr(step.domain)])
    seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")
    return random_point(symbols, step.domain, random.Random(seed))


def error_sequence(before: Callable[[dict], Any], after: Callable[[dict], Any],
                   order: sp.Expr, lim: Limit, point: Mapping[sp.Symbol, Any], digits: int,
                   absolute: bool = False):
    """Relative (or absolute) errors and order values along ``lim`` from ``point``."""
    errors, orders = [], []
    for val in lim.sequence():
        pt = dict(point)
        pt[lim.symbol] = sp.nsimplify(val)
        b, a = before(pt), after(pt)
        with mpmath.workdps(digits + 10):
            err = abs(b - a) if absolute else relative_difference(b, a, digits)
            errors.append(err)
            orders.append(abs(value(order, pt, digits)))
    return errors, orders


def observed_rate(errors, orders, digits: int) -> float | None:
    """Exponent p in err ~ order**p from the last two points (None when below precision)."""
    floor = mpmath.mpf(10) ** (-digits + 3)
    with mpmath.workdps(digits + 10):
        if errors[-1] <= floor and errors[-2] <= floor:
            return None
        if errors[-1] == 0 or errors[-2] == 0:
            return None
        return float(mpmath.log(errors[-2] / errors[-1]) / mpmath.log(orders[-2] / orders[-1]))


#: Orders falling faster than (large parameter)**-SUPERPOLYNOMIAL per step are treated as
#: exponentially small: the log-rate test cannot see a power-law prefactor against them.
SUPERPOLYNOMIAL = 8.0
DRIFT_TOLERANCE = 0.5


def prefactor_drift(errors, orders, lim: Limit, digits: int) -> float | None:
    """For an exponentially small order: delta in err/order ~ (large parameter)**delta.

    ``None`` when the order falls like a power (the rate test suffices) or the errors
    sit below working precision.  For err = C order (1 + o(1)) delta tends to 0; a
    missing or spurious power-law factor gives |delta| near 1.
    """
    floor = mpmath.mpf(10) ** (-digits + 3)
    seq = lim.sequence()
    with mpmath.workdps(digits + 10):
        if errors[-1] <= floor or errors[-2] <= floor or orders[-1] == 0 or orders[-2] == 0:
            return None
        big = [mpmath.mpf(v) if lim.point == sp.oo else 1 / mpmath.mpf(v) for v in seq[-2:]]
        steps = mpmath.log(big[1] / big[0])
        if mpmath.log(orders[-2] / orders[-1]) / steps < SUPERPOLYNOMIAL:
            return None
        return float(mpmath.log((errors[-1] / orders[-1]) / (errors[-2] / orders[-2])) / steps)


def check_asymptotic(step: Step, digits: int, rng: random.Random) -> StepCheck:
    lim = step.limit
    if lim is None or step.order is None:
        return StepCheck("unverified", "none", "asymptotic step without a limit or an order")
    symbols = [z for z in _free((step.before, step.after, step.order)) if z != lim.symbol]
    point = random_point(symbols, step.domain, rng)
    limit = limit_of_ratio(step, limit_point(step, symbols))
    for work in (RATE_DIGITS, max(digits, 30) + 20):
        errors, orders = error_sequence(lambda pt, w=work: _before_value(step, pt, w),
                                        lambda pt, w=work: value(step.after, pt, w),
                                        step.order, lim, point, work)
        if min(errors) >= mpmath.mpf(10) ** (RESOLVED_DIGITS - work):
            break  # every error known to RESOLVED_DIGITS digits: the rate is measured
    rate = observed_rate(errors, orders, work)
    drift = prefactor_drift(errors, orders, lim, work)
    tail = ", ".join(f"{float(e):.2e}" for e in errors)
    if drift is not None and abs(drift) > DRIFT_TOLERANCE:
        return StepCheck("refuted", "rate", f"relative error / declared order {step.order} "
                         f"behaves as (large parameter)**{drift:.2f}, not a constant: the "
                         f"exponentially small order is misstated (errors {tail})",
                         float(errors[-1]), rate)
    falling = float(errors[-1]) < 1e-3 and (rate is None or rate > 0.05)
    if limit is not None and limit != 1 and not falling:
        return StepCheck("refuted", "limit", f"the ratio of the two sides tends to {limit}, not 1"
                         f" (relative errors {tail})", float(errors[-1]), rate)
    if limit is not None and limit != 1:
        limit = None  # SymPy's limit contradicted a clearly vanishing error: the rate decides
    if rate is None:
        return StepCheck("verified", "limit+rate" if limit == 1 else "rate",
                         f"error below working precision along the limit ({tail})",
                         float(errors[-1]), None)
    if float(errors[-1]) > 0.5 or rate < 1 - RATE_TOLERANCE:
        what = "does not fall" if float(errors[-1]) > 0.5 or rate <= 0.05 else "falls too slowly"
        return StepCheck("refuted", "rate", f"relative error {what}: observed exponent "
                         f"{rate:.3f} of the declared order {step.order} (errors {tail})",
                         float(errors[-1]), rate)
    if rate > 1 + RATE_TOLERANCE:
        return StepCheck("refuted", "rate", f"relative error falls faster than the declared "
                         f"order {step.order} (exponent {rate:.3f}): the order is misstated "
                         f"(errors {tail})", float(errors[-1]), rate)
    return StepCheck("verified", "limit+rate" if limit == 1 else "rate",
                     f"{'limit of ratio = 1; ' if limit == 1 else ''}error falls as "
                     f"O({step.order})**{rate:.3f} (errors {tail})", float(errors[-1]), rate)


def check_step(step: Step, digits: int = 30, seed: int = 20260101) -> StepCheck:
    """Check one step with its two witnesses; never raises for a false step."""
    rng = random.Random(seed)
    try:
        if step.relation is Relation.DEFINITION:
            return StepCheck("verified", "definition", "a definition introduces its left side")
        if step.relation is Relation.EQUAL:
            return check_exact(step, digits, rng)
        if step.relation is Relation.ASYMPTOTIC:
            return check_asymptotic(step, digits, rng)
        agree, worst, _ = numeric_identity(step, digits, rng)
        return StepCheck("verified" if agree else "refuted", "numeric",
                         f"numeric agreement {worst:.1e}", worst)
    except Exception as exc:  # an evaluation failure is a value: the step is not verified
        return StepCheck("unverified", "none", f"{type(exc).__name__}: {exc}".splitlines()[0])


__all__ = ["StepCheck", "check_step", "symbolic_identity", "observed_rate", "error_sequence",
           "time_limit", "Deadline", "prefactor_drift", "RATE_TOLERANCE", "DRIFT_TOLERANCE"]
