"""An independent reference: the finite REM's averages by explicit loops over neighbours.

Every configuration is a tuple of region states; its neighbours are built one
region at a time; rates, counts and weights are summed term by term in Python
floats (``math.fsum``).  Only for N <= 8.
"""

from __future__ import annotations

import itertools
import math

import numpy as np


def neighbours(config, states):
    for d, current in enumerate(config):
        for s in range(states):
            if s != current:
                yield config[:d] + (s,) + config[d + 1:]


def brute_force(energies: np.ndarray, temperature: float) -> dict[str, float]:
    """fu, R_A, R_B (units R0 N nu), E, S, P_LM, P_LM_paper of one sample by loops."""
    states, regions = energies.shape[0], energies.ndim
    m = regions * (states - 1)
    configs = list(itertools.product(range(states), repeat=regions))
    ground = min(float(energies[c]) for c in configs)
    weight = {c: math.exp(-(float(energies[c]) - ground) / temperature) for c in configs}
    z = math.fsum(weight.values())
    fu, rate_a, rate_b, energy, entropy, minima = [], [], [], [], [], []
    for c in configs:
        e, p = float(energies[c]), weight[c] / z
        lower = 0
        uphill = []
        for other in neighbours(c, states):
            e2 = float(energies[other])
            if e2 < e:
                lower += 1
            elif e2 > e:
                uphill.append(math.exp(-(e2 - e) / temperature))
        fu.append(p * lower / m)
        rate_b.append(p * lower / m)
        rate_a.append(p * math.fsum(uphill) / m)
        energy.append(p * e)
        entropy.append(-p * math.log(p) if p > 0 else 0.0)
        if lower == 0:
            minima.append(p)
    mean_fu = math.fsum(fu)
    return {"fu": mean_fu, "R_A": math.fsum(rate_a), "R_B": math.fsum(rate_b),
            "E": math.fsum(energy), "S": math.fsum(entropy), "P_LM": math.fsum(minima),
            "P_LM_paper": math.exp(-m * mean_fu)}
