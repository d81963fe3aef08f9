"""A small immutable, hashable mapping so that frozen domain objects can hold mappings.

Rules and boards are data: equal values must compare and hash equal. A ``dict``
field would make them unhashable, so mappings are converted to :class:`FrozenMap`.
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import Any, TypeVar, overload

__all__ = ["FrozenMap", "assemble", "frozen_map"]

K = TypeVar("K")
T = TypeVar("T")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    """An immutable mapping that keeps insertion order and hashes by its items.

    Examples:
        >>> m = FrozenMap({"BDC": 3, "RBC": 3})
        >>> m["BDC"], len(m), m == {"BDC": 3, "RBC": 3}
        (3, 2, True)
        >>> hash(m) == hash(FrozenMap({"RBC": 3, "BDC": 3}))
        True
        >>> m
        FrozenMap({'BDC': 3, 'RBC': 3})
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[K, V] | None = None) -> None:
        self._data: dict[K, V] = dict(data) if data is not None else {}
        self._hash: int | None = None

    @classmethod
    def adopt(cls, data: dict[K, V]) -> FrozenMap[K, V]:
        """Wrap ``data`` without copying it; the caller must not change it afterwards."""
        self = cls.__new__(cls)
        self._data = data
        self._hash = None
        return self

    def __reduce__(self) -> tuple[type[FrozenMap[K, V]], tuple[dict[K, V]]]:
        # Pickle the items only: the cached hash belongs to this process (string hashes
        # are salted per interpreter), so the copy computes its own when first asked.
        return (type(self), (self._data,))

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def items(self) -> ItemsView[K, V]:
        return self._data.items()

    def keys(self) -> KeysView[K]:
        return self._data.keys()

    def values(self) -> ValuesView[V]:
        return self._data.values()

    @overload
    def get(self, key: K, /) -> V | None: ...
    @overload
    def get(self, key: K, default: V | T, /) -> V | T: ...
    def get(self, key: K, default: Any = None, /) -> Any:
        return self._data.get(key, default)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"


def frozen_map(data: Mapping[Any, Any] | None) -> FrozenMap[Any, Any]:
    """Convert a mapping (or ``None``) to a :class:`FrozenMap`; an attrs converter."""
    if isinstance(data, FrozenMap):
        return data
    return FrozenMap(data)


def assemble(cls: type[T], attributes: dict[str, Any]) -> T:
    """An instance of the dict-based frozen attrs class ``cls`` holding ``attributes``.

    Skips ``__init__`` and its checks, storing every attribute in one step: for hot paths
    whose input is already checked (a board deciding a vote). ``attributes`` must name
    every attribute of ``cls``, private ones included; the tests compare what it builds
    with what ``__init__`` builds.
    """
    instance = object.__new__(cls)
    object.__setattr__(instance, "__dict__", attributes)
    return instance
