"""The human views of ``remsym check`` and ``remsym eval`` (rich), read from the JSON dicts.

The default ``check`` view is for a physicist: one row per result (id, verdict, one
plain sentence saying what the paper prints against what is derived), the paper's
claims in its text as rows beneath their equation, the step that failed for a
derivation without a printed form, then the summary line.  It fits the terminal
(rich reads ``COLUMNS``).  ``--verbose`` adds the checker's own words: every step
with its evidence and witness, the readings, the numeric cross-check, the notes.
Everything shown is also in ``--json`` (:mod:`remsym.render`), complete.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

__all__ = ["check_table", "check_verbose", "eval_text", "padded", "sentence", "plain",
           "natural_key"]

STYLE = {"confirmed": "green", "approximation": "yellow", "erratum": "magenta", "failed": "red"}
_EVIDENCE_STYLE = {"proved": "green", "numerically verified": "cyan", "unverified": "yellow",
                   "refuted": "red"}
#: Characters of a checker's clause kept in the default view (the rest is in -v and --json).
_CLAUSE = 150


def natural_key(ident: str) -> tuple:
    """Sort key reading digit runs as numbers: eq2 < eq5a < eq11 < eq11-widened < eq12."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.findall(r"\d+|\D+", ident))


def _pretty(text: str) -> str:
    return text.replace("**", "^").replace("*", " ")


def _first_clause(text: str) -> str:
    """Up to the first ``"; "`` outside parentheses (a clause may hold a list in brackets)."""
    depth = 0
    for i, ch in enumerate(text):
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(ch, 0)
        if depth <= 0 and text.startswith("; ", i):
            return text[:i].strip()
    return text.strip()


def plain(reason: str, limit: int = _CLAUSE) -> str:
    """The first clause of a checker's reason, without its lists of errors, shortened
    with an ellipsis (never silently cut)."""
    clause = _first_clause(reason)
    clause = re.sub(r"\s*\((relative )?errors? [^)]*\)", "", clause)
    clause = _pretty(clause)
    return clause if len(clause) <= limit else clause[: limit - 1].rstrip() + "…"


def _order(order: str | None) -> str:
    """``O(...)`` of a JSON order (which already carries its ``O``), in plain notation."""
    if not order:
        return "O(?)"
    text = _pretty(order)
    return text if text.startswith("O(") else f"O({text})"


def _reading(r: dict[str, Any]) -> str:
    reading = r.get("reading")
    if not reading or reading == "as printed":
        return ""
    return f" ({reading})" if reading.startswith("as printed") else f" (read as {reading})"


def _failing_step(r: dict[str, Any]) -> dict[str, Any] | None:
    for sc in r.get("step_checks", []):
        if sc.get("status") != "verified" and not sc.get("claim"):
            return sc
    return None


def _step_sentence(sc: dict[str, Any]) -> str:
    evidence = sc.get("evidence") or sc.get("status")
    return (f"step '{sc['rule']}' {evidence} by the {sc['witness']} witness: "
            f"{plain(sc['reason'], 200)}")


def sentence(r: dict[str, Any]) -> str:
    """One plain sentence for a result: what the paper prints against what is derived."""
    status = r["status"]
    if r.get("printed_latex") is None:  # a user's derivation: its steps are what matter
        step = _failing_step(r)
        if step is not None:
            return _step_sentence(step)
        if status == "failed":
            return f"could not be checked: {plain(r['reason'], 300)}"
        evidences = [sc.get("evidence") for sc in r.get("step_checks", [])]
        counted = ", ".join(f"{evidences.count(e)} {e}" for e in dict.fromkeys(evidences) if e)
        result = {"confirmed": "; the result is exact",
                  "approximation": f"; the result holds to {_order(r.get('order'))}"
                  if r.get("order") else "; the result holds to leading order"}
        steps = "its one step checks" if r["steps"] == 1 else f"all {r['steps']} steps check"
        return (steps + (f" ({counted})" if counted else "")
                + result.get(status, f"; verdict {status}") + ".")
    if status == "confirmed":
        return f"The printed form is exact{_reading(r)}."
    if status == "approximation":
        return (f"The printed form{_reading(r)} holds to leading order; its relative error is "
                f"{_order(r.get('order'))}.")
    if status == "erratum":
        parts = [_disagreement(rd["detail"], r.get("order")) for rd in r.get("readings", [])
                 if rd.get("outcome") == "disagrees"]
        labels = [rd["label"] for rd in r.get("readings", []) if rd.get("outcome") == "disagrees"]
        if len(parts) == 1:
            return f"The printed form is wrong: {parts[0]}."
        if parts:
            return "The printed form is wrong in every reading: " + "; ".join(
                f"{label}: {part}" for label, part in zip(labels, parts, strict=True)) + "."
        return f"The printed form disagrees with the derivation: {plain(r['reason'])}."
    return f"The engine could not complete the check: {plain(r['reason'])}."


def _errors(detail: str) -> list[float]:
    found = re.search(r"\(errors? ([-+0-9.e, ]+)\)", detail)
    try:
        return [float(x) for x in found.group(1).split(",")] if found else []
    except ValueError:
        return []


def _claimed(detail: str) -> str | None:
    """The ``(claimed order X)`` of a checker's detail, nested parentheses and all."""
    start = detail.find("(claimed order ")
    if start < 0:
        return None
    depth, begin = 0, start + len("(claimed order ")
    for i in range(start, len(detail)):
        depth += {"(": 1, ")": -1}.get(detail[i], 0)
        if depth == 0:
            return detail[begin:i]
    return None


def _disagreement(detail: str, order: str | None) -> str:
    """How a printed reading fails, from the checker's detail: an error that stays put deep
    in the limit, one that falls but not at the claimed order, or the checker's clause."""
    errors = _errors(detail)
    declared = re.search(r"declared order (.+?) (?:grows|falls|does|of|towards)", detail)
    claimed = _claimed(detail) or (declared.group(1) if declared else None) or order
    if len(errors) >= 3 and errors[-1] > 0:
        if errors[-1] > errors[0] / 2:
            where = f", where the paper claims {_order(claimed)}" if claimed else ""
            return (f"its relative error stays near {errors[-1]:.2g} however deep in the "
                    f"limit{where}")
        return "its error falls, but not as the claimed " + (_order(claimed) if claimed
                                                               else "order")
    return plain(detail)


def _claim_sentence(cl: dict[str, Any]) -> str:
    status = cl["status"]
    what = {"confirmed": "holds exactly", "approximation": "holds to leading order",
            "erratum": "is wrong", "failed": "could not be checked"}[status]
    tail = f": {_disagreement(cl['reason'], None)}" if status in ("erratum", "failed") else ""
    return f"Text: “{cl['claim']}” {what}{tail}."


def _verdict(status: str) -> str:
    style = STYLE.get(status, "white")
    return f"[{style}]{status}[/{style}]"


def check_table(results: Sequence[dict[str, Any]], summary: dict[str, Any],
                console: Console) -> None:
    """The default view: id, verdict and one sentence per result, then the summary line."""
    table = Table(title="remsym check", show_lines=False, expand=False)
    table.add_column("id", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    table.add_column("finding", overflow="fold", ratio=1)
    for r in results:
        title = f"[bold]{escape(r['title'])}[/bold] — " if r.get("title") else ""
        table.add_row(escape(r["id"]), _verdict(r["status"]), title + escape(sentence(r)))
        for cl in r.get("claims", []):
            table.add_row("", _verdict(cl["status"]), escape(_claim_sentence(cl)))
    console.print(table)
    for r in results:
        for sc in r.get("step_checks", []):
            if sc.get("status") != "verified" and not sc.get("claim") \
                    and r.get("printed_latex") is not None:
                console.print(f"[red]{escape(r['id'])}: {escape(_step_sentence(sc))}[/red]")
    _summary_line(summary, console)


def _summary_line(summary: dict[str, Any], console: Console) -> None:
    counts = " ".join(f"{k}: {v}" for k, v in summary.items() if k != "seconds")
    console.print(f"{counts}  ({summary['seconds']:.1f} s)")


def _numeric(n: dict[str, Any] | None) -> str:
    if n is None:
        return "none"
    text = f"{n['points']} points against a {n['reference']} reference at {n['digits']} digits"
    if n.get("max_rel_error") is not None:
        text += f", max relative error {n['max_rel_error']:.1e}"
    if n.get("observed_rate") is not None:
        text += f", observed rate {n['observed_rate']:.2f}"
    return text


def check_verbose(results: Sequence[dict[str, Any]], summary: dict[str, Any],
                  console: Console) -> None:
    """``--verbose``: every result with its steps (evidence, witness, reason), readings,
    claims, numeric cross-check and notes, in the checker's own words."""
    for r in results:
        console.rule(f"{escape(r['id'])}: {escape(r['title'])}", align="left")
        console.print(f"verdict {_verdict(r['status'])} — {escape(sentence(r))}")
        if r.get("reading"):
            console.print(f"reading: {escape(r['reading'])}")
        console.print(f"order: {escape(_order(r['order'])) if r.get('order') else 'exact'}")
        console.print(f"why: {escape(r['reason'])}")
        console.print(f"numeric: {escape(_numeric(r.get('numeric')))}")
        for i, sc in enumerate(r.get("step_checks", []), 1):
            evidence = sc.get("evidence") or sc.get("status")
            style = _EVIDENCE_STYLE.get(evidence, "white")
            claim = " (claim)" if sc.get("claim") else ""
            console.print(f"  {i:2d}. {escape(sc['relation'])} {escape(sc['rule'])}{claim}: "
                          f"[{style}]{escape(evidence)}[/{style}] ({escape(sc['witness'])}) "
                          f"{escape(sc['reason'])}")
        for rd in r.get("readings", []):
            console.print(f"  reading '{escape(rd['label'])}': {escape(rd['outcome'])} "
                          f"— {escape(rd['detail'])}")
        for cl in r.get("claims", []):
            console.print(f"  claim {_verdict(cl['status'])}: {escape(cl['claim'])} "
                          f"— {escape(cl['reason'])}")
        for note in r.get("notes", []):
            console.print(f"  note: {escape(note)}")
        for key, value in (r.get("extras") or {}).items():
            console.print(f"  {escape(key)}: {escape(str(value))}")
    _summary_line(summary, console)


def padded(value: str, digits: int) -> str:
    """``value`` with the trailing zeros that make up ``digits`` significant digits (the
    JSON's shortest form drops them; the human view shows every digit it claims)."""
    mantissa, e, exponent = value.partition("e")
    significant = mantissa.lstrip("-").replace(".", "").lstrip("0")
    missing = digits - len(significant)
    if missing <= 0 or not significant:
        return value
    if "." not in mantissa:
        mantissa += "."
    return mantissa + "0" * missing + e + exponent


def eval_text(result: dict[str, Any], exact_to: int | None) -> str:
    """``remsym eval``'s human line(s): the value with what is known about it, and its log.

    ``exact_to``: the printed decimal is the whole value to that many digits (``E_star =
    -25``): said so, rather than "30 digits" on a number with three.
    """
    value = result["value"]
    name = result["quantity"]
    if exact_to is not None:
        shown = value[:-2] if value.endswith(".0") else value
        return (f"{name} = {shown}   ({result['method']} method; equal to {shown} "
                f"to {exact_to} significant digits)")
    lines = [f"{name} = {padded(value, result['digits'])}   ({result['method']} method, "
             f"{result['digits']} significant digits)"]
    if result.get("log_value") is not None:
        lines.append(f"ln {name} = {result['log_value']}")
    return "\n".join(lines)
