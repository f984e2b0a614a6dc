"""The paper's notation: model names -> LaTeX as the paper prints them.

Registered with the engine by :data:`remsym_paper.COLLECTION` and merged into the
printer's table (:func:`remsym.latex.printer.name_table`) and into the names that
the derivations' prose sets as mathematics (:func:`remsym.latex.text.named`: the
ASCII spellings ``E*``, ``p<``, ``p<c`` are for the prose).
"""

NOTATION: dict[str, str] = {
    "E'": r"E'",
    "E_prime": r"E'",
    "E^*": r"E^{*}",
    "E*": r"E^{*}",
    "E_star": r"E^{*}",
    "Estar": r"E^{*}",
    "S_c": r"S_{c}",
    "f_u": r"f_{u}",
    "fu": r"f_{u}",
    "p_<": r"p_{<}",
    "p_>": r"p_{>}",
    "p<": r"p_{<}",
    "p>": r"p_{>}",
    "p_less": r"p_{<}",
    "p_greater": r"p_{>}",
    "p_<c": r"p_{<}^{c}",
    "p_>c": r"p_{>}^{c}",
    "p<c": r"p_{<}^{c}",
    "p>c": r"p_{>}^{c}",
    "G_c": r"G_{c}",
    "Gc": r"G_{c}",
    "R_0": r"R_{0}",
    "R0": r"R_{0}",
    "P_LM": r"P_{\mathrm{LM}}",
    r"\langle f_u \rangle": r"\left\langle f_{u} \right\rangle",
    "<f_u>": r"\left\langle f_{u} \right\rangle",
    "<fu>": r"\left\langle f_{u} \right\rangle",
    "fu_avg": r"\left\langle f_{u} \right\rangle",
    "avg_f_u": r"\left\langle f_{u} \right\rangle",
    "<p_<>": r"\left\langle p_{<} \right\rangle",
}

__all__ = ["NOTATION"]
