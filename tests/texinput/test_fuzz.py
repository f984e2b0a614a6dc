"""Hypothesis: any text in an environment loads without a traceback (bad rows are values)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remsym.errors import RemsymError
from remsym.texinput import load_tex

TOKENS = ["x", "y", "2", "0", "=", "+", "-", "/", "^", "_", "{", "}", "(", ")", "[", "]",
          "\\frac", "\\int", "\\sum", "dx", "\\mathrm{d}", "\\ln", "\\exp", "\\sqrt", "!", ",",
          "\\simeq", "&", "\\\\", "\\left(", "\\right)", "\\langle", "\\rangle", "\\Delta",
          "e", "E^*", "'", "\\quad", "\\text{a}", "%", "% remsym: x -> oo, order 1/x\n",
          "\\begin{split}", "\\end{split}", "\\cdot", "\\pi", "\\infty", "\\foo", "|", " "]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(TOKENS), max_size=30))
def test_any_row_text_loads_or_is_one_line_error(tmp_path, tokens):
    path = tmp_path / "fuzz.tex"
    path.write_text("% remsym: symbols x positive\n\\begin{align}\n" + " ".join(tokens)
                    + "\n\\end{align}\n")
    try:
        module = load_tex(path)
    except RemsymError as exc:  # a whole-file problem: one line
        assert "\n" not in str(exc)
        return
    for derivation in module.DERIVATIONS:
        assert derivation.steps
