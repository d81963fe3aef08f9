from __future__ import annotations

import pytest

from sharegov import Authority, Member, Post, StatutoryRole
from sharegov.errors import InvalidValue


def test_authority_from_contract() -> None:
    bdc = Authority("BDC", "Bromsgrove District Council", population=93_637, gss="E07000234")
    assert (bdc.code, bdc.population, bdc.gss) == ("BDC", 93_637, "E07000234")


@pytest.mark.parametrize("gss", ["E0700023", "X07000234", "e07000234", "E070002345", ""])
def test_bad_gss_is_refused_naming_field_and_value(gss: str) -> None:
    with pytest.raises(InvalidValue, match=r"^gss: expected a GSS code.*got " + repr(gss)):
        Authority("BDC", "Bromsgrove", gss=gss)


@pytest.mark.parametrize("gss", ["E07000234", "W06000015", "S12000033", "N09000003", "K02000001"])
def test_good_gss_for_each_nation(gss: str) -> None:
    assert Authority("X", "X Council", gss=gss).gss == gss


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"population": -1}, "population"),
        ({"population": 1.5}, "population"),
        ({"population": True}, "population"),
    ],
)
def test_bad_population(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidValue, match=f"^{field}: expected"):
        Authority("BDC", "Bromsgrove", **kwargs)  # type: ignore[arg-type]


def test_identifiers_must_be_nonblank_without_spaces() -> None:
    with pytest.raises(InvalidValue, match="^code: expected a non-empty identifier"):
        Authority("B DC", "Bromsgrove")
    with pytest.raises(InvalidValue, match="^id: expected"):
        Member("", "Cllr X", "BDC")
    with pytest.raises(InvalidValue, match="^name: expected a non-empty string"):
        Member("x", "  ", "BDC")


def test_roles_refuse_a_bare_string() -> None:
    with pytest.raises(InvalidValue, match="^roles: expected a set of strings"):
        Member("x", "Cllr X", "BDC", roles="leader")  # type: ignore[arg-type]


def test_members_are_hashable_values() -> None:
    a = Member("x", "Cllr X", "BDC", roles=["leader"])
    b = Member("x", "Cllr X", "BDC", roles={"leader"})
    assert a == b
    assert hash(a) == hash(b)


def test_shared_post() -> None:
    post = Post(
        "jce",
        "Acting Joint Chief Executive",
        ["BDC", "RBC"],
        roles={StatutoryRole.HEAD_OF_PAID_SERVICE},
        holder="dicks",
    )
    assert post.shared
    assert StatutoryRole.HEAD_OF_PAID_SERVICE in post.roles
    with pytest.raises(InvalidValue, match="^authorities: expected at least one code, no repeats"):
        Post("p", "Post", ["BDC", "BDC"])
