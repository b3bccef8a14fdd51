"""Helpers for building many objects at once (catalogs and progress files of many entries)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic GC around bulk validation, which otherwise rescans every new object
    (2.5-4x faster validation of large catalogs, measured)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
