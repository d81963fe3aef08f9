"""Monte Carlo simulation of uncertain costs, grants and savings (the ``simulate`` extra).

An analyst describes each uncertain amount by a distribution (:class:`Uniform` for a
range, :class:`Triangular`, :class:`Pert`, :class:`FixedAmount`), attaches it to a
:class:`Flow` (a cost, a grant or a saving, over financial years, split by a rule from
:mod:`sharegov.costs`), and runs a :class:`Model`. The result gives per-council quantiles,
the chance each council ends better off than going alone, the chance the arrangement pays
back within N years, a DataFrame, and plots.

Money inside the simulation is statistical: draws are float64 pence. Every amount reported
as money (quantiles, means, the explanation) is converted back to exact
:class:`~sharegov.money.Money` at the edge, rounded half-even to the penny. Probabilities
are plain floats.

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

import datetime as dt
import html
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any, Literal

import attrs

from sharegov._optional import require
from sharegov._words import plural
from sharegov.costs import (
    CostPlan,
    Equal,
    SplitRule,
    _names,
    _parties,
    first_year,
    year_fraction,
)
from sharegov.errors import InvalidRule, InvalidValue, LimitExceeded, UnknownId, expected
from sharegov.money import FinancialYear, Money, MoneyRange, to_money
from sharegov.parties import _identifier, _text

__all__ = [
    "BLOCK",
    "MAX_RESULT_CELLS",
    "MAX_SCENARIOS",
    "Distribution",
    "FixedAmount",
    "Flow",
    "Model",
    "Pert",
    "SimulationResult",
    "Triangular",
    "Uniform",
    "as_distribution",
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


Distribution = FixedAmount | Uniform | Triangular | Pert


def as_distribution(value: Any) -> Distribution:
    """A distribution from a distribution, a :class:`Money` (fixed), a range (uniform) or text.

    Examples:
        >>> as_distribution("£30,000 to £40,000")
        Uniform(low=Money(3000000), high=Money(4000000))
        >>> as_distribution("£40k")
        FixedAmount(amount=Money(4000000))
    """
    if isinstance(value, FixedAmount | Uniform | Triangular | Pert):
        return value
    if isinstance(value, Money):
        return FixedAmount(value)
    if isinstance(value, str):
        value = MoneyRange.parse(value)
    if isinstance(value, MoneyRange):
        return FixedAmount(value.low) if value.low == value.high else Uniform(value.low, value.high)
    what = "a distribution, Money, MoneyRange or text such as '£30k to £40k'"
    raise InvalidValue(expected("amount", what, value))


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
    """

    id: str = attrs.field(validator=_identifier)
    description: str = attrs.field(validator=_text)
    amount: Distribution = attrs.field(converter=as_distribution)
    kind: Kind = attrs.field(kw_only=True)
    start: dt.date | FinancialYear = attrs.field(kw_only=True, converter=_start)
    years: int | None = attrs.field(default=1, kw_only=True)
    per_year: bool = attrs.field(default=False, kw_only=True)
    split: SplitRule = attrs.field(factory=Equal, kw_only=True, validator=_linear_rule)

    def __attrs_post_init__(self) -> None:
        if self.kind not in ("cost", "grant", "saving"):
            raise InvalidValue(expected("kind", "'cost', 'grant' or 'saving'", self.kind))
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
    """

    parties: tuple[str, ...] = attrs.field(converter=_parties)
    flows: tuple[Flow, ...] = attrs.field(converter=_flows)
    start: FinancialYear | None = attrs.field(default=None, kw_only=True)
    years: int | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not self.flows:
            raise InvalidValue(expected("flows", "at least one flow", ()))
        for i, flow in enumerate(self.flows):
            try:
                flow.split.shares(self.parties)
            except (InvalidValue, UnknownId) as exc:
                raise InvalidRule(f"flows[{i}].split: {exc}") from exc

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
    ) -> Model:
        """The flows of a :class:`~sharegov.costs.CostPlan`, with some amounts made uncertain.

        Shared items become costs, grants become grants split like the plan's
        ``cost_split`` in the year of the first item they cover, and savings streams become
        savings. Ranges become :class:`Uniform`. Unshared items are left out (they are
        incurred in any case). Unlike the exact statement, a simulated grant is not capped
        at the costs it covers. Match funding changes who pays first, not the totals, so it
        is left out; it must then be drawn in the proportions of the cost split.

        Args:
            plan: The plan.
            uncertain: Distributions by item, grant funder or savings id, replacing the
                plan's amounts.
            years: The horizon in financial years.
            start: The first year; the plan's first year when None.

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
            if not same:
                what = "match funding in the proportions of the cost split"
                raise InvalidRule(expected(f"match_funding[{i}]", what, match))
        first = start or plan.first_year
        flows: list[Flow] = []
        for item in plan.items:
            if not item.shared:
                continue
            span = None if item.recurring and item.until is None else 1
            if item.recurring and item.until is not None:
                span = item.until - item.year + 1
            flows.append(
                Flow(
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
            covered = [i for i in plan.items if grant.covers is None or i.id in grant.covers]
            year = min((i.year for i in covered), default=first)
            flows.append(
                Flow(
                    _slug(grant.funder),
                    f"{grant.funder} grant",
                    uncertain.get(grant.funder, grant.amount),
                    kind="grant",
                    start=year,
                    split=plan.cost_split,
                )
            )
        for stream in plan.savings:
            flows.append(
                Flow(
                    stream.id,
                    stream.description,
                    uncertain.get(stream.id, stream.amount),
                    kind="saving",
                    start=stream.start,
                    years=stream.years,
                    split=stream.split or plan.savings_split,
                )
            )
        return cls(plan.parties, flows, start=first, years=years)

    def run(
        self,
        n: int = 10_000,
        *,
        seed: int,
        chunk_size: int = 16 * BLOCK,
        client: Any = None,
        progress: Callable[[int, int], object] | None = None,
    ) -> SimulationResult:
        """Simulate ``n`` scenarios.

        Args:
            n: Number of scenarios.
            seed: The seed; the same seed gives the same scenarios for any chunk size.
            chunk_size: Scenarios per unit of work (rounded up to whole blocks of
                :data:`BLOCK`); bounds the working memory, and is the task size on Dask.
            client: A ``dask.distributed.Client`` to run the chunks on a cluster.
            progress: Called as ``progress(done, n)`` after each chunk (once, at the end,
                on Dask); for a progress bar. It cannot change the results.

        Raises:
            LimitExceeded: ``n`` is past :data:`MAX_SCENARIOS`, or the result would hold
                more than :data:`MAX_RESULT_CELLS` amounts (``n`` x councils x years).
        """
        for field, value in (("n", n), ("chunk_size", chunk_size)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise InvalidValue(expected(field, "a whole number >= 1", value))
        if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
            raise InvalidValue(expected("seed", "a whole number >= 0", seed))
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
        blocks_per_chunk = -(-chunk_size // BLOCK)
        total_blocks = -(-n // BLOCK)
        chunks = [
            (b, min(blocks_per_chunk, total_blocks - b))
            for b in range(0, total_blocks, blocks_per_chunk)
        ]
        span = self.span
        net = np.empty((n, len(self.parties), len(span)))
        if client is None:
            parts: Iterable[Any] = (_run_chunk(compiled, seed, b, k, n) for b, k in chunks)
        else:
            require("dask.distributed", "dask")
            # A key of its own for every run (hash=False): with the default, content-hashed
            # key, back-to-back runs shared one key and a run could lose it to the previous
            # run's release ("lost dependencies"). Not broadcast: workers fetch it as their
            # tasks need it, where a broadcast to every worker could stall.
            shared = client.scatter(compiled, hash=False)
            futures = client.map(
                _run_chunk,
                [shared] * len(chunks),
                [seed] * len(chunks),
                [b for b, _ in chunks],
                [k for _, k in chunks],
                [n] * len(chunks),
                pure=False,
            )
            try:
                parts = client.gather(futures)
            finally:
                client.cancel([*futures, shared])
        done = 0
        for (b, _), part in zip(chunks, parts, strict=True):
            net[b * BLOCK : b * BLOCK + len(part)] = part
            done += len(part)
            if progress is not None:
                progress(done, n)
        return SimulationResult(self.parties, span, net, seed=seed, model=self)


def _slug(text: str) -> str:
    return "-".join(text.split()) or "grant"


# ---------------------------------------------------------------------------------------------
# The vectorised engine
# ---------------------------------------------------------------------------------------------


@attrs.frozen(eq=False)
class _Compiled:
    """The model as arrays. Variables are ordered uniform, triangular, PERT; within each kind
    by coefficient pattern, so each pattern's variables are a contiguous run."""

    shape: tuple[int, int]  # councils, years
    patterns: Any  # (K, G): output coefficients of each pattern, K = councils * years
    const: Any  # (K,): the constant part of every output
    uni: tuple[Any, tuple[tuple[int, int, int], ...]]  # width, runs
    tri: tuple[Any, Any, Any, tuple[tuple[int, int, int], ...]]  # c, sqrt kl, sqrt kr, runs
    pert: tuple[Any, Any, Any, tuple[tuple[int, int, int], ...]]  # alpha, beta, width, runs


def _compile(model: Model) -> _Compiled:
    np = require("numpy", "simulate")
    span = model.span
    parties = model.parties
    n_c, n_y = len(parties), len(span)
    variables: list[tuple[Distribution, tuple[float, ...]]] = []
    for flow in model.flows:
        sign = -1 if flow.kind == "cost" else 1
        shares = flow.split.shares(parties)
        fractions = [flow.fraction_in(year) for year in span]
        rows = []
        if flow.per_year:
            for y, f in enumerate(fractions):
                if f:
                    row = [0.0] * (n_c * n_y)
                    for c, p in enumerate(parties):
                        row[c * n_y + y] = float(sign * shares[p] * f)
                    rows.append(row)
        elif any(fractions):
            row = [0.0] * (n_c * n_y)
            for c, p in enumerate(parties):
                for y, f in enumerate(fractions):
                    row[c * n_y + y] = float(sign * shares[p] * f)
            rows.append(row)
        variables.extend((flow.amount, tuple(r)) for r in rows)

    pattern_ids: dict[tuple[float, ...], int] = {}
    const = np.zeros(n_c * n_y)
    kinds: dict[type, list[tuple[int, Any, Any]]] = {Uniform: [], Triangular: [], Pert: []}
    for dist, pattern in variables:
        g = pattern_ids.setdefault(pattern, len(pattern_ids))
        coef = np.asarray(pattern)
        if isinstance(dist, FixedAmount):
            const += coef * dist.amount.pence
        elif dist.low == dist.high:
            const += coef * dist.low.pence
        else:
            kinds[type(dist)].append((g, dist, coef))
    patterns = np.zeros((n_c * n_y, max(len(pattern_ids), 1)))
    for pattern, g in pattern_ids.items():
        patterns[:, g] = pattern

    def ordered(kind: type) -> tuple[list[Any], Any, tuple[tuple[int, int, int], ...]]:
        """The distributions of one kind sorted by pattern, their coefficients, and runs."""
        items = sorted(kinds[kind], key=lambda item: item[0])
        runs: list[tuple[int, int, int]] = []
        for i, (g, _, _) in enumerate(items):
            if runs and runs[-1][2] == g:
                runs[-1] = (runs[-1][0], i + 1, g)
            else:
                runs.append((i, i + 1, g))
        coefs = np.array([coef for _, _, coef in items]).reshape(len(items), n_c * n_y)
        return [d for _, d, _ in items], coefs, tuple(runs)

    def pence(dists: list[Any], field: str) -> Any:
        return np.array([getattr(d, field).pence for d in dists], dtype=float)

    dists, coefs, runs = ordered(Uniform)
    lo, hi = pence(dists, "low"), pence(dists, "high")
    const += lo @ coefs
    uni = (hi - lo, runs)

    dists, coefs, runs = ordered(Triangular)
    lo, mo, hi = pence(dists, "low"), pence(dists, "mode"), pence(dists, "high")
    const += (lo + hi - mo) @ coefs
    tri = (
        (mo - lo) / (hi - lo),
        np.sqrt((hi - lo) * (mo - lo)),
        np.sqrt((hi - lo) * (hi - mo)),
        runs,
    )

    dists, coefs, runs = ordered(Pert)
    lo, mo, hi = pence(dists, "low"), pence(dists, "mode"), pence(dists, "high")
    shape = np.array([d.shape for d in dists], dtype=float)
    const += lo @ coefs
    pert = (1 + shape * (mo - lo) / (hi - lo), 1 + shape * (hi - mo) / (hi - lo), hi - lo, runs)
    return _Compiled((n_c, n_y), patterns, const, uni, tri, pert)


def _run_chunk(compiled: _Compiled, seed: int, first_block: int, blocks: int, n: int) -> Any:
    """Scenarios of blocks ``first_block`` .. ``first_block + blocks - 1`` (at most ``n``)."""
    np = require("numpy", "simulate")
    n_c, n_y = compiled.shape
    start = first_block * BLOCK
    size = min(blocks * BLOCK, n - start)
    out = np.empty((size, n_c, n_y))
    for k in range(blocks):
        lo = k * BLOCK
        if lo >= size:
            break
        totals = _run_block(compiled, seed, first_block + k)
        hi = min(size, lo + BLOCK)
        out[lo:hi] = totals[:, : hi - lo].T.reshape(hi - lo, n_c, n_y)
    return out


def _run_block(compiled: _Compiled, seed: int, block: int) -> Any:
    """One block of :data:`BLOCK` scenarios: (councils * years, BLOCK) totals in pence."""
    np = require("numpy", "simulate")
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(block,))))
    sums = np.zeros((compiled.patterns.shape[1], BLOCK))
    width, uni_runs = compiled.uni
    c, skl, skr, tri_runs = compiled.tri
    n_u, n_t = len(width), len(c)
    if n_u + n_t:
        draws = rng.random((n_u + n_t, BLOCK))
        for s, e, g in uni_runs:
            sums[g] += width[s:e] @ draws[s:e]
        if n_t:
            # Inverse CDF without branches: with p = min(u, c) and q = max(u, c),
            # x = low + sqrt(p kl) + high - sqrt((1 - q) kr) - mode.
            upper = draws[n_u:]
            lower = np.minimum(upper, c[:, None])
            np.maximum(upper, c[:, None], out=upper)
            np.subtract(1.0, upper, out=upper)
            np.sqrt(lower, out=lower)
            np.sqrt(upper, out=upper)
            for s, e, g in tri_runs:
                sums[g] += skl[s:e] @ lower[s:e]
                sums[g] -= skr[s:e] @ upper[s:e]
    alpha, beta, pwidth, pert_runs = compiled.pert
    if len(alpha):
        draws = rng.beta(alpha[:, None], beta[:, None], size=(len(alpha), BLOCK))
        for s, e, g in pert_runs:
            sums[g] += pwidth[s:e] @ draws[s:e]
    totals = compiled.patterns @ sums
    totals += compiled.const[:, None]
    return totals


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
        values = np.quantile(self.totals(), list(qs), axis=0)
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
        net position above £0.
        """
        better = (self.totals() > 0).mean(axis=0)
        return {p: float(better[c]) for c, p in enumerate(self.parties)}

    def p_payback(self, within: int, council: str | None = None) -> float:
        """The probability the arrangement (or one council) pays back within ``within`` years.

        Pays back as in :meth:`sharegov.costs.Statement.payback_year`: the cumulative net
        is at or above £0 from that year to the end of the horizon.
        """
        np = require("numpy", "simulate")
        if isinstance(within, bool) or not isinstance(within, int) or within < 1:
            raise InvalidValue(expected("within", "a whole number of years >= 1", within))
        flows = self.net.sum(axis=1) if council is None else self.net[:, self._index(council)]
        ok = np.cumsum(flows, axis=1) >= 0
        stays = np.flip(np.logical_and.accumulate(np.flip(ok, axis=1), axis=1), axis=1)
        if within > stays.shape[1]:
            return float(stays[:, -1].mean()) if stays.shape[1] else 0.0
        return float(stays[:, within - 1].mean())

    def to_dataframe(self, qs: Sequence[float] = (0.05, 0.5, 0.95)) -> Any:
        """One row per council: mean and quantiles (Money) and P(better off than alone)."""
        pd = require("pandas", "simulate")
        quant, mean, better = self.quantiles(qs), self.mean(), self.p_better_off()
        rows = []
        for p in self.parties:
            row: dict[str, Any] = {"council": p, "mean": mean[p]}
            row.update({f"p{_pct(q)}": quant[p][q] for q in qs})
            row["P(better off than alone)"] = better[p]
            rows.append(row)
        return pd.DataFrame(rows).set_index("council")

    def explain(self, within: int | None = None) -> str:
        """The findings in words for a report.

        Examples:
            >>> model = Model(["A", "B"], [Flow("s", "Saving", "£10k", kind="saving",
            ...                                 start="2010/11")])
            >>> print(model.run(10, seed=0).explain())
            Simulated 10 scenarios over 2010/11 to 2010/11 (seed 0):
              A: median £5,000.00 (90% between £5,000.00 and £5,000.00); better off than \
alone in 100% of scenarios
              B: median £5,000.00 (90% between £5,000.00 and £5,000.00); better off than \
alone in 100% of scenarios
              The arrangement pays back within 1 year in 100% of scenarios.
        """
        quant, better = self.quantiles(), self.p_better_off()
        horizon = len(self.years) if within is None else within
        lines = [
            f"Simulated {plural(self.n, 'scenario')} over {self.years[0]} to {self.years[-1]}"
            f" (seed {self.seed}):"
        ]
        for p in self.parties:
            q = quant[p]
            lines.append(
                f"  {p}: median {q[0.5]} (90% between {q[0.05]} and {q[0.95]});"
                f" better off than alone in {better[p]:.0%} of scenarios"
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
        """Histogram of each council's net over the horizon, in pounds; returns the Axes."""
        ax = _axes(ax)
        pounds = self.totals() / 100
        for c, p in enumerate(self.parties):
            ax.hist(pounds[:, c], bins=bins, alpha=0.5, label=p)
        ax.axvline(0, color="black", linewidth=1)
        ax.set_xlabel(f"net position over {self.years[0]}–{self.years[-1]} (£)")
        ax.set_ylabel("scenarios")
        ax.set_title("Net position by council: better off than alone to the right of £0")
        ax.legend()
        return ax

    def plot_fan(
        self,
        ax: Any = None,
        *,
        council: str | None = None,
        bands: Sequence[tuple[float, float]] = ((0.05, 0.95), (0.25, 0.75)),
    ) -> Any:
        """Fan chart of the cumulative net position by year, in pounds; returns the Axes."""
        np = require("numpy", "simulate")
        ax = _axes(ax)
        flows = self.net.sum(axis=1) if council is None else self.net[:, self._index(council)]
        cum = np.cumsum(flows, axis=1) / 100
        x = list(range(len(self.years)))
        for low, high in bands:
            lo, hi = np.quantile(cum, [low, high], axis=0)
            ax.fill_between(
                x, lo, hi, alpha=0.25, color="tab:blue", label=f"{_pct(low)}–{_pct(high)}%"
            )
        ax.plot(x, np.median(cum, axis=0), color="tab:blue", label="median")
        ax.axhline(0, color="black", linewidth=1)
        ax.set_xticks(x, [str(y) for y in self.years])
        ax.set_ylabel("cumulative net position (£)")
        ax.set_title(f"Cumulative net position: {council or 'whole arrangement'}")
        ax.legend()
        return ax


def _pct(q: float) -> str:
    value = q * 100
    return str(int(value)) if math.isclose(value, round(value)) else f"{value:g}"


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    plt = require("matplotlib.pyplot", "simulate")
    _, ax = plt.subplots()
    return ax
