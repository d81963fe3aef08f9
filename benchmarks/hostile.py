"""Hostile inputs at the API: how long each takes to be refused (or read correctly).

DESIGN.md anchor: refusing a hostile input takes <= 1 s, never a hang. Each case below was
once slow or silently wrong (the issue "Nothing hangs, nothing crashes, nothing is silently
wrong"); each must now raise a SharegovError, except those marked "accept", which must
return the right value. Boards are built before the clock starts: only the call is timed,
best of 3. Prints every case, slowest first, and the slowest refusal against the target.
Exits 1 if a case is not refused (or accepted) as it should be.

Run from the worktree root: ``PYTHONPATH=src python benchmarks/hostile.py``
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import best_time
from dateutil.relativedelta import relativedelta

from sharegov import Authority, Board, Member, power, rules
from sharegov.concordat import ServiceArrangement, Term
from sharegov.costs import Equal, Proportional
from sharegov.errors import SharegovError
from sharegov.money import Money, MoneyRange, allocate
from sharegov.parties import Officer
from sharegov.simulate import Flow, Model, Triangular

TARGET = 1.0  # seconds


def majority_board(n_each: int) -> Board:
    members = [
        Member(f"{c.lower()}{k}", f"Cllr {c}{k}", c) for c in ("A", "B") for k in range(n_each)
    ]
    return Board(
        "Big Board",
        authorities=[Authority("A", "A"), Authority("B", "B")],
        seats={"A": n_each, "B": n_each},
        members=members,
        rule=rules.Majority(),
    )


def cases() -> list[tuple[str, Callable[[], object], object]]:
    """(name, call, expected): ``expected`` is None for a refusal, else the right value."""
    board_2000 = majority_board(1_000)
    board_10000 = majority_board(5_000)
    board_26 = majority_board(13)
    model = Model(
        ["A", "B"],
        [Flow("x", "X", Triangular("£1", "£2", "£3"), kind="saving", start=dt.date(2010, 4, 1))],
    )
    return [
        (
            "Money.parse('-' + 2,000 spaces + 'x')",
            lambda: Money.parse("-" + " " * 2000 + "x"),
            None,
        ),
        ("Money.parse('-' + 190 spaces + 'x')", lambda: Money.parse("-" + " " * 190 + "x"), None),
        ("Money.parse('£ ' * 99 + 'x')", lambda: Money.parse("£ " * 99 + "x"), None),
        ("MoneyRange.parse(190 chars of ' -')", lambda: MoneyRange.parse("£1" + " -" * 95), None),
        ("MoneyRange.parse(1 MB)", lambda: MoneyRange.parse("£1 to " * 200_000), None),
        (
            "Money.parse('£123456789012345678901234567.89')",
            lambda: Money.parse("£123456789012345678901234567.89"),
            None,
        ),
        ("Money.parse('£' + '9' * 40)", lambda: Money.parse("£" + "9" * 40), None),
        ("Money.parse('-£-5')", lambda: Money.parse("-£-5"), None),
        ("Money.parse('£1,2,3')", lambda: Money.parse("£1,2,3"), None),
        (
            "MoneyRange.parse('£30–40k')",
            lambda: MoneyRange.parse("£30–40k"),
            MoneyRange("£30k", "£40k"),
        ),
        ("Money.from_pounds('1e100000000')", lambda: Money.from_pounds("1e100000000"), None),
        (
            "Money.from_pounds(Decimal('1e100000000'))",
            lambda: Money.from_pounds(Decimal("1e100000000")),
            None,
        ),
        (
            "Money.from_pounds(Decimal('1e-100000000'))",
            lambda: Money.from_pounds(Decimal("1e-100000000")),
            None,
        ),
        ("allocate(weights NaN)", lambda: allocate(Money(100), {"A": Decimal("NaN")}), None),
        (
            "allocate(weights Infinity)",
            lambda: allocate(Money(100), {"A": Decimal("Infinity")}),
            None,
        ),
        ("allocate(weights a list)", lambda: allocate(Money(100), [1, 2]), None),  # type: ignore[arg-type]
        ("Proportional({'A': Decimal('NaN')})", lambda: Proportional({"A": Decimal("NaN")}), None),
        (
            "Equal().split(Money(101), ['BDC', 'BDC'])",
            lambda: Equal().split(Money(101), ["BDC", "BDC"]),
            None,
        ),
        ("banzhaf, majority of 2,000 (accept)", lambda: len(power.banzhaf(board_2000)), 2_000),
        ("banzhaf, majority of 10,000", lambda: power.banzhaf(board_10000), None),
        ("shapley_shubik, majority of 10,000", lambda: power.shapley_shubik(board_10000), None),
        (
            "monte_carlo_samples(30, tolerance=1e-6)",
            lambda: power.monte_carlo_samples(30, tolerance=1e-6, confidence=0.95),
            None,
        ),
        (
            "monte_carlo_samples(30, tolerance=1e-300)",
            lambda: power.monte_carlo_samples(30, tolerance=1e-300, confidence=0.95),
            None,
        ),
        ("minimal_blocking, 26 members", lambda: power.minimal_blocking(board_26), None),
        ("Model.run(1_000_000_000)", lambda: model.run(1_000_000_000, seed=0), None),
        ("Member(voting='no')", lambda: Member("a", "A", "BDC", voting="no"), None),
        ("Member(roles=[1])", lambda: Member("a", "A", "BDC", roles=[1]), None),
        ("Authority(kind=5)", lambda: Authority("A", "A", kind=5), None),
        (
            "Term(trial=relativedelta(years=10**6))",
            lambda: Term(dt.date(2008, 6, 30), trial=relativedelta(years=10**6)),
            None,
        ),
        ("Term(independently='no')", lambda: Term(dt.date(2008, 6, 30), independently="no"), None),
        (
            "ServiceArrangement(depends_on='payroll')",
            lambda: ServiceArrangement("x", "X", ["A"], depends_on="payroll"),
            None,
        ),
        ("ServiceArrangement(kind=5)", lambda: ServiceArrangement("x", "X", ["A"], kind=5), None),
        ("Officer('BDC\\n')", lambda: Officer("BDC\n", "K", "BDC"), None),
        ("Officer('BDC\\x00')", lambda: Officer("BDC\x00", "K", "BDC"), None),
        ("Officer('BDC\\u202e')", lambda: Officer("BDC\u202e", "K", "BDC"), None),
    ]


def outcome(call: Callable[[], object]) -> tuple[str, Any]:
    try:
        return "value", call()
    except SharegovError as exc:
        return "refused", exc
    except Exception as exc:  # a crash: reported as a failure below
        return "crashed", exc


def main() -> int:
    rows = []
    failures = []
    for name, call, want in cases():
        kind, got = outcome(call)
        if (want is None and kind != "refused") or (want is not None and got != want):
            failures.append(
                f"{name}: expected {'a refusal' if want is None else want!r}, {kind} {got!r}"
            )
        seconds = best_time(lambda call=call: outcome(call), number=1, repeat=3)  # type: ignore[misc]
        rows.append((seconds, name, kind, str(got)[:90]))
    rows.sort(reverse=True)
    for seconds, name, kind, text in rows:
        print(f"{seconds * 1000:9.2f} ms  {kind:8}  {name}\n{'':22}{text}")
    slowest = max((r for r in rows if r[2] == "refused"), default=None)
    if slowest is not None:
        met = "met" if slowest[0] <= TARGET else "NOT met"
        print(
            f"slowest refusal: {slowest[1]}, {slowest[0]:.3f} s (target <= {TARGET:.0f} s: {met})"
        )
    for failure in failures:
        print("FAILED", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
