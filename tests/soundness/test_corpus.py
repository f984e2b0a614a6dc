"""The soundness corpus against the step checker (issue 19).

A false step must never be ``verified`` (``refuted`` and ``unverified`` are both sound; the
outcome is recorded as a property), a true step must never be ``refuted``; a false
derivation must come out ``failed``, a true one ``confirmed`` or ``approximation``.
The records and their provenance are in ``corpus.py``.
"""

from __future__ import annotations

import pytest
from corpus import CASES
from judge import judge, sound


def _param(case):
    marks = [pytest.mark.slow] if case.slow else []
    return pytest.param(case, id=case.id, marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_soundness(case, record_property):
    outcome = judge(case)
    record_property("defect", case.defect)
    record_property("status", outcome.status)
    what = "true" if case.truth else "false"
    assert sound(case, outcome), (
        f"{what} {case.defect} record '{case.id}' ({case.note}) came out {outcome.status}"
        f"{' with a refuted step' if outcome.refuted_step else ''}: {outcome.reason}")
