"""The exception hierarchy of remsym.

``RemsymError`` is the root; every error that a user can provoke derives from it,
and, where a caller would naturally catch a builtin, from that builtin too (the
pattern of Hypothesis's ``InvalidArgument``).  The command line catches
``RemsymError`` and prints one line.
"""

from __future__ import annotations


class RemsymError(Exception):
    """Root of every error raised on purpose by remsym."""


class AsymptoticError(RemsymError, ValueError):
    """An asymptotic expansion cannot be carried out (no, several or a degenerate maximum...)."""


class ParameterError(RemsymError, ValueError):
    """A physical parameter or option is outside its domain (T <= 0, rho > 1, digits = 0...)."""


class DerivationError(RemsymError, ValueError):
    """A derivation module cannot be loaded, or a derivation is malformed."""


class NumericReferenceError(RemsymError, ArithmeticError):
    """Two independent numerical routes to a reference value disagree (named apart from
    Python's builtin ``ReferenceError``, which is about weak references)."""

__all__ = [
    "RemsymError",
    "AsymptoticError",
    "ParameterError",
    "DerivationError",
    "NumericReferenceError",
]
