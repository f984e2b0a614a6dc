"""LaTeX for remsym: the only package that formats LaTeX.

It turns records (:mod:`remsym.derivation.steps`, :mod:`remsym.derivation.records`)
into LaTeX and imports nothing above them: not the checker, not the registry.
Building, checking and drawing for the report is :mod:`remsym.report`'s job.

=====================  ============================================================
module                 job
=====================  ============================================================
``printer``            :func:`to_latex`, :func:`order_latex`: expressions in the
                       collections' notation (one name table, ``name_table()``)
``notation``           :class:`Average` ``<X>``, a purely printed SymPy function
``text``               prose of the records (ASCII maths) as LaTeX text
``width``              the rough printed width of a formula
``layout``             breaking long formulas, scaling what does not fit
``steps``              a step as ``before rel after [1 + O(...)]`` rows of an align
``results``            derived/printed forms, verdict, erratum ratio, evidence
``document``           :func:`render_document`: the whole ``remsym latex`` source
``compile``            ``pdflatex``, atomic writes, :class:`LatexError` and subclasses
``output``             checking output paths before any work
``jupyter``            ``_repr_latex_`` of steps and derivations (MathJax)
=====================  ============================================================

Importing the package attaches ``_repr_latex_`` to the records (:mod:`.jupyter`):
in a notebook, ``import remsym.latex`` makes steps and derivations display as LaTeX.
"""

from remsym.latex import jupyter as _jupyter  # noqa: F401 - attaches _repr_latex_
from remsym.latex.printer import name_table, order_latex, to_latex

__all__ = ["name_table", "order_latex", "to_latex"]
