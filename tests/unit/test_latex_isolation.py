"""All LaTeX comes from ``remsym/latex/``: no other module formats it (STYLE.md rule 3).

``remsym/texinput/`` is exempt: it reads a user's LaTeX (its grammar names the macros)
and writes none.  So is a collection's name table (``derivations/notation.py``): data,
names -> LaTeX, that the printer consumes (:func:`remsym.latex.printer.name_table`)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: The marks of LaTeX being written: printer calls and LaTeX commands in string literals.
PATTERNS = [re.compile(p) for p in (
    r"(?<!def )\blatex\(",     # sp.latex(...), sympy.latex(...), latex(...)
    r"LatexPrinter",
    r"\\\\frac", r"\\frac\{",
    r"\\\\left", r"\\left[(\[|.]",
    r"\\\\begin\{", r"\\begin\{(align|equation|document)",
    r"\\(langle|rangle|operatorname|mathrm|sqrt\{)",
)]


def _sources():
    for folder in ("remsym", "derivations"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            # remsym/latex writes LaTeX; remsym/texinput reads it (a user's .tex file)
            if (ROOT / "remsym" / "latex") in path.parents or \
                    (ROOT / "remsym" / "texinput") in path.parents or \
                    path == ROOT / "derivations" / "notation.py":
                continue
            yield path


def test_no_latex_outside_the_latex_package():
    offenders = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        if "from matplotlib" in text or "import matplotlib" in text:
            continue  # figure labels in matplotlib's mathtext, not LaTeX documents
        for pattern in PATTERNS:
            for m in pattern.finditer(text):
                line = text[:m.start()].count("\n") + 1
                offenders.append(f"{path.relative_to(ROOT)}:{line}: {m.group(0)}")
    assert not offenders, "LaTeX formatted outside remsym/latex:\n" + "\n".join(offenders)


def test_render_uses_only_to_latex():
    text = (ROOT / "remsym" / "render.py").read_text(encoding="utf-8")
    assert "from remsym.latex import to_latex" in text
    assert "sympy.printing" not in text and "sp.latex" not in text
