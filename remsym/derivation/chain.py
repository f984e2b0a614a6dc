"""A derivation as a graph: does a path of verified steps reach the stated result?

Every verified step (claims aside) joins its two sides; side computations are allowed,
so the steps need not form one line.  A derivation's result is confirmed only when a
path joins its stated left side to its stated result: ``=`` and ``:=`` steps only for
an ``exact=`` result, any steps for a ``leading=`` one, whose declared orders are then
the path's.  A missing link is reported naming the two expressions it would join.

Nodes are expressions up to SymPy's structural equality (an expression and its
expanded form are two nodes: a step must join them, which ``expand`` proves at once).
Two nodes are also joined by *congruence*: a verified exact
step ``a = b`` (or a definition ``a := b``) joins every expression of the graph that
contains ``a`` to the same expression with ``b`` in its place (substitution of equals,
the step a physicist leaves implicit: completing the square inside an integral).
Congruence is never drawn from an asymptotic step (``a ~ b`` does not give
``f(a) ~ f(b)``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp

from remsym.derivation.sampling import box_of
from remsym.derivation.steps import Derivation, Relation, Step

__all__ = ["PathResult", "find_path", "order_excess"]


@dataclass(frozen=True, slots=True)
class PathResult:
    found: bool
    steps: tuple[Step, ...]
    detail: str


class _Nodes:
    """The graph's expressions, each with an index; ``index`` finds or adds one."""

    def __init__(self) -> None:
        self.exprs: list[sp.Expr] = []
        self._by_expr: dict[sp.Expr, int] = {}

    def index(self, expr: sp.Expr) -> int:
        expr = sp.sympify(expr)
        k = self._by_expr.get(expr)
        if k is None:
            self.exprs.append(expr)
            k = self._by_expr[expr] = len(self.exprs) - 1
        return k

    def __len__(self) -> int:
        return len(self.exprs)


#: Bounds on the congruence closure: rounds of substitution, and nodes in all.
CONGRUENCE_ROUNDS, MAX_NODES = 3, 400


def _binds(node: sp.Expr, a: sp.Expr, b: sp.Expr, step: Step, proved: bool) -> bool:
    """Whether substituting ``a -> b`` in ``node`` would reach a bound variable unsoundly:
    ``a`` is itself an integration or summation variable (the limits would change), or
    the step bounds such a variable with a box and was only verified numerically there
    (while the variable ranges over the whole integral; a symbolic proof holds
    everywhere)."""
    boxed = set() if proved else {sym for sym, _, _ in step.domain}
    for bound in node.atoms(sp.Integral, sp.Sum, sp.Product):
        variables = {lim[0] for lim in bound.limits}
        if a in variables or (a.free_symbols | b.free_symbols) & variables & boxed:
            return True
    return False


def _close_under_congruence(nodes: _Nodes, edges: dict,
                            equalities: list[tuple[Step, bool]]) -> None:
    """Add, for every node containing one side of an exact step, the node with the other
    side in its place, joined to it by that step (module docstring)."""
    pairs = []
    for step, step_proved in equalities:
        a, b = sp.sympify(step.before), sp.sympify(step.after)
        if a.is_Number or b.is_Number and a.is_Atom:
            continue
        pairs += [(a, b, step, step_proved), (b, a, step, step_proved)]
    done: set[tuple[int, int]] = set()
    parts: dict[int, set] = {}  # each node's subexpressions, collected once
    for _ in range(CONGRUENCE_ROUNDS):
        grown = False
        for k in range(len(nodes)):
            node = nodes.exprs[k]
            if k not in parts:
                parts[k] = set(sp.preorder_traversal(node))
            for j, (a, b, step, step_proved) in enumerate(pairs):
                if (k, j) in done or len(nodes) >= MAX_NODES:
                    continue
                done.add((k, j))
                if node == a or a not in parts[k] or _binds(node, a, b, step, step_proved):
                    continue
                try:
                    replaced = node.xreplace({a: b})
                except (ValueError, TypeError):  # an integral's limits no longer well formed
                    continue
                if replaced == node:
                    continue
                m = nodes.index(replaced)
                edges.setdefault(k, []).append((m, step))
                edges.setdefault(m, []).append((k, step))
                grown = True
        if not grown:
            return


def covers(step: Step, d: Derivation) -> bool:
    """Whether the box a step was verified on reaches every sign the derivation claims:
    for each symbol the step bounds, the derivation's interval for it (its domain, else
    the default interval of the symbol's assumptions) must not hold negative values, zero
    or positive values that the step's box leaves out, nor lie apart from it.  (A step
    such as ``sqrt(x**2) = x`` verified on ``[0.5, 3]`` says nothing about negative x; a
    narrower box of the same sign is taken as the author's sampling choice.)"""
    if not step.domain:
        return True
    claimed = box_of([sym for sym, _, _ in step.domain], d.domain)
    for sym, lo, hi in step.domain:
        lo, hi = float(lo), float(hi)
        c_lo, c_hi = claimed[sym]
        if hi < c_lo or lo > c_hi:
            return False
        if (c_lo < 0 <= lo) or (c_hi > 0 >= hi) or (c_lo <= 0 <= c_hi and not lo <= 0 <= hi):
            return False
    return True


def find_path(d: Derivation, verified: Sequence[bool], exact: bool,
              proved: Sequence[bool] | None = None) -> PathResult:
    """A path of verified steps from ``d.lhs`` to ``d.exact`` (``exact``) or
    ``d.leading``, through ``=``/``:=`` steps only when ``exact``; ``proved`` marks the
    steps proved symbolically (default: those without a box)."""
    if proved is None:
        proved = [not s.domain for s in d.steps]
    target = d.exact if exact else d.leading
    assert target is not None
    nodes = _Nodes()
    start, goal = nodes.index(d.lhs), nodes.index(target)
    edges: dict[int, list[tuple[int, Step]]] = {}
    for step, ok in zip(d.steps, verified, strict=True):
        if not ok or step.claim:
            continue
        if exact and step.relation not in (Relation.EQUAL, Relation.DEFINITION):
            continue
        if not covers(step, d):
            continue
        if step.relation is Relation.NUMERIC:
            continue
        a, b = nodes.index(step.before), nodes.index(step.after)
        edges.setdefault(a, []).append((b, step))
        edges.setdefault(b, []).append((a, step))
    _close_under_congruence(nodes, edges, [
        (s, pr) for s, ok, pr in zip(d.steps, verified, proved, strict=True)
        if ok and not s.claim and covers(s, d)
        and s.relation in (Relation.EQUAL, Relation.DEFINITION)])
    came: dict[int, tuple[int, Step] | None] = {start: None}
    queue = deque([start])
    while queue:
        k = queue.popleft()
        if k == goal:
            break
        for j, step in edges.get(k, []):
            if j not in came:
                came[j] = (k, step)
                queue.append(j)
    if goal not in came:
        kind = "exact (=) steps" if exact else "verified steps"
        reached = list(came)
        return PathResult(False, (), f"missing link: no path of {kind} joins "
                          f"{sp.sstr(d.lhs)} to the stated result {sp.sstr(target)} "
                          f"(reached {len(reached)} expression(s) from the left side)")
    path: list[Step] = []
    k = goal
    while came[k] is not None:
        k, step = came[k]  # type: ignore[misc]
        path.append(step)
    return PathResult(True, tuple(reversed(path)), f"a path of {len(path)} verified steps")


def order_excess(d: Derivation, path: Sequence[Step], point: dict) -> str | None:
    """Why the stated order of a ``leading=`` result is better than its path gives, else
    None: some asymptotic step of the path along the same limit has an order that does
    not vanish against ``d.order`` (``lim step.order / d.order`` infinite, with the other
    symbols at ``point``).  Steps along another limit are not compared."""
    if d.order is None or d.limit is None:
        return None
    for step in path:
        if step.relation is not Relation.ASYMPTOTIC or step.order is None or \
                step.limit is None:
            continue
        if step.limit.symbol != d.limit.symbol or step.limit.point != d.limit.point:
            return (f"the stated order O({sp.sstr(d.order)}) along {d.limit.symbol} -> "
                    f"{d.limit.point} cannot be compared with the path's step '{step.rule}' "
                    f"along {step.limit.symbol} -> {step.limit.point}")
        others = {k: v for k, v in point.items() if k != d.limit.symbol}
        ratio = (sp.sympify(step.order) / sp.sympify(d.order)).xreplace(others)
        direction = "+" if d.limit.point == 0 else "-"
        try:
            bound = sp.limit(ratio, d.limit.symbol, d.limit.point, direction)
        except Exception:  # noqa: BLE001 - SymPy's limit raises many types: undecided
            bound = None
        if bound is None or bound.has(sp.Limit) or not bound.is_finite:
            return (f"the stated order O({sp.sstr(d.order)}) is better than the path's step "
                    f"'{step.rule}' of order O({sp.sstr(step.order)})"
                    + ("" if bound is not None and not bound.has(sp.Limit) else
                       " (their ratio has no decided limit)"))
    return None
