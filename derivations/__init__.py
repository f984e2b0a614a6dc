"""The REM paper as a remsym derivation collection (installed as ``remsym_paper``).

Everything that knows the random energy model lives here: its symbols
(:mod:`.symbols`), model (:mod:`.model`, Eqs 1-3 and 7), the derivations of each
section (``s1_model`` ... ``s4_rates``), the quantities of ``remsym eval`` and their
validated references (:mod:`.numeric`), and the finite-N simulator
(:mod:`.simulation`, ``remsym simulate``).  The engine finds it through the
entry point ``remsym.derivations = paper`` (pyproject.toml), which names
:data:`COLLECTION`; importing this package imports nothing else.
"""

from remsym.collection import Collection

#: What the paper registers with the engine (see :class:`remsym.collection.Collection`).
COLLECTION = Collection(
    name="paper",
    package="remsym_paper",
    modules=("remsym_paper.s1_model", "remsym_paper.s2_partition", "remsym_paper.s2_rho",
             "remsym_paper.s3_fu", "remsym_paper.s4_rates"),
    evaluator="remsym_paper.numeric.service:evaluate_quantity_detail",
    eval_help="remsym_paper.numeric.service:eval_epilog",
    commands=("remsym_paper.simulation.cli:simulate",),
    latex_appendix="remsym_paper.simulation.cli:simulation_appendix",
    notation="remsym_paper.notation:NOTATION",
    title="The random energy model of liquids, re-derived",
)

__all__ = ["COLLECTION"]
