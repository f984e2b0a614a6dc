"""Every row of the LaTeX corpus reads exactly as intended (or is ambiguous, or an error)."""

from __future__ import annotations

import pytest

from remsym.texinput.extract import source_row
from remsym.texinput.parse import read_row
from remsym.texinput.reading import ReadError

from .corpus import cases

CASES = cases()


def test_corpus_size():
    assert len(CASES) >= 60
    assert {f"eq{k}" for k in range(1, 17)} - {c.name for c in CASES} == {"eq5"}
    assert {"eq5a", "eq5b", "eq5c"} <= {c.name for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_reading(case):
    row = source_row(case.latex, 0, len(case.latex), {})
    assert row is not None
    if case.kind in ("error", "refused"):
        with pytest.raises(ReadError):
            read_row(row.text, case.declarations)
        return
    read = read_row(row.text, case.declarations)
    if case.kind == "ambiguous":
        assert [len(s.exprs) for s in read.sides] == [len(case.sides)]
        assert set(read.sides[0].exprs) == set(case.sides)
        assert read.sides[0].why
        return
    assert read.leading == case.leading
    assert read.relations == case.relations
    assert [s.exprs for s in read.sides] == [(e,) for e in case.sides]
