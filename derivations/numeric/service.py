"""``evaluate_quantity``: the library side of ``remsym eval`` (DESIGN.md JSON contract).

Parses and validates raw ``NAME=VALUE`` settings, picks the method from
:mod:`remsym_paper.numeric.registry` and returns the JSON-ready dict
``{"quantity", "method", "value", "log_value", "digits", "params"}``.  Values are
decimal strings with ``digits`` significant digits that stay meaningful far
below double range (``'2.69793280580395e-176'``), each of them known: the working
precision grows with the size of the exponent (``Delta/T`` up to ``1e300`` and
beyond) and two precisions must agree (:func:`evaluate_checked`).  ``log_value``
is the natural log to ``digits`` digits after the point, or ``None`` (JSON
``null``) when the value is not positive (``E_star`` and ``S_c`` can be negative).

Parameter requirements (rates are in units of ``R0 N nu``, so ``R0``, ``N`` and
``nu`` are not needed for them; ``R0`` defaults to 1):

===================================================  =================================
quantity                                             requires
===================================================  =================================
``q``, ``E_star``                                    ``T``, ``Delta``, ``epsilon``
``S_c``                                              ``T``, ``Delta``, ``N``, ``nu``, ``rho``
``P_LM``                                             ``T``, ``Delta``, ``N``, ``nu``
``fu_avg``, ``p_less_E_star``, ``rate_*``            ``T``, ``Delta``
===================================================  =================================

``epsilon`` defaults to 0 for every quantity but ``q`` and ``E_star``: the others
do not depend on it (they are ratios of integrals shifted together by ``epsilon``;
``S_c``'s ``ln q`` and ``<E>/T`` cancel it).  ``rho`` enters only through
``Omega(N rho)`` (``S_c``); ``N rho`` need not be an integer (``Omega`` is then
read with Gamma functions).  A parameter that is given is validated even where
the quantity does not use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import mpmath

from remsym.errors import NumericReferenceError, ParameterError, RemsymError
from remsym_paper.numeric.quantities import PARAMETER_NAMES, QUANTITIES
from remsym_paper.numeric.registry import METHODS, provider, provider_import_failures

__all__ = ["evaluate_quantity", "evaluate_quantity_detail", "evaluate_checked", "log_text",
           "parse_settings", "MAX_DIGITS"]

MAX_DIGITS = 1000
_INTEGER_PARAMETERS = ("N", "nu")
_DEFAULTS = {"R0": "1"}


def _parse_number(name: str, text: str) -> Any:
    try:
        value = mpmath.mpf(text.strip())
    except (ValueError, TypeError):
        raise ParameterError(f"parameter {name}: {text!r} is not a number") from None
    if not mpmath.isfinite(value):
        raise ParameterError(f"parameter {name}: {text!r} is not a finite number")
    return value


def _check_domain(name: str, value: Any, text: str) -> None:
    if name in ("T", "Delta", "R0") and value <= 0:
        raise ParameterError(f"parameter {name} must be > 0 (got {text})")
    if name == "rho" and not 0 <= value <= 1:
        raise ParameterError(f"parameter rho must lie in [0, 1] (got {text})")
    if name in _INTEGER_PARAMETERS and (value < 1 or value != mpmath.floor(value)):
        raise ParameterError(f"parameter {name} must be a positive integer (got {text})")


def parse_settings(settings: Iterable[str], digits: int = 30) -> dict[str, str]:
    """Validate raw ``NAME=VALUE`` strings; return ``{name: value text}``.

    Raises :class:`ParameterError` (one line, naming the parameter) for a malformed
    setting, an unknown or repeated name, a value that is not a finite number, or
    a value outside its domain (``T, Delta, R0 > 0``, ``0 <= rho <= 1``, ``N``
    and ``nu`` positive integers).
    """
    parsed: dict[str, str] = {}
    with mpmath.workdps(digits + 40):
        for setting in settings:
            if not isinstance(setting, str) or "=" not in setting:
                raise ParameterError(f"malformed setting {setting!r}: expected NAME=VALUE")
            name, _, text = setting.partition("=")
            name, text = name.strip(), text.strip()
            if name not in PARAMETER_NAMES:
                raise ParameterError(
                    f"unknown parameter {name!r}; known: {', '.join(PARAMETER_NAMES)}")
            if name in parsed:
                raise ParameterError(f"parameter {name} given twice")
            if not text:
                raise ParameterError(f"parameter {name} has no value")
            _check_domain(name, _parse_number(name, text), text)
            parsed[name] = text
    return parsed


def _check_options(quantity: str, method: str, digits: Any, order: Any) -> None:
    if quantity not in QUANTITIES:
        raise ParameterError(f"unknown quantity {quantity!r}; known: {', '.join(QUANTITIES)}")
    if method not in METHODS:
        raise ParameterError(f"unknown method {method!r}; known: {', '.join(METHODS)}")
    if isinstance(digits, bool) or not isinstance(digits, int) or not 1 <= digits <= MAX_DIGITS:
        raise ParameterError(f"digits must be an integer from 1 to {MAX_DIGITS} (got {digits})")
    if isinstance(order, bool) or not isinstance(order, int) or order < 0:
        raise ParameterError(f"order must be a non-negative integer (got {order})")


def _complete(quantity: str, given: dict[str, str]) -> dict[str, str]:
    params = dict(_DEFAULTS)
    if "epsilon" not in QUANTITIES[quantity]:
        params["epsilon"] = "0"
    params.update(given)
    missing = [name for name in QUANTITIES[quantity] if name not in params]
    if missing:
        plural = "s" if len(missing) > 1 else ""
        raise ParameterError(
            f"{quantity} needs parameter{plural} {', '.join(missing)} "
            f"(give --set {missing[0]}=VALUE)")
    return params


def _exponent_digits(params_text: dict[str, str]) -> int:
    """Decimal digits the parameters' scale adds to the working precision.

    The quantities are exponentials of quadratics in the parameters (``exp(-Delta^2/4T^2)``):
    a mantissa correct to ``D`` digits needs the exponent correct to ``D`` digits *after
    the point*, i.e. about ``D + log10|exponent|`` significant digits, and the inputs read
    at that precision.  ``2 * sum |log10 x|`` over the parameters bounds
    ``log10`` of any ratio ``(x/y)^2`` of them.
    """
    total = 0.0
    with mpmath.workdps(30):
        for text in params_text.values():
            x = abs(mpmath.mpf(text))
            if x != 0:
                total += abs(float(mpmath.log10(x)))
    return int(mpmath.ceil(2 * total))


def _run(entry: Any, params_text: dict[str, str], work: int, order: int) -> Any:
    """``entry.func`` with the parameters read and evaluated at ``work`` digits."""
    with mpmath.workdps(work + 10):
        params = {name: mpmath.mpf(text) for name, text in params_text.items()}
    try:
        with mpmath.workdps(work):
            value = mpmath.mpf(entry.func(params, work, order))
    except NumericReferenceError as exc:  # say which evaluation could not keep its digits
        raise NumericReferenceError(
            f"{entry.method} evaluation of {entry.quantity} cannot be trusted at these "
            f"parameters ({str(exc).splitlines()[0] if str(exc) else 'no reason given'})"
        ) from None
    if not mpmath.isfinite(value):
        raise RemsymError(f"{entry.method} evaluation of {entry.quantity} gave {value}, "
                          "not a number")
    return value


#: Rounds of raising the working precision before a value is refused.
_PRECISION_ROUNDS = 4


def evaluate_checked(entry: Any, params_text: dict[str, str], digits: int,
                     order: int) -> tuple[Any, bool, int]:
    """The value, whether its printed decimal is the whole value, and the working digits.

    The value is computed at two working precisions (parameters re-read at each);
    it is accepted when the two agree to ``digits + 2`` digits, and the precision is
    raised (the excess doubled) while they do not.  Equal values at both precisions
    that print exactly as a short decimal (``E_star = -25``) are that decimal to the
    lower working precision -- which is all a number can say (``P_LM`` = 1 - 7e-100
    is 1 to any precision short of 100 digits).  A value
    that still disagrees after :data:`_PRECISION_ROUNDS` rounds is refused with a
    :class:`RemsymError`: printing digits that are not known is worse than none.
    """
    excess = 15 + _exponent_digits(params_text)
    agreed = 0.0
    for _ in range(_PRECISION_ROUNDS):
        work = digits + excess
        low = _run(entry, params_text, work, order)
        high = _run(entry, params_text, work + 15 + excess // 4, order)
        with mpmath.workdps(work + 15 + excess // 4):
            if low == high:
                exact = mpmath.mpf(mpmath.nstr(high, digits)) == high
                return high, exact, work
            scale = max(abs(low), abs(high))
            agreed = float(-mpmath.log10(abs(high - low) / scale))
            if agreed >= digits + 2:
                return high, False, work
        excess *= 2
    raise RemsymError(
        f"{entry.method} evaluation of {entry.quantity} cannot keep {digits} digits at "
        f"these parameters (two working precisions agree to {max(agreed, 0):.0f} digits)")


def log_text(value: Any, digits: int) -> str | None:
    """``ln value`` to ``digits`` digits after the point (the value's relative precision),
    or ``None`` when ``value <= 0``."""
    if value <= 0:
        return None
    ln = mpmath.log(value)
    integer_digits = 0 if ln == 0 else max(0, int(mpmath.floor(mpmath.log10(abs(ln)))) + 1)
    return mpmath.nstr(ln, digits + integer_digits)


def evaluate_quantity(quantity: str, settings: list[str], method: str = "exact",
                      digits: int = 30, order: int = 0) -> dict[str, Any]:
    """Evaluate one quantity; return DESIGN.md's ``remsym eval --json`` dict.

    ``settings`` are raw ``NAME=VALUE`` strings (``T``, ``Delta``, ``epsilon``,
    ``N``, ``nu``, ``rho``, ``R0``).  ``method`` is ``exact``, ``asymptotic``
    (registered by the derivations) or ``quadrature`` (built in).  Every digit of
    ``value`` is known (:func:`evaluate_checked`); ``log_value`` carries ``digits``
    digits after the point.  Raises :class:`ParameterError` for bad input or a method
    nobody registered yet, :class:`RemsymError` when the digits cannot be kept, and
    :class:`~remsym.errors.NumericReferenceError` when a reference cannot be validated.
    """
    return evaluate_quantity_detail(quantity, settings, method, digits, order)[0]


def evaluate_quantity_detail(quantity: str, settings: list[str], method: str = "exact",
                             digits: int = 30, order: int = 0
                             ) -> tuple[dict[str, Any], int | None]:
    """:func:`evaluate_quantity` and, when the printed decimal is the whole value at both
    working precisions (``E_star = -25``), the digits to which that is known (else ``None``),
    for the human view."""
    _check_options(quantity, method, digits, order)
    params_text = _complete(quantity, parse_settings(settings, digits))
    entry = provider(quantity, method)
    if entry is None:
        failures = provider_import_failures()
        why = f" (derivation modules that failed to import: {'; '.join(failures)})" \
            if failures else " yet"
        raise ParameterError(f"no {method} derivation registered for {quantity!r}{why}")
    value, exact, work = evaluate_checked(entry, params_text, digits, order)
    with mpmath.workdps(work + 15):
        text = mpmath.nstr(value, digits)
        log_value = log_text(value, digits)
    return {
        "quantity": quantity,
        "method": method,
        "value": text,
        "log_value": log_value,
        "digits": digits,
        "params": params_text,
    }, (work if exact else None)


def eval_epilog() -> str:
    """``remsym eval --help``'s list of quantities, their parameters, and the methods."""
    width = max(map(len, QUANTITIES))
    lines = ["\b", "Quantities (rates in units of R0 N nu) and the parameters each needs:"]
    for name, needs in QUANTITIES.items():
        lines.append(f"  {name:<{width}}  {' '.join(f'{p}=' for p in needs)}")
    lines += ["", "\b", f"Methods: {', '.join(METHODS)}.",
              "  exact       the derived closed form (or validated 1-D quadrature)",
              "  asymptotic  the derived leading formula (--order K: K corrections)",
              "  quadrature  the defining integrals, without the symbolic work",
              "", "\b", f"Parameters: {', '.join(PARAMETER_NAMES)} (R0 defaults to 1;",
              "  epsilon to 0 where the value does not depend on it).",
              "", "\b", "Example: remsym eval fu_avg --set T=1 --set Delta=18"]
    return "\n".join(lines)
