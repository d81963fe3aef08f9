"""Apportionment schedules as councils publish them: a basis, driver counts, whole percentages.

Shared services publish, per service, the basis of the recharge ("caseload", "calls",
"permanent posts", "rated properties", "time allocation" or "equal"), each partner's
driver count, and the split that follows, rounded to whole percentages. Three rules recur
in those papers, and each is a split rule here (usable as a :class:`~sharegov.costs.CostItem`
``split``):

- :class:`Apportionment`: the schedule line itself. The estimated split is kept unless the
  actual drivers move some partner's share by more than a tolerance (e.g. 3 percentage
  points), when the actual split replaces it.
- :class:`WithEffectFrom`: a split that changes "with effect from" a date part-way through
  a financial year, pro-rated by days, exactly.
- :class:`Dampened`: when a new method would raise any partner's contribution above what it
  paid before, it pays its old contribution and the partners whose contributions fall
  absorb the difference, shown as an adjustment.

Percentages are rounded by :func:`whole_percentages`, the largest-remainder (Hamilton)
method: each partner first gets the whole part of its exact percentage, and the points left
over go to the largest fractional parts (ties to the partner listed first), so the
percentages always sum to exactly 100 and each is within one point of its exact value.

Examples:
    >>> line = Apportionment("Benefits", basis="caseload",
    ...                      drivers={"A": 1_200, "B": 800, "C": 500})
    >>> dict(line.percentages())
    {'A': 48, 'B': 32, 'C': 20}
    >>> line.split(Money.parse("£250,000"), ["A", "B", "C"])
    {'A': Money(12000000), 'B': Money(8000000), 'C': Money(5000000)}
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

import attrs

from sharegov._frozen import FrozenMap, frozen_map
from sharegov._optional import require
from sharegov._validate import is_date
from sharegov._words import day
from sharegov.costs import SplitRule, _rule
from sharegov.errors import InvalidRule, InvalidValue, UnknownId, expected
from sharegov.money import ZERO, FinancialYear, Money, allocate, apportion, to_money
from sharegov.parties import _text

__all__ = [
    "BASES",
    "Apportionment",
    "Dampened",
    "WithEffectFrom",
    "schedule_frame",
    "whole_percentages",
]

#: The bases councils publish; any other non-empty wording is accepted as written.
BASES = (
    "caseload",
    "calls",
    "permanent posts",
    "rated properties",
    "time allocation",
    "equal",
)

#: The most partners one schedule line may name (rounding sorts them: linear in practice).
MAX_PARTNERS = 1_000


def _count(field: str, value: Any) -> Fraction:
    if isinstance(value, float):
        raise TypeError(expected(field, "an int or Fraction driver count (no floats)", value))
    if isinstance(value, bool) or not isinstance(value, int | Fraction):
        raise InvalidValue(expected(field, "a driver count (an int or Fraction)", value))
    if value < 0:
        plain = int(value) if Fraction(value).denominator == 1 else str(value)
        raise InvalidValue(expected(field, "a driver count >= 0", plain))
    return Fraction(value)


def _counts(field: str, value: Any) -> FrozenMap[str, Fraction]:
    if not isinstance(value, Mapping) or not value:
        raise InvalidValue(expected(field, "a non-empty mapping of partner to driver count", value))
    if len(value) > MAX_PARTNERS:
        raise InvalidValue(expected(field, f"at most {MAX_PARTNERS} partners", len(value)))
    out = {}
    for key, count in value.items():
        if not isinstance(key, str) or not key:
            raise InvalidValue(expected(field, "partner codes as keys", key))
        out[key] = _count(f"{field}.{key}", count)
    if sum(out.values(), Fraction(0)) == 0:
        raise InvalidValue(expected(field, "a driver count above zero for some partner", value))
    return frozen_map(out)


def _drivers(value: Any) -> FrozenMap[str, Fraction]:
    return _counts("drivers", value)


def _actual(value: Any) -> FrozenMap[str, Fraction] | None:
    return None if value is None else _counts("actual", value)


def _published(value: Any) -> FrozenMap[str, int] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or not value:
        raise InvalidValue(expected("published", "a mapping of partner to whole percent", value))
    out = {}
    for key, pct in value.items():
        if isinstance(pct, bool) or not isinstance(pct, int) or not 0 <= pct <= 100:
            raise InvalidValue(expected(f"published.{key}", "a whole percent 0 to 100", pct))
        out[str(key)] = pct
    return frozen_map(out)


def _tolerance(value: Any) -> Fraction:
    if isinstance(value, float):
        raise TypeError(expected("tolerance", "an int or Fraction of points (no floats)", value))
    if isinstance(value, bool) or not isinstance(value, int | Fraction) or value < 0:
        raise InvalidValue(expected("tolerance", "percentage points >= 0", value))
    return Fraction(value)


def _optional_date(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
        raise InvalidValue(expected(attribute.name, "a datetime.date or None", value))


def whole_percentages(drivers: Mapping[str, int | Fraction]) -> dict[str, int]:
    """Each partner's share of the drivers in whole percent, summing to exactly 100.

    The largest-remainder (Hamilton) method: every exact percentage is rounded down, and the
    points left over go one each to the largest fractional parts, ties to the partner listed
    first. Each result is within one point of the exact percentage.

    Raises:
        InvalidValue: No drivers, a negative count, or every count zero.

    Examples:
        >>> whole_percentages({"A": 1_200, "B": 800, "C": 500})
        {'A': 48, 'B': 32, 'C': 20}
        >>> whole_percentages({"A": 1, "B": 1, "C": 1})
        {'A': 34, 'B': 33, 'C': 33}
    """
    counts = _counts("drivers", drivers)
    return {key: m.pence for key, m in allocate(Money(100), dict(counts)).items()}


def _points(value: Fraction) -> str:
    """Percentage points in words: ``3``, ``2.5`` or ``1/3`` where not a neat decimal."""
    if value.denominator == 1:
        return str(value.numerator)
    if (value * 100).denominator == 1:
        return f"{float(value):g}"
    return str(value)


def _num(value: Fraction) -> str:
    if value.denominator == 1:
        return f"{value.numerator:,}"
    return str(value)


def _listing(percent: Mapping[str, int]) -> str:
    return ", ".join(f"{p} {v}%" for p, v in percent.items())


def _whole(counts: Mapping[str, Fraction]) -> bool:
    """Whether every partner's exact share of the counts is a whole percent (no rounding)."""
    total = sum(counts.values(), Fraction(0))
    return all((100 * c / total).denominator == 1 for c in counts.values())


@attrs.frozen
class Apportionment(SplitRule):
    """One service's line in a published apportionment schedule; a split rule.

    Args:
        service: The service, e.g. "Revenues and Benefits".
        basis: What is counted: one of :data:`BASES`, or the paper's own words.
        drivers: Each partner's estimated driver count (int or Fraction: time allocation may
            be in part hours). For an ``equal`` basis give every partner 1.
        actual: The actual driver counts, once known; None while only estimates exist.
        tolerance: The percentage points by which the actual drivers must move some
            partner's exact share before the split is revised; 3 points is common.
        published: The whole percentages the paper prints. Checked against the drivers: a
            published split that the drivers do not reproduce is refused, naming the partner.
        effective_from: The first day the schedule applies, if the paper gives one.
        effective_to: The last day, if any.

    The split in force is the estimated one, :meth:`percentages`, unless :attr:`actual` is
    given and :meth:`revised` finds a move of more than :attr:`tolerance`, when it is the
    actual split. Shares are the whole percentages over 100, exactly; the money goes
    through :func:`~sharegov.money.allocate`, so it sums to the penny. What the answer takes
    that the paper does not give is listed in :attr:`assumed` and said in :meth:`explain`.

    Examples:
        >>> line = Apportionment("Benefits", basis="caseload",
        ...                      drivers={"A": 1_200, "B": 800, "C": 500},
        ...                      actual={"A": 1_180, "B": 820, "C": 500}, tolerance=3)
        >>> line.revised(), dict(line.in_force())
        (False, {'A': 48, 'B': 32, 'C': 20})
        >>> print(line.explain())
        Benefits: split by caseload (A 1,200; B 800; C 500): A 48%, B 32%, C 20%.
          Actual caseload (A 1,180; B 820; C 500) gives A 47%, B 33%, C 20%; the largest move \
is 0.8 points (A), not more than the tolerance of 3 points, so the estimated split is kept.
    """

    service: str = attrs.field(validator=_text)
    basis: str = attrs.field(kw_only=True, validator=_text)
    drivers: Mapping[str, Fraction] = attrs.field(kw_only=True, converter=_drivers)
    actual: Mapping[str, Fraction] | None = attrs.field(
        default=None, kw_only=True, converter=_actual
    )
    tolerance: Fraction = attrs.field(default=Fraction(0), kw_only=True, converter=_tolerance)
    published: Mapping[str, int] | None = attrs.field(
        default=None, kw_only=True, converter=_published
    )
    effective_from: dt.date | None = attrs.field(
        default=None, kw_only=True, validator=_optional_date
    )
    effective_to: dt.date | None = attrs.field(default=None, kw_only=True, validator=_optional_date)

    def __attrs_post_init__(self) -> None:
        if self.actual is not None and set(self.actual) != set(self.drivers):
            raise UnknownId(
                expected(
                    "actual", f"counts for exactly {sorted(self.drivers)}", sorted(self.actual)
                )
            )
        if (
            self.effective_from is not None
            and self.effective_to is not None
            and self.effective_to < self.effective_from
        ):
            raise InvalidValue(
                expected(
                    "effective_to", f"a day on or after {self.effective_from}", self.effective_to
                )
            )
        if self.published is not None:
            derived = self.percentages()
            if set(self.published) != set(derived):
                raise UnknownId(
                    expected(
                        "published",
                        f"a percent for each of {sorted(derived)}",
                        sorted(self.published),
                    )
                )
            for partner, pct in derived.items():
                if self.published[partner] != pct:
                    raise InvalidRule(
                        expected(
                            f"published.{partner}",
                            f"{pct}%, the whole percent its {self.basis} drivers give"
                            f" ({_listing(derived)})",
                            f"{self.published[partner]}%",
                        )
                    )

    @classmethod
    def equal(cls, service: str, partners: Iterable[str], **kwargs: Any) -> Apportionment:
        """An ``equal`` basis: every partner counts 1 (so three partners get 34/33/33).

        Examples:
            >>> dict(Apportionment.equal("Audit", ["A", "B", "C"]).percentages())
            {'A': 34, 'B': 33, 'C': 33}
        """
        return cls(service, basis="equal", drivers=dict.fromkeys(partners, 1), **kwargs)

    def percentages(self) -> FrozenMap[str, int]:
        """The estimated split in whole percent (largest remainder), in the drivers' order."""
        return frozen_map(whole_percentages(self.drivers))

    def actual_percentages(self) -> FrozenMap[str, int] | None:
        """The actual drivers' split in whole percent, or None when no actuals are given."""
        return None if self.actual is None else frozen_map(whole_percentages(self.actual))

    def moves(self) -> dict[str, Fraction]:
        """How far the actual drivers move each partner, in exact percentage points.

        The move is the exact actual share (unrounded, times 100) less the estimated whole
        percent, so rounding the actuals can neither hide nor invent a move. Empty without
        actuals.
        """
        if self.actual is None:
            return {}
        total = sum(self.actual.values(), Fraction(0))
        estimated = self.percentages()
        return {p: 100 * self.actual[p] / total - estimated[p] for p in self.drivers}

    def revised(self) -> bool:
        """Whether the actual drivers move some partner by more than the tolerance."""
        return any(abs(m) > self.tolerance for m in self.moves().values())

    def in_force(self) -> FrozenMap[str, int]:
        """The split in force: the actual one when :meth:`revised`, else the estimated one."""
        actual = self.actual_percentages()
        return actual if actual is not None and self.revised() else self.percentages()

    @property
    def assumed(self) -> tuple[str, ...]:
        """What the split in force takes that the paper does not give, in words; empty when
        nothing is.

        - Whole percentages rounded by the largest remainder, where some partner's exact
          share is not a whole percent and no :attr:`published` split confirms the rounding
          (for the actual drivers, only when their split is the one in force: the decision
          to revise compares exact actual shares, unrounded).
        - A :attr:`tolerance` of 0 points where actual drivers are compared: it is the
          default when none is given, and with it any move revises the split.

        Examples:
            >>> line = Apportionment("Audit", basis="days", drivers={"A": 1, "B": 2})
            >>> line.assumed
            ('the estimated split rounded to whole percentages by the largest remainder, its \
exact shares not being whole (no published split given to check the rounding against)',)
            >>> Apportionment("Audit", basis="days", drivers={"A": 1, "B": 2},
            ...               published={"A": 33, "B": 67}).assumed
            ()
        """
        out = []
        if self.published is None and not _whole(self.drivers):
            out.append(
                "the estimated split rounded to whole percentages by the largest remainder,"
                " its exact shares not being whole (no published split given to check the"
                " rounding against)"
            )
        if self.actual is not None:
            if self.tolerance == 0:
                out.append(
                    "a tolerance of 0 points, the default where the paper gives none:"
                    " any move of the actual drivers revises the split"
                )
            if self.revised() and not _whole(self.actual):
                out.append(
                    "the revised split rounded to whole percentages by the largest remainder,"
                    " its exact shares not being whole (the paper's revised split is not"
                    " given)"
                )
        return tuple(out)

    def _shares(self, parties: tuple[str, ...]) -> dict[str, Fraction]:
        percent = self.in_force()
        if set(parties) != set(percent):
            raise UnknownId(
                expected(
                    "parties",
                    f"exactly the partners of the {self.service} schedule ({sorted(percent)})",
                    sorted(parties),
                )
            )
        return {p: Fraction(percent[p], 100) for p in parties}

    def describe(self) -> str:
        return f"by the {self.service} apportionment on {self.basis} ({_listing(self.in_force())})"

    def explain(self) -> str:
        """The schedule line in words for the minutes: drivers, split, and any revision.

        Examples:
            >>> line = Apportionment("ICT", basis="permanent posts",
            ...                      drivers={"A": 120, "B": 80},
            ...                      actual={"A": 100, "B": 100}, tolerance=3,
            ...                      effective_from=dt.date(2010, 4, 1))
            >>> print(line.explain())
            ICT: split by permanent posts (A 120; B 80): A 60%, B 40%, with effect from \
1 April 2010.
              Actual permanent posts (A 100; B 100) gives A 50%, B 50%; the largest move is \
10 points (A), more than the tolerance of 3 points, so the split is revised to A 50%, B 50%.
        """
        counts = "; ".join(f"{p} {_num(c)}" for p, c in self.drivers.items())
        when = []
        if self.effective_from is not None:
            when.append(f"with effect from {day(self.effective_from)}")
        if self.effective_to is not None:
            when.append(f"until {day(self.effective_to)}")
        dated = (", " + " ".join(when)) if when else ""
        lines = [
            f"{self.service}: split by {self.basis} ({counts}): "
            f"{_listing(self.percentages())}{dated}."
        ]
        actual = self.actual_percentages()
        if self.actual is not None and actual is not None:
            moves = self.moves()
            worst = max(moves, key=lambda p: abs(moves[p]))
            size = abs(moves[worst])
            counted = "; ".join(f"{p} {_num(c)}" for p, c in self.actual.items())
            head = (
                f"  Actual {self.basis} ({counted}) gives {_listing(actual)}; the largest move is"
                f" {_points(size)} points ({worst}), "
            )
            if self.revised():
                lines.append(
                    head + f"more than the tolerance of {_points(self.tolerance)} points,"
                    f" so the split is revised to {_listing(actual)}."
                )
            else:
                lines.append(
                    head + f"not more than the tolerance of {_points(self.tolerance)} points,"
                    " so the estimated split is kept."
                )
        lines.extend(f"  Assumed: {what}." for what in self.assumed)
        return "\n".join(lines)

    def to_dataframe(self) -> Any:
        """One row per partner, numeric columns (needs the ``simulate`` extra).

        Columns: ``partner``, ``drivers`` (float), ``percent`` (int64, estimated),
        ``actual`` (float, NaN without actuals), ``actual_percent`` (Int64, missing without
        actuals), ``move_points`` (float), ``in_force_percent`` (int64). ``attrs`` holds
        the ``service``, the ``basis`` and what was ``assumed`` (a list of words).
        """
        pd = require("pandas", "simulate")
        estimated, in_force, actual_pct = (
            self.percentages(),
            self.in_force(),
            self.actual_percentages(),
        )
        moves = self.moves()
        partners = list(self.drivers)
        frame = pd.DataFrame(
            {
                "partner": partners,
                "drivers": [float(self.drivers[p]) for p in partners],
                "percent": pd.Series([estimated[p] for p in partners], dtype="int64"),
                "actual": [
                    float(self.actual[p]) if self.actual is not None else float("nan")
                    for p in partners
                ],
                "actual_percent": pd.Series(
                    [actual_pct[p] if actual_pct is not None else None for p in partners],
                    dtype="Int64",
                ),
                "move_points": [float(moves[p]) if moves else 0.0 for p in partners],
                "in_force_percent": pd.Series([in_force[p] for p in partners], dtype="int64"),
            }
        )
        frame.attrs["service"] = self.service
        frame.attrs["basis"] = self.basis
        frame.attrs["assumed"] = list(self.assumed)
        return frame

    def _repr_html_(self) -> str:
        esc = html.escape
        estimated, in_force = self.percentages(), self.in_force()  # once, not per row
        rows = "".join(
            f"<tr><td>{esc(p)}</td><td>{esc(_num(self.drivers[p]))}</td>"
            f"<td>{estimated[p]}%</td><td>{in_force[p]}%</td></tr>"
            for p in self.drivers
        )
        return (
            f"<div><table><caption>{esc(self.service)} ({esc(self.basis)})</caption>"
            "<thead><tr><th>partner</th><th>drivers</th><th>estimated</th><th>in force</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>"
            f"<p>{esc(self.explain())}</p></div>"
        )


@attrs.frozen
class WithEffectFrom(SplitRule):
    """A split that changes "with effect from" a day part-way through a financial year.

    The amount is the year's: the days of the financial year before :attr:`day` are split by
    :attr:`before`, the rest (``day`` included) by :attr:`after`, each party's share being
    the day-weighted blend of its two shares, exactly (days over the year's 365 or 366).
    The year is the financial year containing ``day``; use this rule on that year's item,
    and :attr:`after` alone on later years' items.

    Examples:
        >>> from sharegov.costs import Equal, Fixed
        >>> rule = WithEffectFrom(Equal(), Fixed({"A": Fraction(3, 4), "B": Fraction(1, 4)}),
        ...                       day=dt.date(2010, 10, 1))
        >>> rule.days()
        (183, 182)
        >>> rule.shares(["A", "B"])
        {'A': Fraction(228, 365), 'B': Fraction(137, 365)}
        >>> rule.split(Money.parse("£36,500"), ["A", "B"])
        {'A': Money(2280000), 'B': Money(1370000)}
    """

    before: SplitRule = attrs.field(validator=_rule)
    after: SplitRule = attrs.field(validator=_rule)
    day: dt.date = attrs.field(kw_only=True, validator=is_date)

    def __attrs_post_init__(self) -> None:
        for name in ("before", "after"):
            if not getattr(self, name).linear:
                raise InvalidRule(
                    expected(
                        name, "a linear rule (a fixed share of the amount)", getattr(self, name)
                    )
                )

    @property
    def year(self) -> FinancialYear:
        """The financial year the change falls in."""
        return FinancialYear.of(self.day)

    def days(self) -> tuple[int, int]:
        """Days of the year under the old split and under the new one."""
        year = self.year
        whole = (year.end - year.start).days + 1
        before = (self.day - year.start).days
        return before, whole - before

    def _shares(self, parties: tuple[str, ...]) -> dict[str, Fraction]:
        old, new = self.before.shares(parties), self.after.shares(parties)
        before, after = self.days()
        whole = before + after
        return {p: (old[p] * before + new[p] * after) / whole for p in old}

    def describe(self) -> str:
        before, after = self.days()
        return (
            f"{self.before.describe()} for {before} days, then {self.after.describe()} with"
            f" effect from {day(self.day)} for {after} days of {self.year}"
        )


def _old(value: Any) -> FrozenMap[str, Money]:
    if not isinstance(value, Mapping) or not value:
        raise InvalidValue(expected("old", "a mapping of partner to its old contribution", value))
    out = {}
    for key, amount in value.items():
        money = to_money(amount, f"old.{key}")
        if money.pence < 0:
            raise InvalidValue(expected(f"old.{key}", "a contribution >= £0", money))
        out[str(key)] = money
    return frozen_map(out)


@attrs.frozen
class Dampened(SplitRule):
    """A new method, dampened: nobody pays more than its old contribution.

    Each partner's contribution under :attr:`rule` (the new method) is worked out exactly.
    A partner that would pay more than :attr:`old` pays its old contribution; the difference
    is absorbed by the partners that would pay less than before, in proportion to how much
    less (their gain from the new method). So no one pays more than before, no one absorbs
    more than its gain, and the total is unchanged; the money is rounded once, by largest
    remainder, so it sums to the penny. :meth:`adjustments` shows what moved.

    Dampening can hold everyone at or below their old contributions only when the amount is
    no more than the old total; a larger amount is refused, naming both.

    Examples:
        >>> from sharegov.costs import Proportional
        >>> rule = Dampened(Proportional({"A": 1, "B": 1, "C": 2}, basis="calls"),
        ...                 old={"A": "£30k", "B": "£30k", "C": "£40k"})
        >>> {p: str(m) for p, m in rule.split(Money.parse("£90k"), ["A", "B", "C"]).items()}
        {'A': '£25,000.00', 'B': '£25,000.00', 'C': '£40,000.00'}
        >>> {p: str(m) for p, m in rule.adjustments(Money.parse("£90k"), ["A", "B", "C"]).items()}
        {'A': '£2,500.00', 'B': '£2,500.00', 'C': '-£5,000.00'}
    """

    rule: SplitRule = attrs.field(validator=_rule)
    old: Mapping[str, Money] = attrs.field(kw_only=True, converter=_old)

    @property
    def linear(self) -> bool:  # type: ignore[override]
        return False

    def shares(self, parties: Sequence[str]) -> dict[str, Fraction]:
        # Refused whatever the parties: a non-linear rule has no shares.
        what = "a linear rule; dampening depends on the amount, so use split()"
        raise InvalidRule(f"rule: expected {what}, got {self.describe()!r}")

    def _exact(
        self, amount: Money, parties: tuple[str, ...]
    ) -> tuple[dict[str, Fraction], dict[str, Fraction]]:
        """The new method's exact contributions, and the dampened ones (pence, Fractions)."""
        given = list(parties)
        missing = [p for p in given if p not in self.old]
        if missing:
            raise UnknownId(expected("old", f"an old contribution for each of {given}", missing))
        if self.rule.linear:
            new = {p: amount.pence * s for p, s in self.rule.shares(given).items()}
        else:
            new = {p: Fraction(m.pence) for p, m in self.rule.split(amount, given).items()}
        old = {p: Fraction(self.old[p].pence) for p in given}
        ceiling = sum(old.values(), Fraction(0))
        if amount.pence > ceiling:
            raise InvalidValue(
                expected(
                    "amount",
                    f"at most the old contributions' total {Money(int(ceiling))}, so dampening"
                    " can hold every partner at or below its old contribution",
                    amount,
                )
            )
        if amount.pence < 0:
            raise InvalidValue(expected("amount", "a cost >= £0 to dampen", amount))
        excess = sum((new[p] - old[p] for p in given if new[p] > old[p]), Fraction(0))
        room = {p: old[p] - new[p] for p in given if new[p] < old[p]}
        headroom = sum(room.values(), Fraction(0))
        damped = {}
        for p in given:
            if new[p] > old[p]:
                damped[p] = old[p]
            elif p in room:
                damped[p] = new[p] + excess * room[p] / headroom
            else:
                damped[p] = new[p]
        return new, damped

    def _split(self, amount: Money, parties: tuple[str, ...]) -> dict[str, Money]:
        _, damped = self._exact(amount, parties)
        return apportion(damped)

    def adjustments(self, amount: Money, parties: Sequence[str]) -> dict[str, Money]:
        """What dampening moves, per partner: the dampened split less the new method's split
        (negative: a partner held at its old contribution; positive: a partner absorbing)."""
        amount = to_money(amount)
        new = self.rule.split(amount, parties)
        return {p: m - new[p] for p, m in self.split(amount, parties).items()}

    def describe(self) -> str:
        old = "; ".join(f"{p} {m}" for p, m in self.old.items())
        return (
            f"{self.rule.describe()}, dampened so that no partner pays more than before"
            f" ({old}); the difference is absorbed by those whose contributions fall"
        )

    def explain(self, amount: Money | str, parties: Iterable[str]) -> str:
        """The dampening of ``amount`` in words: each partner's new, adjustment and final.

        Examples:
            >>> from sharegov.costs import Proportional
            >>> rule = Dampened(Proportional({"A": 1, "B": 1, "C": 2}, basis="calls"),
            ...                 old={"A": "£30k", "B": "£30k", "C": "£40k"})
            >>> print(rule.explain("£90k", ["A", "B", "C"]))
            Dampened split of £90,000.00 (no partner pays more than before):
              A: new method £22,500.00; before £30,000.00; adjustment £2,500.00; pays £25,000.00
              B: new method £22,500.00; before £30,000.00; adjustment £2,500.00; pays £25,000.00
              C: new method £45,000.00; before £40,000.00; adjustment -£5,000.00; pays \
£40,000.00
              Absorbed by the partners whose contributions fall: £5,000.00
        """
        total, given = to_money(amount), list(parties)
        new = self.rule.split(total, given)
        final = self.split(total, given)
        lines = [f"Dampened split of {total} (no partner pays more than before):"]
        for p in given:
            lines.append(
                f"  {p}: new method {new[p]}; before {self.old[p]};"
                f" adjustment {final[p] - new[p]}; pays {final[p]}"
            )
        absorbed = sum((final[p] - new[p] for p in given if final[p] > new[p]), ZERO)
        if absorbed.pence:
            lines.append(f"  Absorbed by the partners whose contributions fall: {absorbed}")
        return "\n".join(lines)


def schedule_frame(lines: Iterable[Apportionment]) -> Any:
    """A whole published schedule as one DataFrame: :meth:`Apportionment.to_dataframe` for each
    service, with ``service`` and ``basis`` columns in front (needs the ``simulate`` extra).
    ``attrs["assumed"]`` lists what each line assumed, each led by its service.

    Examples:
        >>> frame = schedule_frame([
        ...     Apportionment("Benefits", basis="caseload", drivers={"A": 1_200, "B": 800}),
        ...     Apportionment("ICT", basis="permanent posts", drivers={"A": 66, "B": 37})])
        >>> frame.groupby("service")["in_force_percent"].sum().to_dict()
        {'Benefits': 100, 'ICT': 100}
    """
    pd = require("pandas", "simulate")
    frames = []
    for i, line in enumerate(lines):
        if not isinstance(line, Apportionment):
            raise InvalidValue(expected(f"lines[{i}]", "an Apportionment", line))
        frame = line.to_dataframe()
        frame.insert(0, "basis", line.basis)
        frame.insert(0, "service", line.service)
        frames.append(frame)
    if not frames:
        raise InvalidValue(expected("lines", "at least one schedule line", []))
    out = pd.concat(frames, ignore_index=True)
    out.attrs["assumed"] = [
        f"{frame.attrs['service']}: {what}" for frame in frames for what in frame.attrs["assumed"]
    ]
    return out
