"""Figures of ``remsym simulate --plot`` and of the report's simulation section.

Drawn from the JSON-ready result of :func:`remsym_paper.simulation.run.run_simulation`
(so the LaTeX report redraws them from a saved ``--json`` file), with
matplotlib's object API on an Agg canvas (no global backend state, no display):

(a) <R>/(R0 N nu) against <fu>, every sample at every temperature, with the exact
    line <R> = 2 <fu> (detailed balance, Eqs 12-13) and the annealed points;
(b) S against ln <fu> (Eq 11): sample means with standard errors, the least-squares
    line above T_f, Eq 11's slope-2 line through the same points and the annealed
    curve;
(c) P_LM against T: the exact Boltzmann probability, the paper's exp(-N nu <fu>)
    and the annealed P_LM (the plm derivation's integral);
(d) S against T with the annealed entropy, which reaches zero at the freezing
    temperature T_f (marked on every T axis, with T_2 where Var Z = (E Z)^2).
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from remsym.errors import ParameterError
from remsym_paper.simulation.annealed import annealed
from remsym_paper.simulation.claims import fit_line
from remsym_paper.simulation.enumeration import ModelSpec

__all__ = ["FORMATS", "check_plot_path", "figure_bytes", "plot_simulation"]

FORMATS = (".png", ".pdf")


def check_plot_path(path: str) -> Path:
    """``path`` as a Path if a figure can be written there, else :class:`ParameterError`."""
    target = Path(path)
    if target.suffix.lower() not in FORMATS:
        raise ParameterError(f"--plot must end in {' or '.join(FORMATS)} (got {path!r})")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise ParameterError(f"--plot: directory {str(parent)!r} does not exist")
    if target.is_dir():
        raise ParameterError(f"--plot: {path!r} is a directory")
    if not os.access(parent, os.W_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise ParameterError(f"--plot: {path!r} is not writable")
    return target


def _dense_annealed(result: dict[str, Any], temps: np.ndarray):
    p = result["params"]
    spec = ModelSpec(p["N"], p["nu"], p["e0"], p["e1"], p["d0"], p["d1"])
    return annealed(spec, temps)


def _mark_temperatures(ax, params) -> None:
    for key, style, label in (("T_freeze", "--", "$T_f$"), ("T_2", ":", "$T_2$")):
        if params.get(key) is not None:
            ax.axvline(params[key], color="0.4", ls=style, lw=0.9, label=label)


def _rates(ax, result, ann) -> None:
    runs = result["runs"]
    fu = np.concatenate([r["samples"]["fu"] for r in runs])
    rate = np.concatenate([r["samples"]["R"] for r in runs])
    ax.loglog(fu, rate, ".", ms=3, alpha=0.5, color="C0", label="samples")
    line = np.geomspace(max(fu[fu > 0].min(), 1e-300), fu.max(), 50)
    ax.loglog(line, 2 * line, "-", color="k", lw=1,
              label=r"$\langle R\rangle = 2\langle f_u\rangle$")
    ax.loglog([a["fu"] for a in ann], [a["R"] for a in ann], "-", color="C3", lw=1,
              label="annealed")
    ax.set_xlabel(r"$\langle f_u\rangle$")
    ax.set_ylabel(r"$\langle R\rangle/(R_0 N\nu)$")
    ax.set_title("(a) hopping rate against $f_u$", fontsize=9)


def _entropy_fu(ax, result, ann) -> None:
    runs, t_f = result["runs"], result["params"]["T_freeze"]
    ln_fu = np.log([r["fu"] for r in runs])
    s_vals = np.array([r["S"] for r in runs])
    ax.errorbar(ln_fu, s_vals, yerr=[r["S_sem"] for r in runs],
                xerr=[r["fu_sem"] / r["fu"] for r in runs], fmt="o", ms=4, color="C0",
                label="samples (mean)")
    keep = np.array([t_f is None or r["T"] > t_f for r in runs])
    if keep.sum() >= 2:
        a, b, *_ = fit_line(ln_fu[keep], s_vals[keep])
        xs = np.linspace(ln_fu.min(), ln_fu.max(), 20)
        ax.plot(xs, a + b * xs, "-", color="C2", lw=1, label=f"fit above $T_f$: b = {b:.2f}")
        a2 = float(np.mean(s_vals[keep] - 2 * ln_fu[keep]))
        ax.plot(xs, a2 + 2 * xs, "--", color="k", lw=1, label="Eq 11: slope 2")
    ann_fu = np.array([a["fu"] for a in ann])
    ok = ann_fu > 0
    ax.plot(np.log(ann_fu[ok]), np.array([a["S"] for a in ann])[ok], "-", color="C3", lw=1,
            label="annealed")
    ax.set_ylim(min(s_vals.min(), 0) - 1, s_vals.max() + 1)
    ax.set_xlabel(r"$\ln\langle f_u\rangle$")
    ax.set_ylabel("$S$")
    ax.set_title("(b) entropy against ln $f_u$ (Eq 11)", fontsize=9)


def _plm(ax, result, ann, dense) -> None:
    runs = result["runs"]
    temps = [r["T"] for r in runs]
    ax.errorbar(temps, [r["P_LM"] for r in runs], yerr=[r["P_LM_sem"] for r in runs], fmt="o",
                ms=4, color="C0", label="$P_{LM}$ exact (samples)")
    ax.errorbar(temps, [r["P_LM_paper"] for r in runs], yerr=[r["P_LM_paper_sem"] for r in runs],
                fmt="s", ms=4, color="C1", label=r"$e^{-N\nu\langle f_u\rangle}$ (samples)")
    ax.plot(dense, [a["P_LM"] for a in ann], "-", color="C3", lw=1, label="annealed $P_{LM}$")
    ax.plot(dense, [a["P_LM_paper"] for a in ann], "--", color="C3", lw=1,
            label=r"annealed $e^{-N\nu\langle f_u\rangle}$")
    _mark_temperatures(ax, result["params"])
    ax.set_xlabel("$T$")
    ax.set_ylabel("$P_{LM}$")
    ax.set_title("(c) probability of a local minimum", fontsize=9)


def _entropy_t(ax, result, ann, dense) -> None:
    runs = result["runs"]
    ax.errorbar([r["T"] for r in runs], [r["S"] for r in runs], yerr=[r["S_sem"] for r in runs],
                fmt="o", ms=4, color="C0", label="samples (mean)")
    ax.plot(dense, [a["S"] for a in ann], "-", color="C3", lw=1, label="annealed")
    ax.axhline(0, color="0.7", lw=0.8)
    _mark_temperatures(ax, result["params"])
    ax.set_ylim(min(r["S"] for r in runs) - 2, max(r["S"] for r in runs) + 2)
    ax.set_xlabel("$T$")
    ax.set_ylabel("$S$")
    ax.set_title("(d) entropy and the freezing temperature", fontsize=9)


def _figure(result: dict[str, Any]):
    temps = np.array(result["params"]["T"], dtype=float)
    dense = np.linspace(temps.min(), temps.max(), 40) if len(temps) > 1 else temps
    ann = _dense_annealed(result, dense)
    fig = Figure(figsize=(10, 8), layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(2, 2)
    _rates(axes[0, 0], result, ann)
    _entropy_fu(axes[0, 1], result, ann)
    _plm(axes[1, 0], result, ann, dense)
    _entropy_t(axes[1, 1], result, ann, dense)
    for ax in axes.flat:
        ax.legend(fontsize=7)
    p = result["params"]
    fig.suptitle(f"finite REM: N = {p['N']}, nu = {p['nu']}, {p['samples']} samples, "
                 f"seed {p['seed']}", fontsize=10)
    return fig


def figure_bytes(result: dict[str, Any], fmt: str = "pdf") -> bytes:
    """The four panels as ``png`` or ``pdf`` bytes (a PDF without a creation date)."""
    buffer = io.BytesIO()
    metadata = {"CreationDate": None} if fmt == "pdf" else {}
    _figure(result).savefig(buffer, format=fmt, dpi=120, metadata=metadata)
    return buffer.getvalue()


def plot_simulation(result: dict[str, Any], path: str) -> Path:
    """Draw the four panels to ``path`` (``.png`` or ``.pdf``), written atomically."""
    target = check_plot_path(path)
    data = figure_bytes(result, target.suffix.lower()[1:])
    fd, tmp = tempfile.mkstemp(suffix=target.suffix, dir=target.parent if str(target.parent)
                               else ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
