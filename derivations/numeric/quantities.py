"""The quantities of ``remsym eval`` and the parameters each one depends on (DESIGN.md).

A plain table, apart from :mod:`remsym_paper.numeric.reference`: reading it needs no
SymPy.
Rates are in units of ``R0 N nu``; ``epsilon`` is listed only where the value
depends on it.
"""

from __future__ import annotations

__all__ = ["QUANTITIES", "PARAMETER_NAMES"]

#: Parameters each quantity depends on (``epsilon`` only where the value does).
QUANTITIES: dict[str, tuple[str, ...]] = {
    "q": ("T", "Delta", "epsilon"),
    "E_star": ("T", "Delta", "epsilon"),
    "S_c": ("T", "Delta", "N", "nu", "rho"),
    "fu_avg": ("T", "Delta"),
    "p_less_E_star": ("T", "Delta"),
    "rate_A1": ("T", "Delta"),
    "rate_A2": ("T", "Delta"),
    "rate_A": ("T", "Delta"),
    "rate_B": ("T", "Delta"),
    "P_LM": ("T", "Delta", "N", "nu"),
}

#: The command-line names of ``remsym eval``'s parameters: the keys of
#: :data:`remsym_paper.symbols.PARAMETERS`, repeated here as plain strings so that
#: parsing needs no SymPy (tests/numeric/test_eval_cli.py checks they match).
PARAMETER_NAMES: tuple[str, ...] = ("T", "Delta", "epsilon", "N", "nu", "rho", "R0")
