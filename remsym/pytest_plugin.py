"""pytest plugin: derivation modules collected as tests (``pytest --remsym PATH``).

Registered through the ``pytest11`` entry point, so installing remsym is enough.
``--remsym PATH`` (repeatable) and the ini option ``remsym_paths`` name derivation
modules or folders of them; every module that defines ``DERIVATIONS`` becomes a
collector with one test item per derivation id, named by the id.

An item builds and checks its derivation in the test process (pytest-xdist spreads
the items over processes; no item depends on another, so any order gives the same
outcomes) through remsym's check cache (``--remsym-no-cache`` to bypass): while no
source file loaded in the process has changed, its result comes from the cache
without building; else unchanged derivations and steps do.  It passes
when the verdict is an expected one: ``confirmed`` or ``approximation`` unless the
item is given its own (``@pytest.mark.remsym(verdict="erratum")``, the ini lines
``remsym_expect = eq14 erratum``, or ``EXPECTED_VERDICTS = {"eq14": "erratum"}`` in
the module), so that a derivation reproducing a known erratum keeps the suite green
while the report still names it.  A refuted step fails the item with a few
assertion-like lines (rule, relation, the two sides, the witness and its reason); a
step left unverified makes it xfail with the reason, or fail under
``--remsym-strict``.  Each step's outcome is recorded as a sub-result: a report
section ``remsym steps`` (shown for failures, and with ``-rA``) and the item's
``user_properties`` (in JUnit XML).

Nothing of SymPy is imported until a derivation is collected: the plugin is loaded
in every pytest session of an environment with remsym installed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sympy as sp

from remsym.cache import decided, default_cache, run_sources
from remsym.derivation.registry import builders, load_module
from remsym.derivation.run import check_built
from remsym.errors import RemsymError
from remsym.render import failed_dict

VERDICTS = ("confirmed", "approximation", "erratum", "failed")
DEFAULT_EXPECTED = ("confirmed", "approximation")
DEFAULT_DIGITS = 30
_PATHS = pytest.StashKey[list[Path]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("remsym", "remsym: derivation modules as tests")
    group.addoption("--remsym", action="append", default=[], metavar="PATH",
                    help="collect the derivation modules at PATH (a module or a folder; "
                         "repeatable): one test per derivation id")
    group.addoption("--remsym-strict", action="store_true",
                    help="an unverified step fails its derivation (default: xfail)")
    group.addoption("--remsym-digits", type=int, default=None, metavar="D",
                    help=f"digits of the numeric checks (default: remsym_digits, "
                         f"else {DEFAULT_DIGITS})")
    group.addoption("--remsym-no-cache", action="store_true",
                    help="check every derivation afresh, without remsym's check cache")
    parser.addini("remsym_paths", "derivation modules or folders collected as tests",
                  type="paths", default=[])
    parser.addini("remsym_digits", "digits of the numeric checks", default=str(DEFAULT_DIGITS))
    parser.addini("remsym_expect", "expected verdicts, one 'ID VERDICT[,VERDICT]' per line",
                  type="linelist", default=[])


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "remsym(verdict=None, digits=None, strict=None): expected verdict(s) "
        "(a name or a tuple), digits and strictness of a remsym derivation item")
    paths = [Path(p).resolve() for p in config.getoption("remsym")]
    paths += [Path(p).resolve() for p in config.getini("remsym_paths")]
    config.stash[_PATHS] = paths
    if not paths:
        return
    for path in paths:
        if not path.exists():
            raise pytest.UsageError(f"--remsym: no such file or folder: {path}")
    # the derivation paths are collected like the command line's own arguments
    have = [Path(a.split("::")[0]).resolve() for a in config.args]
    for path in paths:
        if not any(path == h or h in path.parents for h in have):
            config.args.append(str(path))


def _is_derivation_path(config: pytest.Config, path: Path) -> bool:
    """A ``.py`` file given by --remsym, or inside a given folder and not private."""
    roots = config.stash.get(_PATHS, [])
    if not roots:
        return False
    resolved = path.resolve()
    for root in roots:
        if resolved == root:
            return path.suffix == ".py"
        if root in resolved.parents:
            return path.suffix == ".py" and not path.name.startswith(("_", "conftest"))
    return False


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if not _is_derivation_path(parent.config, file_path):
        return None
    try:  # a module that never names DERIVATIONS is a helper: not imported for nothing
        if "DERIVATIONS" not in file_path.read_text(encoding="utf-8", errors="replace"):
            return None
    except OSError:
        return None
    return DerivationModule.from_parent(parent, path=file_path)


class DerivationModule(pytest.File):
    """A derivation module: one :class:`DerivationItem` per id of its ``DERIVATIONS``."""

    def collect(self):
        try:
            module = load_module(self.path)
            ids = list(builders([module]))
        except RemsymError as exc:
            raise self.CollectError(str(exc)) from None
        expected = getattr(module, "EXPECTED_VERDICTS", None) or {}
        for ident in ids:
            yield DerivationItem.from_parent(self, name=ident,
                                             module_expected=expected.get(ident))


class RemsymCheckFailed(AssertionError):
    """A derivation item's failure: its message is the whole report."""


def _verdicts(value: Any, where: str) -> tuple[str, ...]:
    names = (value,) if isinstance(value, str) else tuple(value)
    names = tuple(n.strip() for part in names for n in part.split(",") if n.strip())
    unknown = [n for n in names if n not in VERDICTS]
    if unknown or not names:
        raise pytest.UsageError(f"{where}: unknown verdict {unknown[0] if unknown else ''!r}"
                                f" (one of {', '.join(VERDICTS)})")
    return names


class DerivationItem(pytest.Item):
    """One derivation: built, checked and compared with its expected verdicts."""

    def __init__(self, *, module_expected: Any = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.module_expected = module_expected
        self._checks: list[tuple[Any, Any]] = []  # (step, StepCheck) as checked

    # -- settings, most specific first: marker, command line / module, ini ----------
    def _marker(self, name: str) -> Any:
        for mark in self.iter_markers("remsym"):
            if mark.kwargs.get(name) is not None:
                return mark.kwargs[name]
        return None

    def expected(self) -> tuple[str, ...]:
        marked = self._marker("verdict")
        if marked is not None:
            return _verdicts(marked, f"{self.nodeid}: remsym marker")
        for line in self.config.getini("remsym_expect"):
            ident, _, verdicts = line.strip().partition(" ")
            if ident == self.name:
                return _verdicts(verdicts, f"remsym_expect line {line!r}")
        if self.module_expected is not None:
            return _verdicts(self.module_expected, f"{self.path.name}: EXPECTED_VERDICTS")
        return DEFAULT_EXPECTED

    def digits(self) -> int:
        marked = self._marker("digits")
        if marked is not None:
            return int(marked)
        option = self.config.getoption("remsym_digits")
        return int(option if option is not None else self.config.getini("remsym_digits"))

    def strict(self) -> bool:
        marked = self._marker("strict")
        return bool(marked) if marked is not None else self.config.getoption("remsym_strict")

    # -- running ---------------------------------------------------------------------
    def runtest(self) -> None:
        expected = self.expected()
        cache = None if self.config.getoption("remsym_no_cache") else default_cache()
        where, digits = [str(self.path)], self.digits()
        # the result alone, while every source file loaded in this process is unchanged:
        # no building (the run entry of ``remsym check PATH --only ID``)
        key = None if cache is None else cache.run_key(where, [self.name], digits)
        stored = None if cache is None or key is None else cache.get_run(key)
        derivation = None
        if stored:
            (result,) = stored
        else:
            derivation, result = self._check(digits, cache)
            if cache is not None and key is not None and decided([result]):
                cache.put_run(key, [result], run_sources(where, ()))
        self._record(result)
        status = result["status"]
        steps = [(i, s) for i, s in enumerate(result["step_checks"]) if not s.get("claim")]
        if status in expected:
            return
        refuted = [(i, s) for i, s in steps if s["status"] == "refuted"]
        unverified = [(i, s) for i, s in steps if s["status"] == "unverified"]
        if refuted:
            raise RemsymCheckFailed("\n".join(
                _step_lines(self.name, i, s, derivation, self._checks) for i, s in refuted))
        if unverified:
            text = "; ".join(f"step {i + 1} '{s['rule']}': {s['reason']}" for i, s in unverified)
            if not self.strict():
                pytest.xfail(f"{self.name}: unverified (not refuted): {text}")
            raise RemsymCheckFailed(f"{self.name}: {len(unverified)} step(s) unverified "
                                    f"(--remsym-strict): {text}")
        raise RemsymCheckFailed(f"{self.name}: verdict {status}, expected "
                                f"{' or '.join(expected)}\n  {result['reason']}")

    def _check(self, digits: int, cache: Any) -> tuple[Any, dict[str, Any]]:
        """Build and check the derivation: (the Derivation or None, its result dict)."""
        build = builders([load_module(self.path)])[self.name]
        try:
            derivation = build()
        except Exception as exc:  # a builder that raises is the derivation's failure
            return None, failed_dict(self.name, self.name, f"the derivation could not be "
                                     f"built: {type(exc).__name__}: {exc}".splitlines()[0])
        return derivation, check_built(derivation, digits, cache, record=self._checks)

    def _record(self, result: dict[str, Any]) -> None:
        rows = [f"{i + 1:3d}. {s['rule']} ({s['relation']}): {s['status']}"
                f"{' [claim]' if s.get('claim') else ''} - {s['evidence']} by {s['witness']}"
                for i, s in enumerate(result["step_checks"])]
        rows.append(f"verdict: {result['status']}"
                    + (f" (reading: {result['reading']})" if result.get("reading") else ""))
        self.add_report_section("call", "remsym steps", "\n".join(rows))
        self.user_properties.append(("remsym verdict", result["status"]))
        for i, s in enumerate(result["step_checks"]):
            self.user_properties.append((f"step {i + 1} {s['rule']}", s["status"]))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> Any:
        if isinstance(excinfo.value, RemsymCheckFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"remsym derivation {self.name}"


def _step_lines(ident: str, index: int, step: dict[str, Any], derivation: Any,
                checks: list[tuple[Any, Any]]) -> str:
    """A refuted step as a few assertion-like lines: which step, its two sides, the
    witness, by how much (the checker's numbers, when this run checked the step), why."""
    lines = [f"{ident}: step {index + 1} '{step['rule']}' ({step['relation']}) refuted by the "
             f"{step['witness']} witness"]
    record = None if derivation is None else derivation.steps[index]
    if record is not None:
        lines.append(f"  left:   {sp.sstr(record.before)}")
        lines.append(f"  right:  {sp.sstr(record.after)}")
        if record.limit is not None:
            lines.append(f"  along:  {record.limit.symbol} -> {record.limit.point}, "
                         f"declared order {sp.sstr(record.order)}")
        check = next((c for s, c in checks if s is record), None)
        size = [f"{label} {value:.3g}" for label, value in (
            ("relative error", getattr(check, "max_rel_error", None)),
            ("observed rate", getattr(check, "observed_rate", None))) if value is not None]
        if size:
            lines.append(f"  by:     {', '.join(size)}")
    lines.append(f"  why:    {step['reason']}")
    return "\n".join(lines)
