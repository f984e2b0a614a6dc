"""Finding derivation modules: the installed collections' and a user's.

A derivation module defines ``DERIVATIONS``: a mapping ``id -> builder`` (or a
list of builders / :class:`Derivation` values), where a builder is a callable
with no arguments returning a :class:`~remsym.derivation.steps.Derivation`.
Builders run only when their id is selected, so ``--only`` stays fast.

A module may also define ``CHECK_GROUPS``: tuples of ids that share expensive
work (the same validated references, the same SymPy integrals).  ``remsym check``
checks each group in one worker process, in the group's order, so that the
per-process memos compute that work once (:func:`check_groups`).
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.util
import sys
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from remsym.collection import collection_modules
from remsym.derivation.steps import Derivation
from remsym.errors import DerivationError, RemsymError
from remsym.texinput import load_tex

Builder = Callable[[], Derivation]


def modules_of(paths: Sequence[str | Path]) -> list[ModuleType]:
    """The derivation modules at ``paths``; without paths, every installed collection's
    (:func:`remsym.collection.collection_modules`)."""
    return [load_module(p) for p in paths] if paths else collection_modules()


#: Modules loaded from files, by (resolved path, digest of the source): executed once per
#: process while the file is unchanged.
_LOADED_FILES: dict[tuple[str, str], ModuleType] = {}
#: Builders of each list-style DERIVATIONS, by the list's identity and its entries'.
_LIST_BUILDERS: dict[int, tuple[Any, tuple[int, ...], dict[str, Builder]]] = {}


def load_module(path: str | Path) -> ModuleType:
    """Import a derivation module from a file path; one-line DerivationError on failure.

    A file is executed once per process while its source is unchanged: ``remsym check``
    loads its modules in the parent, the forked workers inherit them, and every id of a
    task looks its builder up again without running the module again.
    """
    path = Path(path)
    if not path.exists():
        raise DerivationError(f"derivation module not found: {path}")
    if path.suffix not in (".py", ".tex"):
        raise DerivationError(f"derivation module must be a .py or .tex file: {path}")
    # the source's digest, not its mtime: two same-size writes within one clock tick
    key = (str(path.resolve()), hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest())
    if key in _LOADED_FILES:
        return _LOADED_FILES[key]
    module = _execute(path) if path.suffix == ".py" else _read_tex(path)
    _LOADED_FILES[key] = module
    return module


def _read_tex(path: Path) -> ModuleType:
    """A LaTeX derivation (:mod:`remsym.texinput`) as a module with ``DERIVATIONS``."""
    return load_tex(path)


def _execute(path: Path) -> ModuleType:
    name = f"remsym_user_{abs(hash(str(path.resolve())))}_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise DerivationError(f"cannot load derivation module {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except (Exception, SystemExit) as exc:  # a module's sys.exit() is no exit of remsym's
        sys.modules.pop(name, None)
        first = f"{type(exc).__name__}: {exc}".splitlines()[0]
        raise DerivationError(f"derivation module {path} failed to import ({first})") from None
    return module


def _where(module: ModuleType) -> str:
    return getattr(module, "__file__", None) or module.__name__


def builders(modules: Iterable[ModuleType]) -> dict[str, Builder]:
    """Ordered ``id -> builder`` from modules' ``DERIVATIONS``.

    ``DERIVATIONS`` must be a dict ``id -> callable`` or a list/tuple of callables or
    :class:`Derivation` values; anything else, and an id defined twice (in one module
    or across modules), is a :class:`DerivationError` naming the module (the first
    definition would otherwise be dropped silently).  A dict's builder is checked to
    build the id it is filed under (:func:`_keyed`).  A list of builders has to be built
    to learn its ids; that is done once per list and process (the built derivations are
    immutable), not at every lookup.
    """
    found: dict[str, Builder] = {}
    origin: dict[str, str] = {}
    for module in modules:
        entries = getattr(module, "DERIVATIONS", None)
        if entries is None:
            continue
        where = _where(module)
        if isinstance(entries, dict):
            these = {key: _keyed(where, key, build) for key, build in entries.items()}
        elif isinstance(entries, (list, tuple)):
            members = tuple(map(id, entries))
            cached = _LIST_BUILDERS.get(id(entries))
            if cached is None or cached[0] is not entries or cached[1] != members:
                cached = (entries, members, _list_builders(where, entries))
                _LIST_BUILDERS[id(entries)] = cached
            these = cached[2]
        else:
            raise DerivationError(f"{where}: DERIVATIONS must be a list or a dict of "
                                  f"derivation functions, not {type(entries).__name__}")
        for ident, build in these.items():
            if ident in found:
                also = "" if origin[ident] == where else f" and {origin[ident]}"
                raise DerivationError(f"{where}{also}: two derivations have the id {ident!r}")
            found[ident] = build
            origin[ident] = where
    return found


def _keyed(where: str, key: Any, build: Any) -> Builder:
    """A dict entry's builder, checked: a string key, a callable, building that id."""
    if not isinstance(key, str) or not key:
        raise DerivationError(f"{where}: DERIVATIONS key {key!r} is not an id (a non-empty "
                              "string)")
    if isinstance(build, Derivation):
        build = _returning(build)
    if not callable(build):
        raise DerivationError(f"{where}: DERIVATIONS[{key!r}] is {build!r}, not a function "
                              "returning a Derivation")

    @functools.wraps(build)
    def checked() -> Derivation:
        d = build()
        if not isinstance(d, Derivation):
            raise DerivationError(f"{where}: DERIVATIONS[{key!r}] returned "
                                  f"{type(d).__name__}, not a Derivation")
        if d.id != key:
            raise DerivationError(f"{where}: DERIVATIONS key {key!r} builds a derivation "
                                  f"with id {d.id!r}")
        return d

    return checked


def _list_builders(where: str, entries: Iterable[Any]) -> dict[str, Builder]:
    found: dict[str, Builder] = {}
    for entry in entries:
        if isinstance(entry, Derivation):
            built = entry
        elif callable(entry):
            name = getattr(entry, "__name__", repr(entry))
            try:
                built = entry()
            except (Exception, SystemExit) as exc:  # the user's message, under the name
                first = _message(exc)
                raise DerivationError(f"{where}: derivation {name!r} could not be built "
                                      f"({first})") from None
            if not isinstance(built, Derivation):
                raise DerivationError(f"{where}: {name} returned {type(built).__name__}, "
                                      "not a Derivation")
        else:
            raise DerivationError(f"{where}: DERIVATIONS holds {entry!r}, "
                                  "neither a Derivation nor a builder")
        if built.id in found:
            raise DerivationError(f"{where}: two derivations have the id {built.id!r}")
        found[built.id] = _returning(built)
    return found


def _returning(built: Derivation) -> Builder:
    """A builder of an already built (immutable) derivation."""
    return lambda: built


def _message(exc: BaseException) -> str:
    """The first line of an exception, with its type unless it is remsym's own."""
    text = str(exc).strip()
    first = text.splitlines()[0] if text else ""
    if isinstance(exc, DerivationError) and first:
        return first
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def build_selected(selected: dict[str, Builder]) -> dict[str, Derivation]:
    """Build every selected derivation here, once: a user's module is bad input when one
    of its functions raises its own error (or misuses the builder), so that is a one-line
    :class:`DerivationError` naming the id and carrying the user's own message, before any
    checking starts.  An engine error (``AsymptoticError`` ...: the engine could not do a
    step) is not bad input; that derivation is left out here and checked as ``failed``."""
    built: dict[str, Derivation] = {}
    for ident, build in selected.items():
        try:
            built[ident] = build()
        except RemsymError as exc:
            if isinstance(exc, DerivationError):
                raise DerivationError(f"derivation {ident!r} could not be built "
                                      f"({_message(exc)})") from None
        except (Exception, SystemExit) as exc:
            first = _message(exc)
            raise DerivationError(f"derivation {ident!r} could not be built ({first})") \
                from None
    return built


def check_groups(modules: Iterable[ModuleType],
                 known: Collection[str] | None = None) -> list[tuple[str, ...]]:
    """The modules' ``CHECK_GROUPS`` (id tuples), later modules first.

    Later sections of a paper build on earlier ones and are the heavier ones; a
    process pool that starts them first is left with light work to balance at the end.
    With ``known`` (the ids of :func:`builders`), a group naming any other id is a
    :class:`DerivationError` (a misspelt id would otherwise only cost time, silently).
    """
    groups: list[tuple[str, ...]] = []
    for module in reversed(list(modules)):
        where = getattr(module, "__file__", None) or module.__name__
        for group in getattr(module, "CHECK_GROUPS", ()):
            if isinstance(group, str) or not all(isinstance(i, str) for i in group):
                raise DerivationError(f"{where}: CHECK_GROUPS holds {group!r}, "
                                      "not a tuple of ids")
            unknown = [i for i in group if known is not None and i not in known]
            if unknown:
                raise DerivationError(f"{where}: CHECK_GROUPS names {unknown[0]!r}, which no "
                                      "module's DERIVATIONS defines")
            groups.append(tuple(group))
    return groups


def select(available: dict[str, Builder], only: Iterable[str] | None) -> dict[str, Builder]:
    """Restrict to ``only`` (in the order available); unknown ids raise DerivationError.

    ``None`` selects everything; a selection that names no id at all (``--only ""``) is
    an error rather than an empty run.
    """
    if only is None:
        return available
    wanted = [w.strip() for w in only if w.strip()]
    if not wanted:
        raise DerivationError("--only names no derivation id")
    unknown = [w for w in wanted if w not in available]
    if unknown:
        raise DerivationError(f"unknown derivation id {unknown[0]!r} (known: "
                              f"{', '.join(available)})")
    return {k: v for k, v in available.items() if k in wanted}


def selected_builders(paths: Sequence[str | Path], only: Iterable[str] | None
                      ) -> dict[str, Builder]:
    """What ``remsym check [PATH ...] --only`` and ``remsym latex`` select: the builders
    of the modules at ``paths`` (the collections' without paths) restricted to ``only``.

    Raises :class:`DerivationError` when the modules define no derivation, when a
    ``CHECK_GROUPS`` entry names an unknown id (a misspelt id would only cost time) and
    for an unknown ``only`` id; a user's module (``paths``) is built here once, so that a
    builder that raises is bad input reported before any check (:func:`build_selected`).
    """
    modules = modules_of(paths)
    available = builders(modules)
    if not available:
        raise DerivationError("no derivations found (a module must define DERIVATIONS)")
    check_groups(modules, known=available)
    chosen = select(available, only)
    if paths:
        build_selected(chosen)
    return chosen


__all__ = ["modules_of", "load_module", "builders", "build_selected", "check_groups",
           "select", "selected_builders"]
