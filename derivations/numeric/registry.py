"""The registry of evaluation methods per quantity (``remsym eval --method``).

Three methods exist (DESIGN.md, "The command line"):

* ``quadrature`` -- built in: the validated reference of
  :mod:`remsym_paper.numeric.reference`, from the defining integrals;
* ``exact`` -- the exact value by the best route a *derivation* knows (a closed
  form it derived, or a validated reduction to one-dimensional quadrature);
* ``asymptotic`` -- the leading asymptotic formula a derivation obtained, with
  ``order`` correction terms.

The provider modules (:data:`PROVIDER_MODULES`) call :func:`register` when
imported; :func:`load_providers` imports them, lazily, the first time an ``exact``
or ``asymptotic`` method is requested.

A method is ``func(params: dict[str, mpf], digits: int, order: int) -> mpf``;
``params`` holds every parameter given on the command line or defaulted (names as
in ``remsym eval``), already validated, as mpf at ``digits + 40`` digits.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from remsym_paper.numeric.quantities import QUANTITIES
from remsym_paper.numeric.reference import reference_value

__all__ = [
    "METHODS", "Provider", "register", "provider", "providers", "load_providers",
    "provider_import_failures",
]

#: The methods of ``remsym eval``.
METHODS: tuple[str, ...] = ("exact", "asymptotic", "quadrature")

Method = Callable[[dict[str, Any], int, int], Any]


@dataclass(frozen=True, slots=True)
class Provider:
    """One registered way of evaluating ``quantity`` by ``method``; ``source`` says whose."""

    quantity: str
    method: str
    func: Method
    source: str


_REGISTRY: dict[tuple[str, str], Provider] = {}
_LOADED = False
_FAILURES: list[str] = []


def register(quantity: str, method: str, func: Method, *, source: str = "") -> Provider:
    """Register ``func`` as the ``method`` ("exact" or "asymptotic") of ``quantity``.

    A later registration for the same pair replaces the earlier one (re-importing
    a derivation module is harmless).  Returns the :class:`Provider`.
    """
    if quantity not in QUANTITIES:
        raise ValueError(f"unknown quantity {quantity!r}; known: {', '.join(QUANTITIES)}")
    if method not in ("exact", "asymptotic"):
        raise ValueError(f"method must be 'exact' or 'asymptotic', not {method!r}")
    entry = Provider(quantity, method, func, source or getattr(func, "__module__", "?"))
    _REGISTRY[(quantity, method)] = entry
    return entry


def _builtin(quantity: str) -> Provider:
    return Provider(quantity, "quadrature", partial(_quadrature, quantity),
                    "remsym_paper.numeric.reference (validated quadrature)")


def _quadrature(quantity: str, params: dict[str, Any], digits: int, order: int) -> Any:
    return reference_value(quantity, params, digits, order)


#: The modules whose import registers the ``exact`` and ``asymptotic`` methods.
PROVIDER_MODULES: tuple[str, ...] = ("remsym_paper.numeric.providers",)


def load_providers() -> list[str]:
    """Import the provider modules once.

    Returns the names of modules that failed to import, with their errors; they
    are also remembered (:func:`provider_import_failures`) so that a missing
    provider can be explained.
    """
    global _LOADED
    if _LOADED:
        return list(_FAILURES)
    _LOADED = True
    for name in PROVIDER_MODULES:
        try:
            importlib.import_module(name)
        except Exception as exc:  # a broken derivation must not break the others
            _FAILURES.append(f"{name}: {type(exc).__name__}: {exc}")
    return list(_FAILURES)


def provider_import_failures() -> list[str]:
    """Derivation modules that failed to import in :func:`load_providers`."""
    return list(_FAILURES)


def provider(quantity: str, method: str) -> Provider | None:
    """The provider of ``method`` for ``quantity`` (``None`` if nothing is registered)."""
    if method == "quadrature":
        return _builtin(quantity) if quantity in QUANTITIES else None
    if (quantity, method) not in _REGISTRY:
        load_providers()
    return _REGISTRY.get((quantity, method))


def providers(quantity: str) -> dict[str, Provider]:
    """Every method available for ``quantity`` (loads the derivations)."""
    load_providers()
    found = {m: p for (q, m), p in _REGISTRY.items() if q == quantity}
    found["quadrature"] = _builtin(quantity)
    return found
