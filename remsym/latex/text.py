"""Plain text of the records (rules, justifications, notes, titles) as LaTeX text.

Derivation modules write their prose in ASCII (``eps - E >> Delta``,
``(2 pi Delta^2)^(-1/2)``, ``<fu>``, ``p<c``).  :func:`text_to_latex` escapes
LaTeX's special characters and sets the tokens that are mathematics in the
paper's notation: Greek names, ``E*``, ``E'``, ``S_c``, ``f_u``, averages
``<...>``, ``p<``/``p>`` (and ``p<c``), scripts ``x^2`` and ``x_c``, and the
operators ``>>``, ``<<``, ``<=``, ``>=``, ``!=``, ``->``, ``~``.
Anything it does not recognise is kept as escaped text.
"""

from __future__ import annotations

import re

_GREEK = {"Delta": r"\Delta", "eps": r"\varepsilon", "epsilon": r"\varepsilon",
          "rho": r"\rho", "nu": r"\nu", "pi": r"\pi", "lambda": r"\lambda", "lam": r"\lambda",
          "Omega": r"\Omega", "Gamma": r"\Gamma", "phi": r"\varphi", "Phi": r"\Phi",
          "sigma": r"\sigma", "mu": r"\mu", "beta": r"\beta", "alpha": r"\alpha",
          "omega": r"\omega", "theta": r"\theta", "tau": r"\tau", "delta": r"\delta",
          "chi": r"\chi", "psi": r"\psi", "xi": r"\xi", "eta": r"\eta", "zeta": r"\zeta",
          "kappa": r"\kappa", "gamma": r"\gamma"}
_NAMED = {"E*": r"E^{*}", "E'": r"E'", "S_c": r"S_{c}", "f_u": r"f_{u}", "fu": r"f_{u}",
          "G_c": r"G_{c}", "Gc": r"G_{c}", "R_0": r"R_{0}", "R0": r"R_{0}",
          "p<c": r"p_{<}^{c}", "p>c": r"p_{>}^{c}", "p<": r"p_{<}", "p>": r"p_{>}",
          "oo": r"\infty", "sqrt": r"\surd"}
_OPERATORS = {">>": r"\gg", "<<": r"\ll", "<=": r"\le", ">=": r"\ge", "!=": r"\ne",
              "->": r"\to", "~": r"\sim", "+-": r"\pm"}
_SPECIAL = {"\\": r"$\backslash$", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
            "#": r"\#", "%": r"\%", "_": r"\_", "^": r"\textasciicircum{}",
            "~": r"\textasciitilde{}", "<": "$<$", ">": "$>$"}

_SCRIPT = r"(?:\((?:[^()]|\([^()]*\))*\)|-?[\w.]+)"
_NAME = (r"(?:" + "|".join(re.escape(k) for k in sorted(_NAMED, key=len, reverse=True))
         + r"|" + "|".join(sorted(_GREEK, key=len, reverse=True)) + r")")
_TOKEN = re.compile(
    r"(?P<avg><(?P<inner>[A-Za-z][\w*']*[<>]?c?(?:\([^()<>]*\))?)>)"
    r"|(?P<named>(?<![\w\\])" + _NAME + r"(?![A-Za-z0-9]))(?P<nsup>\^" + _SCRIPT + r")?"
    r"|(?P<letter>(?<![\w\\])[A-Za-z0-9](?:_[A-Za-z0-9]+)?)(?P<lsup>\^" + _SCRIPT + r")"
    r"|(?P<paren>[)\]])(?P<psup>\^" + _SCRIPT + r")"
    r"|(?P<op>>>|<<|<=|>=|!=|->|\+-|(?<=\s)~(?=\s))")


def _script(raw: str) -> str:
    body = raw[1:]
    if body.startswith("(") and body.endswith(")"):
        body = body[1:-1]
    return "^{" + _math(body) + "}"


def _math(text: str) -> str:
    """ASCII mathematics (inside a script or an average) -> math-mode LaTeX."""
    out = []
    for m in re.finditer(r"p[<>]c?|[A-Za-z]+\*?'?|.", text):
        tok = m.group(0)
        if tok in _NAMED:
            out.append(_NAMED[tok])
        elif tok in _GREEK:
            out.append(_GREEK[tok])
        elif tok == "*":
            out.append(r"\,")
        elif tok in "{}$&#%\\":
            out.append("\\" + tok if tok != "\\" else "")
        elif tok == "_" and m.end() < len(text):
            out.append("_")
        elif tok.isalpha() and len(tok) > 1:
            out.append(r"\mathrm{" + tok + "}")
        else:
            out.append(tok)
    return "".join(out)


def escape(text: str) -> str:
    """LaTeX's special characters escaped (no mathematics recognised)."""
    return "".join(_SPECIAL.get(c, c) for c in text)


def text_to_latex(text: str) -> str:
    """``text`` as LaTeX text with its mathematical tokens in the paper's notation."""
    text = text.replace("**", "^")
    out, pos = [], 0
    for m in _TOKEN.finditer(text):
        out.append(escape(text[pos:m.start()]))
        pos = m.end()
        if m.group("avg"):
            inner = m.group("inner")
            out.append(r"$\langle " + _math(inner) + r"\rangle$")
        elif m.group("named"):
            name = m.group("named")
            body = _NAMED.get(name) or _GREEK[name]
            sup = _script(m.group("nsup")) if m.group("nsup") else ""
            out.append(f"${body}{sup}$")
        elif m.group("letter"):
            letter = m.group("letter")
            base, _, sub = letter.partition("_")
            sub_tex = ("_{" + (sub if len(sub) == 1 or sub.isdigit() else rf"\mathrm{{{sub}}}")
                       + "}") if sub else ""
            out.append(f"${base}{sub_tex}{_script(m.group('lsup'))}$")
        elif m.group("paren"):
            out.append(f"{m.group('paren')}${_script(m.group('psup'))}$")
        else:
            out.append(f"${_OPERATORS[m.group('op')]}$")
    out.append(escape(text[pos:]))
    return re.sub(r"(?<!\\)\$\$", "", "".join(out))


__all__ = ["escape", "text_to_latex"]
