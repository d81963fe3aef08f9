"""What an apportionment takes that the paper does not give: listed in ``assumed``, said in
``explain()`` and carried by the DataFrames."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from sharegov.apportion import Apportionment, schedule_frame

ROUNDED = "the estimated split rounded to whole percentages by the largest remainder"
TOLERANCE = "a tolerance of 0 points, the default where the paper gives none"
REVISED = "the revised split rounded to whole percentages by the largest remainder"


def _has(line: Apportionment, words: str) -> bool:
    return any(a.startswith(words) for a in line.assumed)


def test_an_equal_split_of_three_is_rounded_and_says_so() -> None:
    line = Apportionment.equal("Audit", ["A", "B", "C"])
    assert line.assumed == (
        ROUNDED + ", its exact shares not being whole (no published split given to check the"
        " rounding against)",
    )
    assert line.explain().splitlines() == [
        "Audit: split by equal (A 1; B 1; C 1): A 34%, B 33%, C 33%.",
        "  Assumed: " + line.assumed[0] + ".",
    ]
    confirmed = Apportionment.equal("Audit", ["A", "B", "C"], published={"A": 34, "B": 33, "C": 33})
    assert confirmed.assumed == ()
    assert "Assumed" not in confirmed.explain()


def test_whole_shares_need_no_rounding() -> None:
    # Seed-style caseloads that give whole percentages exactly: nothing is assumed.
    line = Apportionment("Benefits", basis="caseload", drivers={"A": 1_200, "B": 800, "C": 500})
    assert line.assumed == ()
    assert "Assumed" not in line.explain()


def test_a_zero_tolerance_with_actuals_is_flagged_and_a_given_one_is_not() -> None:
    drivers = {"A": 1_200, "B": 800, "C": 500}
    actual = {"A": 1_180, "B": 820, "C": 500}
    default = Apportionment("Benefits", basis="caseload", drivers=drivers, actual=actual)
    assert _has(default, TOLERANCE)
    assert default.revised()  # with no tolerance any move revises
    # 1,180 of 2,500 is 47.2%: the revised split is rounded too.
    assert [a.split(",")[0] for a in default.assumed] == [
        "a tolerance of 0 points",
        "the revised split rounded to whole percentages by the largest remainder",
    ]
    tail = default.explain().splitlines()[-2:]
    assert tail == [f"  Assumed: {a}." for a in default.assumed]
    given3 = Apportionment(
        "Benefits", basis="caseload", drivers=drivers, actual=actual, tolerance=3
    )
    assert given3.assumed == ()


def test_the_revised_split_is_flagged_only_when_in_force_and_rounded() -> None:
    drivers = {"A": 120, "B": 80}
    rounded = Apportionment(
        "ICT", basis="posts", drivers=drivers, actual={"A": 1, "B": 2}, tolerance=3
    )
    assert rounded.revised()
    assert dict(rounded.in_force()) == {"A": 33, "B": 67}
    assert [a for a in rounded.assumed if a.startswith(REVISED)]
    assert rounded.explain().splitlines()[-1].startswith("  Assumed: " + REVISED)
    exact = Apportionment(
        "ICT", basis="posts", drivers=drivers, actual={"A": 1, "B": 1}, tolerance=3
    )
    assert exact.revised()
    assert exact.assumed == ()
    kept = Apportionment(
        "ICT", basis="posts", drivers=drivers, actual={"A": 1_201, "B": 799}, tolerance=3
    )
    assert not kept.revised()
    assert kept.assumed == ()  # the actuals' rounding is shown, not used


@given(
    st.lists(st.integers(0, 500), min_size=1, max_size=6).filter(any),
    st.booleans(),
)
def test_rounding_is_flagged_exactly_when_some_exact_share_is_not_its_whole_percent(
    counts: list[int], publish: bool
) -> None:
    drivers = {f"P{i}": c for i, c in enumerate(counts)}
    plain = Apportionment("S", basis="calls", drivers=drivers)
    total = sum(counts)
    rounded = any(Fraction(100 * c, total) != plain.percentages()[p] for p, c in drivers.items())
    assert _has(plain, ROUNDED) == rounded
    if publish:
        line = Apportionment("S", basis="calls", drivers=drivers, published=plain.percentages())
        assert line.assumed == ()


def test_frames_carry_what_was_assumed() -> None:
    audit = Apportionment.equal("Audit", ["A", "B", "C"])
    benefits = Apportionment("Benefits", basis="caseload", drivers={"A": 3, "B": 1, "C": 1})
    assert audit.to_dataframe().attrs["assumed"] == list(audit.assumed)
    assert benefits.to_dataframe().attrs["assumed"] == []
    frame = schedule_frame([audit, benefits])
    assert frame.attrs["assumed"] == ["Audit: " + audit.assumed[0]]
