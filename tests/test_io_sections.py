"""The top-level sections of an arrangement file are written down once: an assumption's
path may start with any of them, and the list is the class's fields, which the schema's top
level also lists (an outside check: the schema is generated separately)."""

from __future__ import annotations

import attrs
import pytest

from sharegov.errors import InvalidValue
from sharegov.io.files import _SECTIONS, Arrangement, Assumption
from sharegov.io.schema import generate


def test_the_sections_are_the_schemas_top_level() -> None:
    assert set(generate()["properties"]) - {"assumptions"} == _SECTIONS
    assert {f.name for f in attrs.fields(Arrangement)} - {"assumptions"} == _SECTIONS


@pytest.mark.parametrize(
    "path", ["posts[0].holder", "officers", "bodies[1].kind", "statutory_duties[0]"]
)
def test_an_assumption_may_name_a_section_added_later(path: str) -> None:
    # These sections were missing from the hand-kept list, so such a path was refused.
    made = Arrangement("x", assumptions=[Assumption(path, "not minuted")])
    assert made.assumptions[0].path == path


@pytest.mark.parametrize("path", ["bored.b.seats", "assumptions[0]", "boards[0].rule"])
def test_an_assumption_outside_the_sections_is_refused_by_path(path: str) -> None:
    with pytest.raises(InvalidValue, match=r"assumptions\[0\]\.path: expected a path"):
        Arrangement("x", assumptions=[Assumption(path, "not minuted")])
