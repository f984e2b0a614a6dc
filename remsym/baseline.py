"""Verdict baselines: what changed between a saved ``remsym check --json`` and a new check.

A baseline is the JSON object of ``remsym check --json`` (its ``results`` list).  The
comparison lists, per derivation id, each change of verdict (``status``), of the
matched ``reading``, of a step's status (steps matched by rule name and occurrence)
and of a claim's verdict, as ``old -> new``; derivations that appeared or disappeared
too.  Numbers (errors, rates, timings) are not compared: they move with harmless
changes, verdicts do not.  ``remsym check --baseline FILE.json`` exits 1 on any change.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from remsym.errors import ParameterError
from remsym.render import summary

__all__ = ["against_baseline", "baseline_changes", "baseline_record", "missing_ids",
           "read_baseline", "write_baseline"]


def read_baseline(path: str | Path) -> list[dict[str, Any]]:
    """The ``results`` of a saved check; a missing or malformed file is a ParameterError."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        results = data["results"]
        if not all(isinstance(r, dict) and "id" in r and "status" in r for r in results):
            raise ValueError("a result without id or status")
    except FileNotFoundError:
        raise ParameterError(f"baseline file not found: {path} (write it with "
                             "--update-baseline)") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise ParameterError(f"baseline {path} is not a remsym check --json result "
                             f"({exc})") from None
    return results


#: The fields of a ``--json`` result a baseline keeps: what a verdict is, not the numbers
#: and texts that move with harmless changes (errors, rates, reasons, LaTeX).
_KEPT = ("id", "title", "status", "reading", "order", "steps")
_KEPT_ROWS = {"step_checks": ("rule", "relation", "status", "evidence", "claim"),
              "claims": ("claim", "status"), "readings": ("label", "outcome")}


def baseline_record(result: dict[str, Any]) -> dict[str, Any]:
    """The part of one ``--json`` result that a baseline keeps (a subset of its keys)."""
    record = {k: result.get(k) for k in _KEPT}
    for rows, fields in _KEPT_ROWS.items():
        record[rows] = [{f: row.get(f) for f in fields} for row in result.get(rows, [])]
    return record


def write_baseline(path: str | Path, results: list[dict[str, Any]]) -> None:
    """Save ``results`` as a ``--json`` object reduced to :func:`baseline_record`s and
    the verdict counts, so that the file changes only when a verdict does."""
    counts = {k: v for k, v in summary(results, 0.0).items() if k != "seconds"}
    text = json.dumps({"results": [baseline_record(r) for r in results], "summary": counts},
                      indent=1, ensure_ascii=False)
    Path(path).write_text(text + "\n", encoding="utf-8")


def _keyed(steps: Iterable[dict[str, Any]], field: str) -> dict[str, Any]:
    """``rule`` (``rule #2`` for a second step of the same rule) -> the step's ``field``."""
    seen: Counter[str] = Counter()
    out = {}
    for s in steps:
        name = s.get("rule") or s.get("claim") or "?"
        seen[name] += 1
        out[name if seen[name] == 1 else f"{name} #{seen[name]}"] = s.get(field)
    return out


def baseline_changes(old: list[dict[str, Any]],
                     new: list[dict[str, Any]]) -> list[str]:
    """One line per change from ``old`` results to ``new``, for the ids of ``new`` (a
    check restricted by ``--only`` is compared on what it checked; :func:`missing_ids`
    lists the ids that disappeared)."""
    before = {r["id"]: r for r in old}
    lines: list[str] = []
    for r in new:
        ident = r["id"]
        o = before.get(ident)
        if o is None:
            lines.append(f"{ident}: new derivation ({r['status']})")
            continue
        for field in ("status", "reading"):
            if o.get(field) != r.get(field):
                lines.append(f"{ident}: {field} {o.get(field)} -> {r.get(field)}")
        for kind, rows in (("step", "step_checks"), ("claim", "claims")):
            was, now = _keyed(o.get(rows, []), "status"), _keyed(r.get(rows, []), "status")
            for name in now:
                if name not in was:
                    lines.append(f"{ident}: {kind} '{name}' added ({now[name]})")
                elif was[name] != now[name]:
                    lines.append(f"{ident}: {kind} '{name}' {was[name]} -> {now[name]}")
            lines.extend(f"{ident}: {kind} '{name}' removed (was {was[name]})"
                         for name in was if name not in now)
    return lines


def missing_ids(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[str]:
    """Lines for ids of the baseline that ``new`` no longer has."""
    now = {r["id"] for r in new}
    return [f"{r['id']}: derivation removed (was {r['status']})" for r in old
            if r["id"] not in now]


def against_baseline(path: str | Path, results: list[dict[str, Any]], update: bool,
                     restricted: bool) -> list[str]:
    """``remsym check --baseline FILE [--update-baseline]``: the change lines against the
    file, or (``update``) none after writing ``results`` to it.  A ``restricted`` check
    (``--only``) compares only its ids, and updates only their records."""
    if update:
        if restricted and Path(path).exists():  # the other ids' records stay, in place
            fresh = {r["id"]: r for r in results}
            old = read_baseline(path)
            results = [fresh.pop(r["id"], r) for r in old] + list(fresh.values())
        write_baseline(path, results)
        return []
    old = read_baseline(path)
    return baseline_changes(old, results) + ([] if restricted else missing_ids(old, results))
