"""Verdict baselines: the comparison's lines, and the paper's own baseline as a CI guard."""

from __future__ import annotations

from pathlib import Path

import pytest

from remsym.baseline import (
    against_baseline,
    baseline_changes,
    baseline_record,
    missing_ids,
    read_baseline,
    write_baseline,
)
from remsym.collection import collection_modules
from remsym.derivation.registry import builders
from remsym.errors import ParameterError
from remsym.render import result_dict

PAPER = Path(__file__).resolve().parents[1] / "baseline" / "paper.json"


def result(ident, status, reading=None, steps=("verified", "verified"), claims=()):
    return {"id": ident, "title": ident, "status": status, "reading": reading,
            "order": None, "steps": len(steps), "printed_latex": "x", "reason": "r",
            "step_checks": [{"rule": f"r{i % 2}", "relation": "=", "status": s,
                             "evidence": "proved", "witness": "symbolic", "reason": "",
                             "claim": None} for i, s in enumerate(steps)],
            "claims": [{"claim": c, "status": s, "reason": ""} for c, s in claims],
            "readings": []}


def test_changed_verdict_reading_step_and_claim_are_listed_old_to_new():
    old = [result("a", "confirmed", "as printed", ("verified", "verified", "verified"),
                  (("c1", "confirmed"),)), result("b", "erratum"), result("gone", "confirmed")]
    new = [result("a", "erratum", None, ("verified", "verified", "refuted"),
                  (("c1", "erratum"),)), result("b", "erratum"), result("fresh", "confirmed")]
    assert baseline_changes(old, new) == [
        "a: status confirmed -> erratum",
        "a: reading as printed -> None",
        "a: step 'r0 #2' verified -> refuted",
        "a: claim 'c1' confirmed -> erratum",
        "fresh: new derivation (confirmed)",
    ]
    assert missing_ids(old, new) == ["gone: derivation removed (was confirmed)"]
    assert baseline_changes(old, old) == []


def test_a_written_baseline_reads_back_and_compares_equal(tmp_path):
    results = [result("a", "confirmed", "as printed"), result("b", "approximation")]
    write_baseline(tmp_path / "b.json", results)
    back = read_baseline(tmp_path / "b.json")
    assert back == [baseline_record(r) for r in results]
    assert baseline_changes(back, results) == []


def test_a_missing_or_foreign_baseline_is_a_one_line_parameter_error(tmp_path):
    with pytest.raises(ParameterError, match="not found"):
        read_baseline(tmp_path / "none.json")
    (tmp_path / "x.json").write_text('{"quantity": "q"}')
    with pytest.raises(ParameterError, match="not a remsym check --json result"):
        read_baseline(tmp_path / "x.json")


def test_the_papers_verdicts_match_its_baseline(checked_paper):
    """The guard of remsym's CI: an engine change that flips any of the paper's verdicts,
    readings or step statuses fails here (after a deliberate change, rewrite the file with
    ``remsym check --baseline tests/baseline/paper.json --update-baseline``)."""

    new = [result_dict(checked_paper(i)) for i in builders(collection_modules())]
    old = read_baseline(PAPER)
    changes = baseline_changes(old, new) + missing_ids(old, new)
    assert not changes, "the paper's verdicts changed:\n" + "\n".join(changes)


def test_a_restricted_update_rewrites_only_the_checked_ids(tmp_path):
    path = tmp_path / "b.json"
    write_baseline(path, [result("a", "confirmed"), result("b", "erratum")])
    assert against_baseline(path, [result("b", "confirmed")], update=True, restricted=True) == []
    assert [(r["id"], r["status"]) for r in read_baseline(path)] == [("a", "confirmed"),
                                                                    ("b", "confirmed")]
    changes = against_baseline(path, [result("a", "erratum")], update=False, restricted=True)
    assert changes == ["a: status confirmed -> erratum"]  # b not checked: not missing
