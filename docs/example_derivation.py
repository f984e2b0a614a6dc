"""A user's derivation with one deliberately wrong step: `remsym check example_derivation.py`."""
import sympy as sp

from remsym.derivation import DerivationBuilder, Limit

z = sp.Symbol("z", positive=True)


def gaussian_tail():
    b = DerivationBuilder("tail", "Gaussian tail for large z", domain=((z, 0.5, 3),))
    tail = sp.Integral(sp.exp(-sp.Symbol("t") ** 2), (sp.Symbol("t"), z, sp.oo))
    closed = b.equal(tail, sp.sqrt(sp.pi) * sp.erfc(z) / 2, "erfc-definition",
                     "erfc(z) = (2/sqrt(pi)) * integral from z to oo of exp(-t^2)")
    # Deliberately wrong: the 1/sqrt(pi) of erfc's series has been dropped twice.
    b.asymptotic(closed, sp.exp(-z**2) / z, "wrong-expansion", Limit(z, sp.oo, start=4),
                 order=1 / z**2, justification="DLMF 7.12.1, leading term")
    return b.build(tail, leading=sp.exp(-z**2) / z)


DERIVATIONS = [gaussian_tail]
