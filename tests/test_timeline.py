"""Deadlines, phases, milestone plans, schedules and clear days."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import attrs
import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharegov.errors import InvalidValue, LimitExceeded, SharegovError
from sharegov.reference import (
    bromsgrove_redditch_business_case_plan,
    bromsgrove_redditch_phases,
)
from sharegov.strategies import deadlines, schedules
from sharegov.timeline import (
    NATIONS,
    Deadline,
    DeadlineState,
    Milestone,
    MilestonePlan,
    Phase,
    Schedule,
    clear_days_between,
    format_date,
    notice_deadline,
)

D = dt.date
dates = st.dates(D(2000, 1, 1), D(2035, 12, 31))


# -- the contract --------------------------------------------------------------------------


def test_contract_example() -> None:
    d = Deadline("Phase 2: identify medium-term opportunities", due=D(2008, 12, 31))
    d2 = d.amend(
        D(2009, 1, 31), decided_on=D(2008, 9, 1), by="Shared Services Board", reason="holidays"
    )
    assert d2.due == D(2009, 1, 31)
    assert d2.due_on(as_of=D(2008, 8, 31)) == D(2008, 12, 31)
    assert d.due == D(2008, 12, 31)
    (a,) = d2.history
    assert (a.by, a.decided_on, a.old, a.new, a.reason) == (
        "Shared Services Board",
        D(2008, 9, 1),
        D(2008, 12, 31),
        D(2009, 1, 31),
        "holidays",
    )
    assert notice_deadline(D(2008, 9, 1), clear_days=5, nation="england") == D(2008, 8, 21)


def test_amendment_before_the_deadline_existed_is_refused() -> None:
    d = Deadline("x", due=D(2009, 1, 1), set_on=D(2008, 8, 18))
    with pytest.raises(InvalidValue, match=r"history\[0\]\.decided_on: .*18 August 2008"):
        d.amend(D(2009, 2, 1), decided_on=D(2008, 8, 17), by="Board")


def test_amendments_must_be_in_date_order() -> None:
    d = Deadline("x", due=D(2009, 1, 1)).amend(D(2009, 2, 1), decided_on=D(2008, 9, 1), by="B")
    with pytest.raises(InvalidValue, match="previous amendment"):
        d.amend(D(2009, 3, 1), decided_on=D(2008, 8, 1), by="B")


def test_history_must_chain_to_due() -> None:
    d = Deadline("x", due=D(2009, 1, 1)).amend(D(2009, 2, 1), decided_on=D(2008, 9, 1), by="B")
    with pytest.raises(InvalidValue, match="^due:"):
        Deadline("x", due=D(2009, 3, 1), history=d.history)


def test_due_on_before_set_is_none_and_state_not_set() -> None:
    d = Deadline("x", due=D(2009, 1, 1), set_on=D(2008, 8, 18))
    assert d.due_on(as_of=D(2008, 8, 1)) is None
    assert d.state(as_of=D(2008, 8, 1)) is DeadlineState.NOT_SET


def test_states() -> None:
    d = Deadline("x", due=D(2009, 1, 31))
    assert d.state(as_of=D(2008, 9, 2)) is DeadlineState.PENDING
    assert d.state(as_of=D(2009, 1, 20)) is DeadlineState.DUE_SOON
    assert d.state(as_of=D(2009, 2, 1)) is DeadlineState.OVERDUE
    done = d.complete(D(2009, 1, 25))
    assert done.state(as_of=D(2009, 2, 1)) is DeadlineState.DONE
    assert done.state(as_of=D(2009, 1, 24)) is DeadlineState.DUE_SOON


def test_explain_says_what_moved_since_and_who_moved_it() -> None:
    d = Deadline("x", due=D(2008, 12, 31)).amend(
        D(2009, 1, 31), decided_on=D(2008, 9, 1), by="Shared Services Board"
    )
    text = d.explain(as_of=D(2008, 8, 31))
    assert "due 31 December 2008 (as of 31 August 2008)" in text
    assert "Since then:\n    On 1 September 2008 Shared Services Board moved it" in text


@given(deadlines(), dates)
def test_due_on_is_a_step_function_of_the_amendment_dates(d: Deadline, as_of: dt.date) -> None:
    if d.set_on is not None and as_of < d.set_on:
        assert d.due_on(as_of=as_of) is None
        return
    steps = [a.decided_on for a in d.history]
    known = [a for a in d.history if a.decided_on <= as_of]
    assert d.due_on(as_of=as_of) == (known[-1].new if known else d.original)
    # Constant from the last amendment on or before as_of up to as_of itself.
    anchor = max((s for s in steps if s <= as_of), default=None)
    if anchor is not None:
        assert d.due_on(as_of=anchor) == d.due_on(as_of=as_of)
    if not steps or as_of >= max(steps):
        assert d.due_on(as_of=as_of) == d.due


@given(deadlines(), dates, dates)
def test_amending_never_changes_the_original(d: Deadline, new: dt.date, as_of: dt.date) -> None:
    before = (d.due, d.history, d.due_on(as_of=as_of))
    when = max([a.decided_on for a in d.history], default=d.set_on or D(2000, 1, 1))
    d.amend(new, decided_on=when, by="Board")
    assert (d.due, d.history, d.due_on(as_of=as_of)) == before


@given(deadlines(), dates, st.none() | dates)
def test_a_meeting_is_to_be_held_or_held_never_overdue(
    d: Deadline, as_of: dt.date, held: dt.date | None
) -> None:
    if held is not None and d.set_on is not None and held < d.set_on:
        held = d.set_on
    meeting = attrs.evolve(d, meeting=True, done_on=held)
    text = meeting.explain(as_of=as_of)
    due = meeting.due_on(as_of=as_of)
    assert "overdue" not in text
    assert "due soon" not in text
    if due is None:
        assert text.endswith("not yet set (as of " + format_date(as_of) + ").")
    elif held is not None and held <= as_of:
        assert f": held on {format_date(held)} (as of" in text
    elif as_of > due:
        assert f": due to be held on {format_date(due)} (as of" in text
        assert text.splitlines()[0].endswith("; not recorded as held.")
    else:
        assert f": to be held on {format_date(due)} (as of" in text
    # The same deadline as a task keeps its words.
    task = attrs.evolve(meeting, meeting=False)
    if due is not None and as_of > due and (held is None or held > as_of):
        assert "overdue (not recorded as done)" in task.explain(as_of=as_of)


def test_a_meeting_deadline_survives_a_file() -> None:
    from sharegov.io import dumps, loads
    from sharegov.io.files import Arrangement

    agm = Deadline(
        "Branch meeting and AGM", due=D(2006, 5, 26), set_on=D(2005, 12, 16), meeting=True
    )
    text = dumps(Arrangement("Branch", deadlines=[agm]), "toml")
    assert "meeting = true" in text
    assert loads(text, "toml").deadlines == (agm,)


# -- phases ---------------------------------------------------------------------------------


def test_seed_phases_as_amended_on_1_september_2008() -> None:
    p1, p2, p3 = bromsgrove_redditch_phases()
    before, after = D(2008, 8, 31), D(2008, 9, 2)
    # 4.1(a): Phase 1's implementation date moved; its identify date did not.
    assert p1.identify.due_on(as_of=after) == D(2008, 9, 30)
    assert p1.implement is not None
    assert (p1.implement.due_on(as_of=before), p1.implement.due) == (
        D(2008, 12, 31),
        D(2009, 1, 31),
    )
    # 4.1(b): Phase 2's identify date moved; its implementation date (31 July 2009) did not.
    assert (p2.identify.due_on(as_of=before), p2.identify.due) == (D(2008, 12, 31), D(2009, 1, 31))
    assert p2.implement is not None
    assert p2.implement.due == D(2009, 7, 31)
    assert not p2.implement.history
    # 4.1(c): 30 June to 31 July.
    assert (p3.identify.due_on(as_of=before), p3.identify.due) == (D(2009, 6, 30), D(2009, 7, 31))
    assert p1.identify.state(as_of=after) is DeadlineState.DONE


def test_phase_identify_after_implement_is_an_error() -> None:
    with pytest.raises(InvalidValue, match="identify.due"):
        Phase.plan("P", "things", identify_by=D(2009, 2, 1), implement_by=D(2009, 1, 1))
    p = Phase.plan("P", "things", identify_by=D(2008, 9, 30), implement_by=D(2008, 12, 31))
    with pytest.raises(InvalidValue):
        p.amend("implement", D(2008, 9, 1), decided_on=D(2008, 9, 1), by="B")
    with pytest.raises(InvalidValue, match="which"):
        p.amend("both", D(2009, 9, 1), decided_on=D(2008, 9, 1), by="B")


# -- milestone plans ------------------------------------------------------------------------


def _m(i: str, due: dt.date, *deps: str) -> Milestone:
    return Milestone(i, Deadline(i.upper(), due=due), depends_on=deps)


def test_seed_plan_order_slack_and_status() -> None:
    plan = bromsgrove_redditch_business_case_plan()
    assert [m.id for m in plan.order()] == [
        "recruit",
        "analysis",
        "specification",
        "procure",
        "start",
        "draft",
        "board",
        "councils",
    ]
    assert plan.problems() == ()
    slack = plan.slack()
    assert slack["analysis"] == dt.timedelta(0)  # the specification is due the same day
    assert slack["recruit"] == D(2008, 11, 30) - D(2008, 9, 30)
    assert slack["councils"] == dt.timedelta(0)
    states = {s.milestone.id: s.state for s in plan.status(as_of=D(2008, 9, 20))}
    assert states["recruit"] is DeadlineState.DUE_SOON
    assert states["councils"] is DeadlineState.PENDING
    late = {s.milestone.id: s.state for s in plan.status(as_of=D(2009, 8, 1))}
    assert set(late.values()) == {DeadlineState.OVERDUE}


def test_plan_reports_a_milestone_due_before_its_dependency() -> None:
    plan = MilestonePlan("p", [_m("a", D(2009, 3, 1)), _m("b", D(2009, 2, 1), "a")])
    (problem,) = plan.problems()
    assert "B is due 1 February 2009, before A (1 March 2009)" in problem
    assert plan.slack()["a"] == dt.timedelta(days=-28)


def test_plan_refuses_unknown_and_repeated_ids() -> None:
    with pytest.raises(InvalidValue, match="depends_on"):
        MilestonePlan("p", [_m("a", D(2009, 1, 1), "zz")])
    with pytest.raises(InvalidValue, match="unique"):
        MilestonePlan("p", [_m("a", D(2009, 1, 1)), _m("a", D(2009, 1, 2))])


@given(st.integers(2, 8), st.data())
def test_a_cycle_is_refused_with_the_cycle_named(n: int, data: st.DataObject) -> None:
    # A random DAG over 0..n-1 (edges only from higher to lower ids), then one back edge.
    ids = [f"m{i}" for i in range(n)]
    deps = {i: set() for i in ids}
    for i in range(1, n):
        for j in range(i):
            if data.draw(st.booleans()):
                deps[ids[i]].add(ids[j])
    hi = data.draw(st.integers(1, n - 1))
    lo = data.draw(st.integers(0, hi - 1))
    deps[ids[hi]].add(ids[lo])
    # lo depends on hi through a path only if we add the back edge lo -> hi.
    deps[ids[lo]].add(ids[hi])
    milestones = [_m(i, D(2009, 1, 1), *sorted(deps[i])) for i in ids]
    with pytest.raises(InvalidValue, match="no cycle") as info:
        MilestonePlan("p", milestones)
    cycle = re.search(r"got '(.*)'", str(info.value)).group(1).split(" -> ")  # type: ignore[union-attr]
    assert cycle[0] == cycle[-1]
    assert len(cycle) >= 3
    for a, b in itertools.pairwise(cycle):
        assert b in deps[a], f"{a} does not depend on {b}"


# -- schedules ------------------------------------------------------------------------------

ORDINALS = {"first": (1, 7), "second": (8, 14), "third": (15, 21), "fourth": (22, 28)}
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@given(dates, st.sampled_from(sorted(ORDINALS)), st.integers(0, 6), st.integers(1, 3))
def test_nth_weekday_schedule_respects_its_rule(
    start: dt.date, which: str, day: int, interval: int
) -> None:
    s = Schedule.monthly_on("m", f"{which} {DAYS[day]}", start=start, interval=interval)
    found = s.dates(until=start + dt.timedelta(days=800))
    assert found, "at least one date in 800 days"
    assert all(a < b for a, b in itertools.pairwise(found))
    lo, hi = ORDINALS[which]
    for d in found:
        assert d >= start
        assert d.weekday() == day
        assert lo <= d.day <= hi
    months = [d.year * 12 + d.month for d in found]
    assert all((b - a) % interval == 0 for a, b in itertools.pairwise(months))


@given(st.dates(D(2000, 1, 1), D(2030, 12, 28)), st.sampled_from([2, 3]))
def test_bimonthly_and_quarterly(start: dt.date, step: int) -> None:
    make = Schedule.bimonthly if step == 2 else Schedule.quarterly
    found = make("x", start=start).dates(until=start + dt.timedelta(days=1500))
    assert found[0] == start
    assert all(a < b for a, b in itertools.pairwise(found))
    months = [d.year * 12 + d.month for d in found]
    assert all(b - a >= step and (b - a) % step == 0 for a, b in itertools.pairwise(months))
    assert all(d.day == start.day for d in found)


@given(schedules())
def test_any_schedule_is_strictly_increasing_from_its_start(s: Schedule) -> None:
    found = s.dates(until=s.start + dt.timedelta(days=1200))
    assert found
    assert all(a < b for a, b in itertools.pairwise(found))
    assert found[0] >= s.start
    assert s.next_after(found[0]) == (found[1] if len(found) > 1 else s.next_after(found[0]))
    assert Schedule(s.title, start=s.start, rule=s.rule) == s


def test_schedule_text_round_trips_and_bad_rules_are_refused() -> None:
    s = Schedule.monthly_on("Board", "second Tuesday", start=D(2008, 9, 1))
    again = Schedule("Board", start=D(2008, 9, 1), rule=s.rule)
    assert again == s
    assert again.dates(until=D(2009, 1, 1)) == s.dates(until=D(2009, 1, 1))
    with pytest.raises(InvalidValue, match="rule"):
        Schedule("x", start=D(2008, 1, 1), rule="FREQ=SOMETIMES")
    with pytest.raises(InvalidValue, match="which"):
        Schedule.monthly_on("x", "fifth Blursday", start=D(2008, 1, 1))
    with pytest.raises(InvalidValue, match="until"):
        Schedule.quarterly("x", start=D(2008, 1, 1), until=D(2007, 1, 1))
    with pytest.raises(InvalidValue, match="COUNT"):
        Schedule("x", start=D(2008, 1, 1), rule="FREQ=MONTHLY;COUNT=3", until=D(2009, 1, 1))
    assert len(Schedule("x", start=D(2008, 1, 1), rule="FREQ=MONTHLY;COUNT=3").dates()) == 3
    with pytest.raises(LimitExceeded):
        Schedule("x", start=D(2000, 1, 1), rule="FREQ=DAILY").dates(until=D(2050, 1, 1))
    assert s.next_after(D(2008, 9, 9)) == D(2008, 10, 14)


# -- clear days -----------------------------------------------------------------------------


def _oracle(nation: str, year: int) -> set[dt.date]:
    return set(holidays.country_holidays("GB", subdiv=NATIONS[nation], years=year))


@given(
    st.dates(D(2005, 1, 10), D(2030, 12, 31)), st.sampled_from(sorted(NATIONS)), st.integers(0, 10)
)
def test_clear_days_never_count_a_weekend_or_bank_holiday(
    meeting: dt.date, nation: str, n: int
) -> None:
    publish = notice_deadline(meeting, n, nation)
    counted = clear_days_between(publish, meeting, nation=nation)
    for day in counted:
        assert day.weekday() < 5
        assert day not in _oracle(nation, day.year)
        assert publish < day < meeting
    assert len(counted) >= n
    # Latest: the next working day after `publish` would leave too few clear days.
    later = publish + dt.timedelta(days=1)
    while later < meeting and (later.weekday() >= 5 or later in _oracle(nation, later.year)):
        later += dt.timedelta(days=1)
    if later < meeting:
        assert len(clear_days_between(later, meeting, nation=nation)) < n
    assert publish.weekday() < 5
    assert publish not in _oracle(nation, publish.year)


def test_nations_differ_on_bank_holidays() -> None:
    # 25 August 2008 was the late summer bank holiday in England, not in Scotland.
    assert notice_deadline(D(2008, 9, 1), 5, "england") == D(2008, 8, 21)
    assert notice_deadline(D(2008, 9, 1), 5, "scotland") == D(2008, 8, 22)
    # St Andrew's Day (observed) on 1 December 2008 in Scotland only.
    assert D(2008, 12, 1) not in clear_days_between(
        D(2008, 11, 28), D(2008, 12, 3), nation="scotland"
    )


def test_bad_clear_day_input() -> None:
    with pytest.raises(InvalidValue, match="nation"):
        notice_deadline(D(2008, 9, 1), 5, "mercia")
    with pytest.raises(InvalidValue, match="clear_days"):
        notice_deadline(D(2008, 9, 1), -1)
    with pytest.raises(SharegovError, match="meeting_date"):
        notice_deadline("2008-09-01", 5)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match="meeting"):
        clear_days_between(D(2008, 9, 2), D(2008, 9, 1))


@pytest.mark.parametrize(
    "module", ["timeline", "meetings", "decisions", "concordat", "io.ical", "reference"]
)
def test_module_all_is_complete(module: str) -> None:
    mod = __import__(f"sharegov.{module}", fromlist=["__all__"])
    assert len(set(mod.__all__)) == len(mod.__all__)
    for name in mod.__all__:
        assert hasattr(mod, name), name


def test_import_sharegov_timeline_does_not_load_holidays() -> None:
    import subprocess
    import sys

    code = (
        "import sys, sharegov.timeline, sharegov.concordat, sharegov.meetings; "
        "print('holidays' in sys.modules, 'icalendar' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
