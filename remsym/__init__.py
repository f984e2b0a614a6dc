"""remsym: a symbolic derivation engine that re-derives and verifies derivations with SymPy.

Importing the package loads SymPy and the LaTeX layer (:mod:`remsym.latex.jupyter`), so
that steps and derivations display as LaTeX in Jupyter without a further import; the
other layers (``remsym.asymptotics``, ``remsym.numeric``, the checker) are imported on
demand.  Derivation collections (the REM paper's is ``remsym_paper``) register
themselves (:mod:`remsym.collection`).
"""

import remsym.latex.jupyter  # noqa: F401 - attaches _repr_latex_ to the records
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
