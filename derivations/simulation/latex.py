"""The report's section on a simulation (``remsym latex --simulation FILE.json``).

Reads the JSON of ``remsym simulate --json`` (``params``, ``runs``, ``annealed``,
``claims``) and sets it as LaTeX: the parameters, one row per temperature (the
samples' means with their standard errors in the last digits, then the annealed
values), the figure (drawn by the caller, included by file name), and the claims
with their verdicts from the data beside the derivations'.  Knows nothing of the
model: columns are the run keys that carry a ``<key>_sem``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from remsym.errors import ParameterError
from remsym.latex.text import escape, text_to_latex

__all__ = ["load_simulation", "simulation_section", "REQUIRED_KEYS"]

REQUIRED_KEYS = ("params", "runs", "annealed", "claims")
_KNOWN_VERDICTS = ("confirmed", "approximation", "erratum", "failed")


def load_simulation(path: str) -> dict[str, Any]:
    """The simulation JSON at ``path``; :class:`ParameterError` if unreadable or not one."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ParameterError(f"--simulation: cannot read {path!r} ({exc.strerror})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ParameterError(f"--simulation: {path!r} is not JSON ({exc})") from None
    missing = [k for k in REQUIRED_KEYS if not isinstance(data, dict) or k not in data]
    if missing or not data["runs"]:
        raise ParameterError(f"--simulation: {path!r} is not the output of remsym simulate "
                             f"--json (missing {', '.join(missing) or 'runs'})")
    return data


def _number(value: Any) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "--"
    if isinstance(value, float):
        return f"{value:.6g}"
    return escape(str(value))


def mean_sem_digits(mean: float, sem: float) -> tuple[str, int]:
    """``mean`` with its standard error in its last two digits, and the power of ten
    taken out of both: ``("2.20(36)", -4)``.  Plain text; ``sem`` must be positive."""
    exponent = 0
    if mean != 0 and (abs(mean) < 1e-3 or abs(mean) >= 1e5):
        exponent = math.floor(math.log10(abs(mean)))
    m, s = mean / 10.0**exponent, sem / 10.0**exponent
    decimals = min(12, max(0, 1 - math.floor(math.log10(s))))
    return f"{m:.{decimals}f}({round(s * 10**decimals)})", exponent


def _mean_sem(mean: float, sem: float) -> str:
    """``mean`` with its standard error in the last two digits, as LaTeX text."""
    if mean is None:
        return "--"
    if not (sem and sem > 0 and math.isfinite(sem)):
        return f"{mean:.6g}"
    text, exponent = mean_sem_digits(mean, sem)
    return f"${text}" + (rf"\times 10^{{{exponent}}}$" if exponent else "$")


def _verdict(name: str | None) -> str:
    if name in _KNOWN_VERDICTS:
        return rf"\verdict{{{name}}}"
    return r"\textbf{" + escape(name or "--") + "}"


def _runs_table(result: dict[str, Any], columns: Sequence[str]) -> str:
    runs, annealed = result["runs"], result.get("annealed") or []
    head = " & ".join([r"\textbf{$T$}"] + [rf"\textbf{{{text_to_latex(c)}}}" for c in columns])
    rows = []
    for i, run in enumerate(runs):
        rows.append(" & ".join([_number(run["T"])]
                               + [_mean_sem(run.get(c), run.get(f"{c}_sem")) for c in columns])
                    + r" \\")
        if i < len(annealed):
            ann = annealed[i]
            rows.append(" & ".join([r"\textit{annealed}"]
                                   + [r"\textcolor{black!60}{" + _number(ann.get(c)) + "}"
                                      for c in columns]) + r" \\ \midrule")
    return "\n".join([r"{\footnotesize", r"\begin{longtable}{@{}l" + "r" * len(columns) + "@{}}",
                      r"\toprule", head + r" \\", r"\midrule", r"\endhead", *rows,
                      r"\bottomrule", r"\end{longtable}}"])


def _claims_table(claims: Sequence[dict[str, Any]]) -> str:
    rows = []
    for c in claims:
        der = c.get("derivation") or {}
        ids = ", ".join(der.get("ids", []))
        agrees = {True: "yes", False: "no", None: "--"}[c.get("agrees")]
        evidence = c.get("evidence", "") + (f" Breaks: {c['breaks']}." if c.get("breaks") else "")
        rows.append(rf"{text_to_latex(c['claim'])} & {_verdict(c['verdict'])} & "
                    rf"\texttt{{{escape(ids)}}}: {_verdict(der.get('verdict'))} & {agrees} & "
                    rf"{text_to_latex(evidence)} \\ \midrule")
    head = (r"\textbf{claim} & \textbf{data} & \textbf{derivation} & \textbf{agree} & "
            r"\textbf{evidence} \\")
    return "\n".join([r"{\footnotesize",
                      r"\begin{longtable}{@{}>{\raggedright}p{3.2cm}l>{\raggedright}p{2.6cm}l"
                      r">{\raggedright\arraybackslash}p{6.6cm}@{}}",
                      r"\toprule", head, r"\midrule", r"\endhead", *rows, r"\end{longtable}}"])


def simulation_section(result: dict[str, Any], figure: str | None = None,
                       columns: Sequence[str] | None = None) -> str:
    """A ``\\section`` for ``result``; ``figure`` is the file name of its figure (no suffix)."""
    params = result["params"]
    first = result["runs"][0]
    shown = [c for c in (columns or list(first)) if f"{c}_sem" in first]
    scalars = ", ".join(f"{text_to_latex(k)} $= {_number(v)}$" for k, v in params.items()
                        if isinstance(v, (int, float)) and not isinstance(v, bool))
    units = params.get("units") or {}
    parts = [r"\section{Finite-$N$ simulation: the claims on real disorder}",
             r"\label{sec:simulation}",
             "Exact enumeration of every configuration of finite samples (one draw of the "
             "disorder each), Boltzmann averages per sample, then means over the samples with "
             "their standard errors (in parentheses, in units of the last digits); the annealed "
             "values are the engine's exact closed forms at the same parameters. "
             f"Parameters: {scalars}.",
             ("Units: " + "; ".join(f"{text_to_latex(k)}: {text_to_latex(v)}"
                                    for k, v in units.items()) + ".") if units else "",
             _runs_table(result, shown)]
    if figure:
        parts.append("\n".join([r"\begin{figure}[htbp]", r"\centering",
                                rf"\includegraphics[width=\textwidth]{{{figure}}}",
                                r"\caption{The samples against the annealed closed forms.}",
                                r"\end{figure}"]))
    if result.get("claims"):
        parts += [r"\subsection*{Verdicts from the data}", _claims_table(result["claims"])]
    return "\n\n".join(p for p in parts if p)
