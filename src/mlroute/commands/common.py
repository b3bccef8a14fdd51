"""Helpers the headless commands share: loading the catalog and printing safely."""

from __future__ import annotations

import json
import sys
from typing import Any

from mlroute.catalog import CatalogLoad, load_catalog
from mlroute.text import clean


def load() -> CatalogLoad:
    """Load the catalog with the user's overlay, telling stderr why an overlay was skipped."""
    result = load_catalog()
    if result.warnings:
        print("mlroute: the overlay catalog was not used:", file=sys.stderr)
        for problem in result.warnings:
            print(f"  {problem}", file=sys.stderr)
    return result


def out(text: str = "") -> None:
    """Print catalog or user text with control characters removed."""
    print(clean(text))


def out_json(data: Any) -> None:
    """Print JSON; escapes in JSON strings keep control characters inert."""
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))
