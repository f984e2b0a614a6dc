"""Content-addressed cache of checks, so that a re-check after an edit redoes only what changed.

Three kinds of entry, each keyed by everything its value depends on:

``step``
    One :func:`~remsym.derivation.check.check_step` outcome.  Key: the step's
    fingerprint (every field: both sides and the order by ``srepr``, the domain, the
    limit, the witness points, the code and captured values of a validated evaluator),
    ``digits`` and ``seed``.  For an asymptotic step also the fingerprints of the
    asymptotic steps before it in the same derivation: a limit witness that reuses the
    limits decided earlier in the derivation (as the checker's product rule did) makes
    an asymptotic step's record depend on them.  The price is that an edited
    asymptotic step also re-checks the later asymptotic steps of its derivation.
``derivation``
    The result dict of one built derivation (:func:`remsym.derivation.run.check_built`).
    Key: the derivation's fingerprint (steps, printed form and readings, numeric
    reference) and ``digits``.
``run``
    The result dicts of a whole ``remsym check``, so that a re-run with nothing changed
    neither imports nor builds the derivations.  Key: the paths, the selected ids and
    ``digits``; the entry records the digest of every source file the derivation
    modules were loaded from (the modules, the files beside them, and each non-library
    module they imported) and is used only while all still match.  (A file read from
    elsewhere, or a module imported only inside a worker, is not seen: ``--no-cache``.)

Every key also holds the *engine digest*: a digest of remsym's own source files (a
version string does not change while the engine is developed) and the versions of
SymPy, mpmath, python-flint, NumPy and SciPy.  A change to the checker invalidates
everything, by construction.

Entries are JSON files under ``platformdirs.user_cache_dir("remsym")``, or under
``REMSYM_CACHE_DIR``.  Each is written to a temporary file in the same folder and
moved into place with ``os.replace``: a reader sees a whole entry or none, and several
processes may write at once (equal keys mean equal values).  A file that does not
parse is ignored with a :class:`CacheWarning` and recomputed.  A value is stored only
if it survives the JSON round trip unchanged, and only when it is decided: no
unverified step and no ``failed`` verdict (an undecided check may be a passing
condition of the machine or of an optional tool, which must not outlive it).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
import sysconfig
import tempfile
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import platformdirs

from remsym.collection import collection_folders
from remsym.derivation.check import StepCheck, check_step
from remsym.fingerprint import Unfingerprintable, file_digest, fingerprint, is_engine, is_library

__all__ = ["CacheWarning", "CheckCache", "StepCache", "check_run", "decided", "default_cache",
           "engine_digest", "run_sources"]

#: Bumped when the layout of the entries changes.
FORMAT = "1"
_VERSIONED = ("sympy", "mpmath", "python-flint", "numpy", "scipy")


class CacheWarning(UserWarning):
    """A cache file could not be read or written; the check goes on without it."""


@cache
def engine_digest() -> str:
    """Digest of remsym's own source files and of the versions of the libraries that
    decide the numbers (a derivation collection is a package of its own, keyed by its
    content like a user's modules: :func:`run_sources`)."""
    root = Path(__file__).resolve().parent
    h = hashlib.blake2b(digest_size=20)
    h.update(f"format {FORMAT}; python {sys.version_info[:2]}".encode())
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or "__pycache__" in rel.parts or path.suffix in (".pyc", ".pyo"):
            continue
        h.update(str(rel).encode() + b"\0" + path.read_bytes() + b"\0")
    h.update(repr(_versions()).encode())
    return h.hexdigest()


def _versions() -> tuple[tuple[str, str], ...]:
    found = []
    for name in _VERSIONED:
        try:
            found.append((name, version(name)))
        except PackageNotFoundError:
            found.append((name, "absent"))
    return tuple(found)


def _digest(*parts: Any) -> str:
    text = "\x1f".join(map(str, (engine_digest(), *parts)))
    return hashlib.blake2b(text.encode(), digest_size=20).hexdigest()


def _round_trips(value: Any) -> bool:
    try:
        return json.loads(json.dumps(value)) == value
    except (TypeError, ValueError):
        return False


class CheckCache:
    """The cache folder; a small picklable value handed to worker processes.

    ``stats`` counts this process's hits, misses and stores by kind (``step-hit``...).
    """

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)
        self.stats: Counter[str] = Counter()

    def __getstate__(self) -> dict[str, Any]:
        return {"directory": str(self.directory)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["directory"])  # type: ignore[misc]

    def __repr__(self) -> str:
        return f"CheckCache({str(self.directory)!r})"

    def _path(self, kind: str, key: str) -> Path:
        return self.directory / f"v{FORMAT}" / kind / key[:2] / f"{key}.json"

    def get(self, kind: str, key: str) -> Any | None:
        """The stored value, or None (absent, or unreadable: then with a warning)."""
        path = self._path(kind, key)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self.stats[f"{kind}-miss"] += 1
            return None
        except OSError as exc:
            warnings.warn(f"remsym cache: cannot read {path.name}: {exc}", CacheWarning,
                          stacklevel=2)
            return None
        try:
            entry = json.loads(text)
            if not isinstance(entry, dict) or entry.get("key") != key:
                raise ValueError("not an entry of this key")
            value = entry["value"]
        except (ValueError, KeyError) as exc:
            warnings.warn(f"remsym cache: ignoring corrupt file {path} ({exc})", CacheWarning,
                          stacklevel=2)
            self.stats[f"{kind}-corrupt"] += 1
            return None
        self.stats[f"{kind}-hit"] += 1
        return value

    def put(self, kind: str, key: str, value: Any) -> bool:
        """Store ``value`` atomically; False (and nothing stored) if it is not plain JSON
        or the folder is not writable."""
        if not _round_trips(value):
            return False
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as f:
                    json.dump({"key": key, "value": value}, f)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            warnings.warn(f"remsym cache: cannot write {path.parent}: {exc}", CacheWarning,
                          stacklevel=2)
            return False
        self.stats[f"{kind}-store"] += 1
        return True

    # -- derivations -----------------------------------------------------------------
    def derivation_key(self, derivation: Any, digits: int) -> str | None:
        """The key of a built derivation's result, None when its content has no
        fingerprint (then it is always checked afresh)."""
        try:
            return _digest("derivation", fingerprint(derivation), digits)
        except Unfingerprintable:
            return None

    # -- whole runs ------------------------------------------------------------------
    def run_key(self, paths: Sequence[str], only: Sequence[str] | None, digits: int) -> str:
        resolved = [str(Path(p).resolve()) for p in paths]
        return _digest("run", resolved, list(only) if only is not None else None, digits)

    def get_run(self, key: str) -> list[dict[str, Any]] | None:
        """The results of a run, if every source file it was loaded from is unchanged."""
        entry = self.get("run", key)
        if not isinstance(entry, dict):
            return None
        try:
            for path, digest in entry["sources"].items():
                if file_digest(path) != digest:
                    self.stats["run-stale"] += 1
                    return None
        except (OSError, AttributeError):
            return None
        return entry["results"]

    def put_run(self, key: str, results: list[dict[str, Any]], sources: Iterable[str]) -> None:
        try:
            digests = {str(p): file_digest(p) for p in sorted(set(sources))}
        except OSError:
            return
        self.put("run", key, {"sources": digests, "results": results})


def default_cache() -> CheckCache | None:
    """The user's cache: ``REMSYM_CACHE_DIR``, else platformdirs' user cache folder;
    None when ``REMSYM_NO_CACHE`` is set to a non-empty value other than ``0``."""
    if os.environ.get("REMSYM_NO_CACHE", "") not in ("", "0"):
        return None
    directory = os.environ.get("REMSYM_CACHE_DIR")
    if not directory:
        directory = platformdirs.user_cache_dir("remsym", appauthor=False)
    return CheckCache(directory)


class StepCache:
    """``check_step`` through ``cache``, for the steps of one derivation in their order.

    A fresh instance per derivation: it remembers the derivation's asymptotic steps so
    far, which are part of the key of the next asymptotic step (see the module doc).
    Once an asymptotic step has no fingerprint, the later asymptotic steps of the
    derivation are checked afresh too.  ``record``, a list, receives every
    ``(step, check)`` (the plugin reports a refuted step's numbers from it); with
    ``cache`` None nothing is cached, the checks are only recorded.
    """

    def __init__(self, cache: CheckCache | None, check: Callable[..., Any] | None = None,
                 record: list[tuple[Any, Any]] | None = None):
        self.cache = cache
        self._check = check
        self._asymptotic: list[str] | None = []
        self.record = record

    def __call__(self, step: Any, digits: int = 30, seed: int = 20260101) -> Any:
        result = self._cached(step, digits, seed)
        if self.record is not None:
            self.record.append((step, result))
        return result

    def _cached(self, step: Any, digits: int, seed: int) -> Any:
        check = self._check or check_step
        if self.cache is None:
            return check(step, digits, seed)
        asymptotic = getattr(step, "limit", None) is not None
        try:
            content = fingerprint(step)
        except Unfingerprintable:
            if asymptotic:
                self._asymptotic = None
            return check(step, digits, seed)
        context = self._asymptotic if asymptotic else []
        key = None if context is None else _digest("step", content, digits, seed, context)
        if asymptotic and self._asymptotic is not None:
            self._asymptotic.append(content)
        if key is not None:
            stored = self.cache.get("step", key)
            if isinstance(stored, dict):
                try:
                    return StepCheck(**stored)
                except TypeError:
                    pass  # fields of another StepCheck (the key should have prevented it)
        result = check(step, digits, seed)
        if key is not None and isinstance(result, StepCheck) and result.status != "unverified":
            self.cache.put("step", key, _fields(result))
        return result


def _fields(record: Any) -> dict[str, Any]:
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


def run_sources(paths: Sequence[str], loaded_before: Iterable[str]) -> list[str]:
    """The source files a ``remsym check`` of ``paths`` depends on beyond the engine:
    each module file and every file beside it (sibling modules, data files); without
    paths, every file of the installed collections' packages, subpackages included
    (installed or not, a collection is keyed by its content); and the file of every
    module imported since ``loaded_before`` (names of ``sys.modules``) that is neither
    remsym's engine nor a library."""
    files = {str(Path(p).resolve()) for p in paths}
    for folder in {Path(p).resolve().parent for p in paths}:  # siblings, data files
        files.update(str(f) for f in folder.iterdir() if _source_file(f))
    if not paths:
        for package in collection_folders():
            files.update(str(f) for f in Path(package).resolve().rglob("*")
                         if _source_file(f) and "__pycache__" not in f.parts)
    before = set(loaded_before)
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if name in before or file is None or is_library(name) or is_engine(name):
            continue
        path = Path(file).resolve()
        if path.suffix == ".py" and path.is_file() and not _installed(path):
            files.add(str(path))
    return sorted(files)


def _source_file(path: Path) -> bool:
    """A file a check may read: not hidden, not compiled."""
    return path.is_file() and not path.name.startswith(".") and path.suffix != ".pyc"


def _installed(path: Path) -> bool:
    """Whether ``path`` lies in the standard library or an installed package (their
    contents change with versions, not with a user's edits)."""
    roots = {Path(sysconfig.get_paths()[k]).resolve() for k in ("stdlib", "purelib", "platlib")}
    return any(root in path.parents for root in roots)


def decided(results: Iterable[dict[str, Any]]) -> bool:
    """Whether results may be stored: no ``failed`` verdict and no unverified step (an
    undecided check may be a passing condition, a load spike or a missing tool)."""
    return all(r.get("status") != "failed"
               and all(s.get("status") != "unverified" for s in r.get("step_checks", ()))
               for r in results)


def check_run(cache: CheckCache | None, paths: Sequence[str], only: Sequence[str] | None,
              digits: int, compute: Callable[[CheckCache | None], list[dict[str, Any]]],
              ) -> list[dict[str, Any]]:
    """The results of a whole ``remsym check``: from the run entry of ``cache`` while the
    derivation modules' sources are unchanged, else ``compute(cache)`` (which loads,
    builds and checks, itself through ``cache``) stored for next time."""
    if cache is None:
        return compute(None)
    key = cache.run_key(paths, only, digits)
    results = cache.get_run(key)
    if results is not None:
        return results
    before = set(sys.modules)
    results = compute(cache)
    if decided(results):
        cache.put_run(key, results, run_sources(paths, before))
    return results
