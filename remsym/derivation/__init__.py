"""Derivation records (``steps``), their builder, checker and verdicts."""

from remsym.derivation.builder import DerivationBuilder, printed
from remsym.derivation.steps import (
    Derivation,
    Limit,
    NumericSpec,
    PrintedForm,
    Reading,
    Relation,
    Step,
    Verdict,
)

__all__ = [
    "Derivation", "DerivationBuilder", "Limit", "NumericSpec", "PrintedForm", "Reading",
    "Relation", "Step", "Verdict", "printed",
]
