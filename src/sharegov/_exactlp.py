"""A small exact linear-programme solver: the simplex method over Fractions, Bland's rule.

Private: it serves the least core and the nucleolus (:mod:`sharegov.costs`), where an
answer in exact pence matters and the programmes are small (a few dozen constraints).

The problem is ``minimise c.z`` subject to ``A_ub z <= b_ub`` and ``A_eq z = b_eq``, each
variable free or non-negative. It is put in standard form (each free variable the
difference of two non-negative ones, a slack per inequality, rows with a negative right-
hand side negated, and an artificial variable per row), solved in two phases (phase 1
minimises the sum of the artificials; artificials left basic at zero are pivoted out, or
their row is redundant; an inequality whose right-hand side is at least zero starts from
its slack instead), and every pivot follows Bland's rule (the lowest-index improving
column enters; among tied ratios the row whose basic variable has the lowest index
leaves), which cannot cycle, so the method terminates. All arithmetic is on
:class:`~fractions.Fraction`, so the optimum, the solution and the duals are exact.

The duals are ``c_B B^-1``, read off the artificial columns (which hold ``B^-1``), mapped
back to the original rows. A non-zero dual on an inequality means it is tight at every
optimum (complementary slackness), which is what the nucleolus needs.

Examples:
    >>> # minimise -x - y subject to x + 2y <= 4, 3x + y <= 6: optimum at (8/5, 6/5).
    >>> out = solve([-1, -1], [[1, 2], [3, 1]], [4, 6])
    >>> out.status, out.value, out.x
    ('optimal', Fraction(-14, 5), (Fraction(8, 5), Fraction(6, 5)))
    >>> out.duals_ub
    (Fraction(-2, 5), Fraction(-1, 5))
    >>> solve([1], [[1]], [1]).status
    'unbounded'
    >>> solve([0], [[1], [-1]], [1, -2]).status
    'infeasible'
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Literal

import attrs

from sharegov.errors import LimitExceeded

__all__ = ["MAX_PIVOTS", "Solution", "solve"]

#: Pivots allowed per solve; Bland's rule terminates, this only bounds the work.
MAX_PIVOTS = 100_000

Number = int | Fraction
Status = Literal["optimal", "infeasible", "unbounded"]


@attrs.frozen
class Solution:
    """The outcome: status, and at an optimum the value, the point and the duals.

    ``duals_ub[i]`` and ``duals_eq[i]`` are the multipliers ``y`` of the original rows with
    ``c = A^T y`` on the active constraints (so ``duals_ub <= 0`` for a minimisation).
    """

    status: Status
    value: Fraction = Fraction(0)
    x: tuple[Fraction, ...] = ()
    duals_ub: tuple[Fraction, ...] = ()
    duals_eq: tuple[Fraction, ...] = ()


class _Tableau:
    def __init__(self, rows: list[list[Fraction]], rhs: list[Fraction], basis: list[int]) -> None:
        self.rows, self.rhs, self.basis = rows, rhs, basis
        self.pivots = 0

    def pivot(self, r: int, j: int, cost: list[Fraction]) -> None:
        self.pivots += 1
        if self.pivots > MAX_PIVOTS:
            raise LimitExceeded(f"linear programme: more than {MAX_PIVOTS} pivots")
        row = self.rows[r]
        p = row[j]
        row[:] = [v / p for v in row]
        self.rhs[r] /= p
        for i, other in enumerate(self.rows):
            f = other[j]
            if i != r and f:
                other[:] = [a - f * b if b else a for a, b in zip(other, row, strict=True)]
                self.rhs[i] -= f * self.rhs[r]
        f = cost[j]
        if f:
            cost[:] = [a - f * b if b else a for a, b in zip(cost, row, strict=True)]
        self.basis[r] = j

    def reduced(self, c: Sequence[Fraction]) -> list[Fraction]:
        d = list(c)
        for i, b in enumerate(self.basis):
            cb = c[b]
            if cb:
                d = [dj - cb * t for dj, t in zip(d, self.rows[i], strict=True)]
        return d

    def run(self, c: Sequence[Fraction], allowed: int) -> bool:
        """Minimise ``c`` over columns below ``allowed``; False when unbounded."""
        d = self.reduced(c)
        while True:
            j = next((k for k in range(allowed) if d[k] < 0), None)
            if j is None:
                return True
            best: tuple[Fraction, int, int] | None = None
            for i, row in enumerate(self.rows):
                if row[j] > 0:
                    key = (self.rhs[i] / row[j], self.basis[i], i)
                    if best is None or key[:2] < best[:2]:
                        best = key
            if best is None:
                return False
            self.pivot(best[2], j, d)


def solve(
    c: Sequence[Number],
    a_ub: Sequence[Sequence[Number]],
    b_ub: Sequence[Number],
    a_eq: Sequence[Sequence[Number]] = (),
    b_eq: Sequence[Number] = (),
    *,
    nonneg: Sequence[bool] = (),
) -> Solution:
    """Minimise ``c.z`` subject to ``a_ub z <= b_ub`` and ``a_eq z = b_eq``; each ``z[j]``
    is free, or ``>= 0`` where ``nonneg[j]`` is true (a bound, so no row of its own)."""
    n = len(c)
    bounded = [bool(nonneg[j]) if j < len(nonneg) else False for j in range(n)]
    # Column of each variable's positive part, and of its negative part when it is free.
    plus, minus = [], []
    k = 0
    for j in range(n):
        plus.append(k)
        minus.append(None if bounded[j] else k + 1)
        k += 1 if bounded[j] else 2
    m_ub, m_eq = len(a_ub), len(a_eq)
    m = m_ub + m_eq
    slack0 = k
    art0 = slack0 + m_ub
    width = art0 + m  # variables, slacks, artificials
    rows: list[list[Fraction]] = []
    rhs: list[Fraction] = []
    signs: list[int] = []
    for i, (coeffs, b) in enumerate([*zip(a_ub, b_ub, strict=True), *zip(a_eq, b_eq, strict=True)]):
        row = [Fraction(0)] * width
        for j, a in enumerate(coeffs):
            if a:
                row[plus[j]] = Fraction(a)
                neg = minus[j]
                if neg is not None:
                    row[neg] = -Fraction(a)
        if i < m_ub:
            row[slack0 + i] = Fraction(1)
        sign = -1 if b < 0 else 1
        if sign < 0:
            row = [-v for v in row]
        row[art0 + i] = Fraction(1)
        rows.append(row)
        rhs.append(Fraction(b) * sign)
        signs.append(sign)
    # An inequality with a right-hand side >= 0 starts with its slack basic; only the other
    # rows need their artificial (whose column, equal to the slack's, still tracks B^-1).
    start = [slack0 + i if i < m_ub and signs[i] > 0 else art0 + i for i in range(m)]
    tab = _Tableau(rows, rhs, start)
    phase1 = [Fraction(0)] * width
    for b in start:
        if b >= art0:
            phase1[b] = Fraction(1)
    tab.run(phase1, art0)
    if sum((tab.rhs[i] for i, b in enumerate(tab.basis) if b >= art0), Fraction(0)) > 0:
        return Solution("infeasible")
    for i, b in enumerate(tab.basis):
        if b >= art0:
            out = next((k for k in range(art0) if tab.rows[i][k] != 0), None)
            if out is not None:
                tab.pivot(i, out, [Fraction(0)] * width)
    cost = [Fraction(0)] * width
    for j, cj in enumerate(c):
        cost[plus[j]] = Fraction(cj)
        neg = minus[j]
        if neg is not None:
            cost[neg] = -Fraction(cj)
    if not tab.run(cost, art0):
        return Solution("unbounded")
    values = [Fraction(0)] * width
    for i, b in enumerate(tab.basis):
        values[b] = tab.rhs[i]
    x = tuple(
        values[plus[j]] - (values[neg] if (neg := minus[j]) is not None else 0) for j in range(n)
    )
    duals = []
    for r in range(m):
        y = sum(
            (cost[b] * tab.rows[i][art0 + r] for i, b in enumerate(tab.basis) if cost[b]),
            Fraction(0),
        )
        duals.append(y * signs[r])
    value = sum((Fraction(cj) * xj for cj, xj in zip(c, x, strict=True)), Fraction(0))
    return Solution("optimal", value, x, tuple(duals[:m_ub]), tuple(duals[m_ub:]))
