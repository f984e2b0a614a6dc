"""``evaluate_quantity``: the library side of ``remsym eval`` (DESIGN.md JSON contract).

Parses and validates raw ``NAME=VALUE`` settings, picks the method from
:mod:`remsym.numeric.registry` and returns the JSON-ready dict
``{"quantity", "method", "value", "log_value", "digits", "params"}``.  Values are
decimal strings with ``digits`` significant digits that stay meaningful far
below double range (``'2.69793280580395e-176'``); ``log_value`` is the natural
log as a decimal string, or ``None`` (JSON ``null``) when the value is not
positive (``E_star`` and ``S_c`` can be negative).

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

from remsym.errors import ParameterError, RemsymError
from remsym.numeric.quantities import PARAMETER_NAMES, QUANTITIES
from remsym.numeric.registry import METHODS, provider, provider_import_failures

__all__ = ["evaluate_quantity", "parse_settings", "MAX_DIGITS"]

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


def evaluate_quantity(quantity: str, settings: list[str], method: str = "exact",
                      digits: int = 30, order: int = 0) -> dict[str, Any]:
    """Evaluate one quantity; return DESIGN.md's ``remsym eval --json`` dict.

    ``settings`` are raw ``NAME=VALUE`` strings (``T``, ``Delta``, ``epsilon``,
    ``N``, ``nu``, ``rho``, ``R0``).  ``method`` is ``exact``, ``asymptotic``
    (registered by the derivations) or ``quadrature`` (built in).  Raises
    :class:`ParameterError` for bad input or a method nobody registered yet, and
    :class:`~remsym.errors.NumericReferenceError` when a reference cannot be
    validated.
    """
    _check_options(quantity, method, digits, order)
    params_text = _complete(quantity, parse_settings(settings, digits))
    entry = provider(quantity, method)
    if entry is None:
        failures = provider_import_failures()
        why = f" (derivation modules that failed to import: {'; '.join(failures)})" \
            if failures else " yet"
        raise ParameterError(f"no {method} derivation registered for {quantity!r}{why}")
    with mpmath.workdps(digits + 40):
        params = {name: mpmath.mpf(text) for name, text in params_text.items()}
    value = entry.func(params, digits, order)
    with mpmath.workdps(digits + 10):
        value = mpmath.mpf(value)
        if not mpmath.isfinite(value):
            raise RemsymError(f"{method} evaluation of {quantity} gave {value}, not a number")
        log_value = mpmath.nstr(mpmath.log(value), digits) if value > 0 else None
    return {
        "quantity": quantity,
        "method": method,
        "value": mpmath.nstr(value, digits),
        "log_value": log_value,
        "digits": digits,
        "params": params_text,
    }
