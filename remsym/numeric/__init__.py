"""Numerics of remsym: lambdas, validated quadrature references, and ``remsym eval``.

==========================  ===================================================
module                      role
==========================  ===================================================
:mod:`.lambdas`             SymPy -> NumPy (log space) and mpmath functions
:mod:`.codegen`             ``lambdify`` with positional argument names
:mod:`.quadrature`          peak-split, two-route validated mpmath quadrature
:mod:`.integrands`          the REM's defining log-integrands from ``remsym.model``
:mod:`.reference`           validated reference values of every quantity
:mod:`.registry`            methods per quantity (exact / asymptotic / quadrature)
:mod:`.service`             ``evaluate_quantity``: the library side of ``remsym eval``
==========================  ===================================================

Submodules are imported on demand, so ``import remsym.numeric`` stays cheap.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "evaluate_quantity", "register", "load_providers", "reference", "validated_quad",
    "numpy_log_function", "numpy_function", "mpmath_function",
]

_LAZY = {
    "evaluate_quantity": "service", "register": "registry", "load_providers": "registry",
    "reference": "reference", "validated_quad": "quadrature",
    "numpy_log_function": "lambdas", "numpy_function": "lambdas",
    "mpmath_function": "lambdas",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib
        return getattr(importlib.import_module(f"remsym.numeric.{_LAZY[name]}"), name)
    raise AttributeError(name)
