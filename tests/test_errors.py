from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sharegov import Money, Vote, errors
from sharegov.conflicts import Dispensation, DispensationGround


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (errors.InvalidValue, ValueError),
        (errors.InvalidRule, ValueError),
        (errors.InvalidBoard, ValueError),
        (errors.InvalidVote, ValueError),
        (errors.UnknownId, LookupError),
        (errors.LimitExceeded, ValueError),
        (errors.MissingExtra, ImportError),
    ],
)
def test_every_error_is_a_sharegov_error_and_its_builtin(
    cls: type[Exception], builtin: type
) -> None:
    assert issubclass(cls, errors.SharegovError)
    assert issubclass(cls, builtin)


def test_unknown_id_message_is_not_quoted_like_a_keyerror() -> None:
    # KeyError wraps its message in quotes; LookupError does not.
    assert str(errors.UnknownId("member: expected x, got 'y'")) == "member: expected x, got 'y'"


def test_missing_extra_names_the_extra() -> None:
    from sharegov._optional import require

    with pytest.raises(errors.MissingExtra, match=r'pip install "sharegov\[graph\]"'):
        require("sharegov_no_such_module", "graph")


# ---------------------------------------------------------------------------------------------
# Messages show values as people write them, never as Python reprs (finding 7)
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (None, "nothing"),
        ("for", "'for'"),
        ("hill\n", "'hill\\n'"),
        (3, "3"),
        (dt.date(2017, 6, 2), "2017-06-02"),
        (dt.datetime(2009, 1, 1, 10, 30), "2009-01-01 10:30:00"),
        (Vote.FOR, "'for'"),
        (Fraction(2, 6), "1/3"),
        (("BDC",), "['BDC']"),
        ([dt.date(2008, 1, 1), None], "[2008-01-01, nothing]"),
        (frozenset({Vote.AGAINST, Vote.FOR}), "{'against', 'for'}"),
        (Money(3_000_000), "£30,000.00"),
    ],
)
def test_shown_writes_values_as_people_do(value: object, words: str) -> None:
    assert errors.shown(value) == words
    assert errors.expected("x", "y", value) == f"x: expected y, got {words}"


_LEAVES = st.one_of(
    st.none(),
    st.dates(),
    st.datetimes(),
    st.sampled_from(Vote),
    st.fractions(),
    st.text(alphabet="abc xyz-"),
)


@given(st.recursive(_LEAVES, lambda inner: st.lists(inner, max_size=3).map(tuple), max_leaves=6))
def test_no_repr_of_a_date_enum_none_or_tuple_reaches_a_message(value: object) -> None:
    words = errors.shown(value)
    if isinstance(value, str):
        assert words == repr(value)
        return
    for python in ("datetime.", "Vote.", "<", "None", "Fraction(", "(", ",)"):
        assert python not in words, (value, words)


def test_a_dispensation_past_four_years_names_the_date_in_iso() -> None:
    # The finding: "...got datetime.date(2017, 6, 2)".
    with pytest.raises(errors.InvalidValue) as refused:
        Dispensation(
            "webb", ["I&DeA funding"], DispensationGround.OTHERWISE_APPROPRIATE,
            granted_by="Standards Committee", start=dt.date(2013, 6, 1), until=dt.date(2017, 6, 2),
        )  # fmt: skip
    assert str(refused.value).endswith("got 2017-06-02")


def test_hostile_values_give_a_short_message_not_another_error() -> None:
    # A whole number past Python's 4,300-digit limit used to raise ValueError from repr()
    # inside the message meant to refuse it.
    from sharegov.errors import InvalidVote
    from sharegov.reference import bromsgrove_redditch_board

    with pytest.raises(InvalidVote, match=r"^counts\.for: .* about 5,001 digits$"):
        bromsgrove_redditch_board().decide_counts({"for": 10**5000})
    message = errors.expected("present", "ids", ["m"] * 100_000)
    assert len(message) < 300
    assert message.endswith("…] (100,000 items)")
    assert errors.expected("as_of", "a date", "9" * 5000).endswith("…' (5,000 characters)")
