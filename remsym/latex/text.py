"""Plain text of the records (rules, justifications, notes, titles) as LaTeX text.

Derivation modules write their prose in ASCII (``eps - E >> Delta``,
``(2 pi Delta^2)^(-1/2)``, ``<x>``, ``x_c``).  :func:`text_to_latex` escapes
LaTeX's special characters and sets the tokens that are mathematics: Greek names,
the names of the collections' notation tables (:func:`remsym.collection.notation`,
the same table the printer reads: a collection registers ``E*`` or ``S_c`` there),
averages ``<...>``, scripts ``x^2`` and ``x_c``, and the operators ``>>``, ``<<``,
``<=``, ``>=``, ``!=``, ``->``, ``~``.  Single
letters (``E``, ``T``, ``g'``, ``x0``) are set in math italic like the
formulas they name (but not the articles ``a``/``A``/``I`` before a word, nor
``e.g.``/``i.e.``), a ``-`` that starts a term is a minus sign, ``2*T`` a
product, and Unicode mathematics (``Δ``, ``≈``, ``⟨``) is mapped to LaTeX.
Anything it does not recognise is kept as escaped text.

:func:`pdf_string` is the plain ASCII version for PDF bookmarks
(``\\texorpdfstring``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping

from remsym.collection import notation as collection_notation

_GREEK = {"Delta": r"\Delta", "eps": r"\varepsilon", "epsilon": r"\varepsilon",
          "rho": r"\rho", "nu": r"\nu", "pi": r"\pi", "lambda": r"\lambda", "lam": r"\lambda",
          "Omega": r"\Omega", "Gamma": r"\Gamma", "phi": r"\varphi", "Phi": r"\Phi",
          "sigma": r"\sigma", "mu": r"\mu", "beta": r"\beta", "alpha": r"\alpha",
          "omega": r"\omega", "theta": r"\theta", "tau": r"\tau", "delta": r"\delta",
          "chi": r"\chi", "psi": r"\psi", "xi": r"\xi", "eta": r"\eta", "zeta": r"\zeta",
          "kappa": r"\kappa", "gamma": r"\gamma"}
#: Names that are mathematics in any prose; a collection's notation adds its own.
_GENERIC_NAMED = {"oo": r"\infty", "sqrt": r"\surd"}
_OPERATORS = {">>": r"\gg", "<<": r"\ll", "<=": r"\le", ">=": r"\ge", "!=": r"\ne",
              "->": r"\to", "~": r"\sim", "+-": r"\pm"}
_SPECIAL = {"\\": r"$\backslash$", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
            "#": r"\#", "%": r"\%", "_": r"\_", "^": r"\textasciicircum{}",
            "~": r"\textasciitilde{}", "<": "$<$", ">": "$>$"}

_SCRIPT = r"(?:\((?:[^()]|\([^()]*\))*\)|-?[\w.]+)"
# A lone letter is mathematics unless it is an article before a word ("a large
# Delta", "A step") or part of an abbreviation ("e.g.", "i.e.").
_LONE_LETTER = (r"(?<![\w\\'.])(?![aAI] [a-z]|[A-Za-z]\.[A-Za-z])[A-Za-z]"
                r"(?:_[A-Za-z0-9]+|\d+)?'*(?![\w']|-[A-Za-z])")


@functools.cache
def named() -> Mapping[str, str]:
    """Names set as mathematics in prose: every collection's notation and the generic
    ones (these win, as in :func:`remsym.latex.printer.name_table`)."""
    return {**collection_notation(), **_GENERIC_NAMED}


@functools.cache
def _token() -> re.Pattern[str]:
    """The tokenizer of :func:`text_to_latex`, built once per process (the names come
    from the installed collections)."""
    name = (r"(?:" + "|".join(re.escape(k) for k in sorted(named(), key=len, reverse=True))
            + r"|" + "|".join(sorted(_GREEK, key=len, reverse=True)) + r")")
    return re.compile(
        r"(?P<avg><(?P<inner>[A-Za-z][\w*']*[<>]?c?(?:\([^()<>]*\))?)>)"
        r"|(?P<named>(?<![\w\\])" + name + r"(?![A-Za-z0-9]))(?P<nsup>\^" + _SCRIPT + r")?"
        r"|(?P<letter>(?<![\w\\])[A-Za-z0-9](?:_[A-Za-z0-9]+)?)(?P<lsup>\^" + _SCRIPT + r")"
        r"|(?P<lone>" + _LONE_LETTER + r")(?P<losup>\^" + _SCRIPT + r")?"
        r"|(?P<paren>[)\]])(?P<psup>\^" + _SCRIPT + r")"
        r"|(?P<op>>>|<<|<=|>=|!=|->|\+-|(?<=\s)~(?=\s))"
        r"|(?P<minus>(?:(?<=[\s(\[{=,;:/])|^)-(?=[\s\w(\[.]))"
        r"|(?P<times>(?<=[\w)\]])\*(?=[\w(]))")


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
        if tok in named():
            out.append(named()[tok])
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
        elif not tok.isascii():
            out.append(_unicode(tok, True) + " ")
        else:
            out.append(tok)
    return "".join(out)


#: Unicode mathematics a record may contain -> math-mode LaTeX (pdflatex's utf8
#: input knows none of these).
UNICODE_MATH: dict[str, str] = {
    **{chr(0x3B1 + k): "\\" + name for k, name in enumerate(
        "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi o pi rho "
        "varsigma sigma tau upsilon phi chi psi omega".split())},
    **{chr(0x391 + k): ("\\" + name if len(name) > 1 else name) for k, name in enumerate(
        "A B Gamma Delta E Z H Theta I K Lambda M N Xi O Pi P - Sigma T Upsilon Phi X Psi "
        "Omega".split()) if name != "-"},
    "\u03b5": r"\varepsilon", "\u03f5": r"\epsilon", "\u03c6": r"\varphi", "\u03d5": r"\phi",
    "\u03bf": "o", "\u03c2": r"\varsigma",
    "\u2248": r"\approx", "\u2243": r"\simeq", "\u223c": r"\sim", "\u2261": r"\equiv",
    "\u226a": r"\ll", "\u226b": r"\gg", "\u2264": r"\le", "\u2265": r"\ge", "\u2260": r"\ne",
    "\u2192": r"\to", "\u21d2": r"\Rightarrow", "\u00b1": r"\pm", "\u00d7": r"\times",
    "\u00b7": r"\cdot", "\u22c5": r"\cdot", "\u2212": "-",
    "\u27e8": r"\langle", "\u27e9": r"\rangle",
    "\u2329": r"\langle", "\u232a": r"\rangle", "\u221e": r"\infty", "\u221a": r"\surd",
    "\u222b": r"\int", "\u2211": r"\sum", "\u220f": r"\prod", "\u2202": r"\partial",
    "\u2207": r"\nabla", "\u2208": r"\in", "\u2032": "'", "\u2033": "''", "\u00b2": "^{2}",
    "\u00b3": "^{3}", "\u00b9": "^{1}", "\u2070": "^{0}", "\u2074": "^{4}", "\u207b": "^{-}",
    "\u2080": "_{0}", "\u2081": "_{1}", "\u2082": "_{2}", "\u00bd": r"\tfrac{1}{2}",
    "\u2113": r"\ell", "\u210f": r"\hbar", "\u2026": r"\ldots", "\u22ef": r"\cdots",
}
#: Unicode punctuation -> text-mode LaTeX.
UNICODE_TEXT = {"\u2013": "--", "\u2014": "---", "\u2018": "`", "\u2019": "'", "\u201c": "``",
                "\u201d": "''", "\u00a0": "~", "\u2009": r"\,", "\u00a7": r"\S{}",
                "\u2022": r"\textbullet{}", "\u00b0": r"\ensuremath{^\circ}"}


def _unicode(c: str, math: bool) -> str:
    """One non-ASCII character as LaTeX (math mode if ``math``), never raw Unicode."""
    if c in UNICODE_MATH:
        tex = UNICODE_MATH[c]
        return tex if math else f"${tex}$"
    if c in UNICODE_TEXT and not math:
        return UNICODE_TEXT[c]
    plain = unicodedata.normalize("NFKD", c).encode("ascii", "ignore").decode()
    return escape(plain) if plain else "?"


def escape(text: str) -> str:
    """LaTeX's special characters escaped (no mathematics recognised), ASCII only."""
    return "".join(_SPECIAL.get(c) or (c if c.isascii() else _unicode(c, False))
                   for c in text)


def pdf_string(text: str) -> str:
    """``text`` as a plain PDF string (bookmarks): ASCII, Greek by name, specials escaped."""
    out = []
    for c in text:
        if not c.isascii():
            name = unicodedata.name(c, "")
            greek = name.split(" LETTER ")[-1].capitalize() if "GREEK" in name else ""
            c = (greek if "CAPITAL" in name else greek.lower()) if greek else \
                unicodedata.normalize("NFKD", c).encode("ascii", "ignore").decode()
        out.append({"\\": "/", "{": "(", "}": ")", "$": r"\$", "&": r"\&", "#": r"\#",
                    "%": r"\%", "_": r"\_", "^": r"\textasciicircum{}",
                    "~": r"\textasciitilde{}"}.get(c, c))
    return "".join(out)


def _lone(token: str) -> str:
    """A lone letter (``E``, ``g''``, ``x0``, ``T_c``) as math: ``x0`` -> ``x_{0}``."""
    primes = len(token) - len(token.rstrip("'"))
    body = token.rstrip("'")
    base, sub = body[0], body[1:].lstrip("_")
    sub_tex = ""
    if sub:
        sub_tex = "_{" + (sub if len(sub) == 1 or sub.isdigit() else rf"\mathrm{{{sub}}}") + "}"
    return base + sub_tex + "'" * primes


def text_to_latex(text: str) -> str:
    """``text`` as LaTeX text with its mathematical tokens in the paper's notation."""
    text = text.replace("**", "^")
    out, pos = [], 0
    for m in _token().finditer(text):
        out.append(escape(text[pos:m.start()]))
        pos = m.end()
        if m.group("avg"):
            inner = m.group("inner")
            sub = re.fullmatch(r"([A-Za-z])_([A-Za-z0-9]{2,})", inner)
            body = _lone(inner) if sub else _math(inner)
            out.append(r"$\langle " + body + r"\rangle$")
        elif m.group("named"):
            name = m.group("named")
            body = named().get(name) or _GREEK[name]
            sup = _script(m.group("nsup")) if m.group("nsup") else ""
            out.append(f"${body}{sup}$")
        elif m.group("letter"):
            letter = m.group("letter")
            base, _, script = letter.partition("_")
            sub_tex = ("_{" + (script if len(script) == 1 or script.isdigit()
                               else rf"\mathrm{{{script}}}") + "}") if script else ""
            out.append(f"${base}{sub_tex}{_script(m.group('lsup'))}$")
        elif m.group("lone"):
            out.append(f"${_lone(m.group('lone'))}"
                       f"{_script(m.group('losup')) if m.group('losup') else ''}$")
        elif m.group("minus"):
            out.append("$-$")
        elif m.group("times"):
            out.append(" ")
        elif m.group("paren"):
            out.append(f"{m.group('paren')}${_script(m.group('psup'))}$")
        else:
            out.append(f"${_OPERATORS[m.group('op')]}$")
    out.append(escape(text[pos:]))
    # adjacent formulas merge; the space ends a control word (``\\langle f``)
    return re.sub(r"(?<!\\)\$\$", " ", "".join(out))


__all__ = ["UNICODE_MATH", "escape", "pdf_string", "text_to_latex"]
