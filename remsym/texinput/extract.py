"""Extracting derivations from a LaTeX file: environments, rows, declarations.

``pylatexenc`` walks the document (tolerantly, so that one bad brace does not hide
the rest) for the math environments, the comments and simple ``\\newcommand``
macros; a scan for ``\\begin{align}`` and its kin outside comments is the net under
it, so that no environment is skipped silently.  An environment's body is then split
into rows by a scanner of its own (at ``\\\\`` outside nested environments), not by
the node tree: a row with an unbalanced brace must stay one row, reported at its own
line and column.

Within a row, comments, ``\\label``, ``\\tag``, ``\\nonumber`` and ``&`` are
blanked out *in place*, so that an offset into the row's text is an offset into
the file and errors can name line and column.  A ``\\quad`` (or ``\\qquad``, or a
``\\text{...}``) ends the formula: the rest of the row is a note (``\\quad (x \\gg 1)``,
``\\text{for } x > 0``); a word in ``\\text`` is never read as a symbol.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pylatexenc.latexwalker import (
    LatexCommentNode,
    LatexEnvironmentNode,
    LatexMacroNode,
    LatexWalker,
)

from remsym.texinput.declarations import DeclarationError, Declarations

#: Environments whose rows are read as a derivation.
ENVIRONMENTS = ("align", "align*", "equation", "equation*", "gather", "gather*")
#: Inner environments whose rows are the outer environment's rows (``equation`` + ``split``).
_TRANSPARENT = ("split", "aligned", "gathered")
_BLANKED = re.compile(r"\\(?:label|tag\*?)\s*\{[^{}]*\}|\\(?:nonumber|notag)(?![a-zA-Z])|&"
                      r"|\\(?:begin|end)\s*\{(?:" + "|".join(_TRANSPARENT) + r")\}")
_NOTE = re.compile(r"\\q?quad(?![a-zA-Z])|\\(?:text|textrm|mbox)\s*\{")
#: The optional spacing of a row break, ``\\\\[2pt]`` or ``\\\\*``.
_BREAK_SPACING = re.compile(r"^\s*\*?\s*(\[[^\]]*\])?")
#: A ``remsym:`` comment with an arrow is a row's limit, wherever it stands in the row.
_ARROW = re.compile(r"->|\\to(?![a-zA-Z])|→")


@dataclass(frozen=True)
class SourceRow:
    """One row: its text (blanked, same length as the source slice), where it starts,
    its same-line ``remsym:`` annotation and its trailing note, if any."""

    text: str
    offset: int
    annotation: str | None
    note: str | None


@dataclass(frozen=True)
class Environment:
    name: str
    offset: int
    label: str | None
    rows: tuple[SourceRow, ...]
    declarations: Declarations


@dataclass(frozen=True)
class Document:
    path: Path
    text: str
    environments: tuple[Environment, ...]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset into the file."""
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def where(self, offset: int) -> str:
        line, col = self.line_col(offset)
        return f"{self.path}:{line}:{col}"


def _walk(nodes):
    for node in nodes or ():
        if node is None:
            continue
        yield node
        yield from _walk(getattr(node, "nodelist", None))
        argd = getattr(node, "nodeargd", None)
        if argd is not None:
            yield from _walk(getattr(argd, "argnlist", None))


def _own_line(text: str, pos: int) -> bool:
    return text[text.rfind("\n", 0, pos) + 1:pos].strip() == ""


def _macros(nodes) -> dict[str, str]:
    """``\\newcommand{\\name}{body}`` without arguments: name -> body."""
    found = {}
    for node in nodes:
        if isinstance(node, LatexMacroNode) and node.macroname in ("newcommand",
                                                                    "renewcommand"):
            args = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a]
            if len(args) == 2 and args[0].latex_verbatim().strip("{}").startswith("\\"):
                name = args[0].latex_verbatim().strip("{} ")
                found[name] = args[1].latex_verbatim()[1:-1]
    return found


def _constant(body: str) -> Callable[[re.Match[str]], str]:
    return lambda _match: body


def expand_macros(text: str, macros: dict[str, str]) -> str:
    for name, body in macros.items():
        # a function, not a template: the body's backslashes are not escapes
        text = re.compile(re.escape(name) + r"(?![a-zA-Z])").sub(_constant(body), text)
    return text


def read_document(path: Path) -> Document:
    """Environments, rows and declarations of a LaTeX file."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DeclarationError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    nodes = list(_walk(LatexWalker(text, tolerant_parsing=True).get_latex_nodes()[0]))
    comments = sorted((n.pos, n.comment) for n in nodes if isinstance(n, LatexCommentNode)
                      and n.comment.strip().startswith("remsym:") and _own_line(text, n.pos)
                      and not _ARROW.search(n.comment))
    macros = _macros(nodes)
    found = {n.pos: n.environmentname for n in nodes if isinstance(n, LatexEnvironmentNode)
             and n.environmentname in ENVIRONMENTS}
    # a net under the walker: an environment it did not see (swallowed by a stray $ or
    # brace before it) is still read, never skipped silently
    bare = re.sub(r"(?<!\\)%[^\n]*", lambda m: " " * len(m.group(0)), text)
    for m in re.finditer(r"\\begin\{(" + "|".join(map(re.escape, ENVIRONMENTS)) + r")\}", bare):
        found.setdefault(m.start(), m.group(1))
    envs: list[tuple[str, int, int]] = []
    for pos, name in sorted(found.items()):
        begin = text.find("}", pos) + 1
        end = bare.find(f"\\end{{{name}}}", begin)
        if end < 0:
            raise DeclarationError(f"{path}:{_line(text, pos)}: \\begin{{{name}}} without "
                                   "its \\end")
        if envs and pos < envs[-1][2]:
            continue  # inside the environment before it
        envs.append((name, begin, end))
    out, decl, used = [], Declarations(), 0
    for name, begin, end in envs:
        while used < len(comments) and comments[used][0] < end:
            pos, comment = comments[used]
            try:
                decl = decl.with_line(comment.strip()[len("remsym:"):])
            except DeclarationError as exc:
                raise DeclarationError(f"{path}:{_line(text, pos)}: {exc}") from None
            used += 1
        body = text[begin:end]
        label = re.search(r"\\label\s*\{([^{}]*)\}", body)
        rows = tuple(_rows(text, begin, end, macros))
        out.append(Environment(name, begin, label.group(1) if label else None, rows, decl))
    return Document(path, text, tuple(out))


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _rows(text: str, begin: int, end: int, macros: dict[str, str]):
    """Split ``text[begin:end]`` at ``\\\\`` (outside nested environments) into rows."""
    depth, start, i = 0, begin, begin
    while i <= end:
        if i == end or (depth == 0 and text.startswith("\\\\", i)):
            row = source_row(text, start, i, macros)
            if row is not None:
                yield row
            start = i + 2
            i += 2
            continue
        if text.startswith("\\begin{", i) and not _transparent(text, i + 7):
            depth += 1
        elif text.startswith("\\end{", i) and not _transparent(text, i + 5):
            depth -= 1
        elif text[i] == "%" and (i == 0 or text[i - 1] != "\\"):
            i = text.find("\n", i) if text.find("\n", i, end) >= 0 else end
            continue
        i += 1


def _depth(text: str, at: int) -> int:
    """Brace depth at ``at`` (``\\{`` and ``\\}`` are delimiters, not groups)."""
    plain = re.sub(r"\\[{}]", "  ", text[:at])
    return plain.count("{") - plain.count("}")


def _transparent(text: str, at: int) -> bool:
    return any(text.startswith(name + "}", at) for name in _TRANSPARENT)


def source_row(text: str, start: int, stop: int, macros: dict[str, str]) -> SourceRow | None:
    """``text[start:stop]`` as a row: comments, labels and ``&`` blanked, the note split
    off, trailing punctuation dropped; ``None`` for an empty row."""
    raw = text[start:stop]
    found = _BREAK_SPACING.match(raw) if text[max(start - 2, 0):start] == "\\\\" else None
    spacing = found.end() if found else 0
    raw = " " * spacing + raw[spacing:]
    chars = list(raw)
    annotation = None
    for m in re.finditer(r"(?<!\\)%([^\n]*)", raw):
        comment = m.group(1).strip()
        if comment.startswith("remsym:") and _ARROW.search(comment):
            annotation = comment[len("remsym:"):].strip()
        chars[m.start():m.end()] = " " * (m.end() - m.start())
    blank = "".join(chars)
    blank = _BLANKED.sub(lambda m: " " * len(m.group(0)), blank)
    note = None
    quad = next((m for m in _NOTE.finditer(blank) if _depth(blank, m.start()) == 0), None)
    if quad is not None:  # the note keeps a \text{...} whole, and drops the \quad
        note = " ".join(blank[quad.end() if "quad" in quad.group(0) else quad.start():]
                        .split()) or None
        blank = blank[:quad.start()] + " " * (len(blank) - quad.start())
    blank = re.sub(r"[,.;]\s*$", lambda m: " " * len(m.group(0)), blank)
    if not blank.strip():
        return None
    return SourceRow(expand_macros(blank, macros), start, annotation, note)


__all__ = ["Document", "Environment", "SourceRow", "read_document", "source_row", "ENVIRONMENTS"]
