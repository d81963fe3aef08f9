"""Monte Carlo simulation of uncertain costs, grants and savings (the ``simulate`` extra).

An analyst describes each uncertain amount by a distribution (:class:`Uniform` for a
range, :class:`Triangular`, :class:`Pert`, :class:`Lognormal`, :class:`Discrete`,
:class:`FixedAmount`), attaches it to a :class:`Flow` (a cost, a grant or a saving, over
financial years, split by a rule from :mod:`sharegov.costs`), optionally correlates flows
(:class:`RankCorrelation`), and runs a :class:`Model`. The result gives per-council
quantiles, the chance each council ends better off than going alone, the chance the
arrangement pays back within N years, which inputs drive each council's position, numeric
DataFrames, and plots (small multiples, an S-curve, a fan chart and a tornado chart).

Each scenario is booked as :meth:`sharegov.costs.CostPlan.statement` books it: each draw
is rounded half-even to the penny, part years are scaled as ``Money.scale`` scales them,
every split is the rule's own ``split`` to the penny (largest remainder), and a grant that
covers costs is spent on them as they fall, capped at their cost. With every amount fixed,
the simulation is the statement, council by council and year by year; and each scenario
is the statement of its own draws. (For speed, uniform and triangular draws that go whole
to one council with no grant are summed first and the sum rounded once, so such a sum
may differ from the sum of the rounded draws by a few pence.) Amounts are held as float64
pence (whole numbers, exact below 2**53); every amount reported as money is converted
back to exact :class:`~sharegov.money.Money` at the edge, rounded half-even.
Probabilities and statistics are plain floats.

Reproducible: scenarios are drawn in fixed blocks of :data:`BLOCK` scenarios, block ``b``
from ``numpy.random.SeedSequence(seed, spawn_key=(b,))``. Chunks group whole blocks, so the
same seed gives identical results for any ``chunk_size``, locally or on Dask; and the
first ``n`` scenarios of a larger run are the ``n`` scenarios of a smaller one.

numpy, pandas and matplotlib are imported only when a simulation runs; Dask only when a
``client`` is given.

Examples:
    >>> from sharegov.money import Money, FinancialYear
    >>> model = Model(["BDC", "RBC"], [
    ...     Flow("study", "Business case", Triangular("£60k", "£80k", "£120k"), kind="cost",
    ...          start="2008/09"),
    ...     Flow("payroll", "Payroll saving", Uniform("£30k", "£45k"), kind="saving",
    ...          start="2008/09", years=3),
    ... ])
    >>> result = model.run(2_000, seed=1)
    >>> result.n, result.parties, [str(y) for y in result.years]
    (2000, ('BDC', 'RBC'), ['2008/09', '2009/10', '2010/11'])
    >>> result.quantiles()["BDC"][0.5] > Money(0)
    True
    >>> model.run(2_000, seed=1, chunk_size=1).net.tolist() == result.net.tolist()
    True
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any, Literal

import attrs

from sharegov._optional import require
from sharegov._validate import exact_fraction
from sharegov._words import from_to, plural
from sharegov.costs import (
    CaseByCase,
    CostPlan,
    Equal,
    Mix,
    SplitRule,
    _names,
    _parties,
    first_year,
    months_in,
    year_fraction,
)
from sharegov.errors import InvalidRule, InvalidValue, LimitExceeded, UnknownId, expected
from sharegov.money import FinancialYear, Money, MoneyRange, to_money
from sharegov.parties import _identifier, _text

__all__ = [
    "BLOCK",
    "MAX_RESULT_CELLS",
    "MAX_SCENARIOS",
    "Z95",
    "Discrete",
    "Distribution",
    "FixedAmount",
    "Flow",
    "Lognormal",
    "Model",
    "Pert",
    "RankCorrelation",
    "SimulationResult",
    "Triangular",
    "Uniform",
    "as_distribution",
    "tqdm_progress",
]

#: Scenarios per random block. Part of the reproducibility contract: do not change.
BLOCK = 4096
#: :meth:`Model.run` simulates at most this many scenarios...
MAX_SCENARIOS = 10**8
#: ... and a result holds at most this many amounts (scenarios x councils x years, as
#: float64: 8 GiB); past either it refuses rather than fail to allocate.
MAX_RESULT_CELLS = 2**30

Kind = Literal["cost", "grant", "saving"]


# ---------------------------------------------------------------------------------------------
# Distributions
# ---------------------------------------------------------------------------------------------


@attrs.frozen
class FixedAmount:
    """An amount known exactly."""

    amount: Money = attrs.field(converter=to_money)

    def describe(self) -> str:
        return str(self.amount)


@attrs.frozen
class Uniform:
    """Any amount in a range equally likely: "between £30,000 to £40,000".

    Examples:
        >>> Uniform("£30k", "£40k").describe()
        'uniform £30k–£40k'
    """

    low: Money = attrs.field(converter=to_money)
    high: Money = attrs.field(converter=to_money)

    def __attrs_post_init__(self) -> None:
        if self.high < self.low:
            raise InvalidValue(f"high: expected at least low ({self.low}), got {self.high}")

    def describe(self) -> str:
        return f"uniform {MoneyRange(self.low, self.high).short()}"


def _three_point(self: Triangular | Pert) -> None:
    if not self.low <= self.mode <= self.high:
        raise InvalidValue(
            f"mode: expected low <= mode <= high, got {self.low}, {self.mode}, {self.high}"
        )


@attrs.frozen
class Triangular:
    """A three-point estimate: least, most likely, most.

    Examples:
        >>> Triangular("£60k", "£80k", "£120k").describe()
        'triangular £60k / £80k / £120k'
    """

    low: Money = attrs.field(converter=to_money)
    mode: Money = attrs.field(converter=to_money)
    high: Money = attrs.field(converter=to_money)

    def __attrs_post_init__(self) -> None:
        _three_point(self)

    def describe(self) -> str:
        return f"triangular {self.low.short()} / {self.mode.short()} / {self.high.short()}"


@attrs.frozen
class Pert:
    """A PERT (scaled beta) three-point estimate, weighted towards the most likely value.

    Args:
        shape: The weight on the mode (4 in the classic PERT).
    """

    low: Money = attrs.field(converter=to_money)
    mode: Money = attrs.field(converter=to_money)
    high: Money = attrs.field(converter=to_money)
    shape: int = attrs.field(default=4, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _three_point(self)
        if isinstance(self.shape, bool) or not isinstance(self.shape, int) or self.shape <= 0:
            raise InvalidValue(expected("shape", "a positive int", self.shape))

    def describe(self) -> str:
        return f"PERT {self.low.short()} / {self.mode.short()} / {self.high.short()}"


#: The standard normal's 95th percentile, for :class:`Lognormal` given a median and p95.
Z95 = 1.6448536269514722


def _positive_money(field: str, value: Money) -> None:
    if value.pence <= 0:
        raise InvalidValue(expected(field, "an amount above £0", str(value)))


@attrs.frozen
class Lognormal:
    """A right-skewed amount that cannot fall below £0: most likely modest, now and then large.

    Given as an analyst states it: the **median** (as likely above as below) and the **95th
    percentile** (exceeded one time in twenty). :meth:`from_mean_sd` takes a mean and a
    standard deviation instead. Internally ``log(amount)`` is normal with ``mu = log(median)``
    and ``sigma = log(p95 / median) / 1.6449``.

    Examples:
        >>> d = Lognormal("£100k", "£200k")
        >>> d.describe()
        'lognormal, median £100k, 95th percentile £200k'
        >>> round(d.sigma, 4), round(d.mean / 100)
        (0.4214, 109285)
        >>> Lognormal.from_mean_sd("£100k", "£30k").describe()
        'lognormal, median £95,782.63, 95th percentile £155,235.79'
    """

    median: Money = attrs.field(converter=to_money)
    p95: Money = attrs.field(converter=to_money)

    def __attrs_post_init__(self) -> None:
        _positive_money("median", self.median)
        if self.p95 <= self.median:
            raise InvalidValue(expected("p95", f"more than the median ({self.median})", self.p95))
        if self.mu + 8 * self.sigma >= math.log(2**53):
            # Draws are whole pence in float64, exact only below 2**53 (about £90tn); eight
            # standard deviations out is a draw no run of any size should ever see.
            what = "a 95th percentile whose tail stays below £90tn at 8 standard deviations"
            raise LimitExceeded(expected("p95", what, self.p95))

    @classmethod
    def from_mean_sd(cls, mean: Any, sd: Any) -> Lognormal:
        """The lognormal with this mean and standard deviation (each rounded to the penny)."""
        m, s = to_money(mean), to_money(sd)
        _positive_money("mean", m)
        _positive_money("sd", s)
        sigma = math.sqrt(math.log1p((s.pence / m.pence) ** 2))
        median = m.pence * math.exp(-(sigma**2) / 2)
        return cls(Money(round(median)), Money(round(median * math.exp(Z95 * sigma))))

    @property
    def mu(self) -> float:
        """The mean of ``log(amount in pence)``."""
        return math.log(self.median.pence)

    @property
    def sigma(self) -> float:
        """The standard deviation of ``log(amount)``."""
        return math.log(self.p95.pence / self.median.pence) / Z95

    @property
    def mean(self) -> float:
        """The expected amount in pence (a float: a statistical figure, not money)."""
        return math.exp(self.mu + self.sigma**2 / 2)

    def describe(self) -> str:
        return f"lognormal, median {self.median.short()}, 95th percentile {self.p95.short()}"


def _probability(value: Any) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | Fraction | str):
        raise InvalidValue(expected("probabilities", "Fractions such as Fraction(1, 4)", value))
    words = "Fractions such as '1/4'"
    p = exact_fraction(value, "probabilities", words) if isinstance(value, str) else Fraction(value)
    if not 0 < p <= 1:
        raise InvalidValue(expected("probabilities", "each above 0 and at most 1", str(p)))
    return p


def _outcomes(value: Any) -> tuple[tuple[Money, Fraction], ...]:
    if isinstance(value, Mapping):
        value = list(value.items())
    pairs = tuple(value)
    if not pairs or len(pairs) > 10_000:
        raise InvalidValue(expected("outcomes", "between 1 and 10,000 outcomes", len(pairs)))
    out = []
    for i, pair in enumerate(pairs):
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise InvalidValue(expected(f"outcomes[{i}]", "an (amount, probability) pair", pair))
        out.append((to_money(pair[0]), _probability(pair[1])))
    total = sum((p for _, p in out), Fraction(0))
    if total != 1:
        raise InvalidValue(expected("outcomes", "probabilities summing to 1", str(total)))
    amounts = [m for m, _ in out]
    if len(set(amounts)) != len(amounts):
        raise InvalidValue(expected("outcomes", "each amount once", [str(m) for m in amounts]))
    return tuple(out)


@attrs.frozen
class Discrete:
    """One of a few amounts, each with a probability (exact Fractions summing to 1).

    Examples:
        >>> d = Discrete({"£0": "3/4", "£80k": "1/4"})  # a 1-in-4 chance of a redundancy bill
        >>> d.describe()
        'one of £0.00 (3/4), £80k (1/4)'
        >>> d.mean
        Fraction(2000000, 1)
    """

    outcomes: tuple[tuple[Money, Fraction], ...] = attrs.field(converter=_outcomes)

    @property
    def mean(self) -> Fraction:
        """The expected amount in pence, exactly."""
        return sum((m.pence * p for m, p in self.outcomes), Fraction(0))

    def describe(self) -> str:
        return "one of " + ", ".join(f"{m.short()} ({p})" for m, p in self.outcomes)


Distribution = FixedAmount | Uniform | Triangular | Pert | Lognormal | Discrete


def as_distribution(value: Any) -> Distribution:
    """A distribution from a distribution, a :class:`Money` (fixed), a range (uniform) or text.

    Examples:
        >>> as_distribution("£30,000 to £40,000")
        Uniform(low=Money(3000000), high=Money(4000000))
        >>> as_distribution("£40k")
        FixedAmount(amount=Money(4000000))
    """
    if isinstance(value, FixedAmount | Uniform | Triangular | Pert | Lognormal | Discrete):
        return value
    if isinstance(value, Money):
        return FixedAmount(value)
    if isinstance(value, str):
        value = MoneyRange.parse(value)
    if isinstance(value, MoneyRange):
        return FixedAmount(value.low) if value.low == value.high else Uniform(value.low, value.high)
    what = "a distribution, Money, MoneyRange or text such as '£30k to £40k'"
    raise InvalidValue(expected("amount", what, value))


def _corr_names(value: Any) -> tuple[str, ...]:
    names = tuple(value) if not isinstance(value, str) else (value,)
    for i, name in enumerate(names):
        if not isinstance(name, str):
            raise InvalidValue(expected(f"names[{i}]", "a flow id", name))
    if len(set(names)) != len(names) or len(names) < 2:
        raise InvalidValue(expected("names", "at least two distinct flow ids", list(names)))
    return names


def _corr_matrix(value: Any) -> tuple[tuple[float, ...], ...]:
    rows = tuple(value)
    out = []
    for i, row in enumerate(rows):
        cells = tuple(row) if isinstance(row, Iterable) and not isinstance(row, str) else None
        if cells is None:
            raise InvalidValue(expected(f"matrix[{i}]", "a row of numbers", row))
        for j, cell in enumerate(cells):
            if (
                isinstance(cell, bool)
                or not isinstance(cell, int | float | Fraction)
                or not -1 <= cell <= 1
            ):
                raise InvalidValue(expected(f"matrix[{i}][{j}]", "a number from -1 to 1", cell))
        out.append(tuple(float(c) for c in cells))
    return tuple(out)


@attrs.frozen
class RankCorrelation:
    """Rank (Spearman) correlation between uncertain flows, imposed by Iman–Conover.

    An ICT build that overruns tends to come with a bigger saving: give the two flows' ids
    and a rank-correlation matrix. Each flow keeps exactly its own distribution (the same
    values, reordered); only which scenarios pair large with large changes. It is imposed
    within every block of :data:`BLOCK` scenarios, so results still do not depend on the
    chunk size (and over whole blocks each flow's values are exactly those drawn without
    the correlation). Targets are rank correlations: the normal scores are correlated at
    ``2 sin(pi r / 6)``, whose rank correlation is ``r``.

    Args:
        names: Ids of the flows, in the matrix's order.
        matrix: Symmetric, ones on the diagonal, positive semi-definite.

    Examples:
        >>> RankCorrelation(["ict-build", "ict-saving"], [[1, 0.7], [0.7, 1]]).describe()
        'rank correlation ict-build ~ ict-saving 0.7'
        >>> RankCorrelation(["a", "b"], [[1, 0.5], [0.4, 1]])
        Traceback (most recent call last):
        ...
        sharegov.errors.InvalidValue: matrix[1][0]: expected symmetric: equal to matrix[0][1] \
(0.5), got 0.4
    """

    names: tuple[str, ...] = attrs.field(converter=_corr_names)
    matrix: tuple[tuple[float, ...], ...] = attrs.field(converter=_corr_matrix)

    def __attrs_post_init__(self) -> None:
        k = len(self.names)
        if len(self.matrix) != k or any(len(row) != k for row in self.matrix):
            shape = [len(row) for row in self.matrix]
            raise InvalidValue(expected("matrix", f"{k} rows of {k} (one per name)", shape))
        for i in range(k):
            if self.matrix[i][i] != 1:
                raise InvalidValue(
                    expected(f"matrix[{i}][{i}]", "1 on the diagonal", self.matrix[i][i])
                )
            for j in range(i):
                if self.matrix[i][j] != self.matrix[j][i]:
                    what = f"symmetric: equal to matrix[{j}][{i}] ({self.matrix[j][i]:g})"
                    raise InvalidValue(expected(f"matrix[{i}][{j}]", what, self.matrix[i][j]))
        np = require("numpy", "simulate")
        least = float(np.linalg.eigvalsh(np.array(self.matrix)).min())
        if least < -1e-9:
            what = "positive semi-definite (a possible correlation matrix)"
            raise InvalidValue(expected("matrix", what, f"least eigenvalue {least:.3g}"))

    def describe(self) -> str:
        pairs = [
            f"{self.names[i]} ~ {self.names[j]} {self.matrix[i][j]:g}"
            for i in range(len(self.names))
            for j in range(i + 1, len(self.names))
            if self.matrix[i][j]
        ]
        return "rank correlation " + ("; ".join(pairs) or "none")


# ---------------------------------------------------------------------------------------------
# Flows and the model
# ---------------------------------------------------------------------------------------------


def _start(value: Any) -> dt.date | FinancialYear:
    if isinstance(value, FinancialYear | dt.date):
        return value
    if isinstance(value, str):
        return FinancialYear.parse(value)
    raise InvalidValue(expected("start", "a FinancialYear, date or text such as '2008/09'", value))


def _linear_rule(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, SplitRule):
        raise InvalidRule(expected("split", "a split rule", value))
    if not value.linear:
        what = "a share-based split rule (caps and floors depend on the amount)"
        raise InvalidRule(f"split: expected {what}, got {value.describe()!r}")


def _covers(value: Any) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidValue(expected("covers", "a set of cost flow ids", value))
    ids = frozenset(value)
    for item in ids:
        if not isinstance(item, str):
            raise InvalidValue(expected("covers", "flow ids (text)", item))
    return ids


@attrs.frozen
class Flow:
    """An uncertain amount a year: a cost, a grant or a saving, split among the parties.

    Args:
        id: Identifier.
        description: In words.
        amount: The amount a year (a distribution; a Money, range or text is converted).
        kind: ``"cost"`` (paid), ``"grant"`` or ``"saving"`` (received).
        start: The first financial year, or a date (a part year counts whole months left).
        years: How many years it lasts; ``None`` to the end of the horizon.
        per_year: Draw each year independently; by default one draw holds for every year.
        split: A share-based rule from :mod:`sharegov.costs`; equal by default.
        covers: For a grant: the ids of the cost flows it pays for. It is then a pot, as
            in :meth:`sharegov.costs.CostPlan.statement`: drawn once, spent on those costs
            as they fall (year by year, in the order the flows are listed, from ``start``),
            never more than they cost, and each council is credited in its share of the cost
            covered; ``years``, ``per_year`` and ``split`` do not apply. When None, a grant
            is an income in ``start`` split by ``split``.
    """

    id: str = attrs.field(validator=_identifier)
    description: str = attrs.field(validator=_text)
    amount: Distribution = attrs.field(converter=as_distribution)
    kind: Kind = attrs.field(kw_only=True)
    start: dt.date | FinancialYear = attrs.field(kw_only=True, converter=_start)
    years: int | None = attrs.field(default=1, kw_only=True)
    per_year: bool = attrs.field(default=False, kw_only=True)
    split: SplitRule = attrs.field(factory=Equal, kw_only=True, validator=_linear_rule)
    covers: frozenset[str] | None = attrs.field(default=None, kw_only=True, converter=_covers)

    def __attrs_post_init__(self) -> None:
        if self.kind not in ("cost", "grant", "saving"):
            raise InvalidValue(expected("kind", "'cost', 'grant' or 'saving'", self.kind))
        if self.covers is not None and (self.kind != "grant" or self.per_year):
            what = "None: only a grant drawn once (per_year=False) covers costs"
            raise InvalidValue(expected("covers", what, sorted(self.covers)))
        years = self.years
        if years is not None and (
            isinstance(years, bool) or not isinstance(years, int) or years < 1
        ):
            raise InvalidValue(expected("years", "a whole number >= 1 or None", years))

    @property
    def first_year(self) -> FinancialYear:
        """The financial year it starts in."""
        return first_year(self.start)

    def fraction_in(self, year: FinancialYear) -> Fraction:
        """The share of a full year's amount that falls in ``year``."""
        return year_fraction(self.start, self.years, year)

    def running_in(self, year: FinancialYear) -> tuple[Fraction, Fraction]:
        """The years' worth that have fallen by the end of ``year`` and by its start: a
        year's amount is the difference of the two running totals, each rounded once, so
        that the years sum exactly to the whole (as the statement books savings)."""
        through, before = months_in(self.start, self.years, year)
        return Fraction(through, 12), Fraction(before, 12)


def _flow_of(where: str, *args: Any, **kwargs: Any) -> Flow:
    """A :class:`Flow` made from an entry of a plan; a rule it cannot use names the entry."""
    try:
        return Flow(*args, **kwargs)
    except InvalidRule as exc:
        raise InvalidRule(f"{where}: {exc}") from exc


def _flows(value: Any) -> tuple[Flow, ...]:
    flows = tuple(value)
    for i, flow in enumerate(flows):
        if not isinstance(flow, Flow):
            raise InvalidValue(expected(f"flows[{i}]", "a Flow", flow))
    ids = [f.id for f in flows]
    if len(set(ids)) != len(ids):
        raise InvalidValue(expected("flows", "unique ids", ids))
    return flows


@attrs.frozen
class Model:
    """Uncertain flows among parties over a run of financial years.

    Args:
        parties: The councils.
        flows: The costs, grants and savings.
        start: The first year; the earliest flow's year when None.
        years: How many years; to the end of the last bounded flow when None.
        correlation: Rank correlation between flows (see :class:`RankCorrelation`);
            independent when None.
    """

    parties: tuple[str, ...] = attrs.field(converter=_parties)
    flows: tuple[Flow, ...] = attrs.field(converter=_flows)
    start: FinancialYear | None = attrs.field(default=None, kw_only=True)
    years: int | None = attrs.field(default=None, kw_only=True)
    correlation: RankCorrelation | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not self.flows:
            raise InvalidValue(expected("flows", "at least one flow", ()))
        costs = {f.id for f in self.flows if f.kind == "cost"}
        for i, flow in enumerate(self.flows):
            try:
                flow.split.shares(self.parties)
            except (InvalidValue, UnknownId) as exc:
                raise InvalidRule(f"flows[{i}].split: {exc}") from exc
            _split_plan(flow.split, self.parties, f"flows[{i}] ({flow.id}).split")
            unknown = sorted((flow.covers or frozenset()) - costs)
            if unknown:
                raise UnknownId(expected(f"flows[{i}].covers", "ids of cost flows", unknown))
        if self.correlation is not None:
            if not isinstance(self.correlation, RankCorrelation):
                what = "a RankCorrelation"
                raise InvalidValue(expected("correlation", what, self.correlation))
            by_id = {f.id: f for f in self.flows}
            for i, name in enumerate(self.correlation.names):
                found = by_id.get(name)
                if found is None:
                    raise UnknownId(expected(f"correlation.names[{i}]", "a flow id", name))
                if found.per_year or isinstance(found.amount, FixedAmount):
                    what = "an uncertain flow drawn once (not per_year, not a fixed amount)"
                    raise InvalidValue(expected(f"correlation.names[{i}]", what, name))

    @property
    def span(self) -> tuple[FinancialYear, ...]:
        """The financial years simulated."""
        first = self.start or min(f.first_year for f in self.flows)
        if self.years is not None:
            count = self.years
        else:
            ends = [f.first_year + f.years for f in self.flows if f.years is not None]
            count = max(ends or [first + 1]) - first
        if count < 1:
            raise InvalidValue(expected("years", "at least one year in the horizon", count))
        return tuple(first + k for k in range(count))

    @classmethod
    def from_plan(
        cls,
        plan: CostPlan,
        uncertain: Mapping[str, Any] | None = None,
        *,
        years: int = 5,
        start: FinancialYear | None = None,
        correlation: RankCorrelation | None = None,
    ) -> Model:
        """The flows of a :class:`~sharegov.costs.CostPlan`, with some amounts made uncertain.

        Shared items become costs, grants become grants that cover the same items (see
        ``covers`` on :class:`Flow`: spent as the statement spends them, in the covered
        items' years and splits, capped at their cost), and savings streams become savings.
        Ranges become :class:`Uniform`. Unshared items are left out (they are incurred in
        any case). With every amount fixed, each council's net in each year equals
        :meth:`~sharegov.costs.CostPlan.statement` to the penny. Match funding changes who
        pays first, not the totals, so it is left out; it must then be drawn in the
        proportions of the cost split, on items split by the cost split (where it is, a
        council's figures may differ from the statement's by the odd penny of rounding).

        Args:
            plan: The plan.
            uncertain: Distributions by item, grant funder or savings id, replacing the
                plan's amounts.
            years: The horizon in financial years.
            start: The first year; the plan's first year when None.
            correlation: Rank correlation between items, grants (by funder, spaces as
                hyphens) or savings streams, by id.

        Raises:
            InvalidRule: A split with caps or floors, or match funding that is not in the
                proportions of the cost split (simulate with share-based rules).
            UnknownId: ``uncertain`` names something not in the plan.
        """
        uncertain = dict(uncertain or {})
        known = {i.id for i in plan.items} | {g.funder for g in plan.grants}
        known |= {s.id for s in plan.savings}
        unknown = sorted(set(uncertain) - known)
        if unknown:
            raise UnknownId(expected("uncertain", "ids of items, grants or savings", unknown))
        for i, match in enumerate(plan.match_funding):
            pots = dict.fromkeys(match.parties or plan.parties, 1)
            split = plan.cost_split.shares(plan.parties) if plan.cost_split.linear else None
            same = split is not None and all(
                split[p] == Fraction(pots.get(p, 0), len(pots)) for p in plan.parties
            )
            covered = [i for i in plan.items if match.covers is None or i.id in match.covers]
            same = same and all(
                i.split is None or i.split == plan.cost_split for i in covered if i.shared
            )
            if not same:
                what = "match funding in the proportions of the cost split"
                raise InvalidRule(expected(f"match_funding[{i}]", what, match))
        first = start or plan.first_year
        flows: list[Flow] = []
        for i, item in enumerate(plan.items):
            if not item.shared:
                continue
            span = None if item.recurring and item.until is None else 1
            if item.recurring and item.until is not None:
                span = item.until - item.year + 1
            flows.append(
                _flow_of(
                    f"items[{i}] ({item.id})",
                    item.id,
                    item.description,
                    uncertain.get(item.id, item.amount),
                    kind="cost",
                    start=item.year,
                    years=span,
                    split=item.split or plan.cost_split,
                )
            )
        for grant in plan.grants:
            covered = [
                i for i in plan.items if i.shared and (grant.covers is None or i.id in grant.covers)
            ]
            flows.append(
                Flow(
                    _slug(grant.funder),
                    f"{grant.funder} grant",
                    uncertain.get(grant.funder, grant.amount),
                    kind="grant",
                    start=first,
                    covers={i.id for i in covered},
                )
            )
        for i, stream in enumerate(plan.savings):
            flows.append(
                _flow_of(
                    f"savings[{i}] ({stream.id})",
                    stream.id,
                    stream.description,
                    uncertain.get(stream.id, stream.amount),
                    kind="saving",
                    start=stream.start,
                    years=stream.years,
                    split=stream.split or plan.savings_split,
                )
            )
        return cls(plan.parties, flows, start=first, years=years, correlation=correlation)

    def run(
        self,
        n: int = 10_000,
        *,
        seed: int,
        chunk_size: int | None = None,
        client: Any = None,
        progress: Callable[[int, int], object] | None = None,
        timeout: float | None = None,
    ) -> SimulationResult:
        """Simulate ``n`` scenarios.

        Args:
            n: Number of scenarios.
            seed: The seed; the same seed gives the same scenarios for any chunk size.
            chunk_size: Scenarios per unit of work (rounded up to whole blocks of
                :data:`BLOCK`); bounds the working memory, and is the task size on Dask.
                When None: 16 blocks locally; on Dask, about four tasks per worker (at
                most 256 blocks each), so every worker is busy to the end.
            client: A ``dask.distributed.Client`` to run the chunks on a cluster.
            progress: Called as ``progress(done, n)`` as each chunk finishes (on Dask too,
                as chunks complete, in whatever order); for a progress bar such as
                :func:`tqdm_progress`. It cannot change the results. If it raises, the run
                stops: its tasks still on the cluster are cancelled and the exception
                propagates; the client stays usable.
            timeout: With a ``client``, the most seconds to wait for the whole run; past
                it, the run's tasks are cancelled and :class:`TimeoutError` is raised, so a
                lost worker or a stalled cluster can never hang the caller. None waits for
                as long as it takes. A local run is not timed out (interrupt it instead).

        Raises:
            LimitExceeded: ``n`` is past :data:`MAX_SCENARIOS`, or the result would hold
                more than :data:`MAX_RESULT_CELLS` amounts (``n`` x councils x years).
            TimeoutError: On Dask, the run did not finish within ``timeout`` seconds.
        """
        checks = [("n", n)] + ([] if chunk_size is None else [("chunk_size", chunk_size)])
        for field, value in checks:
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise InvalidValue(expected(field, "a whole number >= 1", value))
        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            raise InvalidValue(expected("seed", "a whole number >= 0", seed))
        if timeout is not None and (
            isinstance(timeout, bool)
            or not isinstance(timeout, int | float)
            or not 0 < timeout < math.inf
        ):
            raise InvalidValue(expected("timeout", "a number of seconds > 0, or None", timeout))
        per_scenario = len(self.parties) * len(self.span)
        most = min(MAX_SCENARIOS, MAX_RESULT_CELLS // per_scenario)
        if n > most:
            raise LimitExceeded(
                f"n: expected at most {most:,} scenarios for {plural(len(self.parties), 'council')}"
                f" over {plural(len(self.span), 'year')} (limits: {MAX_SCENARIOS:,} scenarios, "
                f"{MAX_RESULT_CELLS:,} amounts in the result), got {n:,}; run several "
                "smaller runs with different seeds"
            )
        np = require("numpy", "simulate")
        compiled = _compile(self)
        total_blocks = -(-n // BLOCK)
        if chunk_size is not None:
            blocks_per_chunk = -(-chunk_size // BLOCK)
        elif client is None:
            blocks_per_chunk = 16
        else:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            blocks_per_chunk = min(256, max(1, -(-total_blocks // (4 * workers))))
        chunks = [
            (b, min(blocks_per_chunk, total_blocks - b))
            for b in range(0, total_blocks, blocks_per_chunk)
        ]
        span = self.span
        net = np.empty((n, len(self.parties), len(span)))
        done = 0

        def place(b: int, part: Any, *, copy: bool = True) -> None:
            nonlocal done
            if copy:  # a chunk computed elsewhere; a local one is written in place
                net[b * BLOCK : b * BLOCK + len(part)] = part
            done += len(part)
            if progress is not None:
                progress(done, n)

        if client is None:
            work = _work(np, compiled)
            for b, k in chunks:
                part = net[b * BLOCK : min(n, (b + k) * BLOCK)]
                place(b, _run_chunk(compiled, seed, b, k, n, out=part, work=work), copy=False)
        else:
            distributed = require("dask.distributed", "dask")
            # Each task carries the compiled model (small: coefficients, not draws) and
            # derives its blocks' seeds itself, so nothing large is scattered or shared
            # between runs (a shared, content-hashed key once made back-to-back runs lose
            # it to the previous run's release). Chunks are placed as they complete.
            futures = client.map(
                _run_chunk_packed,
                [compiled] * len(chunks),
                [seed] * len(chunks),
                [b for b, _ in chunks],
                [k for _, k in chunks],
                [n] * len(chunks),
                pure=False,
            )
            first = {f.key: b for f, (b, _) in zip(futures, chunks, strict=True)}
            # Tracked on this client's own event loop (as_completed defaults to the default
            # client's, which is another loop when several clients are open). On every way
            # out (done, a task's error, the timeout, a progress callback raising, an
            # interrupt) the run's remaining tasks are cancelled, so none is left running
            # on the cluster or holding memory there.
            try:
                for future, part in distributed.as_completed(
                    futures, with_results=True, loop=client.loop, timeout=timeout
                ):
                    place(first[future.key], part)
                    future.release()
            except TimeoutError as exc:
                # as_completed raises once the time is up even after its last future, so
                # a run whose every chunk arrived in time is complete, not timed out.
                if timeout is None:
                    raise
                if done < n:
                    raise TimeoutError(
                        f"timeout: the run on Dask did not finish within {timeout} seconds "
                        f"({done:,} of {n:,} scenarios done); its tasks were cancelled"
                    ) from exc
            finally:
                client.cancel(futures)
        return SimulationResult(self.parties, span, net, seed=seed, model=self)


def _slug(text: str) -> str:
    return "-".join(text.split()) or "grant"


# ---------------------------------------------------------------------------------------------
# Exact splits, vectorised: the same pennies as SplitRule.split, for a vector of amounts
# ---------------------------------------------------------------------------------------------


def _integers(weights: Sequence[Fraction]) -> tuple[tuple[int, ...], int]:
    """Weights as whole numbers over one denominator: ``(k_1, ..., k_n), D`` with sum k = D."""
    whole = sum(weights, Fraction(0))
    shares = [Fraction(w) / whole for w in weights]
    d = math.lcm(*(s.denominator for s in shares))
    return tuple(int(s * d) for s in shares), d


def _split_plan(rule: SplitRule, parties: Sequence[str], field: str) -> tuple[Any, ...]:
    """How to split like ``rule.split``: ``("alloc", ks, D)`` or ``("mix", ks, D, parts)``.

    Raises:
        InvalidRule: A rule whose split is not a fixed share of the amount, naming ``field``.
    """
    if isinstance(rule, CaseByCase):
        return _split_plan(rule.agreed, parties, field)
    if isinstance(rule, Mix):
        ks, d = _integers([w for w, _ in rule.parts])
        return ("mix", ks, d, tuple(_split_plan(r, parties, field) for _, r in rule.parts))
    if type(rule).split is not SplitRule.split or not rule.linear:
        raise InvalidRule(
            f"{field}: the simulation cannot split {rule.describe()!r}: its split is not a "
            "fixed share of the amount; simulate it with a share-based rule"
        )
    shares = rule.shares(parties)
    ks, d = _integers([shares[p] for p in parties])
    return ("alloc", ks, d)


def _unit(plan: tuple[Any, ...]) -> int | None:
    """The one party that takes the whole amount under ``plan``, if there is one."""
    if plan[0] == "alloc" and plan[2] == 1:
        return plan[1].index(1)  # type: ignore[no-any-return]
    return None


def _allocate(np: Any, amount: Any, ks: tuple[int, ...], d: int) -> Any:
    """``allocate`` for every amount at once: (parties, n) int64, largest remainder, ties
    to the earlier party, a negative amount split as its magnitude and negated."""
    mag = np.abs(amount)
    k = np.array(ks, dtype=np.int64)[:, None]
    if d == 1:
        return k * amount
    big = int(mag.max(initial=0)) * max(ks) >= 2**62
    if big:  # past int64: exact Python integers (slow, but never wrong)
        mag, k = mag.astype(object), k.astype(object)
    q, r = np.divmod(mag * k, d)
    left = mag - q.sum(axis=0)
    order = np.argsort(-r, axis=0, kind="stable")
    rank = np.empty(order.shape, dtype=np.int64)
    np.put_along_axis(rank, order, np.arange(len(ks), dtype=np.int64)[:, None], axis=0)
    q = q + (rank < left)
    if big:
        q = q.astype(np.int64)
    return np.where(amount < 0, -q, q)


def _split(np: Any, plan: tuple[Any, ...], amount: Any) -> Any:
    if plan[0] == "alloc":
        return _allocate(np, amount, plan[1], plan[2])
    pieces = _allocate(np, amount, plan[1], plan[2])
    return sum(_split(np, sub, pieces[i]) for i, sub in enumerate(plan[3]))


def _scale(np: Any, amount: Any, fraction: Fraction) -> Any:
    """``Money.scale`` for every amount: times an exact fraction, rounded half-even."""
    if fraction == 1:
        return amount
    q, r = np.divmod(amount * fraction.numerator, fraction.denominator)
    twice = 2 * r
    up = (twice > fraction.denominator) | ((twice == fraction.denominator) & (q % 2 == 1))
    return q + up


# ---------------------------------------------------------------------------------------------
# The vectorised engine
# ---------------------------------------------------------------------------------------------


@attrs.frozen(eq=False)
class _Event:
    """One flow in one year that cannot go through the fast matrix product."""

    sign: int  # -1 paid, +1 received
    year: int
    row: int  # the variable drawn
    # The year's amount is scale(x, through) - scale(x, before): the difference of the
    # running totals, each rounded once, as SavingsStream.amount_in books it.
    through: Fraction
    before: Fraction
    plan: tuple[Any, ...]
    grants: tuple[int, ...]  # indices into the covering grants, in order


@attrs.frozen(eq=False)
class _Compiled:
    """The model as arrays. Variables (rows of the draw buffer) are ordered by how they are
    drawn: uniform, triangular, discrete (all inverse CDF of one run of uniforms), lognormal,
    PERT, then fixed amounts."""

    shape: tuple[int, int]  # councils, years
    labels: tuple[str, ...]  # a name for every variable
    random: int  # rows 0 .. random - 1 are drawn; the rest are fixed
    uni: tuple[int, int, Any, Any]  # rows, low, width
    tri: tuple[int, int, Any, Any, Any, Any]  # rows, c, sqrt kl, sqrt kr, low + high - mode
    disc: tuple[tuple[int, Any, Any], ...]  # row, cumulative probabilities, values
    logn: tuple[int, int, Any, Any]  # rows, mu, sigma
    pert: tuple[int, int, Any, Any, Any, Any]  # rows, alpha, beta, low, width
    fixed: Any  # (V - random,) the fixed amounts
    fast: tuple[tuple[int, int, int, int, int], ...]  # output row, sign, rows, kind: _runs
    events: tuple[_Event, ...]
    pots: tuple[int, ...]  # variable rows of the covering grants
    corr: tuple[tuple[int, ...], Any, Any] | None  # rows, target factor, scores
    # Uniform and triangular rows that only feed whole-share sums are left part-way: a
    # uniform as u, a triangular as its two roots sqrt(min(u, c)) and sqrt(min(1 - u,
    # 1 - c)), summed while still in cache (see segments); the sums weight them by width,
    # sqrt kl and -sqrt kr (matrix-vector products), the offsets (low; low + high - mode)
    # are added as one constant per output, and each sum is rounded to the penny once.
    offset: Any  # (t1, 1): each uniform and triangular row's offset
    whole: tuple[int, ...]  # the uniform and triangular rows needed as whole amounts
    const: Any  # (K, 1): the offsets of the others, summed per output
    # The triangular rows in drawing order as segments ``(first, last + 1, sums)``, at most
    # _GROUP rows each: every row of a segment is whole (``sums`` is None) or feeds the same
    # outputs, ``sums`` then holding ``(output, weights)`` with weights (2 x rows,) for the
    # two roots (sign x sqrt kl; -sign x sqrt kr), so the roots are summed while in cache.
    segments: tuple[tuple[int, int, tuple[tuple[int, Any], ...] | None], ...]


def _compile(model: Model) -> _Compiled:
    np = require("numpy", "simulate")
    span = model.span
    parties = model.parties
    n_c, n_y = len(parties), len(span)
    order = (Uniform, Triangular, Discrete, Lognormal, Pert, FixedAmount)
    found: list[tuple[int, int, Distribution, str]] = []  # kind, sequence, dist, label
    var_of: dict[tuple[str, int | None], int] = {}  # (flow id, year or None) -> sequence

    def add(dist: Distribution, label: str, key: tuple[str, int | None]) -> None:
        if isinstance(dist, Uniform | Triangular | Pert) and dist.low == dist.high:
            dist = FixedAmount(dist.low)
        if isinstance(dist, Discrete) and len(dist.outcomes) == 1:
            dist = FixedAmount(dist.outcomes[0][0])
        var_of[key] = len(found)
        found.append((order.index(type(dist)), len(found), dist, label))

    for flow in model.flows:
        if flow.per_year:
            for y, year in enumerate(span):
                if flow.fraction_in(year):
                    add(flow.amount, f"{flow.id} {year}", (flow.id, y))
        else:
            add(flow.amount, flow.id, (flow.id, None))
    ranked = sorted(found, key=lambda item: (item[0], item[1]))
    row_of = {seq: r for r, (_, seq, _, _) in enumerate(ranked)}
    dists: list[Any] = [d for _, _, d, _ in ranked]
    labels = tuple(label for _, _, _, label in ranked)
    kinds = [k for k, _, _, _ in ranked]

    def rows(kind: type) -> tuple[int, int]:
        k = order.index(kind)
        first = sum(1 for other in kinds if other < k)
        return first, first + kinds.count(k)

    def pence(ds: list[Any], field: str) -> Any:
        return np.array([getattr(d, field).pence for d in ds], dtype=float)

    u0, u1 = rows(Uniform)
    lo, hi = pence(dists[u0:u1], "low"), pence(dists[u0:u1], "high")
    uni = (u0, u1, lo[:, None], (hi - lo)[:, None])
    t0, t1 = rows(Triangular)
    ds = dists[t0:t1]
    lo, mo, hi = pence(ds, "low"), pence(ds, "mode"), pence(ds, "high")
    tri = (
        t0,
        t1,
        ((mo - lo) / np.where(hi > lo, hi - lo, 1))[:, None],
        np.sqrt((hi - lo) * (mo - lo))[:, None],
        np.sqrt((hi - lo) * (hi - mo))[:, None],
        (lo + hi - mo)[:, None],
    )
    d0, d1 = rows(Discrete)
    disc = tuple(
        (
            r,
            np.cumsum([float(p) for _, p in dists[r].outcomes])[:-1],
            np.array([m.pence for m, _ in dists[r].outcomes], dtype=float),
        )
        for r in range(d0, d1)
    )
    l0, l1 = rows(Lognormal)
    logn = (
        l0,
        l1,
        np.array([d.mu for d in dists[l0:l1]])[:, None],
        np.array([d.sigma for d in dists[l0:l1]])[:, None],
    )
    p0, p1 = rows(Pert)
    ds = dists[p0:p1]
    lo, mo, hi = pence(ds, "low"), pence(ds, "mode"), pence(ds, "high")
    shape = np.array([d.shape for d in ds], dtype=float)
    pert = (
        p0,
        p1,
        (1 + shape * (mo - lo) / np.where(hi > lo, hi - lo, 1))[:, None],
        (1 + shape * (hi - mo) / np.where(hi > lo, hi - lo, 1))[:, None],
        lo[:, None],
        (hi - lo)[:, None],
    )
    f0, _ = rows(FixedAmount)
    fixed = np.array([d.amount.pence for d in dists[f0:]], dtype=float)

    covering = [f for f in model.flows if f.kind == "grant" and f.covers is not None]
    pots = tuple(row_of[var_of[(g.id, None)]] for g in covering)
    fast = np.zeros((n_c * n_y, len(dists)))
    events: list[_Event] = []
    for i, flow in enumerate(model.flows):
        if flow.kind == "grant" and flow.covers is not None:
            continue
        plan = _split_plan(flow.split, parties, f"flows[{i}] ({flow.id}).split")
        unit = _unit(plan)
        sign = -1 if flow.kind == "cost" else 1
        for y, year in enumerate(span):
            through, before = flow.running_in(year)
            if through == before:
                continue
            row = row_of[var_of[(flow.id, y if flow.per_year else None)]]
            grants = tuple(
                g
                for g, grant in enumerate(covering)
                if flow.kind == "cost"
                and flow.id in grant.covers  # type: ignore[operator]
                and grant.first_year <= year
            )
            one_year = through - before == 1 and before.denominator == 1
            if unit is not None and one_year and not grants:
                fast[unit * n_y + y, row] += sign
            else:
                events.append(_Event(sign, y, row, through, before, plan, grants))
    corr = None
    if model.correlation is not None:
        spec = model.correlation
        corr_rows = tuple(row_of[var_of[(name, None)]] for name in spec.names)
        target = 2 * np.sin(np.pi * np.array(spec.matrix) / 6)  # Pearson of normal scores
        corr = (corr_rows, _factor(np, target), _scores(np))
    t1 = tri[1]
    offset = np.concatenate([uni[2], tri[5]]).reshape(t1, 1)
    needed = {e.row for e in events} | set(pots) | set(corr[0] if corr else ())
    whole = tuple(sorted(r for r in needed if r < t1))
    partial = np.zeros(len(dists), dtype=bool)
    partial[:t1] = True
    partial[list(whole)] = False
    const = (fast[:, :t1] * partial[:t1]) @ offset
    kinds = [0] * len(dists)
    for r in range(t1):
        if partial[r]:
            kinds[r] = 1 if r < uni[1] else 2
    runs = _runs(fast, kinds)
    return _Compiled(
        (n_c, n_y),
        labels,
        f0,
        uni,
        tri,
        disc,
        logn,
        pert,
        fixed,
        tuple(run for run in runs if run[4] != 2),
        tuple(sorted(events, key=lambda e: e.year)),  # year by year, as the statement
        pots,
        corr,
        offset,
        whole,
        const,
        _segments(np, tri, runs, set(whole)),
    )


def _runs(fast: Any, kinds: Sequence[int]) -> tuple[tuple[int, int, int, int, int], ...]:
    """The fast (K, V) matrix of signs as runs of consecutive variables of one kind that
    add into one output with one sign: summing a slice of rows beats a dense matrix product
    (no zeros). ``kinds[v]`` is 0 for a whole amount, 1 for a uniform row left as ``u`` and
    2 for a triangular row left as its two square roots (see :func:`_inputs`)."""
    runs: list[tuple[int, int, int, int, int]] = []
    for k in range(fast.shape[0]):
        for sign in (1, -1):
            for v in (fast[k] == sign).nonzero()[0].tolist():
                last = runs[-1] if runs else None
                if last and last[:2] == (k, sign) and last[3] == v and last[4] == kinds[v]:
                    runs[-1] = (k, sign, last[2], v + 1, kinds[v])
                else:
                    runs.append((k, sign, v, v + 1, kinds[v]))
    return tuple(runs)


def _segments(
    np: Any,
    tri: tuple[int, int, Any, Any, Any, Any],
    runs: Sequence[tuple[int, ...]],
    whole: set[int],
) -> tuple[tuple[int, int, tuple[tuple[int, Any], ...] | None], ...]:
    """The triangular rows as segments for :func:`_inputs` (see :class:`_Compiled`)."""
    t0, t1, _, skl, skr, _ = tri
    feeds: dict[int, list[tuple[int, int]]] = {r: [] for r in range(t0, t1)}
    for k, sign, a, b, kind in runs:
        if kind == 2:
            for r in range(a, b):
                feeds[r].append((k, sign))

    def key_of(r: int) -> tuple[tuple[int, int], ...] | None:
        return None if r in whole else tuple(feeds[r])

    segments: list[tuple[int, int, tuple[tuple[int, Any], ...] | None]] = []
    r = t0
    while r < t1:
        key = key_of(r)
        end = r + 1
        while end < t1 and end - r < _GROUP and key_of(end) == key:
            end += 1
        sums = None
        if key is not None:
            left, right = skl[r - t0 : end - t0, 0], skr[r - t0 : end - t0, 0]
            sums = tuple((k, np.concatenate([sign * left, -sign * right])) for k, sign in key)
        segments.append((r, end, sums))
        r = end
    return tuple(segments)


def _factor(np: Any, matrix: Any) -> Any:
    """A square root ``L`` with ``L @ L.T == matrix``: Cholesky, or from the eigenvalues of a
    semi-definite matrix."""
    try:
        return np.linalg.cholesky(matrix)
    except np.linalg.LinAlgError:
        values, vectors = np.linalg.eigh(matrix)
        return vectors * np.sqrt(np.clip(values, 0, None))


def _scores(np: Any) -> Any:
    """Van der Waerden scores for a block, scaled to unit standard deviation."""
    from statistics import NormalDist

    inv = NormalDist().inv_cdf
    s = np.array([inv(i / (BLOCK + 1)) for i in range(1, BLOCK + 1)])
    return s / s.std()


#: Rows of draws transformed together: small enough to stay in a core's cache.
_GROUP = 20


def _work(np: Any, compiled: _Compiled) -> tuple[Any, Any]:
    """Buffers for :func:`_inputs`, reused block after block: room for one segment's two
    roots, and the triangular rows' modes written out in full, as contiguous operands are
    faster than broadcast columns."""
    t0, t1, c, _, _, _ = compiled.tri
    cut = np.empty((t1 - t0, BLOCK))
    cut[...] = c
    return np.empty(2 * _GROUP * BLOCK), cut


def _inputs(
    compiled: _Compiled, seed: int, block: int, x: Any, *, out: Any = None, work: Any = None
) -> Any:
    """Draw one block's variables into ``x`` (variables, BLOCK), as float64 pence.

    With ``out`` (outputs, BLOCK), holding the constant offsets (:class:`_Compiled`), the
    uniform and triangular rows only summed are left part-way: a uniform as ``u`` in ``x``
    (:func:`_outputs` sums it); a triangular row's two roots are added, weighted, straight
    into ``out`` and not kept. Without ``out`` every row is a whole amount."""
    np = require("numpy", "simulate")
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(block,))))
    u0, u1, _, uwidth = compiled.uni
    t0, t1, _, skl, skr, _ = compiled.tri
    l0, l1, mu, sigma = compiled.logn
    buf, cut = _work(np, compiled) if work is None else work
    part = np.empty(BLOCK) if out is not None else None
    # Uniform, triangular and discrete: the inverse CDF of one run of uniforms, drawn and
    # transformed a few rows at a time so each segment stays in cache (drawing row groups
    # in turn gives the same numbers as drawing them all at once).
    if u1 > u0:
        rng.random(out=x[u0:u1])
        if out is None:
            x[u0:u1] *= uwidth
    for g0, g1, sums in compiled.segments:
        # Without branches: with p = min(u, c) and q = 1 - max(u, c) (= min(1 - u, 1 - c),
        # bit for bit), x = low + sqrt(p kl) + high - sqrt(q kr) - mode.
        m = g1 - g0
        roots = buf[: 2 * m * BLOCK].reshape(2, m, BLOCK)
        rng.random(out=roots[1])
        mode = cut[g0 - t0 : g1 - t0]
        np.minimum(roots[1], mode, out=roots[0])
        np.maximum(roots[1], mode, out=roots[1])
        np.subtract(1.0, roots[1], out=roots[1])
        np.sqrt(roots, out=roots)
        if sums is not None and out is not None:
            flat = roots.reshape(2 * m, BLOCK)
            for k, weights in sums:
                np.add(out[k], np.dot(weights, flat, out=part), out=out[k])
        else:
            row = x[g0:g1]
            np.multiply(roots[1], -skr[g0 - t0 : g1 - t0], out=row)
            row += roots[0] * skl[g0 - t0 : g1 - t0]
            row += compiled.offset[g0:g1]
            np.rint(row, out=row)
    if out is None:
        x[u0:u1] += compiled.offset[u0:u1]
        np.rint(x[u0:u1], out=x[u0:u1])
    else:
        for r in compiled.whole:
            if r < u1:
                x[r] *= uwidth[r - u0]
                x[r] += compiled.offset[r]
                np.rint(x[r], out=x[r])
    if l0 > t1:
        rng.random(out=x[t1:l0])
    for r, cum, values in compiled.disc:
        x[r] = values[np.searchsorted(cum, x[r], side="right")]
    if l1 > l0:
        z = x[l0:l1]
        rng.standard_normal(out=z)
        z *= sigma
        z += mu
        np.exp(z, out=z)
    p0, p1, alpha, beta, plo, pwidth = compiled.pert
    if p1 > p0:
        x[p0:p1] = rng.beta(alpha, beta, size=(p1 - p0, BLOCK))
        x[p0:p1] *= pwidth
        x[p0:p1] += plo
    if compiled.corr is not None:
        _iman_conover(np, rng, x, *compiled.corr)
    np.rint(x[l0 : compiled.random], out=x[l0 : compiled.random])
    x[compiled.random :] = compiled.fixed[:, None]
    return x


def _iman_conover(
    np: Any, rng: Any, x: Any, rows: tuple[int, ...], target: Any, scores: Any
) -> None:
    """Reorder the rows' draws in place so their rank correlation is near the target.

    Iman and Conover (1982): columns of randomly permuted normal scores, decorrelated
    (Cholesky of their own correlation) and recorrelated (the target's factor); each
    variable then takes its own sorted draws in the order of its column's ranks, so every
    marginal keeps exactly the values drawn.
    """
    m = np.stack([rng.permutation(scores) for _ in rows], axis=1)
    own = _factor(np, np.corrcoef(m, rowvar=False))
    t = m @ (target @ np.linalg.inv(own)).T
    for j, r in enumerate(rows):
        ranked = np.empty(BLOCK)
        ranked[np.argsort(t[:, j], kind="stable")] = np.sort(x[r])
        x[r] = ranked


def _outputs(compiled: _Compiled, x: Any, out: Any) -> Any:
    """Each scenario's net by council and year from the block's draws: ``out`` (K, BLOCK),
    row ``council * years + year``, holding the constant offsets and the triangular sums
    that :func:`_inputs` added. Amounts are whole pence, so every sum is exact."""
    np = require("numpy", "simulate")
    n_y = compiled.shape[1]
    part = np.empty(BLOCK)
    u0, _, _, width, *_ = compiled.uni
    for k, sign, a, b, kind in compiled.fast:
        add = np.add if sign > 0 else np.subtract
        if kind == 0:
            add(out[k], np.add.reduce(x[a:b], axis=0, out=part), out=out[k])
        else:
            add(out[k], np.dot(width[a - u0 : b - u0, 0], x[a:b], out=part), out=out[k])
    np.rint(out, out=out)
    if not compiled.events:
        return out
    left = [x[r].astype(np.int64) for r in compiled.pots]
    for event in compiled.events:
        drawn = x[event.row].astype(np.int64)
        amount = _scale(np, drawn, event.through)
        if event.before:
            amount = amount - _scale(np, drawn, event.before)
        for g in event.grants:
            used = np.clip(amount, 0, left[g])  # a credit neither draws on nor refills it
            left[g] -= used
            amount = amount - used
        parts = _split(np, event.plan, amount)
        for c in range(len(parts)):
            out[c * n_y + event.year] += event.sign * parts[c]
    return out


def _run_chunk(
    compiled: _Compiled,
    seed: int,
    first_block: int,
    blocks: int,
    n: int,
    out: Any = None,
    work: Any = None,
) -> Any:
    """Scenarios of blocks ``first_block`` .. ``first_block + blocks - 1`` (at most ``n``),
    (scenarios, councils, years), written into ``out`` when given; ``work`` is
    :func:`_work`'s buffers, to reuse them from chunk to chunk."""
    np = require("numpy", "simulate")
    n_c, n_y = compiled.shape
    start = first_block * BLOCK
    size = min(blocks * BLOCK, n - start)
    if out is None:
        out = np.empty((size, n_c, n_y))
    flat = out.reshape(size, n_c * n_y)
    x = np.empty((len(compiled.labels), BLOCK))
    work = _work(np, compiled) if work is None else work
    totals = np.empty((n_c * n_y, BLOCK))
    for k in range(blocks):
        lo = k * BLOCK
        if lo >= size:
            break
        hi = min(size, lo + BLOCK)
        totals[...] = compiled.const
        _inputs(compiled, seed, first_block + k, x, out=totals, work=work)
        flat[lo:hi] = _outputs(compiled, x, totals)[:, : hi - lo].T
    return out


def _run_chunk_packed(compiled: _Compiled, seed: int, first_block: int, blocks: int, n: int) -> Any:
    """:func:`_run_chunk` for a Dask worker: the amounts are whole pence, so when they fit
    they travel as int32 (half the bytes of float64), and convert back exactly."""
    np = require("numpy", "simulate")
    out = _run_chunk(compiled, seed, first_block, blocks, n)
    if out.size and np.abs(out).max() < 2**31:
        return out.astype(np.int32)
    return out


@contextlib.contextmanager
def _local_cluster(*, set_as_default: bool = True, **options: Any) -> Iterator[Any]:
    """A ``dask.distributed`` ``LocalCluster`` (``options``) and a ``Client`` on it, for the
    tests and the benchmark; yields the client (its cluster is ``client.cluster``).

    The dashboard gets a free port (``:0``), so two runs on one machine never clash on 8787.
    At the end the client closes, then the cluster, in the order ``distributed`` documents.
    Before the cluster closes, two ``BatchedSend`` streams that ``distributed`` leaves open
    are closed: the client's stream to the scheduler (``Client._close`` skips it when the
    scheduler has closed its end first) and the scheduler's stream to the cluster's worker
    watcher (``WorkerStatusPlugin.teardown`` is never called). Left open, either may hold a
    tornado timeout (5 or 10 ms after its last message) when the cluster's event loop stops;
    if that timeout fires in the loop's last iteration, its future is never read and Python
    later prints "Future exception was never retrieved ... TimeoutError('Timeout')".
    """
    distributed = require("dask.distributed", "dask")
    cluster = distributed.LocalCluster(**{"dashboard_address": ":0", **options})
    try:
        client = distributed.Client(cluster, set_as_default=set_as_default)
        try:
            yield client
        finally:
            # Internals of distributed (as of 2026.8), looked up defensively: where a release
            # has no such stream, there is nothing to close.
            stream = getattr(client, "scheduler_comm", None)
            client.close()
            status = getattr(cluster.scheduler, "plugins", {}).get("worker-status")
            for leftover in (stream, getattr(status, "bcomm", None)):
                if leftover is not None:
                    cluster.sync(leftover.close)
    finally:
        cluster.close()


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------


def _to_money(pence: float) -> Money:
    """Statistical pence back to exact Money: rounded half-even to the penny."""
    return Money(round(float(pence)))


@attrs.frozen(eq=False)
class SimulationResult:
    """The simulated net position (received less paid) of each council in each year.

    ``net`` is a float64 array of pence, shaped (scenarios, councils, years). Amounts
    reported as money are converted to :class:`~sharegov.money.Money`, half-even.
    """

    parties: tuple[str, ...]
    years: tuple[FinancialYear, ...]
    net: Any = attrs.field(repr=False)
    seed: int = attrs.field(kw_only=True)
    model: Model | None = attrs.field(default=None, kw_only=True, repr=False)

    @property
    def n(self) -> int:
        """Number of scenarios."""
        return int(self.net.shape[0])

    def _index(self, council: str) -> int:
        if council not in self.parties:
            raise UnknownId(expected("council", f"one of {_names(self.parties)}", council))
        return self.parties.index(council)

    def totals(self) -> Any:
        """Each scenario's net over the whole horizon per council: (scenarios, councils)."""
        return self.net.sum(axis=2)

    def quantiles(self, qs: Sequence[float] = (0.05, 0.5, 0.95)) -> dict[str, dict[float, Money]]:
        """Quantiles of each council's net over the horizon, as Money."""
        np = require("numpy", "simulate")
        for q in qs:
            if not 0 <= q <= 1:
                raise InvalidValue(expected("qs", "probabilities between 0 and 1", q))
        # One pass over the scenarios, in memory order, writes each council's totals into
        # a row of its own (not a strided gather per council); each row is then sorted in
        # place: numpy's vectorised sort beats partitioning for several quantiles, and
        # np.quantile of a sorted row is the same number.
        net = self.net
        totals = np.empty((len(self.parties), net.shape[0]))
        np.sum(net, axis=2, out=totals.T)
        values = np.empty((len(qs), len(self.parties)))
        for c, row in enumerate(totals):
            row.sort()
            values[:, c] = np.quantile(row, list(qs))
        return {
            p: {q: _to_money(values[i, c]) for i, q in enumerate(qs)}
            for c, p in enumerate(self.parties)
        }

    def mean(self) -> dict[str, Money]:
        """Each council's expected net over the horizon, as Money."""
        means = self.totals().mean(axis=0)
        return {p: _to_money(means[c]) for c, p in enumerate(self.parties)}

    def p_better_off(self) -> dict[str, float]:
        """The probability each council ends the horizon better off than going alone.

        Alone it would neither pay its share nor receive savings, so better off means a
        net position above £0. A plan of one council has no partner, so nothing to compare
        with going alone: its value is NaN (not a number), never a claim.

        Examples:
            >>> saving = Flow("s", "Saving", "£10k", kind="saving", start="2010/11")
            >>> Model(["A", "B"], [saving]).run(10, seed=0).p_better_off()
            {'A': 1.0, 'B': 1.0}
            >>> Model(["A"], [saving]).run(10, seed=0).p_better_off()
            {'A': nan}
        """
        if len(self.parties) == 1:
            return {self.parties[0]: math.nan}
        better = (self.totals() > 0).mean(axis=0)
        return {p: float(better[c]) for c, p in enumerate(self.parties)}

    def p_payback(self, within: int, council: str | None = None) -> float:
        """The probability the arrangement (or one council) pays back within ``within`` years.

        Pays back as in :meth:`sharegov.costs.Statement.payback_year`: the cumulative net
        is at or above £0 from that year to the end of the horizon.

        Raises:
            InvalidValue: ``within`` is past the horizon simulated: what happens after it is
                not known, so it is refused rather than answered as 0 or as the last year.
        """
        np = require("numpy", "simulate")
        if isinstance(within, bool) or not isinstance(within, int) or within < 1:
            raise InvalidValue(expected("within", "a whole number of years >= 1", within))
        horizon = len(self.years)
        if within > horizon:
            first, last = self.years[0], self.years[-1]
            what = f"at most the {plural(horizon, 'year')} simulated ({from_to(first, last)})"
            raise InvalidValue(expected("within", what, within))
        flows = self.net.sum(axis=1) if council is None else self.net[:, self._index(council)]
        ok = np.cumsum(flows, axis=1) >= 0
        stays = np.flip(np.logical_and.accumulate(np.flip(ok, axis=1), axis=1), axis=1)
        return float(stays[:, within - 1].mean())

    def to_dataframe(
        self,
        qs: Sequence[float] = (0.05, 0.5, 0.95),
        *,
        unit: Literal["pounds", "pence"] = "pounds",
    ) -> Any:
        """One row per council: mean and quantiles, and P(better off than alone).

        Columns are plain numbers, so ``.plot()``, ``astype(float)`` and arithmetic work:
        pounds as float64 (``unit="pounds"``, the default) or whole pence as int64
        (``unit="pence"``, rounded half-even, as :meth:`quantiles`).

        Examples:
            >>> model = Model(["A", "B"], [Flow("s", "Saving", "£10k", kind="saving",
            ...                                 start="2010/11")])
            >>> df = model.run(10, seed=0).to_dataframe(unit="pence")
            >>> df.dtypes.astype(str).tolist()
            ['int64', 'int64', 'int64', 'int64', 'float64']
            >>> int(df.loc["A", "p50"])
            500000
        """
        pd = require("pandas", "simulate")
        if unit not in ("pounds", "pence"):
            raise InvalidValue(expected("unit", "'pounds' or 'pence'", unit))
        quant, mean, better = self.quantiles(qs), self.mean(), self.p_better_off()
        columns: dict[str, list[Any]] = {"mean": [mean[p].pence for p in self.parties]}
        for q in qs:
            columns[f"p{_pct(q)}"] = [quant[p][q].pence for p in self.parties]
        frame = pd.DataFrame(columns, index=pd.Index(self.parties, name="council"), dtype="int64")
        if unit == "pounds":
            frame = frame.astype("float64") / 100
        frame["P(better off than alone)"] = [better[p] for p in self.parties]
        return frame

    def scenarios(self, *, unit: Literal["pounds", "pence"] = "pounds") -> Any:
        """Each scenario's net over the horizon, one column per council (a DataFrame).

        Pounds as float64, or whole pence as int64 with ``unit="pence"``; ready for
        ``.describe()``, ``.plot.hist()`` or a join with other scenario data.
        """
        pd = require("pandas", "simulate")
        if unit not in ("pounds", "pence"):
            raise InvalidValue(expected("unit", "'pounds' or 'pence'", unit))
        totals = self.totals()
        values = totals / 100 if unit == "pounds" else totals.round().astype("int64")
        index = pd.RangeIndex(self.n, name="scenario")
        return pd.DataFrame(values, columns=list(self.parties), index=index)

    def inputs(self, limit: int = 100_000) -> Any:
        """The uncertain inputs of the first scenarios (at most ``limit``), redrawn from the
        seed: a DataFrame of pounds, one column per drawn variable (a flow's id, with the
        year for a flow drawn each year). Fixed amounts are left out."""
        np = require("numpy", "simulate")
        pd = require("pandas", "simulate")
        if self.model is None:
            raise InvalidValue(
                expected("model", "the model that was run (to redraw its inputs)", None)
            )
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise InvalidValue(expected("limit", "a whole number >= 1", limit))
        compiled = _compile(self.model)
        m = min(self.n, limit)
        out = np.empty((m, compiled.random))
        x = np.empty((len(compiled.labels), BLOCK))
        work = _work(np, compiled)
        for b in range(-(-m // BLOCK)):
            lo, hi = b * BLOCK, min(m, (b + 1) * BLOCK)
            _inputs(compiled, self.seed, b, x, work=work)
            out[lo:hi] = x[: compiled.random, : hi - lo].T
        return pd.DataFrame(out / 100, columns=list(compiled.labels[: compiled.random]))

    def sensitivity(self, council: str | None = None, *, limit: int = 100_000) -> Any:
        """Which uncertain inputs drive each council's net position over the horizon.

        For every council (or one) and input, over the first ``limit`` scenarios:

        - ``spearman``: the rank correlation of the input with the net position;
        - ``variance share``: the square of the standardised regression coefficient, the
          share of the net position's variance the input accounts for (for independent
          inputs and a linear model these add up to the regression's R², near 1; grant
          caps make a model non-linear, and inputs correlated with each other share
          variance, so their figures no longer add up to 1);
        - ``low (£)`` and ``high (£)``: the mean net position when the input is in its
          lowest and highest 10% (the ends of a tornado chart's bar).

        Rows are sorted by absolute rank correlation, largest first, within each council.
        """
        np = require("numpy", "simulate")
        pd = require("pandas", "simulate")
        parties = self.parties if council is None else (self.parties[self._index(council)],)
        inputs = self.inputs(limit)
        m = len(inputs)
        totals = self.totals()[:m] / 100
        rows: list[dict[str, Any]] = []
        # What does not depend on the council, once: the inputs standardised, each input's
        # ranks and the scenarios in its lowest and highest 10%.
        x = inputs.to_numpy()
        sx = x.std(axis=0)
        usable = sx > 0
        z = (x[:, usable] - x[:, usable].mean(axis=0)) / sx[usable]
        ranks = inputs.rank(method="average")
        per_input = []
        for name in inputs.columns:
            r = ranks[name].to_numpy()
            low_cut, high_cut = np.quantile(r, [0.1, 0.9])
            per_input.append((name, r, r <= low_cut, r >= high_cut))
        for p in parties:
            y = totals[:, self.parties.index(p)]
            y_rank = pd.Series(y).rank(method="average").to_numpy()
            sy = y.std()
            if sy > 0 and z.shape[1]:
                beta = np.linalg.lstsq(z, (y - y.mean()) / sy, rcond=None)[0]
            else:
                beta = np.zeros(z.shape[1])
            share = dict(zip(inputs.columns[usable], beta**2, strict=True))
            for j, (name, r, low, high) in enumerate(per_input):
                rho = float(np.corrcoef(r, y_rank)[0, 1]) if sx[j] > 0 and sy > 0 else 0.0
                rows.append(
                    {
                        "council": p,
                        "input": name,
                        "spearman": rho,
                        "variance share": float(share.get(name, 0.0)),
                        "low (£)": float(y[low].mean()),
                        "high (£)": float(y[high].mean()),
                    }
                )
        if not rows:
            columns = ["council", "input", "spearman", "variance share", "low (£)", "high (£)"]
            return pd.DataFrame(columns=columns).set_index(["council", "input"])
        frame = pd.DataFrame(rows)
        frame["order"] = -frame["spearman"].abs()
        frame = frame.sort_values(
            ["council", "order"], key=_council_order(self.parties), kind="stable"
        )
        return frame.drop(columns="order").set_index(["council", "input"])

    def explain(self, within: int | None = None) -> str:
        """The findings in words for a report.

        A council whose net is the same in every scenario (nothing uncertain moves it) is
        said to be fixed, not given a range; a plan of one council is not compared with
        going alone, as there is no partner.

        Examples:
            >>> saving = Flow("s", "Saving", Uniform("£8k", "£12k"), kind="saving",
            ...               start="2010/11")
            >>> print(Model(["A", "B"], [saving]).run(1_000, seed=0).explain())
            Simulated 1,000 scenarios over 2010/11 (seed 0):
              A: median £4,995.36 (90% between £4,078.83 and £5,898.68); better off than \
alone in 100% of scenarios
              B: median £4,995.36 (90% between £4,078.83 and £5,898.67); better off than \
alone in 100% of scenarios
              The arrangement pays back within 1 year in 100% of scenarios.
            >>> fixed = Flow("s", "Saving", "£10k", kind="saving", start="2010/11")
            >>> print(Model(["A"], [fixed]).run(10, seed=0).explain())
            Simulated 10 scenarios over 2010/11 (seed 0):
              A: £10,000.00 in every scenario
              No figure in the plan is uncertain: the result is fixed.
              A is the plan's only council: with no partner, there is no going alone to \
compare with.
              The arrangement pays back within 1 year in 100% of scenarios.
        """
        np = require("numpy", "simulate")
        quant, better = self.quantiles(), self.p_better_off()
        # Fixed: every figure of the model is known exactly, or (past one scenario) no
        # scenario differs for that council.
        certain = self.model is not None and all(
            isinstance(flow.amount, FixedAmount) for flow in self.model.flows
        )
        totals = self.totals()
        fixed = [
            certain or (self.n > 1 and bool(np.all(totals[:, c] == totals[0, c])))
            for c in range(len(self.parties))
        ]
        alone = len(self.parties) == 1
        horizon = len(self.years) if within is None else within
        lines = [
            f"Simulated {plural(self.n, 'scenario')} over {from_to(self.years[0], self.years[-1])}"
            f" (seed {self.seed}):"
        ]
        for c, p in enumerate(self.parties):
            q = quant[p]
            spread = (
                f"{q[0.5]} in every scenario"
                if fixed[c]
                else f"median {q[0.5]} (90% between {q[0.05]} and {q[0.95]})"
            )
            versus = "" if alone else f"; better off than alone in {better[p]:.0%} of scenarios"
            lines.append(f"  {p}: {spread}{versus}")
        if certain:
            lines.append("  No figure in the plan is uncertain: the result is fixed.")
        if alone:
            lines.append(
                f"  {self.parties[0]} is the plan's only council: with no partner, there is no"
                " going alone to compare with."
            )
        lines.append(
            f"  The arrangement pays back within {plural(horizon, 'year')} in"
            f" {self.p_payback(horizon):.0%} of scenarios."
        )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        lines = self.explain().splitlines()
        table = self.to_dataframe().to_html()
        items = "".join(f"<li>{html.escape(line.strip())}</li>" for line in lines[1:])
        return f"<div><p>{html.escape(lines[0])}</p>{table}<ul>{items}</ul></div>"

    def plot_distribution(self, ax: Any = None, *, bins: int = 50) -> Any:
        """One panel per council (small multiples, a shared £ axis): a histogram of its net
        position over the horizon, its median, its 5–95% range and £0 (going alone).

        Args:
            ax: Axes to draw on, one per council; a new figure when None.
            bins: Histogram bins.

        Returns:
            The list of Axes, one per council.
        """
        np = require("numpy", "simulate")
        pounds = self.totals() / 100
        axes = _panels(ax, len(self.parties))
        formatter = _money_formatter(pounds)
        for c, (p, panel) in enumerate(zip(self.parties, axes, strict=True)):
            values = pounds[:, c]
            low, median, high = np.quantile(values, [0.05, 0.5, 0.95])
            panel.hist(values, bins=bins, color="tab:blue", alpha=0.6, label="scenarios")
            panel.axvspan(low, high, color="tab:orange", alpha=0.15, label="5–95% of scenarios")
            panel.axvline(median, color="tab:orange", linewidth=2, label="median")
            panel.axvline(0, color="black", linewidth=1, label="£0: as going alone")
            panel.set_title(f"{p}: median {formatter(median, None)}", loc="left", fontsize="medium")
            panel.set_ylabel("scenarios")
            panel.xaxis.set_major_formatter(formatter)
        axes[-1].set_xlabel(f"net position over {self.years[0]}–{self.years[-1]}")
        axes[0].legend(loc="upper right", fontsize="small")
        axes[0].figure.suptitle("Net position by council: better off than alone to the right of £0")
        return axes

    def plot_s_curve(self, ax: Any = None) -> Any:
        """The cumulative distribution (S-curve) of each council's net over the horizon:
        the chance the net position is at or below each amount. Returns the Axes."""
        np = require("numpy", "simulate")
        ticker = require("matplotlib.ticker", "simulate")
        ax = _axes(ax)
        pounds = self.totals() / 100
        chance = np.arange(1, self.n + 1) / self.n
        for c, p in enumerate(self.parties):
            ax.plot(np.sort(pounds[:, c]), chance, label=p)
        ax.axvline(0, color="black", linewidth=1)
        ax.xaxis.set_major_formatter(_money_formatter(pounds))
        ax.yaxis.set_major_formatter(ticker.PercentFormatter(1.0))
        ax.set_xlabel(f"net position over {self.years[0]}–{self.years[-1]}")
        ax.set_ylabel("chance of this or less")
        ax.set_title("Cumulative distribution of net position")
        ax.legend(title="council")
        return ax

    def plot_tornado(
        self, council: str, ax: Any = None, *, top: int = 10, limit: int = 100_000
    ) -> Any:
        """Tornado chart: how far each input moves ``council``'s mean net position, from its
        lowest 10% of draws to its highest 10% (see :meth:`sensitivity`), largest swing at
        the top. Returns the Axes."""
        if isinstance(top, bool) or not isinstance(top, int) or top < 1:
            raise InvalidValue(expected("top", "a whole number >= 1", top))
        table = self.sensitivity(council, limit=limit).loc[council]
        table = table.assign(swing=(table["high (£)"] - table["low (£)"]).abs())
        table = table.sort_values("swing", ascending=False).head(top).iloc[::-1]
        ax = _axes(ax)
        centre = float(self.totals()[:, self._index(council)].mean() / 100)
        names = [str(name) for name in table.index]
        y = list(range(len(names)))
        ax.barh(
            y,
            table["low (£)"] - centre,
            left=centre,
            color="tab:red",
            label="input in its lowest 10%",
        )
        ax.barh(
            y,
            table["high (£)"] - centre,
            left=centre,
            color="tab:green",
            label="input in its highest 10%",
        )
        ax.axvline(centre, color="black", linewidth=1, label="mean net position")
        ax.set_yticks(y, names)
        values = [centre, *table["low (£)"], *table["high (£)"]]
        ax.xaxis.set_major_formatter(_money_formatter(values))
        ax.set_xlabel(f"{council}: mean net position over {self.years[0]}–{self.years[-1]}")
        ax.set_title(f"What drives {council}'s net position")
        ax.legend(loc="lower right", fontsize="small")
        return ax

    def plot_fan(
        self,
        ax: Any = None,
        *,
        council: str | None = None,
        bands: Sequence[tuple[float, float]] = ((0.05, 0.95), (0.25, 0.75)),
    ) -> Any:
        """Fan chart of the cumulative net position by year; returns the Axes."""
        np = require("numpy", "simulate")
        ax = _axes(ax)
        flows = self.net.sum(axis=1) if council is None else self.net[:, self._index(council)]
        cum = np.cumsum(flows, axis=1) / 100
        x = list(range(len(self.years)))
        for i, (low, high) in enumerate(bands):
            lo, hi = np.quantile(cum, [low, high], axis=0)
            ax.fill_between(
                x,
                lo,
                hi,
                alpha=0.2 + 0.15 * i,
                color="tab:blue",
                label=f"{_pct(low)}–{_pct(high)}% of scenarios",
            )
        ax.plot(x, np.median(cum, axis=0), color="tab:blue", label="median")
        ax.axhline(0, color="black", linewidth=1)
        ax.set_xticks(x, [str(y) for y in self.years])
        ax.yaxis.set_major_formatter(_money_formatter(cum))
        ax.set_ylabel("cumulative net position")
        ax.set_title(f"Cumulative net position: {council or 'whole arrangement'}")
        ax.legend()
        return ax


def _council_order(parties: tuple[str, ...]) -> Callable[[Any], Any]:
    def key(column: Any) -> Any:
        return column.map(parties.index) if column.name == "council" else column

    return key


def _money_formatter(values: Any) -> Any:
    """A tick formatter in £k, or £M when amounts reach a million pounds."""
    np = require("numpy", "simulate")
    ticker = require("matplotlib.ticker", "simulate")
    biggest = float(np.max(np.abs(np.asarray(values, dtype=float)), initial=0.0))
    scale, suffix = (1e6, "M") if biggest >= 1e6 else (1e3, "k")

    def label(value: float, pos: Any) -> str:
        amount = value / scale
        text = f"{abs(amount):,.2f}".rstrip("0").rstrip(".")
        return f"{'-' if amount < 0 and text != '0' else ''}£{text}{suffix}"

    return ticker.FuncFormatter(label)


def _panels(ax: Any, count: int) -> list[Any]:
    if ax is None:
        plt = require("matplotlib.pyplot", "simulate")
        _, axes = plt.subplots(count, 1, sharex=True, figsize=(7, 1.2 + 1.6 * count), squeeze=False)
        return [row[0] for row in axes]
    axes = [ax] if hasattr(ax, "hist") else list(ax)
    if len(axes) != count:
        raise InvalidValue(expected("ax", f"{count} Axes, one per council", len(axes)))
    return axes


def tqdm_progress(total: int | None = None, **options: Any) -> Callable[[int, int], None]:
    """A ``progress`` callback for :meth:`Model.run` that drives a :mod:`tqdm` bar
    (``tqdm.auto``: a widget in a notebook, text in a terminal). The bar closes when done.

    Examples:
        >>> model = Model(["A"], [Flow("s", "Saving", "£1", kind="saving", start="2010/11")])
        >>> result = model.run(10, seed=0, progress=tqdm_progress(disable=True))
    """
    import importlib.util

    # tqdm.auto warns when a notebook lacks ipywidgets; the text bar is then used anyway.
    widgets = importlib.util.find_spec("ipywidgets") is not None
    auto = require("tqdm.auto" if widgets else "tqdm", "simulate")
    options.setdefault("unit", " scenarios")
    options.setdefault("desc", "simulating")
    options.setdefault("unit_scale", True)
    bar = None
    seen = 0

    def update(done: int, n: int) -> None:
        nonlocal bar, seen
        if bar is None:
            bar = auto.tqdm(total=total or n, **options)
        bar.update(done - seen)
        seen = done
        if done >= n:
            bar.close()

    return update


def _pct(q: float) -> str:
    value = q * 100
    return str(int(value)) if math.isclose(value, round(value)) else f"{value:g}"


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    plt = require("matplotlib.pyplot", "simulate")
    _, ax = plt.subplots()
    return ax
