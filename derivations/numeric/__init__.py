"""The paper's quantities for ``remsym eval``, and their validated references.

==========================  ===================================================
module                      role
==========================  ===================================================
:mod:`.quantities`          the quantities and the parameters each needs
:mod:`.integrands`          the defining log-integrands, from :mod:`remsym_paper.model`
:mod:`.point`               the integrands bound to one parameter point (peak, q, inner)
:mod:`.outer`               the outer integrands of the nested references, per route
:mod:`.reference`           validated reference values of every quantity
:mod:`.registry`            methods per quantity (exact / asymptotic / quadrature)
:mod:`.providers`           the derivations' results as ``exact``/``asymptotic`` methods
:mod:`.service`             ``evaluate_quantity``: the library side of ``remsym eval``
==========================  ===================================================
"""
