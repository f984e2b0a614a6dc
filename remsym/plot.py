"""Pictures of a derivation's evidence (``remsym plot``, the LaTeX report's figures).

Two pictures, drawn on a bare matplotlib ``Figure`` (no pyplot, no display, no global
backend: ``savefig`` renders PNG with Agg and PDF with matplotlib's PDF backend):

* **rate witness** -- for an asymptotic statement ``A ~ B [1 + O(order)]`` along a
  :class:`~remsym.derivation.steps.Limit`: the relative error ``|B/A - 1|`` against the
  large parameter on log-log axes, with the declared order drawn through the last
  point and the observed exponent (:func:`~remsym.numeric.rates.log_log_slope` of the
  errors against the order) in the legend.  For a whole result, ``A`` is its exact form (or its
  numeric reference) and the curves are the derived leading form and every printed
  reading: an approximation falls with the order, an erratum does not fall.
* **values over a range** -- for an exact result or step: the printed readings, the
  derived form and the exact closed form over one parameter's range.

The data are computed here from the public records (the step's sides, its ``Limit``
and ``order``) with :func:`remsym.derivation.evaluate.value`, not taken from the
checker, so that the picture is an independent look at the same statement.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mpmath
import sympy as sp
from matplotlib.figure import Figure
from matplotlib.mathtext import MathTextParser

from remsym.derivation.evaluate import value
from remsym.derivation.steps import Derivation, Limit, Relation, Step
from remsym.errors import DerivationError
from remsym.latex.compile import atomic_write
from remsym.latex.output import check_outputs
from remsym.latex.printer import to_latex
from remsym.numeric.rates import log_log_slope

__all__ = ["Curve", "RateSeries", "rate_series", "figure", "figure_bytes", "write_figure",
           "has_rate_figure"]

#: Points along a limit, and the geometric factor between them.
COUNT, FACTOR = 9, 2 ** 0.5
#: Digits of every value (errors far below 1e-20 are still resolved).
DIGITS = 40
#: The two precisions at which an evaluator (a reference) is called: their agreement is
#: its uncertainty, and an error below a hundred times that is not drawn.
REFERENCE_DIGITS = (30, 42)
#: Points at the deep end of a series that the observed exponent is fitted to.
TAIL = 4


@dataclass(frozen=True)
class Curve:
    """One labelled series of (x, y) points (NaN where a value could not be computed)."""

    label: str
    x: tuple[float, ...]
    y: tuple[float, ...]


@dataclass(frozen=True)
class RateSeries:
    """Errors along a limit: the large parameter, the errors, the declared order's values
    and the observed exponent of the error against the order (``None``: too few points)."""

    label: str
    large: tuple[float, ...]
    errors: tuple[float, ...]
    order_values: tuple[float, ...]
    observed: float | None
    where: str = ""


def _mid(symbol: sp.Symbol, low: Any, high: Any) -> sp.Expr:
    if symbol.is_integer:
        return sp.Integer(math.ceil((float(low) + float(high)) / 2))
    return sp.Rational(round((float(low) + float(high)) / 2 * 1000), 1000)


def base_point(symbols: Sequence[sp.Symbol], domain: Sequence[tuple]) -> dict[sp.Symbol, Any]:
    """Every symbol at the middle of its domain box (1 if positive, else 1/3, where it has
    none)."""
    boxes = {sym: (lo, hi) for sym, lo, hi in domain}
    point: dict[sp.Symbol, Any] = {}
    for sym in sorted(symbols, key=lambda z: z.name):
        if sym in boxes:
            point[sym] = _mid(sym, *boxes[sym])
        else:
            # 1/3 rather than 0 for a real symbol: a zero often makes both sides vanish
            point[sym] = sp.Integer(1) if (sym.is_positive or sym.is_integer) \
                else sp.Rational(1, 3)
    return point


def _large(limit: Limit, value: float) -> float:
    return value if limit.point == sp.oo else 1 / value


def _math(expr: sp.Expr, wrap: str = "{}") -> str:
    """``expr`` as matplotlib mathtext through remsym's one LaTeX printer, or as plain text
    where mathtext cannot parse what the printer wrote (it knows a subset of LaTeX)."""
    text = "$" + wrap.format(to_latex(expr)) + "$"
    try:
        MathTextParser("path").parse(text)
    except ValueError:
        return wrap.format(sp.sstr(expr).replace("**", "^"))
    return text


def _large_label(limit: Limit) -> str:
    return _math(limit.symbol) if limit.point == sp.oo else _math(limit.symbol, "1/{}")


def _evaluate(expr: sp.Expr, point: Mapping[sp.Symbol, Any], evaluator=None) -> Any:
    if evaluator is not None:
        return mpmath.mpf(evaluator(point, DIGITS))
    return value(expr, point, DIGITS)


def _error(reference: Any, approx: Any, absolute: bool) -> float:
    with mpmath.workdps(DIGITS):
        if absolute:
            return float(abs(approx - reference))
        return float(abs(approx / reference - 1)) if reference != 0 else math.nan


def observed_exponent(errors: Sequence[float], order_values: Sequence[float]) -> float | None:
    """The observed order of the errors (:func:`~remsym.numeric.rates.log_log_slope`) over
    the last :data:`TAIL` resolved points (the asymptotic regime); None with fewer than
    three."""
    pairs = [(o, e) for e, o in zip(errors, order_values, strict=True)
             if e > 10.0 ** (5 - DIGITS) and o > 0 and math.isfinite(e) and math.isfinite(o)]
    pairs = pairs[-TAIL:]
    if len(pairs) < 3:
        return None
    return log_log_slope([o for o, _ in pairs], [e for _, e in pairs])


def rate_series(label: str, exact, approx, limit: Limit, order: sp.Expr,
                base: Mapping[sp.Symbol, Any], absolute: bool = False,
                count: int = COUNT) -> RateSeries:
    """The error of ``approx`` against ``exact`` at ``count`` points along ``limit``.

    ``exact`` and ``approx`` are SymPy expressions or ``f(point, digits)`` evaluators.
    A point where either side cannot be evaluated is kept as NaN (a gap, not a guess).
    """
    large, errors, orders = [], [], []
    for t in limit.sequence(count, FACTOR):
        point = dict(base)
        point[limit.symbol] = sp.Rational(t).limit_denominator(10**9)
        try:
            o = float(abs(_evaluate(order, point)))
            if o < 10.0 ** (10 - DIGITS):  # deeper than DIGITS can resolve: stop here
                break
            (a, da), (b, db) = _side(exact, point), _side(approx, point)
            err = _error(a, b, absolute)
            if err < 100 * float(max(da, db)) * (float(abs(a)) if absolute else 1):
                break  # below what the values resolve: deeper points cannot do better
        except Exception:  # noqa: BLE001 - a value that cannot be had is a gap in the plot
            err, o = math.nan, math.nan
        large.append(_large(limit, float(t)))
        errors.append(err)
        orders.append(o)
    where = ", ".join(f"{sym} = {val}" for sym, val in sorted(base.items(), key=lambda kv:
                                                               kv[0].name))
    return RateSeries(label, tuple(large), tuple(errors), tuple(orders),
                      observed_exponent(errors, orders), where)


def _side(side, point) -> tuple[Any, Any]:
    """A side's value and its relative uncertainty.  An expression is evaluated to
    :data:`DIGITS` digits; an evaluator (a validated reference, often a quadrature) at
    two lower precisions, whose disagreement is the uncertainty (deep in a limit a
    reference can lose its digits to cancellation: a wrong point is worse than a gap)."""
    if not callable(side):
        return _evaluate(side, point), mpmath.mpf(10) ** (5 - DIGITS)
    low, high = (mpmath.mpf(side(point, digits)) for digits in REFERENCE_DIGITS)
    with mpmath.workdps(DIGITS):
        if high == 0:
            raise ArithmeticError("the reference is zero")
        spread = abs(low / high - 1)
        return high, max(spread, mpmath.mpf(10) ** (5 - REFERENCE_DIGITS[1]))


def has_rate_figure(d: Derivation) -> bool:
    """Whether ``d`` is an asymptotic result with something exact to measure it against."""
    return (d.leading is not None and d.limit is not None and d.order is not None
            and (d.exact is not None or d.numeric is not None))


def _reference(d: Derivation):
    # an exact form that is itself an integral is a worse reference deep in the limit
    # than the derivation's validated numeric one
    if d.exact is not None and (d.numeric is None or not d.exact.has(sp.Integral)):
        return d.exact
    return lambda point, digits: mpmath.mpf(d.numeric.reference(point, digits))  # type: ignore[union-attr]


def result_rates(d: Derivation) -> list[RateSeries]:
    """The derived leading form and each printed reading against the exact result."""
    exprs = [d.leading] + ([r.expr for r in d.printed.readings] if d.printed else [])
    symbols = set().union(*(sp.sympify(e).free_symbols for e in exprs if e is not None))
    symbols |= sp.sympify(d.order).free_symbols
    base = base_point([z for z in symbols if z != d.limit.symbol], d.domain)  # type: ignore[union-attr]
    absolute = d.printed is not None and d.printed.compare == "absolute"
    reference = _reference(d)
    series = [rate_series("derived (leading form)", reference, d.leading, d.limit,  # type: ignore[arg-type]
                          d.order, base, absolute)]
    for r in d.printed.readings if d.printed else ():
        approx = r.evaluate if r.evaluate is not None else r.expr
        series.append(rate_series(f"printed: {r.label}", reference, approx, d.limit,  # type: ignore[arg-type]
                                  d.order, base, absolute))
    return series


def step_rates(step: Step) -> RateSeries:
    """The two sides of an asymptotic step along its own limit."""
    symbols = (sp.sympify(step.before).free_symbols | sp.sympify(step.after).free_symbols
               | sp.sympify(step.order).free_symbols) - {step.limit.symbol}  # type: ignore[union-attr]
    base = base_point(list(symbols), step.domain)
    before = step.evaluate_before if step.evaluate_before is not None else step.before
    return rate_series(f"step '{step.rule}'", before, step.after, step.limit,  # type: ignore[arg-type]
                       step.order, base)  # type: ignore[arg-type]


def value_curves(pairs: Sequence[tuple[str, Any]], domain: Sequence[tuple],
                 count: int = 41) -> tuple[sp.Symbol, list[Curve]]:
    """Each labelled expression over the range of its first domain parameter."""
    symbols = set().union(*(sp.sympify(e).free_symbols for _, e in pairs))
    boxes = [box for box in domain if box[0] in symbols and float(box[1]) < float(box[2])]
    # a symbol without a box gets the numeric witness's default range, as it does there
    boxes += [(z, 0.5, 3.0) if z.is_positive else (z, -2.0, 2.0)
              for z in sorted(symbols, key=lambda z: z.name)
              if not z.is_integer and all(z != box[0] for box in domain)]
    if not boxes:
        raise DerivationError("no real parameter to plot over")
    sym, low, high = boxes[0]
    base = base_point([z for z in symbols if z != sym], domain)
    xs = [float(low) + (float(high) - float(low)) * k / (count - 1) for k in range(count)]
    curves = []
    for label, expr in pairs:
        ys = []
        for x in xs:
            try:
                ys.append(float(_evaluate(expr, {**base, sym: sp.nsimplify(x)})))
            except Exception:  # noqa: BLE001 - a gap, not a guess
                ys.append(math.nan)
        curves.append(Curve(label, tuple(xs), tuple(ys)))
    return sym, curves


RELATIVE = "relative error  |approximation / exact - 1|"
ABSOLUTE = "absolute error  |approximation - exact|"


def _draw_rates(ax, series: Sequence[RateSeries], order: sp.Expr, xlabel: str,
                ylabel: str = RELATIVE) -> None:
    anchor = None
    for k, s in enumerate(series):
        pts = [(x, e) for x, e in zip(s.large, s.errors, strict=True) if e > 0 and math.isfinite(e)]
        if not pts:
            ax.plot([], [], " ", label=f"{s.label}: equal to all digits computed")
            continue
        slope = "" if s.observed is None else f", error ~ order^{s.observed:.2f}"
        # hollow and large first, so that a printed reading equal to it does not hide it
        style = {"marker": "osv^D"[k % 5], "markersize": 9 if k == 0 else 5,
                 "markerfacecolor": "none" if k == 0 else None}
        ax.loglog(*zip(*pts, strict=True), "-", label=f"{s.label}{slope}", **style)
        # the declared order is drawn along the curve that falls fastest
        if anchor is None or (s.observed or -math.inf) > (anchor.observed or -math.inf):
            anchor = s
    if anchor is not None:
        good = [(x, e, o) for x, e, o in zip(anchor.large, anchor.errors, anchor.order_values,
                                             strict=True)
                if e > 10.0 ** (5 - DIGITS) and o > 0 and math.isfinite(e) and math.isfinite(o)]
        if good:
            scale = good[-1][1] / good[-1][2]
            ax.loglog([g[0] for g in good], [g[2] * scale for g in good], "k--",
                      label=f"declared order {_math(order)}")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7)


def _title(head: str, where: str) -> str:
    return f"{head}\nat {where}" if where else head


def _find_step(d: Derivation, rule: str) -> Step:
    for step in d.steps:
        if rule in (step.rule, step.name):
            return step
    rules = ", ".join(dict.fromkeys(s.rule for s in d.steps))
    raise DerivationError(f"{d.id} has no step {rule!r} (its steps: {rules})")


def figure(d: Derivation, rule: str | None = None):
    """The matplotlib figure for ``d`` (or its step ``rule``)."""
    fig = Figure(figsize=(6.4, 4.2), layout="constrained")
    ax = fig.add_subplot()
    if rule is not None:
        step = _find_step(d, rule)
        if step.relation == Relation.ASYMPTOTIC:
            witness = step_rates(step)
            _draw_rates(ax, [witness], step.order, _large_label(step.limit))  # type: ignore[arg-type]
            ax.set_title(_title(f"{d.id}, step '{step.rule}': rate witness", witness.where),
                         fontsize=9)
        else:
            sym, curves = value_curves([("before", step.before), ("after", step.after)],
                                       step.domain or d.domain)
            _draw_values(ax, curves, sym)
            ax.set_title(f"{d.id}, step '{step.rule}': both sides", fontsize=9)
    elif has_rate_figure(d):
        series = result_rates(d)
        absolute = d.printed is not None and d.printed.compare == "absolute"
        _draw_rates(ax, series, d.order, _large_label(d.limit),  # type: ignore[arg-type]
                    ABSOLUTE if absolute else RELATIVE)
        ax.set_title(_title(f"{d.id}: {d.title}", series[0].where), fontsize=9)
    elif any(s.relation == Relation.ASYMPTOTIC for s in d.steps):
        # nothing exact to hold the result against: the last asymptotic step's witness
        last = [s for s in d.steps if s.relation == Relation.ASYMPTOTIC][-1]
        return figure(d, last.name or last.rule)
    else:
        pairs = [("derived", d.result)] if d.result is not None else []
        if d.printed:
            pairs += [(f"printed: {r.label}", r.expr) for r in d.printed.readings]
        if not pairs:
            raise DerivationError(f"{d.id} has no result to plot")
        sym, curves = value_curves(pairs, d.domain)
        _draw_values(ax, curves, sym)
        ax.set_title(f"{d.id}: {d.title}", fontsize=9)
    return fig


def _draw_values(ax, curves: Sequence[Curve], sym: sp.Symbol) -> None:
    styles = ["-", "--", ":", "-."]
    for k, c in enumerate(curves):
        ax.plot(c.x, c.y, styles[k % len(styles)], label=c.label)
    ax.set_xlabel(_math(sym))
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=7)


def figure_bytes(d: Derivation, rule: str | None = None, fmt: str = "pdf") -> bytes:
    """The figure as PDF or PNG bytes, without timestamps (the same input, the same bytes)."""
    fig = figure(d, rule)
    buffer = io.BytesIO()
    metadata = {"CreationDate": None} if fmt == "pdf" else {"Software": None}
    fig.savefig(buffer, format=fmt, dpi=150, metadata=metadata)
    return buffer.getvalue()


def write_figure(d: Derivation, output: str | Path, rule: str | None = None,
                 force: bool = False) -> Path:
    """Write the figure to ``output`` (``.png`` or ``.pdf``), checked before drawing."""
    target = Path(output)
    fmt = target.suffix.lower().lstrip(".")
    if fmt not in ("png", "pdf"):
        raise DerivationError(f"plot output must end in .png or .pdf, got {str(output)!r}")
    check_outputs([target], force)
    atomic_write(target, figure_bytes(d, rule, fmt))
    return target
