"""LaTeX for remsym: the only package that formats LaTeX.

=====================  ============================================================
module                 job
=====================  ============================================================
``printer``            :func:`to_latex`, :func:`order_latex`: expressions in the
                       paper's notation (one name table, ``name_table()``)
``notation``           :class:`Average` ``<X>``, a purely printed SymPy function
``text``               prose of the records (ASCII maths) as LaTeX text
``layout``             widths of formulas, breaking long sums
``steps``              a step as ``before rel after [1 + O(...)]`` rows of an align
``results``            derived/printed forms, verdict, erratum ratio, evidence
``document``           :func:`write_document` (``remsym latex``), :func:`render_document`
``compile``            ``pdflatex``, atomic writes, :class:`LatexError` and subclasses
``jupyter``            ``_repr_latex_`` of steps and derivations (MathJax)
=====================  ============================================================

Only ``printer`` is imported eagerly: ``remsym.render`` needs ``to_latex`` and
nothing else.
"""

from remsym.latex.printer import name_table, order_latex, to_latex

__all__ = ["name_table", "order_latex", "to_latex"]
