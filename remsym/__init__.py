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


def _register_paper_of_a_checkout() -> None:
    """Make ``remsym.paper`` importable from a source checkout.

    Installed, ``remsym.paper`` is the ``derivations/`` folder (``package-dir`` in
    pyproject.toml).  When the checkout itself is first on ``sys.path`` (``python -m
    pytest`` from the repository, and the worker processes it spawns), ``remsym`` is the
    ``remsym/`` folder, which has no ``paper`` subfolder: the ``derivations/`` beside it
    is registered under its installed name.  Nothing happens in an installed package.
    """
    import importlib.util
    import sys
    from pathlib import Path

    here = Path(__file__).resolve().parent
    folder = here.parent / "derivations"
    if "remsym.paper" in sys.modules or (here / "paper").exists() or \
            not (folder / "__init__.py").is_file():
        return
    spec = importlib.util.spec_from_file_location(
        "remsym.paper", folder / "__init__.py", submodule_search_locations=[str(folder)])
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    sys.modules["remsym.paper"] = module
    spec.loader.exec_module(module)
    setattr(sys.modules[__name__], "paper", module)  # noqa: B010 - as an import binds it


_register_paper_of_a_checkout()

__all__ = [
    "AsymptoticError", "DerivationError", "NumericReferenceError", "ParameterError",
    "RemsymError", "__version__",
]
