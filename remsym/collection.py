"""Derivation collections: what a package of derivations registers with the engine.

The engine knows no paper.  A *collection* (the REM paper is one, package
``remsym_paper``) announces itself through the entry-point group
``remsym.derivations``; the entry point names a :class:`Collection`.  Its fields
are import paths (``"module"`` or ``"module:attribute"``), so that finding the
collections imports nothing heavy: each hook is imported when it is used.

* ``modules`` -- the derivation modules (each defines ``DERIVATIONS``), in the
  order their results are reported: what ``remsym check`` checks without a PATH;
* ``evaluator`` -- ``remsym eval``: ``evaluate(quantity, settings, method, digits,
  order) -> (json_dict, exact_digits)``; ``eval_help`` gives its ``--help`` text;
* ``commands`` -- further click commands of the command line, each named after its
  attribute (``...:simulate`` is ``remsym simulate``), imported when it runs;
* ``latex_appendix`` -- ``appendix(json_path, output) -> [(latex, {name: bytes})]``,
  the sections ``remsym latex --simulation FILE.json`` adds;
* ``notation`` -- a mapping ``name -> LaTeX`` of the collection's symbols, merged
  into the printer's table (:mod:`remsym.latex.printer`);
* ``title`` -- the title of its ``remsym latex`` report (plain text).
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.metadata import entry_points
from types import ModuleType
from typing import Any

from remsym.errors import DerivationError

__all__ = ["ENTRY_POINT_GROUP", "Collection", "collections", "resolve", "notation",
           "collection_modules", "collection_folders", "hooks"]

#: The entry-point group a derivation collection registers under.
ENTRY_POINT_GROUP = "remsym.derivations"


@dataclass(frozen=True, slots=True)
class Collection:
    """A package of derivations and what it adds to the engine (import paths)."""

    name: str
    package: str
    modules: tuple[str, ...]
    evaluator: str | None = None
    eval_help: str | None = None
    commands: tuple[str, ...] = ()
    latex_appendix: str | None = None
    notation: str | None = None
    title: str | None = None


@functools.cache
def collections() -> tuple[Collection, ...]:
    """Every installed collection, sorted by name (the same order on every machine)."""
    found = []
    for point in entry_points(group=ENTRY_POINT_GROUP):
        value = point.load()
        if not isinstance(value, Collection):
            raise DerivationError(f"entry point {point.name!r} of {ENTRY_POINT_GROUP} names "
                                  f"{type(value).__name__}, not a remsym Collection")
        found.append(value)
    return tuple(sorted(found, key=lambda c: c.name))


def resolve(path: str) -> Any:
    """The object at ``"module:attribute"`` (or the module at ``"module"``)."""
    module_name, _, attribute = path.partition(":")
    module = importlib.import_module(module_name)
    return getattr(module, attribute) if attribute else module


def collection_modules() -> list[ModuleType]:
    """The derivation modules of every collection, in each collection's order."""
    if not collections():
        raise DerivationError("no derivation collection is installed (entry-point group "
                              f"{ENTRY_POINT_GROUP}); give a derivation module PATH")
    return [importlib.import_module(name) for c in collections() for name in c.modules]


def collection_folders() -> list[str]:
    """The source folders of every collection's package (what a cached check hashes)."""
    folders: list[str] = []
    for c in collections():
        folders.extend(getattr(importlib.import_module(c.package), "__path__", []))
    return folders


def hooks(field: str) -> list[Callable[..., Any]]:
    """The objects a ``field`` (``"evaluator"``, ``"commands"`` ...) of the collections
    names, in collection order; collections without it are skipped."""
    found: list[Callable[..., Any]] = []
    for c in collections():
        value = getattr(c, field)
        for path in (value if isinstance(value, tuple) else (value,)):
            if path:
                found.append(resolve(path))
    return found


@functools.cache
def notation() -> Mapping[str, str]:
    """The collections' names -> LaTeX, merged (a later collection does not override)."""
    merged: dict[str, str] = {}
    for table in hooks("notation"):
        if not isinstance(table, Mapping):
            raise DerivationError(f"a collection's notation is {type(table).__name__}, "
                                  "not a mapping of names to LaTeX")
        for name, tex in table.items():
            merged.setdefault(name, tex)
    return merged
