"""Answers and clause lists kept per index version, so a repeated request is not worked out again."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from index.search import Engine

T = TypeVar("T")


class SnapshotCache:
    """A small thread-safe LRU cache for things computed from one index version.

    Keys start with the version's path, so after an ingest swaps in a new version nothing of
    the old one is served again; its entries simply age out.
    """

    def __init__(self, max_items: int = 1024) -> None:
        self.max_items = max_items
        self._items: OrderedDict[tuple[object, ...], object] = OrderedDict()
        self._lock = threading.Lock()

    def peek(self, key: tuple[object, ...]) -> Any:
        """The cached value, or None."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        return None

    def get_or_make(self, key: tuple[object, ...], make: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]  # type: ignore[return-value]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.max_items:
                self._items.popitem(last=False)
        return value


def version_of(engine: Engine) -> object:
    """What tells index versions apart: the path of the snapshot the engine was opened on."""
    return engine.snapshot.path
