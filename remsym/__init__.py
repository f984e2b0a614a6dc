"""remsym: a symbolic derivation engine that re-derives and verifies derivations with SymPy.

Importing the package is cheap: submodules (``remsym.asymptotics``, ``remsym.numeric``,
``remsym.derivation``, ``remsym.latex``) are imported on demand.  Derivation collections
(the REM paper's is ``remsym_paper``) register themselves (:mod:`remsym.collection`).
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
