"""The report's simulation section (``remsym latex --simulation FILE.json``)."""

from __future__ import annotations

import json

import pytest

from remsym.errors import ParameterError
from remsym.latex.document import render_document
from remsym_paper.simulation.enumeration import ModelSpec
from remsym_paper.simulation.figures import figure_bytes
from remsym_paper.simulation.latex import load_simulation, simulation_section
from remsym_paper.simulation.render import simulation_json
from remsym_paper.simulation.run import run_simulation


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    result = run_simulation(ModelSpec(7, 1), [0.8, 1.5, 2.5, 4.0], 3, seed=2, backend="serial")
    path = tmp_path_factory.mktemp("sim") / "sim.json"
    path.write_text(simulation_json(result))
    return result, path


def test_section_from_saved_json(saved):
    result, path = saved
    loaded = load_simulation(str(path))
    assert loaded == json.loads(simulation_json(result))
    section = simulation_section(loaded, "report-simulation", ("fu", "R", "S", "P_LM"))
    assert section.startswith(r"\section{Finite-$N$ simulation")
    assert r"\includegraphics[width=\textwidth]{report-simulation}" in section
    assert r"\verdict{confirmed}" in section and r"\verdict{erratum}" in section
    assert section.count(r"\textit{annealed}") == len(result["runs"])
    document = render_document([], appendix=[section])
    assert document.index(section) < document.index(r"\end{document}")


def test_figure_is_a_pdf(saved):
    assert figure_bytes(saved[0], "pdf")[:5] == b"%PDF-"


@pytest.mark.parametrize("content, words", [
    (None, ["cannot read"]),
    ("{not json", ["not JSON"]),
    ('{"runs": []}', ["not the output of remsym simulate"]),
])
def test_bad_simulation_file(tmp_path, content, words):
    path = tmp_path / "s.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(ParameterError) as info:
        load_simulation(str(path))
    for w in words:
        assert w in str(info.value)
