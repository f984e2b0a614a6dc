"""The finite-N REM simulator: the paper's model on real disorder (``remsym simulate``).

==============================  ==========================================================
module                          role
==============================  ==========================================================
:mod:`.enumeration`             one sample: exact enumeration of the (1 + nu)^N states
:mod:`.annealed`                the annealed values from the engine's exact closed forms
:mod:`.run`                     samples over seeds and workers, means, standard errors
:mod:`.claims`                  the paper's claims with verdicts from the data
:mod:`.figures`                 the figures of ``--plot`` and of the report's section
==============================  ==========================================================

A subpackage, and nothing is imported here: ``remsym check`` and ``remsym eval`` import
every module of ``remsym_paper`` at start, and NumPy, SciPy and matplotlib are for
simulations only.
"""
