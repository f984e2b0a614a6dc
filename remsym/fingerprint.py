"""Content fingerprints of derivation records, for the check cache (:mod:`remsym.cache`).

A fingerprint is a digest of a canonical text that determines a value completely:
SymPy objects by ``srepr`` (with every symbol's and function's assumptions, sorted), dataclass
records by *all* their fields (so a field added to :class:`~remsym.derivation.Step`
is covered without a change here), containers item by item (mappings sorted), and
Python functions by what they run: their code object (bytecode, constants, names),
the values they capture (closure cells, defaults) and the module-level values they
name.  A function of remsym's engine is named, not expanded: its code is covered
by the engine digest of :mod:`remsym.cache`; a function of a library (SymPy,
mpmath, ...) is named too, its code being fixed by the library's version.

What cannot be canonicalised (an arbitrary object with hidden state) raises
:class:`Unfingerprintable`: the caller then does not cache, since a cached result
must never be wrong.  Two processes give the same fingerprint to equal content;
content that differs gives a different one except for a digest collision.  (Whether
two equal parts are one object never enters the text: that depends on SymPy's cache.)
"""

from __future__ import annotations

import dataclasses
import decimal
import enum
import fractions
import functools
import hashlib
import sys
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sympy.core.function import AppliedUndef
from sympy.printing.repr import ReprPrinter

__all__ = ["Unfingerprintable", "fingerprint", "file_digest"]

#: Top-level packages whose functions are named, not expanded (their code is fixed by
#: their installed version; the versions that decide numbers are in the cache key).
_LIBRARIES = frozenset({
    "builtins", "math", "cmath", "operator", "functools", "itertools", "collections",
    "fractions", "decimal", "numbers", "typing", "sympy", "mpmath", "flint", "numpy", "scipy",
    "gmpy2",
})


class Unfingerprintable(Exception):  # noqa: N818 - a reason not to cache, not an error
    """A value whose content cannot be pinned down: do not cache what depends on it."""


def file_digest(path: str | Path) -> str:
    """blake2b digest of a file's bytes."""
    return hashlib.blake2b(Path(path).read_bytes(), digest_size=16).hexdigest()


def fingerprint(obj: Any) -> str:
    """The digest of ``obj``'s canonical text; :class:`Unfingerprintable` if it has none."""
    parts: list[str] = []
    _Canon(parts).add(obj)
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=20).hexdigest()


def is_engine(module: str) -> bool:
    """Whether ``module`` is remsym's own (covered by the engine's digest)."""
    return module == "remsym" or module.startswith("remsym.")


def is_library(module: str) -> bool:
    """Whether ``module`` belongs to a library remsym depends on (covered by versions)."""
    return module.split(".", 1)[0] in _LIBRARIES


class _Canon:
    """Appends the canonical text of values to ``parts``.

    Shared objects are written out at each use: whether two equal SymPy expressions
    are one object depends on SymPy's cache, i.e. on what the process did before.
    Only a cycle (a recursive function naming itself) is written as a reference, to
    the depth of the object it returns to.
    """

    def __init__(self, parts: list[str]):
        self.parts = parts
        self.stack: list[int] = []

    def add(self, obj: Any) -> None:
        out = self.parts
        if obj is None or isinstance(obj, (bool, int, str, bytes)):
            out.append(f"{type(obj).__name__}:{obj!r}")
            return
        if isinstance(obj, float):
            out.append(f"float:{obj.hex()}")
            return
        if isinstance(obj, complex):
            out.append(f"complex:{obj.real.hex()},{obj.imag.hex()}")
            return
        if id(obj) in self.stack:
            out.append(f"cycle:{self.stack.index(id(obj))}")
            return
        self.stack.append(id(obj))
        try:
            self._add_object(obj)
        finally:
            self.stack.pop()

    def _add_object(self, obj: Any) -> None:
        out = self.parts
        sympy = sys.modules.get("sympy")
        mpmath = sys.modules.get("mpmath")
        if sympy is not None and isinstance(obj, sympy.Basic):
            out.append("sympy:" + _canonical_srepr(obj))
        elif mpmath is not None and isinstance(obj, mpmath.mpf):
            out.append(f"mpf:{obj._mpf_!r}")
        elif mpmath is not None and isinstance(obj, mpmath.mpc):
            out.append(f"mpc:{obj._mpc_!r}")
        elif isinstance(obj, (fractions.Fraction, decimal.Decimal)):
            out.append(f"{type(obj).__name__}:{obj!r}")
        elif type(obj).__module__ == "numpy" and type(obj).__name__ == "ndarray":
            data = hashlib.blake2b(obj.tobytes(), digest_size=20).hexdigest()
            out.append(f"ndarray:{obj.dtype.str}:{obj.shape}:{data}")
        elif isinstance(obj, enum.Enum):
            out.append(f"enum:{type(obj).__module__}.{type(obj).__qualname__}.{obj.name}")
        elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
            out.append(f"record:{type(obj).__module__}.{type(obj).__qualname__}")
            for f in dataclasses.fields(obj):
                out.append(f.name)
                self.add(getattr(obj, f.name))
            out.append("end")
        elif isinstance(obj, (tuple, list)):
            out.append(f"{type(obj).__name__}[{len(obj)}")
            for item in obj:
                self.add(item)
            out.append("]")
        elif isinstance(obj, (set, frozenset)):
            self._add_sorted(type(obj).__name__, [(x,) for x in obj])
        elif isinstance(obj, Mapping):
            self._add_sorted("mapping", list(obj.items()))
        elif isinstance(obj, functools.partial):
            out.append("partial")
            self.add(obj.func)
            self.add(obj.args)
            self.add(obj.keywords)
        elif isinstance(obj, types.MethodType):
            out.append("method")
            self.add(obj.__func__)
            self.add(obj.__self__)
        elif isinstance(obj, types.ModuleType):
            self._add_module(obj)
        elif isinstance(obj, types.FunctionType):
            self._add_function(obj)
        elif hasattr(obj, "__wrapped__") and callable(obj):  # lru_cache, cache, wraps
            out.append(f"wrapper:{type(obj).__qualname__}")
            self.add(obj.__wrapped__)
        elif isinstance(obj, (types.BuiltinFunctionType, type)) or (
                callable(obj) and is_library(getattr(obj, "__module__", None) or "")):
            self._add_named(obj)
        else:
            raise Unfingerprintable(f"no canonical form for a {type(obj).__qualname__}")

    def _add_sorted(self, tag: str, rows: list[tuple]) -> None:
        texts = []
        for row in rows:
            sub = _Canon([])
            sub.stack = list(self.stack)
            for x in row:
                sub.add(x)
            texts.append("\x1e".join(sub.parts))
        self.parts.append(f"{tag}{{{len(texts)}")
        self.parts.extend(sorted(texts))
        self.parts.append("}")

    def _add_named(self, obj: Any) -> None:
        module = getattr(obj, "__module__", None) or ""
        name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None)
        if name is None:
            raise Unfingerprintable(f"unnamed callable {obj!r}")
        if isinstance(obj, type) and not (is_engine(module) or is_library(module)):
            file = getattr(sys.modules.get(module), "__file__", None)
            if file is None:
                raise Unfingerprintable(f"class {name} without a source file")
            self.parts.append(f"class:{module}.{name}:{file_digest(file)}")
            return
        self.parts.append(f"named:{module}.{name}")

    def _add_module(self, module: types.ModuleType) -> None:
        name = module.__name__
        if is_engine(name) or is_library(name):
            self.parts.append(f"module:{name}")
            return
        file = getattr(module, "__file__", None)
        if file is None or not Path(file).is_file():
            raise Unfingerprintable(f"module {name} without a source file")
        # a user module used by attribute (``helpers.f(x)``): its whole source stands in
        self.parts.append(f"module:{name}:{file_digest(file)}")

    def _add_function(self, fn: types.FunctionType) -> None:
        module = fn.__module__ or ""
        out = self.parts
        if is_library(module):
            out.append(f"named:{module}.{fn.__qualname__}")
            return
        if is_engine(module):
            # the code is covered by the engine digest; what it captures is not
            out.append(f"engine:{module}.{fn.__qualname__}")
        else:
            out.append(f"function:{fn.__qualname__}")
            self._add_code(fn.__code__)
            for name in sorted(_global_names(fn.__code__)):
                if name in fn.__globals__:
                    out.append(f"global:{name}")
                    self.add(fn.__globals__[name])
        self.add(fn.__defaults__)
        self.add(fn.__kwdefaults__)
        out.append("closure")
        for cell in fn.__closure__ or ():
            try:
                self.add(cell.cell_contents)
            except ValueError:  # an empty cell: a name assigned after the function
                out.append("empty-cell")

    def _add_code(self, code: types.CodeType) -> None:
        out = self.parts
        out.append(f"code:{code.co_code.hex()}:{code.co_names!r}:{code.co_varnames!r}:"
                   f"{code.co_freevars!r}:{code.co_cellvars!r}:{code.co_argcount}:"
                   f"{code.co_kwonlyargcount}:{code.co_flags}")
        for const in code.co_consts:
            if isinstance(const, types.CodeType):
                self._add_code(const)
            else:
                self.add(const)


class _CanonicalRepr(ReprPrinter):
    """SymPy's ``srepr`` printer with canonical symbols: assumptions sorted (``srepr``
    writes them in the order of the first ``Symbol(...)`` call that SymPy's cache kept)
    and those of an undefined function written out (``srepr`` drops them)."""

    def _print_Symbol(self, expr: Any) -> str:
        d = dict(expr._assumptions_orig)
        if expr.is_Dummy:
            d["dummy_index"] = expr.dummy_index
        attr = "".join(f", {k}={v}" for k, v in sorted(d.items()))
        return f"{type(expr).__name__}({self._print(expr.name)}{attr})"

    def _print_FunctionClass(self, expr: Any) -> str:
        text = super()._print_FunctionClass(expr)
        if issubclass(expr, AppliedUndef):
            d = getattr(expr, "_kwargs", {}) or {}
            text += "".join(f"[{k}={v}]" for k, v in sorted(d.items()))
        return text


# terms in SymPy's own canonical order of ``args`` (structural, the same in every
# process): ``srepr``'s default re-sorts each sum by evaluating its terms
_REPR_PRINTER = _CanonicalRepr({"order": "none"})


@functools.lru_cache(maxsize=4096)
def _canonical_srepr(expr: Any) -> str:
    """Memoised: a derivation's steps share their sides (one step's right side is the
    next one's left), and a derivation's fingerprint contains its steps'."""
    return _REPR_PRINTER.doprint(expr)


def _global_names(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _global_names(const)
    return names
