from __future__ import annotations

import pytest

from sharegov import errors


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
