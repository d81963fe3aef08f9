"""Real council data: mySociety's table of UK local authorities, as :class:`Authority` objects.

mySociety publishes every UK local authority, current and recently abolished, with its
three-letter code, ONS GSS code, type, county (for districts in two-tier areas), combined
authority and population, in ``uk_local_authorities_current.csv`` (package
``uk_la_past_current``, CC BY 4.0). :func:`load_councils` reads that format with the
standard :mod:`csv` module, validates each row, and refuses a malformed row naming its
line in the file. Whatever shows data from the file should carry :data:`CREDIT`.

Examples:
    >>> import io
    >>> table = io.StringIO(
    ...     "local-authority-code,official-name,gss-code,local-authority-type,county-la,"
    ...     "combined-authority,pop-2020,current-authority\\n"
    ...     "RED,Redditch Borough Council,E07000236,NMD,WOR,,85568.0,True\\n"
    ...     "WOR,Worcestershire County Council,E10000034,CTY,,,598070.0,True\\n")
    >>> red, wor = load_councils(table)
    >>> red.gss, red.kind, red.county, red.population
    ('E07000236', 'NMD', 'WOR', 85568)
    >>> bad = io.StringIO(
    ...     "local-authority-code,official-name,gss-code,local-authority-type,county-la,"
    ...     "combined-authority,pop-2020,current-authority\\n"
    ...     "RED,Redditch Borough Council,E7000236,NMD,WOR,,85568.0,True\\n")
    >>> load_councils(bad)
    Traceback (most recent call last):
    ...
    sharegov.errors.InvalidValue: <table>, line 2: gss-code: expected a GSS code...
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO

from sharegov.errors import InvalidValue, SharegovError, UnknownId, expected
from sharegov.parties import GSS_PATTERN, Authority

__all__ = ["COLUMNS", "CREDIT", "load_councils"]

#: The attribution mySociety's licence (CC BY 4.0) asks for, for output derived from the file.
CREDIT = (
    "Council codes, GSS codes, types, counties and populations: mySociety, "
    "UK local authority names and codes (uk_la_past_current), CC BY 4.0, "
    "https://github.com/mysociety/uk_local_authority_names_and_codes"
)

#: The columns :func:`load_councils` reads; the file may have more, which are ignored.
COLUMNS = (
    "local-authority-code",
    "official-name",
    "gss-code",
    "local-authority-type",
    "county-la",
    "combined-authority",
    "pop-2020",
    "current-authority",
)

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]*$")
_POPULATION = re.compile(r"^\d+(\.0*)?$")


def load_councils(
    source: str | os.PathLike[str] | IO[str],
    *,
    current_only: bool = False,
    only: Iterable[str] | None = None,
    rename: Mapping[str, str] | None = None,
) -> tuple[Authority, ...]:
    """Read mySociety's UK local authorities CSV into authorities, in file order.

    Args:
        source: A path to the CSV, or an open text file.
        current_only: Skip authorities that have been abolished (``current-authority`` is
            ``False``). The default keeps them: the seed papers predate the 2021
            Northamptonshire reorganisation, for instance.
        only: Keep just these codes (as in the file, before renaming); each must be present.
        rename: Give some authorities another code, e.g. ``{"RED": "RBC"}`` to match the
            codes an arrangement already uses. County and combined-authority references to a
            renamed code follow it.

    Returns:
        One :class:`~sharegov.parties.Authority` per row kept, with ``population`` from
        ``pop-2020``, ``gss`` from ``gss-code``, ``kind`` from ``local-authority-type``,
        ``county`` from ``county-la`` and ``combined_authority`` from ``combined-authority``.
        Empty cells become ``None``.

    Raises:
        InvalidValue: A required column is missing; or a row has a malformed code, GSS code
            or population, an empty name, or a code already used on an earlier line. The
            message names the line of the file (the header is line 1) and the column.
        UnknownId: A code in ``only`` is not in the file.

    Examples:
        >>> import io
        >>> table = io.StringIO(
        ...     "local-authority-code,official-name,gss-code,local-authority-type,county-la,"
        ...     "combined-authority,pop-2020,current-authority\\n"
        ...     "BRM,Bromsgrove District Council,E07000234,NMD,WOR,,100569.0,True\\n")
        >>> (bdc,) = load_councils(table, rename={"BRM": "BDC"})
        >>> bdc.code, bdc.name, bdc.population
        ('BDC', 'Bromsgrove District Council', 100569)
    """
    if isinstance(source, str | os.PathLike):
        from sharegov.io._guard import read_text  # regular files of at most 5 MB, UTF-8

        path = Path(source)
        handle = io.StringIO(read_text(path), newline="")
        return _read(handle, str(path), current_only, only, rename or {})
    return _read(source, getattr(source, "name", "<table>"), current_only, only, rename or {})


def _read(
    handle: IO[str],
    where: str,
    current_only: bool,
    only: Iterable[str] | None,
    rename: Mapping[str, str],
) -> tuple[Authority, ...]:
    if not isinstance(where, str):
        where = "<table>"
    reader = csv.DictReader(handle)
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise InvalidValue(
            expected(f"{where}, columns", f"the columns {missing}", reader.fieldnames)
        )
    wanted = None if only is None else set(only)
    seen: dict[str, int] = {}
    out: list[Authority] = []
    rows = iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:  # a NUL byte, an unclosed quote, a field over the limit
            # line_num counts the lines read before the one that failed.
            line = reader.line_num + 1
            raise InvalidValue(f"{where}, line {line}: not valid CSV: {exc}") from None
        line = reader.line_num
        code = row["local-authority-code"] or ""
        _check(
            _CODE.match(code) is not None,
            where,
            line,
            "local-authority-code",
            "an authority code of capital letters, digits and hyphens (e.g. 'RED')",
            code,
        )
        _check(
            code not in seen,
            where,
            line,
            "local-authority-code",
            f"a code not already used (line {seen.get(code)})",
            code,
        )
        seen[code] = line
        name = (row["official-name"] or "").strip()
        _check(bool(name), where, line, "official-name", "a non-empty name", name)
        gss = (row["gss-code"] or "").strip() or None
        _check(
            gss is None or GSS_PATTERN.match(gss) is not None,
            where,
            line,
            "gss-code",
            "a GSS code: a letter E, W, S, N or K and 8 digits (e.g. 'E07000236')",
            gss,
        )
        pop_text = (row["pop-2020"] or "").strip()
        _check(
            not pop_text or _POPULATION.match(pop_text) is not None,
            where,
            line,
            "pop-2020",
            "a whole number of residents (e.g. '85568' or '85568.0') or nothing",
            pop_text,
        )
        try:
            authority = Authority(
                rename.get(code, code),
                name,
                population=int(pop_text.split(".")[0]) if pop_text else None,
                gss=gss,
                kind=(row["local-authority-type"] or "").strip() or None,
                county=_ref(row["county-la"], rename),
                combined_authority=_ref(row["combined-authority"], rename),
            )
        except SharegovError as exc:
            raise InvalidValue(f"{where}, line {line}: {exc}") from None
        # Every row is validated; the filters apply only after.
        abolished = (row["current-authority"] or "").strip() == "False"
        if (wanted is None or code in wanted) and not (current_only and abolished):
            out.append(authority)
    if wanted is not None:
        absent = sorted(wanted - seen.keys())
        if absent:
            raise UnknownId(expected("only", f"codes present in {where}", absent))
    return tuple(out)


def _ref(value: str | None, rename: Mapping[str, str]) -> str | None:
    code = (value or "").strip()
    return rename.get(code, code) if code else None


def _check(ok: bool, where: str, line: int, column: str, what: str, got: object) -> None:
    if not ok:
        raise InvalidValue(expected(f"{where}, line {line}: {column}", what, got))
