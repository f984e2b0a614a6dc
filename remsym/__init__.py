"""remsym: re-derive and verify the random-energy-model (REM) paper with SymPy.

Importing the package is cheap: submodules (``remsym.model``, ``remsym.asymptotics``,
``remsym.numeric``, ``remsym.derivation``, ``remsym.latex``) are imported on demand.
"""

from remsym.errors import (
    AsymptoticError,
    DerivationError,
    NumericReferenceError,
    ParameterError,
    RemsymError,
)

__version__ = "0.1.0"

__all__ = [
    "AsymptoticError", "DerivationError", "NumericReferenceError", "ParameterError",
    "RemsymError", "__version__",
]
