"""Reading files that may be hostile: in linear time, within limits, or refused by name.

Everything a file can do to make a reader hang or run out of memory is bounded here,
before the file is parsed or walked:

* only regular files are read (not a FIFO, a directory or a device), and at most
  :data:`MAX_BYTES`; text must be UTF-8 (the refusal gives the byte offset);
* TOML is scanned for the depth of dotted keys, table headers and brackets before
  ``tomllib`` builds it (its dotted keys are quadratic);
* YAML is read event by event first (libyaml when installed): aliases are counted as the
  values they expand to, recursive aliases are refused, and so are duplicate keys;
* JSON duplicate keys are refused;
* the parsed data may hold at most :data:`MAX_VALUES` values nested at most
  :data:`MAX_DEPTH` deep.

Every refusal names the file and the path inside it, as the file writes it.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sharegov._optional import require
from sharegov.errors import InvalidValue, LimitExceeded

#: Files larger than this are refused rather than read.
MAX_BYTES = 5 * 1024 * 1024
#: Data nested deeper than this is refused (rules nest; nothing real nests this deep).
MAX_DEPTH = 64
#: Files holding more values than this (YAML aliases counted as what they expand to) are
#: refused; a real arrangement holds a few thousand.
MAX_VALUES = 100_000


class FileError(InvalidValue):
    """An arrangement file has problems; ``problems`` lists each, one line per problem."""

    __module__ = "sharegov.io.files"  # where users import it from

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        lines = "\n".join(f"{source}: {p}" for p in problems)
        super().__init__(f"{source}: {count}\n{lines}")


def path_text(parts: list[Any] | tuple[Any, ...]) -> str:
    """``["boards", "ssb", "members", 4]`` as ``boards.ssb.members[4]``."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _at(parts: list[Any], message: str) -> str:
    where = path_text(parts)
    return f"{where}: {message}" if where else message


def _too_large(source: str) -> LimitExceeded:
    return LimitExceeded(f"{source}: files over {MAX_BYTES:,} bytes are refused")


def _too_deep(source: str, parts: list[Any] | None = None) -> LimitExceeded:
    where = f"{path_text(parts)}: " if parts else ""
    return LimitExceeded(
        f"{source}: {where}data nested more than {MAX_DEPTH} levels deep is refused"
    )


def _too_many(source: str) -> LimitExceeded:
    return LimitExceeded(
        f"{source}: files holding more than {MAX_VALUES:,} values are refused "
        "(YAML aliases count as the values they repeat)"
    )


# ---------------------------------------------------------------------------------------------
# Bytes
# ---------------------------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """The text of ``path``, a regular file of at most :data:`MAX_BYTES` in UTF-8.

    Raises:
        FileError: Not a regular file, cannot be read, or not UTF-8 (with the byte offset).
        LimitExceeded: Larger than :data:`MAX_BYTES`.
    """
    source = str(path)
    try:
        info = os.stat(path)  # follows links: what a link points at must be a regular file
    except OSError as exc:
        raise FileError(source, [f"cannot be read: {exc.strerror}"]) from None
    if not stat.S_ISREG(info.st_mode):
        kind = (
            "a folder"
            if stat.S_ISDIR(info.st_mode)
            else "a pipe"
            if stat.S_ISFIFO(info.st_mode)
            else "a device"
            if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
            else "not a regular file"
        )
        raise FileError(source, [f"cannot be read: {kind}, not a regular file"])
    if info.st_size > MAX_BYTES:
        raise _too_large(source)
    try:
        # O_NONBLOCK: if the file was swapped for a pipe since the stat, do not wait on it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise FileError(source, [f"cannot be read: {exc.strerror}"]) from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise FileError(source, ["cannot be read: not a regular file"])
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise _too_large(source)
    return decode(raw, source)


def decode(raw: bytes, source: str) -> str:
    """``raw`` as UTF-8 (a byte-order mark is dropped), or refused with the byte offset."""
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    try:
        return raw[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = exc.start + bom
        line = raw.count(b"\n", 0, offset) + 1
        raise FileError(
            source,
            [
                f"not UTF-8: the byte 0x{raw[offset]:02X} at byte offset {offset} "
                f"(line {line}); save the file as UTF-8"
            ],
        ) from None


# ---------------------------------------------------------------------------------------------
# TOML
# ---------------------------------------------------------------------------------------------

_TOML_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # multi-line basic string
    r"|'''.*?'''"  # multi-line literal string
    r'|"(?:[^"\\\n]|\\.)*"'  # basic string
    r"|'[^'\n]*'"  # literal string
    r"|#[^\n]*"  # comment
    r"|[\[\]{}.=,\n]",
    re.DOTALL,
)


def scan_toml(text: str, source: str) -> None:
    """Refuse TOML nested past :data:`MAX_DEPTH` before ``tomllib`` builds it.

    A linear scan: the depth counted is a table header's dotted parts, the brackets open
    and a key's dotted parts, which never exceeds the depth of the data built.

    Raises:
        LimitExceeded: Nested too deeply.
    """
    if text.count(".") + text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    header = 0  # the depth of the current [table] or [[array of tables]]
    brackets = 0  # arrays and inline tables open now
    dots = 0  # dots in the key being read
    in_header = False
    line_start = True
    for match in _TOML_TOKENS.finditer(text):
        token = match.group()
        if token[0] in "\"'#":
            line_start = False
            continue
        if token == "\n":
            dots = 0
            line_start = brackets == 0
            continue
        if token == "[" and line_start and brackets == 0 and not in_header:
            in_header = True
            header = 1
            line_start = False
            continue
        line_start = False
        if in_header:
            if token == ".":
                header += 1
                if header > MAX_DEPTH:
                    raise _too_deep(source)
            elif token == "]":
                in_header = False
            continue
        if token == ".":
            dots += 1
            if header + brackets + dots > MAX_DEPTH:
                raise _too_deep(source)
        elif token in "[{":
            brackets += 1
            dots = 0
            if header + brackets > MAX_DEPTH:
                raise _too_deep(source)
        elif token in "]}":
            brackets = max(brackets - 1, 0)
            dots = 0
        else:  # "=" or ","
            dots = 0


# ---------------------------------------------------------------------------------------------
# YAML
# ---------------------------------------------------------------------------------------------


def _yaml_loader(yaml: Any) -> Any:
    return getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


def parse_yaml(text: str, source: str) -> Any:
    """``yaml.safe_load(text)``, after one pass over its events that bounds what it builds.

    Raises:
        FileError: A duplicate key, a recursive alias, or text that is not YAML.
        LimitExceeded: Nested too deeply, or too many values (aliases counted expanded).
    """
    yaml = require("yaml", "io")
    loader_cls = _yaml_loader(yaml)
    _check_yaml_events(yaml, loader_cls(text), source)
    loader = loader_cls(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


class _Frame:
    __slots__ = ("anchor", "deep", "index", "is_map", "key", "keys", "on_key", "start")

    def __init__(self, is_map: bool, anchor: str | None, start: int, deep: int) -> None:
        self.is_map = is_map
        self.anchor = anchor
        self.start = start  # values counted before this collection
        self.deep = deep  # the deepest level reached inside, aliases expanded
        self.index = 0
        self.on_key = True
        self.key: Any = None
        self.keys: set[str] = set()


def _check_yaml_events(yaml: Any, loader: Any, source: str) -> None:
    events = (
        yaml.ScalarEvent,
        yaml.AliasEvent,
        yaml.SequenceStartEvent,
        yaml.MappingStartEvent,
        yaml.SequenceEndEvent,
        yaml.MappingEndEvent,
    )
    scalar, alias, seq_start, map_start, seq_end, map_end = events
    stack: list[_Frame] = []
    sizes: dict[str, tuple[int, int]] = {}  # anchor -> (values, depth) it expands to
    count = 0

    def parts() -> list[Any]:
        out: list[Any] = []
        for frame in stack:
            if frame.is_map:
                if not frame.on_key and frame.key is not None:
                    out.append(frame.key)
            else:
                out.append(frame.index)
        return out

    def value_done(values: int, depth: int) -> None:
        """A value (of ``values`` values, ``depth`` deep) ends where the stack is now."""
        nonlocal count
        count += values
        if count > MAX_VALUES:
            raise _too_many(source)
        if len(stack) + depth > MAX_DEPTH:
            raise _too_deep(source, parts())
        if stack:
            frame = stack[-1]
            frame.deep = max(frame.deep, depth + 1)
            if frame.is_map:
                frame.on_key = True
                frame.key = None
            else:
                frame.index += 1

    try:
        while True:
            event = loader.get_event()
            if event is None or isinstance(event, yaml.StreamEndEvent):
                break
            top = stack[-1] if stack else None
            if top is not None and top.is_map and top.on_key:
                # A key: scalars are checked for duplicates; keys are not values.
                if isinstance(event, map_end):
                    pass
                elif isinstance(event, scalar):
                    key = event.value
                    if key in top.keys and key != "<<":
                        where = path_text([*parts(), key])
                        raise FileError(
                            source,
                            [f"{where}: the key {key!r} is given twice; give each key once"],
                        )
                    top.keys.add(key)
                    top.key = key
                    top.on_key = False
                    continue
                elif isinstance(event, alias | seq_start | map_start):
                    raise FileError(
                        source, [_at(parts(), "keys must be plain text, not lists or tables")]
                    )
            if isinstance(event, scalar):
                if event.anchor is not None:
                    sizes[event.anchor] = (1, 1)
                value_done(1, 1)
            elif isinstance(event, alias):
                size = sizes.get(event.anchor)
                if size is None:
                    raise FileError(
                        source,
                        [_at(parts(), f"the alias *{event.anchor} refers to itself")],
                    )
                value_done(*size)
            elif isinstance(event, seq_start | map_start):
                stack.append(_Frame(isinstance(event, map_start), event.anchor, count, 0))
                if len(stack) > MAX_DEPTH:
                    raise _too_deep(source, parts())
            elif isinstance(event, seq_end | map_end):
                frame = stack.pop()
                values = count - frame.start + 1
                count = frame.start
                if frame.anchor is not None:
                    sizes[frame.anchor] = (values, frame.deep + 1)
                value_done(values, frame.deep + 1)
    except yaml.YAMLError as exc:
        raise FileError(source, [f"not valid YAML: {exc}"]) from None
    except RecursionError:
        raise _too_deep(source) from None
    finally:
        loader.dispose()


# ---------------------------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------------------------


class _Twice(dict[str, Any]):
    """A JSON object that gave a key more than once (``twice`` lists them)."""

    twice: list[str]


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = dict(pairs)
    if len(out) == len(pairs):
        return out
    seen: set[str] = set()
    twice = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
    marked = _Twice(out)
    marked.twice = twice
    return marked


def parse_json(text: str) -> Any:
    """``json.loads`` that marks objects with a key given twice (:func:`check_data` refuses
    them with their path)."""
    return json.loads(text, object_pairs_hook=_pairs)


# ---------------------------------------------------------------------------------------------
# Any data
# ---------------------------------------------------------------------------------------------


def check_data(data: Any, source: str) -> None:
    """Refuse data nested past :data:`MAX_DEPTH`, holding more than :data:`MAX_VALUES`
    values, or with a JSON key given twice; one walk, scalars not pushed.

    Raises:
        FileError: A key given twice, with its path.
        LimitExceeded: Too deep or too many values.
    """
    count = 1
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        value, parts = stack.pop()
        if len(parts) >= MAX_DEPTH:
            raise _too_deep(source, list(parts))
        if isinstance(value, Mapping):
            if isinstance(value, _Twice):
                where = path_text([*parts, value.twice[0]])
                raise FileError(
                    source,
                    [f"{where}: the key {value.twice[0]!r} is given twice; give each key once"],
                )
            count += len(value)
            items: Any = value.items()
        elif isinstance(value, list):
            count += len(value)
            items = enumerate(value)
        else:
            continue
        if count > MAX_VALUES:
            raise _too_many(source)
        for key, child in items:
            if isinstance(child, Mapping | list):
                stack.append((child, (*parts, key)))
