"""Costs, grants and savings of an arrangement: split exactly and checked for fairness.

Concordat 6.2 (seed 001): "The Councils agree to share equally the costs associated with
the investigation and implementation of the agreed areas of joint working"; 6.1: savings
"will be shared equitably but these will be determined on a case by case basis". LGA 1972
s.103: joint committee costs are met "in such proportions as they may agree".

A split rule is frozen data, composable like a voting rule: :class:`Equal`,
:class:`Proportional`, :class:`Fixed`, :class:`LeadPays`, :class:`HostRecharge`,
:class:`CaseByCase`, :class:`Mix`, and the bounds :class:`Capped` and :class:`Floored`.
Every split goes through :func:`~sharegov.money.allocate`, so it sums to the penny.

Examples:
    >>> from sharegov.money import FinancialYear
    >>> fy = FinancialYear(2008)
    >>> plan = CostPlan(
    ...     ["BDC", "RBC"],
    ...     items=[CostItem("business-case", "Business case", "£110,000",
    ...                     category=Category.INVESTIGATION, year=fy)],
    ...     grants=[Grant("WMRIEP", "£30,000 to £40,000", covers={"business-case"})],
    ...     match_funding=[MatchFunding("£40,000", covers={"business-case"})],
    ...     savings=[SavingsStream("payroll", "Payroll moved to RBC", "£40k",
    ...                            start=dt.date(2008, 9, 1))],
    ... )
    >>> st = plan.statement(years=3)
    >>> [str(m) for m in st.net("BDC")]
    ['-£28,333.33', '£20,000.00', '£20,000.00']
    >>> str(st.payback_year("BDC"))
    '2010/11'
"""

from __future__ import annotations

import datetime as dt
import enum
import html
import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any, ClassVar, Literal

import attrs

from sharegov._frozen import FrozenMap, frozen_map
from sharegov._optional import require
from sharegov._validate import instances, optional_date, sequence
from sharegov._words import day, from_to, plural
from sharegov.errors import InvalidRule, InvalidValue, LimitExceeded, UnknownId, expected
from sharegov.money import ZERO, FinancialYear, Money, MoneyRange, allocate, apportion, to_money
from sharegov.parties import Authority, _identifier, _text

__all__ = [
    "MAX_GAME_PARTIES",
    "MAX_NUCLEOLUS_PARTIES",
    "Allocation",
    "Assume",
    "Capped",
    "CaseByCase",
    "Category",
    "CostGame",
    "CostItem",
    "CostPlan",
    "Equal",
    "Fairness",
    "Fixed",
    "Floored",
    "Grant",
    "HostRecharge",
    "LeadPays",
    "MatchFunding",
    "Mix",
    "Nucleolus",
    "Pot",
    "Proportional",
    "SavingsStream",
    "SplitRule",
    "Statement",
    "fairness",
    "first_year",
    "months_in",
    "months_through",
    "nucleolus",
    "shapley",
    "year_fraction",
]


def _as_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """An attrs converter: any iterable to a tuple (a named function, so mypy can type it)."""
    return tuple(value)


#: Exact Shapley values and core checks enumerate every coalition: 2**12 = 4,096 at most.
MAX_GAME_PARTIES = 12

Assume = Literal["prudent", "low", "mid", "high"]


def _names(parties: Iterable[str]) -> str:
    names = list(parties)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _how(rule: SplitRule, parties: Sequence[str], *, paid: bool) -> str:
    """The rule in words for these parties: one party alone bears or gets it all, not "shared"."""
    if len(parties) == 1:
        return f"paid by {parties[0]} alone" if paid else f"all to {parties[0]}"
    return rule.describe()


def _pays(amount: Money) -> str:
    """``pays £X``, or for a negative amount ``receives a credit of £X``."""
    return f"pays {amount}" if amount.pence >= 0 else f"receives a credit of {-amount}"


def _saves(amount: Money) -> str:
    """``saves £X``, or for a negative saving ``costs £X more``."""
    return f"saves {amount}" if amount.pence >= 0 else f"costs {-amount} more"


def _weight_value(field: str, value: Any) -> Fraction:
    if isinstance(value, float):
        raise TypeError(expected(field, "an int or Fraction (no floats)", value))
    if isinstance(value, bool) or not isinstance(value, int | Fraction):
        raise InvalidValue(expected(field, "an int or Fraction", value))
    if value < 0:
        raise InvalidValue(expected(field, "a number >= 0", value))
    return Fraction(value)


def _weights(field: str, value: Any) -> FrozenMap[str, Fraction]:
    if not isinstance(value, Mapping) or not value:
        raise InvalidValue(expected(field, "a non-empty mapping of authority to number", value))
    return frozen_map({str(k): _weight_value(f"{field}.{k}", v) for k, v in value.items()})


def _by(value: Any) -> FrozenMap[str, Fraction]:
    return _weights("by", value)


def _of(value: Any) -> FrozenMap[str, Fraction]:
    return _weights("of", value)


def _usage(value: Any) -> FrozenMap[str, Fraction]:
    return _weights("usage", value)


def _parties(value: Any) -> tuple[str, ...]:
    given = sequence(value, "parties", "a sequence of authority codes")
    codes = tuple(p.code if isinstance(p, Authority) else p for p in given)
    if not codes or len(set(codes)) != len(codes):
        raise InvalidValue(expected("parties", "distinct authority codes", codes))
    for code in codes:
        if not isinstance(code, str) or not code:
            raise InvalidValue(expected("parties", "authority codes", codes))
    return codes


def _distinct(parties: Sequence[str]) -> tuple[str, ...]:
    """The parties a split is asked for, refusing a bare string and any party named twice
    (the two would share one entry, so one party would be given both parts)."""
    given = sequence(parties, "parties", "a sequence of authority codes")
    seen: set[str] = set()
    for party in given:
        if party in seen:
            raise InvalidValue(expected("parties", "each party once", list(given)))
        seen.add(party)
    return given


# ---------------------------------------------------------------------------------------------
# Split rules
# ---------------------------------------------------------------------------------------------


class SplitRule:
    """How an amount is split among parties. Subclasses are frozen attrs classes.

    :meth:`split` always returns every party given, in that order, summing exactly to the
    amount. A negative amount (a credit) is split like a positive one, negated.

    The public methods check the parties once (a sequence, each party once) and hand them on
    to the hooks a subclass writes: :meth:`_shares` and, where the split is not simply the
    shares allocated to the penny, :meth:`_split`.
    """

    #: True when the split is a fixed share of the amount (no caps or floors).
    linear: ClassVar[bool] = True

    def shares(self, parties: Sequence[str]) -> dict[str, Fraction]:
        """Each party's exact share of any amount; only for linear rules."""
        return self._shares(_distinct(parties))

    def split(self, amount: Money, parties: Sequence[str]) -> dict[str, Money]:
        """Split ``amount`` among ``parties`` to the penny."""
        return self._split(to_money(amount), _distinct(parties))

    def _shares(self, parties: tuple[str, ...]) -> dict[str, Fraction]:
        """The shares of ``parties``, already checked to be distinct."""
        raise NotImplementedError

    def _split(self, amount: Money, parties: tuple[str, ...]) -> dict[str, Money]:
        """The split of ``amount`` among ``parties`` (checked): the shares, to the penny."""
        return allocate(amount, self._shares(parties))

    def describe(self) -> str:
        """The rule in plain English, for the minutes."""
        raise NotImplementedError


def _normalise(
    weights: Mapping[str, Fraction], parties: tuple[str, ...], field: str
) -> dict[str, Fraction]:
    missing = [p for p in parties if p not in weights]
    if missing:
        raise UnknownId(expected(field, f"a value for every party ({_names(parties)})", missing))
    total = sum((weights[p] for p in parties), Fraction(0))
    if total == 0:
        raise InvalidValue(expected(field, "a value above zero for some party", dict(weights)))
    return {p: weights[p] / total for p in parties}


@attrs.frozen
class Equal(SplitRule):
    """Every party pays the same; the odd penny goes in the order the parties are given.

    Examples:
        >>> Equal().split(Money(10_001), ["BDC", "RBC"])
        {'BDC': Money(5001), 'RBC': Money(5000)}
    """

    def _shares(self, parties: tuple[str, ...]) -> dict[str, Fraction]:
        if not parties:
            raise InvalidValue(expected("parties", "at least one party", list(parties)))
        return {p: Fraction(1, len(parties)) for p in parties}

    def describe(self) -> str:
        return "shared equally"


@attrs.frozen
class Proportional(SplitRule):
    """In proportion to a metric given per authority: population, staff, transactions...

    Examples:
        >>> rule = Proportional({"BDC": 93_637, "RBC": 84_214}, basis="population")
        >>> rule.split(Money.parse("£100"), ["BDC", "RBC"])
        {'BDC': Money(5265), 'RBC': Money(4735)}
        >>> rule.describe()
        'in proportion to population (BDC 93,637; RBC 84,214)'
    """

    by: Mapping[str, Fraction] = attrs.field(converter=_by)
    basis: str = attrs.field(default="the agreed metric", kw_only=True, validator=_text)

    @classmethod
    def population(cls, authorities: Iterable[Authority]) -> Proportional:
        """In proportion to each authority's ``population``."""
        pops: dict[str, int] = {}
        for a in authorities:
            if a.population is None:
                raise InvalidValue(expected(f"{a.code}.population", "a population", None))
            pops[a.code] = a.population
        return cls(pops, basis="population")

    def _shares(self, parties: tuple[str, ...]) -> dict[str, Fraction]:
        return _normalise(self.by, parties, "by")

    def describe(self) -> str:
        values = "; ".join(f"{k} {_number(v)}" for k, v in self.by.items())
        return f"in proportion to {self.basis} ({values})"


def _number(value: Fraction) -> str:
    if value.denominator == 1:
        return f"{int(value):,}"
    return str(value)


@attrs.frozen
class Fixed(SplitRule):
    """Agreed fixed shares, which must sum to 1 (over a subset they are rescaled).

    Examples:
        >>> Fixed({"HDC": Fraction(1, 2), "SCDC": Fraction(1, 4), "CCC": Fraction(1, 4)}).describe()
        'in fixed shares (HDC 1/2; SCDC 1/4; CCC 1/4)'
    """

    of: Mapping[str, Fraction] = attrs.field(converter=_of)

    def __attrs_post_init__(self) -> None:
        total = sum(self.of.values(), Fraction(0))
        if total != 1:
            raise InvalidRule(expected("of", "shares summing to 1", total))

    def _shares(self, parties: tuple[str, ...]) -> dict[str, Fraction]:
        return _normalise(self.of, parties, "of")

    def describe(self) -> str:
        return "in fixed shares (" + "; ".join(f"{k} {v}" for k, v in self.of.items()) + ")"


@attrs.frozen
class LeadPays(SplitRule):
    """The lead authority meets the whole amount.

    Examples:
        >>> LeadPays("BDC").split(Money(500), ["BDC", "RBC"])
        {'BDC': Money(500), 'RBC': Money(0)}
    """

    lead: str = attrs.field(validator=_identifier)

    def _shares(self, parties: tuple[str, ...]) -> dict[str, Fraction]:
        if self.lead not in parties:
            raise UnknownId(expected("lead", f"one of {_names(parties)}", self.lead))
        return {p: Fraction(int(p == self.lead)) for p in parties}

    def describe(self) -> str:
        return f"met by the lead authority, {self.lead}"


@attrs.frozen
class HostRecharge(SplitRule):
    """The host delivers and recovers the cost from partners by their usage.

    Each party's net share is its usage over total usage, the host's own usage included.

    Examples:
        >>> rule = HostRecharge("RBC", {"RBC": 600, "BDC": 400}, unit="payslips a month")
        >>> rule.split(Money(1_000), ["BDC", "RBC"])
        {'BDC': Money(400), 'RBC': Money(600)}
        >>> rule.describe()
        'hosted by RBC and recharged by usage (payslips a month: RBC 600; BDC 400)'
    """

    host: str = attrs.field(validator=_identifier)
    usage: Mapping[str, Fraction] = attrs.field(converter=_usage)
    unit: str = attrs.field(default="usage", kw_only=True, validator=_text)

    def __attrs_post_init__(self) -> None:
        if self.host not in self.usage:
            raise InvalidRule(expected("host", "a party with a usage figure", self.host))

    def _shares(self, parties: tuple[str, ...]) -> dict[str, Fraction]:
        if self.host not in parties:
            raise UnknownId(expected("host", f"one of {_names(parties)}", self.host))
        return _normalise(self.usage, parties, "usage")

    def describe(self) -> str:
        values = "; ".join(f"{k} {_number(v)}" for k, v in self.usage.items())
        return f"hosted by {self.host} and recharged by usage ({self.unit}: {values})"


def _rule(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, SplitRule):
        raise InvalidRule(expected(attribute.name, "a split rule", value))


@attrs.frozen
class CaseByCase(SplitRule):
    """A split agreed for one case, with the reason recorded (concordat 6.1).

    Examples:
        >>> rule = CaseByCase(Fixed({"BDC": Fraction(1, 3), "RBC": Fraction(2, 3)}),
        ...                   reason="RBC gains the HR system", decided_by="Shared Services Board")
        >>> rule.describe()
        'as agreed case by case by Shared Services Board: in fixed shares (BDC 1/3; RBC 2/3), \
because RBC gains the HR system'
    """

    agreed: SplitRule = attrs.field(validator=_rule)
    reason: str = attrs.field(kw_only=True, validator=_text)
    decided_by: str | None = attrs.field(default=None, kw_only=True)
    decided_on: dt.date | None = attrs.field(default=None, kw_only=True)

    @property
    def linear(self) -> bool:  # type: ignore[override]
        return self.agreed.linear

    def _shares(self, parties: tuple[str, ...]) -> dict[str, Fraction]:
        return self.agreed.shares(parties)

    def _split(self, amount: Money, parties: tuple[str, ...]) -> dict[str, Money]:
        return self.agreed.split(amount, parties)

    def describe(self) -> str:
        who = f" by {self.decided_by}" if self.decided_by else ""
        when = f" on {day(self.decided_on)}" if self.decided_on else ""
        return f"as agreed case by case{who}{when}: {self.agreed.describe()}, because {self.reason}"


def _parts(value: Any) -> tuple[tuple[Fraction, SplitRule], ...]:
    parts = tuple((Fraction(_weight_value("parts", w)), r) for w, r in value)
    if not parts or sum(w for w, _ in parts) != 1:
        raise InvalidRule(
            expected("parts", "(weight, rule) pairs with weights summing to 1", value)
        )
    for _, rule in parts:
        if not isinstance(rule, SplitRule):
            raise InvalidRule(expected("parts", "split rules", rule))
    return parts


@attrs.frozen
class Mix(SplitRule):
    """A blend: part of the amount split one way, part another (e.g. half equal, half population).

    Examples:
        >>> half = Fraction(1, 2)
        >>> rule = Mix([(half, Equal()), (half, Proportional({"A": 3, "B": 1}))])
        >>> rule.split(Money(800), ["A", "B"])
        {'A': Money(500), 'B': Money(300)}
    """

    parts: tuple[tuple[Fraction, SplitRule], ...] = attrs.field(converter=_parts)

    @property
    def linear(self) -> bool:  # type: ignore[override]
        return all(rule.linear for _, rule in self.parts)

    def _shares(self, parties: tuple[str, ...]) -> dict[str, Fraction]:
        out = dict.fromkeys(parties, Fraction(0))
        for weight, rule in self.parts:
            for p, share in rule.shares(parties).items():
                out[p] += weight * share
        return out

    def _split(self, amount: Money, parties: tuple[str, ...]) -> dict[str, Money]:
        pieces = allocate(amount, {i: w for i, (w, _) in enumerate(self.parts)})
        out = dict.fromkeys(parties, ZERO)
        for i, (_, rule) in enumerate(self.parts):
            for p, part in rule.split(pieces[i], parties).items():
                out[p] += part
        return out

    def describe(self) -> str:
        return "; ".join(f"{w} {rule.describe()}" for w, rule in self.parts)


def _bounds(value: Any) -> FrozenMap[str, Money]:
    if not isinstance(value, Mapping) or not value:
        raise InvalidValue(expected("limits", "a mapping of authority to amount", value))
    out = {str(k): to_money(v, f"limits.{k}") for k, v in value.items()}
    for k, v in out.items():
        if v.pence < 0:
            raise InvalidValue(f"limits.{k}: expected an amount >= £0, got {v}")
    return frozen_map(out)


@attrs.frozen
class _Bounded(SplitRule):
    rule: SplitRule = attrs.field(validator=_rule)
    limits: Mapping[str, Money] = attrs.field(converter=_bounds)
    linear: ClassVar[bool] = False
    _cap: ClassVar[bool]
    _word: ClassVar[str]

    def shares(self, parties: Sequence[str]) -> dict[str, Fraction]:
        # Refused whatever the parties: a non-linear rule has no shares.
        what = f"a linear rule; {self._word}s depend on the amount, so use split()"
        raise InvalidRule(f"rule: expected {what}, got {self.describe()!r}")

    def _split(self, amount: Money, parties: tuple[str, ...]) -> dict[str, Money]:
        remaining, free, pinned = abs(amount), list(parties), {}
        while True:
            if not free:
                if remaining:
                    limits = _names(f"{p} {self.limits[p]}" for p in parties if p in self.limits)
                    raise InvalidValue(
                        f"limits: expected {self._word}s that can meet {abs(amount)}, got {limits}"
                    )
                parts: dict[str, Money] = {}
                break
            parts = self.rule.split(remaining, free)
            hit = [
                p
                for p in free
                if p in self.limits
                and (parts[p] > self.limits[p] if self._cap else parts[p] < self.limits[p])
            ]
            if not hit:
                break
            if not self._cap and sum((self.limits[p] for p in hit), ZERO) > remaining:
                floors = _names(f"{p} {self.limits[p]}" for p in hit)
                raise InvalidValue(
                    f"limits: expected floors that fit within {abs(amount)}, got {floors}"
                )
            for p in hit:
                pinned[p] = self.limits[p]
                remaining -= self.limits[p]
                free.remove(p)
        merged = {p: pinned.get(p, parts.get(p, ZERO)) for p in parties}
        return {p: -m for p, m in merged.items()} if amount.pence < 0 else merged

    def describe(self) -> str:
        limits = "; ".join(f"{k} {v}" for k, v in self.limits.items())
        return f"{self.rule.describe()}, with {self._word}s ({limits})"


@attrs.frozen
class Capped(_Bounded):
    """A rule with caps: no party pays more than its cap; the excess falls on the others.

    Examples:
        >>> Capped(Equal(), {"C": Money(1_000)}).split(Money(9_000), ["A", "B", "C"])
        {'A': Money(4000), 'B': Money(4000), 'C': Money(1000)}
    """

    _cap: ClassVar[bool] = True
    _word: ClassVar[str] = "cap"


@attrs.frozen
class Floored(_Bounded):
    """A rule with floors: each party pays at least its floor; the others pay less.

    Examples:
        >>> Floored(Equal(), {"C": Money(5_000)}).split(Money(9_000), ["A", "B", "C"])
        {'A': Money(2000), 'B': Money(2000), 'C': Money(5000)}
    """

    _cap: ClassVar[bool] = False
    _word: ClassVar[str] = "floor"


# ---------------------------------------------------------------------------------------------
# Items, funding, savings
# ---------------------------------------------------------------------------------------------


class Category(enum.Enum):
    """What a cost is for (concordat 6.2 shares investigation and implementation)."""

    INVESTIGATION = "investigation"
    IMPLEMENTATION = "implementation"
    RUNNING = "running"


def _amount(value: Any) -> Money | MoneyRange:
    if isinstance(value, Money | MoneyRange):
        return value
    if isinstance(value, str):
        parsed = MoneyRange.parse(value)
        return parsed.low if parsed.low == parsed.high else parsed
    raise InvalidValue(expected("amount", "a Money, MoneyRange or text such as '£40k'", value))


def _pick(amount: Money | MoneyRange, assume: Assume, income: bool) -> Money:
    if isinstance(amount, Money):
        return amount
    if assume == "mid":
        return amount.midpoint
    low = assume == "low" or (assume == "prudent" and income)
    return amount.low if low else amount.high


def _year(value: Any) -> FinancialYear:
    if isinstance(value, FinancialYear):
        return value
    if isinstance(value, dt.date):
        return FinancialYear.of(value)
    if isinstance(value, str):
        return FinancialYear.parse(value)
    raise InvalidValue(expected("year", "a FinancialYear, date or text such as '2008/09'", value))


def _optional_year(value: Any) -> FinancialYear | None:
    return None if value is None else _year(value)


def _ids(value: Any) -> frozenset[str] | None:
    if value is None:
        return None
    return frozenset(sequence(value, "covers", "a set of item ids"))


_optional_rule = attrs.validators.optional(_rule)


@attrs.frozen
class CostItem:
    """A cost of the arrangement: one-off or recurring, by financial year.

    Args:
        id: Identifier, unique in the plan.
        description: In words.
        amount: Per year if recurring. A :class:`~sharegov.money.MoneyRange` when uncertain.
        category: See :class:`Category`.
        year: The (first) financial year it falls in.
        recurring: Every year from ``year`` (to ``until``, if given).
        until: The last year of a recurring cost.
        incurred_by: The council whose books it is in, if one.
        shared: False for costs "incurred notwithstanding" the arrangement (seed 001): they
            are coded separately and not shared.
        split: This item's split rule; the plan's ``cost_split`` when None.
        assumed: True where the paper does not give the cost as written here (its year,
            say); the statement says so.
        note: Why, or where it comes from.
    """

    id: str = attrs.field(validator=_identifier)
    description: str = attrs.field(validator=_text)
    amount: Money | MoneyRange = attrs.field(converter=_amount)
    category: Category = attrs.field(kw_only=True, validator=attrs.validators.instance_of(Category))
    year: FinancialYear = attrs.field(kw_only=True, converter=_year)
    recurring: bool = attrs.field(default=False, kw_only=True)
    until: FinancialYear | None = attrs.field(default=None, kw_only=True, converter=_optional_year)
    incurred_by: str | None = attrs.field(default=None, kw_only=True)
    shared: bool = attrs.field(default=True, kw_only=True)
    split: SplitRule | None = attrs.field(default=None, kw_only=True, validator=_optional_rule)
    assumed: bool = attrs.field(default=False, kw_only=True)
    note: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.until is not None and (not self.recurring or self.until < self.year):
            raise InvalidValue(
                expected("until", f"a year from {self.year} on a recurring cost", self.until)
            )
        if not self.shared and self.incurred_by is None:
            raise InvalidValue(
                expected("incurred_by", "the council bearing an unshared cost", None)
            )

    def in_year(self, year: FinancialYear) -> bool:
        """Whether the cost falls in ``year``."""
        if not self.recurring:
            return year == self.year
        return self.year <= year and (self.until is None or year <= self.until)


@attrs.frozen
class Grant:
    """External funding, paid against the costs it covers, in the order the items are listed.

    Args:
        funder: Who gives it, e.g. ``"WMRIEP"``.
        amount: The amount, or a range such as ``"£30,000 to £40,000"``.
        covers: Ids of the items it may pay for; all shared items when None.
        assumed: True where the paper does not give the grant as written here.
        note: Why, or where it comes from.
    """

    funder: str = attrs.field(validator=_text)
    amount: Money | MoneyRange = attrs.field(converter=_amount)
    covers: frozenset[str] | None = attrs.field(default=None, kw_only=True, converter=_ids)
    assumed: bool = attrs.field(default=False, kw_only=True)
    note: str = attrs.field(default="", kw_only=True)


@attrs.frozen
class MatchFunding:
    """Each council's contribution towards the covered costs, after grants and up to a maximum.

    "Each Council provide match funding of £40,000": ``MatchFunding("£40,000")``. Only what
    is needed is drawn, from every council in proportion to its maximum.

    Args:
        each: The most each council puts in.
        covers: Ids of the items it may pay for; all shared items when None.
        parties: The councils contributing; every party when None.
    """

    each: Money = attrs.field(converter=to_money)
    covers: frozenset[str] | None = attrs.field(default=None, kw_only=True, converter=_ids)
    parties: tuple[str, ...] | None = attrs.field(default=None, kw_only=True)


def _start(value: Any) -> dt.date | FinancialYear:
    if isinstance(value, FinancialYear | dt.date):
        return value
    return _year(value)


def first_year(start: dt.date | FinancialYear) -> FinancialYear:
    """The financial year a flow starting at ``start`` (a date or a year) begins in."""
    return start if isinstance(start, FinancialYear) else FinancialYear.of(start)


def _month(start: dt.date | FinancialYear) -> int:
    """The month a flow starts in, counted from year 0 (a date's month counts in full)."""
    if isinstance(start, FinancialYear):
        return start.start_year * 12 + 3
    return start.year * 12 + start.month - 1


def _flow_months(years: int | None) -> int | None:
    """How many months a flow of ``years`` years lasts; None when it runs on."""
    return None if years is None else years * 12


def months_through(start: dt.date | FinancialYear, years: int | None, year: FinancialYear) -> int:
    """The months of a flow of ``years`` years from ``start`` that have fallen by the end of
    financial ``year``."""
    done = (year.start_year * 12 + 15) - _month(start)
    total = _flow_months(years)
    return max(0, done if total is None else min(done, total))


def months_in(
    start: dt.date | FinancialYear, years: int | None, year: FinancialYear
) -> tuple[int, int]:
    """The months of a flow of ``years`` years from ``start`` that have fallen by the end of
    financial ``year`` and by its start (the end of the year before): the months in ``year``
    are the difference, and each running total can be rounded once so the years add up.

    Examples:
        >>> start = dt.date(2009, 9, 1)
        >>> [months_in(start, 3, FinancialYear(y)) for y in range(2009, 2014)]
        [(7, 0), (19, 7), (31, 19), (36, 31), (36, 36)]
    """
    before = months_through(start, years, FinancialYear(year.start_year - 1))
    return months_through(start, years, year), before


def year_fraction(
    start: dt.date | FinancialYear, years: int | None, year: FinancialYear
) -> Fraction:
    """The share of a full year's flow falling in ``year``.

    A flow lasts ``years`` years *from its start* (so 36 months for 3 years), or on when
    None. A start part-way through a year counts the whole months left in it (the start's
    month in full), and the months not reached in the first financial year fall in the
    last one: three years from 1 September 2009 are 7 months of 2009/10, the whole of
    2010/11 and 2011/12, and 5 months of 2012/13.

    Examples:
        >>> start = dt.date(2009, 9, 1)
        >>> [str(year_fraction(start, 3, FinancialYear(y))) for y in range(2009, 2014)]
        ['7/12', '1', '1', '5/12', '0']
    """
    through, before = months_in(start, years, year)
    return Fraction(through - before, 12)


def _optional_years(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 1):
        raise InvalidValue(expected(attribute.name, "a whole number of years >= 1, or None", value))


@attrs.frozen
class SavingsStream:
    """A saving a year from a start date, shared by a rule, for a stated time.

    How long it runs is said plainly: ``years``, counted from the start and not in financial
    years, or None (it runs to the end of any statement). A start part-way through a year
    counts the whole months left in that year (its month in full); the months of the last
    year not yet reached fall in the financial year after.

    Args:
        id: Identifier.
        description: In words.
        amount: The full-year saving; a range when uncertain.
        start: A date or the first financial year.
        years: How many years it lasts, from ``start``.
        split: How it is shared; the plan's ``savings_split`` when None.
        assumed: True where the paper does not give the amount or the dates as written
            here (e.g. an annual figure derived from a total); the statement says so.
        note: Why, or where the figures come from.

    Raises:
        InvalidValue: ``years`` not a whole number >= 1.

    Examples:
        "Net savings of £19.2m over 3 years", from September 2009: £6.4m a year for three
        years is £19.2m however the years fall across financial years.

        >>> s = SavingsStream("decats", "DECATS", "£6.4m", start=dt.date(2009, 9, 1), years=3)
        >>> plan = CostPlan(["DERBY"], savings=[s])
        >>> st = plan.statement(years=4)
        >>> [str(m) for m in st.receives["DERBY"]]
        ['£3,733,333.33', '£6,400,000.00', '£6,400,000.00', '£2,666,666.67']
        >>> str(sum(st.receives["DERBY"], Money(0)))
        '£19,200,000.00'
        >>> s.explain_term()
        'DECATS: £6,400,000.00 a year for 3 years, September 2009 to August 2012 (36 months): \
£19,200,000.00 in all'
    """

    id: str = attrs.field(validator=_identifier)
    description: str = attrs.field(validator=_text)
    amount: Money | MoneyRange = attrs.field(converter=_amount)
    start: dt.date | FinancialYear = attrs.field(kw_only=True, converter=_start)
    years: int | None = attrs.field(default=None, kw_only=True, validator=_optional_years)
    split: SplitRule | None = attrs.field(default=None, kw_only=True, validator=_optional_rule)
    assumed: bool = attrs.field(default=False, kw_only=True)
    note: str = attrs.field(default="", kw_only=True)

    @property
    def first_year(self) -> FinancialYear:
        """The financial year the saving starts in."""
        return first_year(self.start)

    @property
    def months(self) -> int | None:
        """How many months it runs; None when it runs on."""
        return _flow_months(self.years)

    def fraction_in(self, year: FinancialYear) -> Fraction:
        """The share of a full year's saving that falls in ``year``."""
        return year_fraction(self.start, self.years, year)

    def amount_in(self, year: FinancialYear, annual: Money) -> Money:
        """The saving in ``year`` at ``annual`` a year; over all years these sum exactly to
        ``annual`` times the months run over 12 (each year is the difference of running
        totals, each rounded once)."""
        through, before = months_in(self.start, self.years, year)
        return annual.scale(Fraction(through, 12)) - annual.scale(Fraction(before, 12))

    def explain_term(self, annual: Money | None = None) -> str:
        """How long it runs and what it comes to in all, in words."""
        amount = annual if annual is not None else self.amount
        months = self.months
        if months is None:
            since = _month_name(_month(self.start))
            return f"{self.description}: {amount} a year from {since}, with no end given"
        first, last = _month(self.start), _month(self.start) + months - 1
        span = f"{_month_name(first)} to {_month_name(last)} ({plural(months, 'month')})"
        length = f"for {plural(months // 12, 'year')}, {span}"
        total = ""
        if isinstance(amount, Money):
            total = f": {amount.scale(Fraction(months, 12))} in all"
        return f"{self.description}: {amount} a year {length}{total}"


_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


def _month_name(index: int) -> str:
    return f"{_MONTHS[index % 12]} {index // 12}"


@attrs.frozen
class Allocation:
    """A sum given from a :class:`Pot` to a body (a sub-regional partnership, a council).

    Args:
        to: Who receives it, e.g. ``"Lincolnshire SRP"``.
        amount: How much.
        purpose: What for.
        assumed: True where the paper does not give this allocation as written here.
        note: Why, or where it comes from.
    """

    to: str = attrs.field(validator=_text)
    amount: Money = attrs.field(converter=to_money)
    purpose: str = attrs.field(default="", kw_only=True)
    assumed: bool = attrs.field(default=False, kw_only=True)
    note: str = attrs.field(default="", kw_only=True)

    def describe(self) -> str:
        """The allocation in a line; an assumed one says so."""
        purpose = f" for {self.purpose}" if self.purpose else ""
        flag = f" (assumed: {self.note})" if self.assumed else ""
        return f"{self.to}: {self.amount}{purpose}{flag}"


def _allocations(value: Iterable[Allocation]) -> tuple[Allocation, ...]:
    return instances(value, Allocation, "allocations")


def _optional_money(value: Any) -> Money | None:
    return None if value is None else to_money(value)


@attrs.frozen
class Pot:
    """A sum of money held to be given out (a capital pot, a programme's budget), with what
    has been allocated from it and the remainder.

    Args:
        id: Identifier.
        description: In words.
        amount: The sum in the pot; None where the paper does not give it (then nothing can be
            said about a remainder, and nothing is refused).
        allocations: What has been given out, and to whom.
        decided_on: When the pot was set up or its use decided.
        by: Who decided.
        unused: What happens to what is not allocated, in the paper's words.
        assumed: True where the paper does not give the pot as written here.
        note: Why, or where it comes from.

    Raises:
        InvalidValue: Allocations that come to more than the pot holds (an over-allocation),
            naming the total allocated and the pot.

    Examples:
        >>> pot = Pot("capital", "Capital pot 2009/10", "£175k",
        ...           allocations=[Allocation("Lincolnshire SRP", "£80k"),
        ...                        Allocation("Nottinghamshire SRP", "£80k")])
        >>> str(pot.remainder)
        '£15,000.00'
        >>> Pot("capital", "Capital pot 2009/10", "£175k",
        ...     allocations=[Allocation(f"SRP {i}", "£80k") for i in range(3)])
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: allocations: expected at most the pot's £175,000.00 in all, \
got £240,000.00 (over-allocated by £65,000.00)
    """

    id: str = attrs.field(validator=_identifier)
    description: str = attrs.field(validator=_text)
    amount: Money | None = attrs.field(default=None, converter=_optional_money)
    allocations: tuple[Allocation, ...] = attrs.field(
        default=(), kw_only=True, converter=_allocations
    )
    decided_on: dt.date | None = attrs.field(default=None, kw_only=True, validator=optional_date)
    by: str = attrs.field(default="", kw_only=True)
    unused: str = attrs.field(default="", kw_only=True)
    assumed: bool = attrs.field(default=False, kw_only=True)
    note: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.amount is not None and self.allocated > self.amount:
            over = self.allocated - self.amount
            message = (
                f"allocations: expected at most the pot's {self.amount} in all, got "
                f"{self.allocated} (over-allocated by {over})"
            )
            raise InvalidValue(message)

    @property
    def allocated(self) -> Money:
        """The total given out."""
        return sum((a.amount for a in self.allocations), ZERO)

    @property
    def remainder(self) -> Money | None:
        """What is left; None where the pot's size is not given."""
        return None if self.amount is None else self.amount - self.allocated

    def explain(self) -> str:
        """The pot, each allocation and the remainder, in lines for a report."""
        when = f", {self.decided_on.day} {self.decided_on:%B %Y}" if self.decided_on else ""
        by = f" ({self.by}{when})" if self.by else when
        if self.amount is not None:
            head = f"{self.description}: {self.amount}{by}"
        else:
            head = f"{self.description}{by}: the total in the pot is not given"
        if self.assumed:
            head += f" (assumed: {self.note})"
        lines = [head]
        lines.extend(f"  {a.describe()}" for a in self.allocations)
        lines.append(f"  Allocated: {self.allocated}")
        rest = f"; {self.unused}" if self.unused else ""
        if self.remainder is not None:
            lines.append(f"  Remainder: {self.remainder}{rest}")
        else:
            lines.append(f"  Remainder: not known, as the total is not given{rest}")
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# The plan and its statement
# ---------------------------------------------------------------------------------------------


@attrs.frozen
class CostPlan:
    """The finances of an arrangement: costs, funding and savings, and how they are split.

    Order of funding for each cost: grants first, then match funding, then what remains is
    split by the item's rule (or ``cost_split``).

    Args:
        parties: The councils (codes or :class:`~sharegov.parties.Authority`).
        items: Cost items.
        grants: External grants.
        match_funding: Councils' match funding.
        savings: Savings streams.
        cost_split: The default split of costs (concordat 6.2: equal).
        savings_split: The default split of savings.
    """

    parties: tuple[str, ...] = attrs.field(converter=_parties)
    items: tuple[CostItem, ...] = attrs.field(default=(), kw_only=True, converter=_as_tuple)
    grants: tuple[Grant, ...] = attrs.field(default=(), kw_only=True, converter=_as_tuple)
    match_funding: tuple[MatchFunding, ...] = attrs.field(
        default=(), kw_only=True, converter=_as_tuple
    )
    savings: tuple[SavingsStream, ...] = attrs.field(default=(), kw_only=True, converter=_as_tuple)
    cost_split: SplitRule = attrs.field(factory=Equal, kw_only=True, validator=_rule)
    savings_split: SplitRule = attrs.field(factory=Equal, kw_only=True, validator=_rule)

    def __attrs_post_init__(self) -> None:
        ids = [i.id for i in self.items]
        for i, item in enumerate(self.items):
            if not isinstance(item, CostItem):
                raise InvalidValue(expected(f"items[{i}]", "a CostItem", item))
            if ids.count(item.id) > 1:
                raise InvalidValue(expected(f"items[{i}].id", "a unique id", item.id))
            if item.incurred_by is not None and item.incurred_by not in self.parties:
                raise UnknownId(expected(f"items[{i}].incurred_by", "a party", item.incurred_by))
        funds: tuple[tuple[str, Sequence[Grant | MatchFunding]], ...] = (
            ("grants", self.grants),
            ("match_funding", self.match_funding),
        )
        for field, group in funds:
            for i, fund in enumerate(group):
                unknown = sorted((fund.covers or frozenset()) - set(ids))
                if unknown:
                    raise UnknownId(expected(f"{field}[{i}].covers", "ids of cost items", unknown))
        for i, match in enumerate(self.match_funding):
            extra = sorted(set(match.parties or ()) - set(self.parties))
            if extra:
                raise UnknownId(expected(f"match_funding[{i}].parties", "parties", extra))

    @property
    def first_year(self) -> FinancialYear:
        """The earliest year of any cost or saving."""
        years = [i.year for i in self.items] + [s.first_year for s in self.savings]
        if not years:
            raise InvalidValue(expected("items", "at least one cost or saving", ()))
        return min(years)

    def statement(
        self, years: int = 5, *, start: FinancialYear | None = None, assume: Assume = "prudent"
    ) -> Statement:
        """Each council's pays, receives, net and cumulative position by financial year.

        Args:
            years: How many financial years to show.
            start: The first year; the plan's first year when None.
            assume: Which end of each range to take: ``"prudent"`` (costs high, grants
                and savings low), ``"low"``, ``"mid"`` or ``"high"``.
        """
        if isinstance(years, bool) or not isinstance(years, int) or years < 1:
            raise InvalidValue(expected("years", "a whole number of years >= 1", years))
        if assume not in ("prudent", "low", "mid", "high"):
            raise InvalidValue(expected("assume", "'prudent', 'low', 'mid' or 'high'", assume))
        first = start or self.first_year
        span = tuple(first + k for k in range(years))
        return _build_statement(self, span, assume)


def _build_statement(plan: CostPlan, span: tuple[FinancialYear, ...], assume: Assume) -> Statement:
    parties = plan.parties
    pays = {p: [ZERO] * len(span) for p in parties}
    receives = {p: [ZERO] * len(span) for p in parties}
    notes: list[str] = []
    grant_left = [_pick(g.amount, assume, income=True) for g in plan.grants]
    match_left = [dict.fromkeys(m.parties or parties, m.each) for m in plan.match_funding]
    for y, year in enumerate(span):
        for item in plan.items:
            if not item.in_year(year):
                continue
            cost = _pick(item.amount, assume, income=False)
            if not item.shared:
                notes.append(
                    f"{year} {item.description}: {cost} coded separately to {item.incurred_by},"
                    " not shared (incurred in any case)"
                )
                continue
            funded: list[str] = []
            remaining = cost
            for g, grant in enumerate(plan.grants):
                if grant.covers is None or item.id in grant.covers:
                    # A credit (a negative cost) neither draws on a grant nor refills it.
                    used = max(min(remaining, grant_left[g]), ZERO)
                    if used:
                        grant_left[g] -= used
                        remaining -= used
                        funded.append(f"{grant.funder} grant {used}")
            for m, match in enumerate(plan.match_funding):
                if remaining and (match.covers is None or item.id in match.covers):
                    pots = match_left[m]
                    available = sum(pots.values(), ZERO)
                    draw = min(remaining, available)
                    if not draw:
                        continue
                    taken = Capped(Proportional({k: v.pence for k, v in pots.items()}), pots).split(
                        draw, list(pots)
                    )
                    for p, t in taken.items():
                        pots[p] -= t
                        pays[p][y] += t
                    remaining -= draw
                    funded.append(
                        "match funding " + ", ".join(f"{p} {t}" for p, t in taken.items() if t)
                    )
            rule = item.split or plan.cost_split
            if remaining:
                for p, part in rule.split(remaining, parties).items():
                    pays[p][y] += part
                how = _how(rule, parties, paid=remaining.pence >= 0)
                funded.append(
                    f"{remaining} {how}"
                    if remaining.pence >= 0
                    else f"a credit of {-remaining} {how}"
                )
            notes.append(f"{year} {item.description} {cost}: " + "; ".join(funded or ["nil"]))
        for stream in plan.savings:
            fraction = stream.fraction_in(year)
            if not fraction:
                continue
            amount = stream.amount_in(year, _pick(stream.amount, assume, income=True))
            rule = stream.split or plan.savings_split
            for p, part in rule.split(amount, parties).items():
                receives[p][y] += part
            part_year = "" if fraction == 1 else f" ({plural(int(fraction * 12), 'month')})"
            how = _how(rule, parties, paid=amount.pence < 0)
            saving = (
                f"saving {amount}" if amount.pence >= 0 else f"costs {-amount} more, not a saving"
            )
            notes.append(f"{year} {stream.description} {saving}{part_year}, {how}")
    for g, grant in enumerate(plan.grants):
        if grant_left[g]:
            notes.append(f"{grant.funder} grant unspent within the statement: {grant_left[g]}")
    for stream in plan.savings:
        if stream.months is not None:  # one with no end runs to the end of the statement
            annual = _pick(stream.amount, assume, income=True)
            notes.append(stream.explain_term(annual) + _within(stream, annual, span))
    entries: tuple[CostItem | Grant | SavingsStream, ...] = (
        *plan.items,
        *plan.grants,
        *plan.savings,
    )
    for entry in entries:
        if entry.assumed:
            name = entry.funder + " grant" if isinstance(entry, Grant) else entry.description
            notes.append(
                f"assumed, not minuted: {name}" + (f" ({entry.note})" if entry.note else "")
            )
    return Statement(
        parties=parties,
        years=span,
        pays={p: tuple(v) for p, v in pays.items()},
        receives={p: tuple(v) for p, v in receives.items()},
        notes=tuple(notes),
        assume=assume,
    )


def _within(stream: SavingsStream, annual: Money, years: tuple[FinancialYear, ...]) -> str:
    """What part of a stream with an end falls inside the statement's years, if not all."""
    months = stream.months
    if months is None:
        return ""
    shown = sum((stream.amount_in(year, annual) for year in years), ZERO)
    total = annual.scale(Fraction(months, 12))
    if shown == total:
        return ""
    return f"; {shown} of it within {from_to(years[0], years[-1])}"


def _money_rows(value: Mapping[str, Iterable[Money]]) -> FrozenMap[str, tuple[Money, ...]]:
    return frozen_map({k: tuple(v) for k, v in value.items()})


@attrs.frozen
class Statement:
    """Each council's position by financial year; from :meth:`CostPlan.statement`.

    ``net`` is what a council receives (its share of savings) less what it pays (its share
    of costs and its match funding). Payback is the first year from which the cumulative
    net stays at or above zero to the end of the statement.
    """

    parties: tuple[str, ...]
    years: tuple[FinancialYear, ...]
    pays: Mapping[str, tuple[Money, ...]] = attrs.field(converter=_money_rows)
    receives: Mapping[str, tuple[Money, ...]] = attrs.field(converter=_money_rows)
    notes: tuple[str, ...] = ()
    assume: str = "prudent"

    _HEADER: ClassVar[tuple[str, ...]] = (
        "year",
        "council",
        "pays",
        "receives",
        "net",
        "cumulative",
    )

    def _check(self, council: str) -> None:
        if council not in self.parties:
            raise UnknownId(expected("council", f"one of {_names(self.parties)}", council))

    def net(self, council: str | None = None) -> tuple[Money, ...]:
        """Net position per year: of one council, or of the whole arrangement when None."""
        if council is None:
            return tuple(
                sum((self.net(p)[y] for p in self.parties), ZERO) for y in range(len(self.years))
            )
        self._check(council)
        return tuple(r - c for r, c in zip(self.receives[council], self.pays[council], strict=True))

    def cumulative(self, council: str | None = None) -> tuple[Money, ...]:
        """Running total of :meth:`net`."""
        return tuple(itertools.accumulate(self.net(council)))

    def payback_year(self, council: str | None = None) -> FinancialYear | None:
        """The first year from which the cumulative net stays >= £0; None if not within."""
        found: FinancialYear | None = None
        for year, total in zip(self.years, self.cumulative(council), strict=True):
            if total.pence < 0:
                found = None
            elif found is None:
                found = year
        return found

    def rows(self) -> list[tuple[FinancialYear, str, Money, Money, Money, Money]]:
        """One row per year and council: year, council, pays, receives, net, cumulative."""
        out = []
        for p in self.parties:
            nets, cums = self.net(p), self.cumulative(p)
            for y, year in enumerate(self.years):
                out.append((year, p, self.pays[p][y], self.receives[p][y], nets[y], cums[y]))
        out.sort(key=lambda r: (r[0], self.parties.index(r[1])))
        return out

    def explain(self) -> str:
        """The statement in words for the minutes: totals, payback, and how each sum arose.

        Examples:
            >>> plan = CostPlan(["A", "B"], items=[CostItem("x", "Study", "£1,000",
            ...     category=Category.INVESTIGATION, year="2008/09")])
            >>> print(plan.statement(years=1).explain())
            Financial statement 2008/09 (ranges taken prudently):
              A: pays £500.00, receives £0.00, net -£500.00; not paid back by 2008/09
              B: pays £500.00, receives £0.00, net -£500.00; not paid back by 2008/09
              All: net -£1,000.00; not paid back by 2008/09
            How it arose:
              2008/09 Study £1,000.00: £1,000.00 shared equally
        """
        last = self.years[-1]
        years = from_to(self.years[0], self.years[-1])
        lines = [f"Financial statement {years} (ranges taken {self._assumed()}):"]
        for p in [*self.parties, None]:
            net = sum(self.net(p), ZERO)
            payback = self.payback_year(p)
            back = f"pays back in {payback}" if payback else f"not paid back by {last}"
            if p is None:
                lines.append(f"  All: net {net}; {back}")
            else:
                pays, gets = sum(self.pays[p], ZERO), sum(self.receives[p], ZERO)
                got = (
                    f"receives {gets}" if gets.pence >= 0 else f"bears a loss of {-gets} on savings"
                )
                lines.append(f"  {p}: {_pays(pays)}, {got}, net {net}; {back}")
        if self.notes:
            lines.append("How it arose:")
            lines.extend(f"  {note}" for note in self.notes)
        return "\n".join(lines)

    def _assumed(self) -> str:
        return {"prudent": "prudently", "mid": "at their midpoints"}.get(
            self.assume, f"at the {self.assume} end"
        )

    def _repr_html_(self) -> str:
        esc = html.escape
        head = "".join(f"<th>{esc(h)}</th>" for h in self._HEADER)
        body = "".join(
            "<tr>" + "".join(f"<td>{esc(str(c))}</td>" for c in r) + "</tr>" for r in self.rows()
        )
        notes = "".join(f"<li>{esc(line.strip())}</li>" for line in self.explain().splitlines()[1:])
        return (
            f"<div><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            f"<ul>{notes}</ul></div>"
        )

    def to_dataframe(self) -> Any:
        """One row per year and council, numeric columns (needs the ``simulate`` extra).

        ``year`` (text, e.g. "2008/09"), ``start_year`` (int64), ``council``, then ``pays``,
        ``receives``, ``net`` and ``cumulative``, each in pence (int64, exact) and pounds
        (float64, for plotting), so ``.plot()`` and ``astype(float)`` work.

        Examples:
            >>> plan = CostPlan(["A", "B"], items=[CostItem("x", "Study", "£1,000.01",
            ...     category=Category.INVESTIGATION, year="2008/09")])
            >>> frame = plan.statement(years=1).to_dataframe()
            >>> frame["pays_pence"].tolist(), frame["pays_pounds"].tolist()
            ([50001, 50000], [500.01, 500.0])
        """
        pd = require("pandas", "simulate")
        rows = self.rows()
        columns: dict[str, Any] = {
            "year": [str(r[0]) for r in rows],
            "start_year": pd.Series([r[0].start_year for r in rows], dtype="int64"),
            "council": [r[1] for r in rows],
        }
        amounts = [r[2:] for r in rows]
        for k, name in enumerate(self._HEADER[2:]):
            pence = [a[k].pence for a in amounts]
            columns[f"{name}_pence"] = pd.Series(pence, dtype="int64")
            columns[f"{name}_pounds"] = pd.Series(pence, dtype="float64") / 100
        return pd.DataFrame(columns)


# ---------------------------------------------------------------------------------------------
# Fairness
# ---------------------------------------------------------------------------------------------


def _coalitions(
    parties: Sequence[str], *, smallest: int = 1, largest: int | None = None
) -> Iterator[tuple[str, ...]]:
    """Every coalition of ``smallest`` to ``largest`` parties (all of them when None),
    smallest first, each in the parties' order: the one listing every game function uses.

    Examples:
        >>> list(_coalitions(["A", "B", "C"], largest=2))
        [('A',), ('B',), ('C',), ('A', 'B'), ('A', 'C'), ('B', 'C')]
    """
    top = len(parties) if largest is None else largest
    return itertools.chain.from_iterable(
        itertools.combinations(parties, k) for k in range(smallest, top + 1)
    )


def _coalition_costs(value: Any) -> FrozenMap[frozenset[str], Money]:
    if not isinstance(value, Mapping):
        raise InvalidValue(expected("costs", "a mapping of coalition to cost", value))
    out: dict[frozenset[str], Money] = {}
    for key, cost in value.items():
        coalition = frozenset([key] if isinstance(key, str) else key)
        out[coalition] = to_money(cost, f"costs[{_names(sorted(coalition))}]")
    return frozen_map(out)


@attrs.frozen
class CostGame:
    """What every group of councils would pay on its own: a cooperative cost game.

    Args:
        parties: The councils.
        costs: The cost of every non-empty coalition; a single council may be keyed by its
            code, a group by a set or tuple of codes.

    Examples:
        >>> game = CostGame(["A", "B"], {"A": "£60k", "B": "£60k", ("A", "B"): "£100k"})
        >>> game.savings(game.parties)
        Money(2000000)
    """

    parties: tuple[str, ...] = attrs.field(converter=_parties)
    costs: Mapping[frozenset[str], Money] = attrs.field(converter=_coalition_costs)

    def __attrs_post_init__(self) -> None:
        n = len(self.parties)
        if n > MAX_GAME_PARTIES:
            raise LimitExceeded(
                f"parties: exact fairness checks enumerate all 2**n coalitions and are limited"
                f" to {MAX_GAME_PARTIES} councils, got {n}; group councils into blocs"
            )
        known = set(self.parties)
        for coalition in self.costs:
            if not coalition or not coalition <= known:
                raise UnknownId(
                    expected("costs", f"coalitions of {_names(self.parties)}", sorted(coalition))
                )
        for group in _coalitions(self.parties):
            if frozenset(group) not in self.costs:
                what = "a cost for every coalition"
                raise InvalidValue(expected(f"costs[{_names(group)}]", what, None))

    @classmethod
    def from_function(
        cls, parties: Sequence[str], cost: Callable[[frozenset[str]], Money]
    ) -> CostGame:
        """Build the game from a function of the coalition."""
        codes = _parties(parties)
        return cls(codes, {g: cost(g) for g in map(frozenset, _coalitions(codes))})

    def cost(self, coalition: Iterable[str]) -> Money:
        """What the coalition would pay on its own."""
        key = frozenset(coalition)
        if key not in self.costs:
            raise UnknownId(
                expected("coalition", f"a group of {_names(self.parties)}", sorted(key))
            )
        return self.costs[key]

    def savings(self, coalition: Iterable[str]) -> Money:
        """What the coalition saves by working together rather than each alone."""
        key = frozenset(coalition)
        alone = sum((self.cost({p}) for p in key), ZERO)
        return alone - self.cost(key)

    def _groups(self) -> list[tuple[str, ...]]:
        return list(_coalitions(self.parties))

    def to_dataframe(self) -> Any:
        """One row per coalition, numeric columns (needs the ``simulate`` extra).

        ``coalition`` (codes joined by "+"), ``size`` (int64), then ``cost`` and ``savings``
        each in pence (int64) and pounds (float64).

        Examples:
            >>> game = CostGame(["A", "B"], {"A": "£60k", "B": "£40k", ("A", "B"): "£80k"})
            >>> game.to_dataframe()["savings_pounds"].tolist()
            [0.0, 0.0, 20000.0]
        """
        pd = require("pandas", "simulate")
        groups = self._groups()
        cost = [self.cost(g).pence for g in groups]
        saved = [self.savings(g).pence for g in groups]
        return pd.DataFrame(
            {
                "coalition": ["+".join(g) for g in groups],
                "size": pd.Series([len(g) for g in groups], dtype="int64"),
                "cost_pence": pd.Series(cost, dtype="int64"),
                "cost_pounds": pd.Series(cost, dtype="float64") / 100,
                "savings_pence": pd.Series(saved, dtype="int64"),
                "savings_pounds": pd.Series(saved, dtype="float64") / 100,
            }
        )

    def _repr_html_(self) -> str:
        esc = html.escape
        rows = "".join(
            f"<tr><td>{esc(_names(g))}</td><td>{esc(str(self.cost(g)))}</td>"
            f"<td>{esc(str(self.savings(g)))}</td></tr>"
            for g in self._groups()
        )
        return (
            "<div><table><thead><tr><th>coalition</th><th>cost on its own</th>"
            f"<th>savings</th></tr></thead><tbody>{rows}</tbody></table></div>"
        )


def shapley(game: CostGame) -> dict[str, Fraction]:
    """The Shapley value of the savings, in exact pence: each council's average marginal saving.

    Efficient (the values sum to the grand coalition's savings) and symmetric (councils that
    add the same to every coalition get the same).

    Examples:
        >>> game = CostGame(["A", "B"], {"A": "£60k", "B": "£40k", ("A", "B"): "£80k"})
        >>> {p: Money(int(v)) for p, v in shapley(game).items()}
        {'A': Money(1000000), 'B': Money(1000000)}
    """
    parties = game.parties
    n = len(parties)
    value: dict[frozenset[str], int] = {frozenset(): 0}
    for group in _coalitions(parties):
        value[frozenset(group)] = game.savings(group).pence
    weight = [
        Fraction(math.factorial(k) * math.factorial(n - k - 1), math.factorial(n)) for k in range(n)
    ]
    out = {}
    for p in parties:
        others = [q for q in parties if q != p]
        total = Fraction(0)
        for group in _coalitions(others, smallest=0):
            s = frozenset(group)
            total += weight[len(group)] * (value[s | {p}] - value[s])
        out[p] = total
    return out


#: The least core and the nucleolus solve exact linear programmes over every coalition;
#: 2**8 = 256 coalitions at most keeps them to a second or two.
MAX_NUCLEOLUS_PARTIES = 8


def _nucleolus_limit(game: CostGame) -> None:
    if not isinstance(game, CostGame):
        raise InvalidValue(expected("game", "a CostGame", game))
    n = len(game.parties)
    if n > MAX_NUCLEOLUS_PARTIES:
        raise LimitExceeded(
            f"parties: the least core and nucleolus solve exact linear programmes over all"
            f" 2**n coalitions and are limited to {MAX_NUCLEOLUS_PARTIES} councils, got {n};"
            " group councils into blocs"
        )


class _Span:
    """An exact row-echelon basis, to tell whether a coalition's total is already fixed."""

    def __init__(self, n: int) -> None:
        self.rows: list[tuple[int, list[Fraction]]] = []
        self.n = n

    def reduce(self, vector: Sequence[int | Fraction]) -> list[Fraction]:
        v = [Fraction(a) for a in vector]
        for pivot, row in self.rows:
            if v[pivot]:
                f = v[pivot]
                v = [a - f * b for a, b in zip(v, row, strict=True)]
        return v

    def add(self, vector: Sequence[int | Fraction]) -> bool:
        """Add ``vector``; False when it was already in the span."""
        v = self.reduce(vector)
        pivot = next((i for i, a in enumerate(v) if a), None)
        if pivot is None:
            return False
        v = [a / v[pivot] for a in v]
        self.rows = [
            (p, [a - r[pivot] * b for a, b in zip(r, v, strict=True)]) for p, r in self.rows
        ]
        self.rows.append((pivot, v))
        return True

    def contains(self, vector: Sequence[int | Fraction]) -> bool:
        return not any(self.reduce(vector))

    @property
    def full(self) -> bool:
        return len(self.rows) == self.n


@attrs.frozen
class Nucleolus:
    """The least core and the nucleolus of a cost game, exactly; from :func:`nucleolus`.

    Amounts are exact pence (:class:`~fractions.Fraction`). A coalition's *excess* under a
    split is what it is charged less what it would pay on its own; the core is every split
    with no positive excess.

    Attributes:
        least_core: The smallest ``e`` such that some split charges every group of councils
            at most ``e`` more than its own cost (the least core is every such split). At or
            below zero the core is non-empty; above zero it is empty.
        allocation: The nucleolus: the split whose excesses, largest first, are
            lexicographically smallest (over splits charging no council more than alone,
            where such splits exist).
        stages: Each linear programme's optimum and the coalitions it fixed there.
        imputations: False when the joint cost exceeds the stand-alone costs' sum, so no
            split keeps every council at or below its own cost: the prenucleolus is given.
    """

    parties: tuple[str, ...]
    least_core: Fraction
    allocation: Mapping[str, Fraction] = attrs.field(converter=frozen_map)
    stages: tuple[tuple[Fraction, tuple[frozenset[str], ...]], ...]
    imputations: bool = True

    @property
    def core_empty(self) -> bool:
        """No split keeps every group of councils at or below its own cost."""
        return self.least_core > 0

    def split(self) -> dict[str, Money]:
        """The nucleolus to the penny, largest remainder, summing to the joint cost."""
        return apportion(dict(self.allocation))

    def explain(self) -> str:
        """The method and each stage in words: what each linear programme fixed.

        Examples:
            >>> game = CostGame(["A", "B"], {"A": "£60k", "B": "£40k", ("A", "B"): "£80k"})
            >>> print(nucleolus(game).explain())
            Nucleolus by sequential linear programmes, solved exactly (simplex over fractions):
              Stage 1: the largest excess is held to -£10,000.00 (every group pays at least \
£10,000.00 less than alone); fixed: A; B
              The nucleolus charges: A £50,000.00; B £30,000.00
        """
        lines = [
            "Nucleolus by sequential linear programmes, solved exactly (simplex over fractions):"
        ]
        for k, (level, fixed) in enumerate(self.stages, start=1):
            shown = _in_words(level)
            every, some = (
                ("every group", "some group") if k == 1 else ("every other group", "another")
            )
            how = (
                f"{every} pays at least {-shown} less than alone"
                if level < 0
                else f"{some} pays {shown} more than alone"
                if level > 0
                else f"{some} pays exactly its own cost"
            )
            groups = "; ".join(_names(p for p in self.parties if p in g) for g in fixed)
            lines.append(
                f"  Stage {k}: the largest excess is held to {shown} ({how}); fixed: {groups}"
            )
        if not self.imputations:
            lines.append(
                "  No split keeps every council at or below its own cost, so this is the"
                " prenucleolus (no stand-alone bound)."
            )
        split = "; ".join(
            f"{p} {m}" if m.pence >= 0 else f"{p} a credit of {-m}" for p, m in self.split().items()
        )
        lines.append(f"  The nucleolus charges: {split}")
        return "\n".join(lines)


def _stage(
    game: CostGame,
    free: Sequence[tuple[str, ...]],
    fixed: Sequence[tuple[list[int], Fraction]],
    *,
    bounded: bool,
) -> tuple[Fraction, tuple[Fraction, ...], list[tuple[str, ...]]]:
    """One stage: the least largest excess ``e`` over ``free`` coalitions, given the
    ``fixed`` totals (and, when ``bounded``, no council above its stand-alone cost).

    Solved as the dual programme, which has a row per council (and one for ``e``) rather
    than one per coalition: minimise ``sum u_S c(S) + sum w_i c(i) - sum z_T f_T`` subject
    to ``sum_(S ni i) u_S + w_i - sum_(T ni i) z_T = 0`` for each council ``i`` and
    ``sum u_S = 1``, with ``u, w >= 0``. Its row multipliers are the split ``x`` and ``-e``;
    the coalitions with ``u_S > 0`` are tight at every optimum (complementary slackness).
    Returns ``e``, the split, and those coalitions.
    """
    from sharegov._exactlp import solve

    parties = game.parties
    n = len(parties)
    columns: list[list[int]] = []
    cost: list[int | Fraction] = []
    for g in free:
        columns.append([*(int(p in g) for p in parties), 1])
        cost.append(game.cost(g).pence)
    if bounded:
        for i, p in enumerate(parties):
            columns.append([*(int(j == i) for j in range(n)), 0])
            cost.append(game.cost({p}).pence)
    for vector, value in fixed:
        columns.append([*(-a for a in vector), 0])
        cost.append(-value)
    nonneg = [True] * (len(columns) - len(fixed)) + [False] * len(fixed)
    rows = [[col[r] for col in columns] for r in range(n + 1)]
    out = solve(cost, [], [], rows, [0] * n + [1], nonneg=nonneg)
    if out.status != "optimal":  # pragma: no cover - bounded and feasible by construction
        raise InvalidValue(expected("game", "a game whose nucleolus programme solves", out))
    x = out.duals_eq[:n]
    tight = [g for g, u in zip(free, out.x, strict=False) if u > 0]
    return -out.duals_eq[n], x, tight


def nucleolus(game: CostGame) -> Nucleolus:
    """The least core and the nucleolus of the cost game, exactly, by sequential LPs.

    Method (Maschler, Peleg and Shapley 1979; Kopelowitz 1967). Stage 1 solves the linear
    programme *minimise e subject to x(S) - c(S) <= e for every proper coalition S and x(N)
    = c(N)* (and ``x_i <= c(i)`` where such splits exist); its optimum is the least core's
    ``e``. Every coalition whose constraint has a non-zero dual is tight at every optimum
    (complementary slackness), so its total is fixed at ``c(S) + e``; coalitions whose
    totals the fixed ones already determine drop out, and the next stage minimises the
    largest remaining excess. Each stage fixes a new independent coalition, so after at
    most ``n - 1`` stages the split is unique: the nucleolus. Each programme is solved as
    its dual (one row per council, one column per coalition; see ``_stage``) by the exact
    simplex method (over :class:`~fractions.Fraction`, Bland's rule), so the answer is
    exact, in pence.

    Raises:
        LimitExceeded: More than :data:`MAX_NUCLEOLUS_PARTIES` councils.

    Examples:
        >>> game = CostGame(["A", "B"], {"A": "£60k", "B": "£40k", ("A", "B"): "£80k"})
        >>> nu = nucleolus(game)
        >>> nu.least_core, {p: str(m) for p, m in nu.split().items()}
        (Fraction(-1000000, 1), {'A': '£50,000.00', 'B': '£30,000.00'})
    """

    _nucleolus_limit(game)
    parties = game.parties
    n = len(parties)
    total = Fraction(game.cost(parties).pence)
    alone = [game.cost({p}).pence for p in parties]
    if n == 1:
        return Nucleolus(parties, Fraction(0), {parties[0]: total}, ())
    coalitions = list(_coalitions(parties, largest=n - 1))
    vector = {g: [int(p in g) for p in parties] for g in coalitions}
    imputations = total <= sum(alone)
    span = _Span(n)
    span.add([1] * n)
    fixed: list[tuple[list[int], Fraction]] = [([1] * n, total)]
    free = list(coalitions)
    stages: list[tuple[Fraction, tuple[frozenset[str], ...]]] = []
    x: tuple[Fraction, ...] = ()
    while not span.full:
        free = [g for g in free if not span.contains(vector[g])]
        level, x, tight = _stage(game, free, fixed, bounded=imputations)
        for g in tight:
            if span.add(vector[g]):
                fixed.append((vector[g], game.cost(g).pence + level))
        stages.append((level, tuple(frozenset(g) for g in tight)))
    least = stages[0][0]
    if imputations and least > 0:
        # The least core is over all splits of the joint cost, without the stand-alone bound.
        least = _stage(game, coalitions, [([1] * n, total)], bounded=False)[0]
    return Nucleolus(parties, least, dict(zip(parties, x, strict=True)), tuple(stages), imputations)


def _in_words(amount: Fraction) -> Money:
    """An exact pence amount shown to the penny (half-even), for words only."""
    return Money(round(amount))


def _worst(
    game: CostGame, alloc: Mapping[str, Money]
) -> tuple[frozenset[str], Money, Money] | None:
    """The group charged most above its own cost, if any is charged above it."""
    found: tuple[frozenset[str], Money, Money] | None = None
    worst = ZERO
    for coalition, alone in game.costs.items():
        if len(coalition) == len(game.parties):
            continue
        charged = sum((alloc[p] for p in coalition), ZERO)
        if charged - alone > worst:
            worst, found = charged - alone, (coalition, charged, alone)
    return found


def _leaving(
    game: CostGame, found: tuple[frozenset[str], Money, Money], *, would: bool = False
) -> str:
    group, charged, alone = found
    names = _names(p for p in game.parties if p in group)
    own, are, they = ("its", "is", "it") if len(group) == 1 else ("their", "are", "they")
    if would:
        are = "would be"
    return (
        f"{names} would pay {alone} on {own} own but {are} charged {charged}"
        f" ({charged - alone} more); {they} would be better off leaving"
    )


#: The words of the stand-alone test, shared by the flag's docstring and the explanation.
_STAND_ALONE = "no council pays more than it would alone"


@attrs.frozen
class Fairness:
    """The fairness of a cost split: stand-alone test, core, least core, nucleolus and Shapley
    value; see :func:`fairness`.

    In a notebook it renders as a table; :meth:`to_dataframe` gives the numbers as a DataFrame.
    """

    allocation: Mapping[str, Money] = attrs.field(converter=frozen_map)
    game: CostGame
    shapley_savings: Mapping[str, Fraction] = attrs.field(converter=frozen_map)
    blocking: tuple[frozenset[str], Money, Money] | None
    #: The least core and nucleolus; None past :data:`MAX_NUCLEOLUS_PARTIES` councils.
    nucleolus: Nucleolus | None = attrs.field(default=None, kw_only=True)

    @property
    def stand_alone_ok(self) -> bool:
        """Passed when no council pays more than it would alone (paying exactly as much
        passes)."""
        return all(self.allocation[p] <= self.game.cost({p}) for p in self.game.parties)

    @property
    def efficient(self) -> bool:
        """The split recovers exactly the joint cost."""
        return sum(self.allocation.values(), ZERO) == self.game.cost(self.game.parties)

    @property
    def in_core(self) -> bool:
        """Efficient, and no group of councils would be better off leaving."""
        return self.efficient and self.blocking is None

    @property
    def core_empty(self) -> bool | None:
        """Whether no split at all is in the core; None where the nucleolus was not computed."""
        return None if self.nucleolus is None else self.nucleolus.core_empty

    def shapley_split(self) -> dict[str, Money]:
        """The joint cost split so each council saves its Shapley value, to the penny
        (largest remainder), summing exactly to the joint cost."""
        targets = {p: self.game.cost({p}).pence - v for p, v in self.shapley_savings.items()}
        return apportion(targets)

    def shapley_display(self) -> dict[str, Money]:
        """The Shapley savings to the penny, as the Shapley split gives them: each council's
        stand-alone cost less its charge, so they sum exactly to the savings shown."""
        split = self.shapley_split()
        return {p: self.game.cost({p}) - split[p] for p in self.game.parties}

    def shapley_blocking(self) -> tuple[frozenset[str], Money, Money] | None:
        """The group the Shapley split charges most above its own cost, if any."""
        return _worst(self.game, self.shapley_split())

    def explain(self) -> str:
        """The findings in words for the minutes.

        Examples:
            >>> game = CostGame(["A", "B"], {"A": "£60k", "B": "£40k", ("A", "B"): "£80k"})
            >>> split = {"A": Money.parse("£40k"), "B": Money.parse("£40k")}
            >>> print(fairness(split, game).explain())
            Fairness of the split of £80,000.00 among A and B:
              Stand-alone test: passed: no council pays more than it would alone \
(B pays £40,000.00, exactly as much as alone, saving nothing).
                A pays £40,000.00; alone £60,000.00; saves £20,000.00
                B pays £40,000.00; alone £40,000.00; saves £0.00
              Core: in the core: no group of councils would be better off leaving.
              Least core: a split can charge every group of councils at least £10,000.00 less \
than on its own.
              The nucleolus would charge: A £50,000.00; B £30,000.00
              Shapley value of the savings (£20,000.00 in all): A £10,000.00; B £10,000.00
              The Shapley split would charge: A £50,000.00; B £30,000.00; it is in the core.
        """
        game, alloc = self.game, self.allocation
        total = sum(alloc.values(), ZERO)
        among = (
            f"among {_names(game.parties)}"
            if len(game.parties) > 1
            else f"charged to {game.parties[0]} alone"
        )
        lines = [f"Fairness of the split of {total} {among}:"]
        losers = [p for p in game.parties if alloc[p] > game.cost({p})]
        level = [p for p in game.parties if alloc[p] == game.cost({p})]
        if losers:
            worst = ", ".join(
                f"{p} {_pays(alloc[p])}, more than alone ({game.cost({p})})" for p in losers
            )
            lines.append(f"  Stand-alone test: failed: {worst}.")
        elif level:
            detail = ", ".join(
                f"{p} {_pays(alloc[p])}, exactly as much as alone, saving nothing" for p in level
            )
            lines.append(f"  Stand-alone test: passed: {_STAND_ALONE} ({detail}).")
        else:
            lines.append(f"  Stand-alone test: passed: {_STAND_ALONE}.")
        for p in game.parties:
            alone = game.cost({p})
            lines.append(f"    {p} {_pays(alloc[p])}; alone {alone}; {_saves(alone - alloc[p])}")
        joint = game.cost(game.parties)
        empty = self.core_empty
        if not self.efficient:
            lines.append(
                f"  Core: not in the core: the split charges {total}, not the joint cost {joint}."
            )
        elif self.blocking is None:
            lines.append("  Core: in the core: no group of councils would be better off leaving.")
        else:
            lines.append(f"  Core: not in the core: {_leaving(game, self.blocking)}.")
        lines.extend(self._least_core_lines())
        savings = game.savings(game.parties)
        shown = self.shapley_display()
        values = "; ".join(
            f"{p} {m}" if m.pence >= 0 else f"{p} none (costs {-m} more)" for p, m in shown.items()
        )
        in_all = (
            f"{savings} in all"
            if savings.pence >= 0
            else f"none in all: together they cost {-savings} more"
        )
        lines.append(f"  Shapley value of the savings ({in_all}): {values}")
        split = "; ".join(
            f"{p} {m}" if m.pence >= 0 else f"{p} a credit of {-m}"
            for p, m in self.shapley_split().items()
        )
        if len(game.parties) == 1:
            verdict = ""
        elif empty:
            verdict = "; like every split, it is outside the (empty) core"
        else:
            outside = self.shapley_blocking()
            verdict = (
                "; it is in the core"
                if outside is None
                else f"; it lies outside the core, though the core is not empty:"
                f" {_leaving(game, outside, would=True)}"
            )
        lines.append(f"  The Shapley split would charge: {split}{verdict}.")
        return "\n".join(lines)

    def _least_core_lines(self) -> list[str]:
        n = len(self.game.parties)
        if n == 1:
            return []
        if self.nucleolus is None:
            return [
                f"  Least core and nucleolus: not computed for {n} councils (exact linear"
                f" programmes are limited to {MAX_NUCLEOLUS_PARTIES}); group councils into"
                " blocs."
            ]
        nu = self.nucleolus
        e = nu.least_core
        lines = []
        if e > 0:
            lines.append(
                "  Core: the core is empty: whatever the split, some group of councils would be"
                f" charged at least {_in_words(e)} more than on its own, and better off leaving."
            )
            lines.append(
                f"  Least core: the best any split can do charges some group {_in_words(e)}"
                " more than on its own."
            )
        elif e == 0:
            lines.append(
                "  Least core: the best any split can do charges some group exactly its own"
                " cost, saving it nothing."
            )
        else:
            lines.append(
                f"  Least core: a split can charge every group of councils at least"
                f" {_in_words(-e)} less than on its own."
            )
        split = "; ".join(
            f"{p} {m}" if m.pence >= 0 else f"{p} a credit of {-m}" for p, m in nu.split().items()
        )
        pre = (
            ""
            if nu.imputations
            else " (no split keeps every council at or below its own cost: the prenucleolus)"
        )
        lines.append(f"  The nucleolus would charge{pre}: {split}")
        return lines

    def to_dataframe(self) -> Any:
        """One row per council, numeric columns (needs the ``simulate`` extra).

        Columns, each in pence (int64) and pounds (float): ``charged``, ``alone``,
        ``saves``, ``shapley_saving``, ``shapley_charge``, and ``nucleolus_charge`` (Int64,
        missing where not computed).
        """
        pd = require("pandas", "simulate")
        parties = list(self.game.parties)
        shap, saved = self.shapley_split(), self.shapley_display()
        nu = self.nucleolus.split() if self.nucleolus is not None else None
        columns: dict[str, Any] = {"council": parties}
        amounts = {
            "charged": [self.allocation[p].pence for p in parties],
            "alone": [self.game.cost({p}).pence for p in parties],
            "saves": [(self.game.cost({p}) - self.allocation[p]).pence for p in parties],
            "shapley_saving": [saved[p].pence for p in parties],
            "shapley_charge": [shap[p].pence for p in parties],
        }
        for name, pence in amounts.items():
            columns[f"{name}_pence"] = pd.Series(pence, dtype="int64")
            columns[f"{name}_pounds"] = pd.Series(pence, dtype="float64") / 100
        nu_pence = [nu[p].pence if nu is not None else None for p in parties]
        columns["nucleolus_charge_pence"] = pd.Series(nu_pence, dtype="Int64")
        columns["nucleolus_charge_pounds"] = pd.Series(nu_pence, dtype="Float64") / 100
        return pd.DataFrame(columns)

    def _repr_html_(self) -> str:
        esc = html.escape
        parties = self.game.parties
        shap = self.shapley_split()
        nu = self.nucleolus.split() if self.nucleolus is not None else None
        head = ["council", "charged", "alone", "saves", "Shapley charge"]
        if nu is not None:
            head.append("nucleolus charge")
        rows = []
        for p in parties:
            cells = [
                p,
                str(self.allocation[p]),
                str(self.game.cost({p})),
                str(self.game.cost({p}) - self.allocation[p]),
                str(shap[p]),
            ]
            if nu is not None:
                cells.append(str(nu[p]))
            rows.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>")
        notes = "".join(
            f"<li>{esc(line.strip())}</li>"
            for line in self.explain().splitlines()[1:]
            if not line.startswith("    ")
        )
        heads = "".join(f"<th>{esc(h)}</th>" for h in head)
        return (
            f"<div><table><thead><tr>{heads}</tr></thead><tbody>{''.join(rows)}</tbody>"
            f"</table><ul>{notes}</ul></div>"
        )


def fairness(allocation: Mapping[str, Money], game: CostGame) -> Fairness:
    """Check a split of the joint cost against what each group of councils would pay alone.

    The stand-alone test asks whether any council pays more than it would alone; the core
    asks the same of every group of councils (the worst offender is named); the least core
    and the nucleolus (:func:`nucleolus`, up to :data:`MAX_NUCLEOLUS_PARTIES` councils) say
    whether any split could pass for every group, and which split treats the worst-off
    groups best; the Shapley value shares the savings by each council's average marginal
    contribution, and is checked against the core too.

    Raises:
        UnknownId: The allocation does not name exactly the game's parties.

    Examples:
        >>> game = CostGame(["HDC", "SCDC", "CCC"], {
        ...     "HDC": "£100k", "SCDC": "£100k", "CCC": "£100k",
        ...     ("HDC", "SCDC"): "£150k", ("HDC", "CCC"): "£180k", ("SCDC", "CCC"): "£180k",
        ...     ("HDC", "SCDC", "CCC"): "£240k"})
        >>> split = Equal().split(Money.parse("£240k"), game.parties)
        >>> report = fairness(split, game)
        >>> report.in_core, [sorted(report.blocking[0])], report.core_empty
        (False, [['HDC', 'SCDC']], False)
    """
    if set(allocation) != set(game.parties):
        raise UnknownId(
            expected(
                "allocation", f"an amount for each of {_names(game.parties)}", sorted(allocation)
            )
        )
    alloc = {p: to_money(allocation[p], f"allocation.{p}") for p in game.parties}
    nu = nucleolus(game) if len(game.parties) <= MAX_NUCLEOLUS_PARTIES else None
    return Fairness(alloc, game, shapley(game), _worst(game, alloc), nucleolus=nu)
