"""`mlroute catalog check FILE` and `mlroute catalog list`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from mlroute.catalog import check_file
from mlroute.catalog.models import KIND_FIELDS, Catalog, Kind
from mlroute.commands.common import load, out, out_json


def register(subparsers: Any) -> None:
    """Add the `catalog` command."""
    parser = subparsers.add_parser("catalog", help="check a catalog file or list the catalog")
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = sub.add_parser("check", help="validate a catalog file; exit 2 on problems")
    check.add_argument("file", type=Path, help="a catalog TOML file, e.g. your overlay")
    check.set_defaults(handler=_check)
    listing = sub.add_parser("list", help="list catalog entries")
    listing.add_argument("--kind", choices=sorted(KIND_FIELDS), help="only this kind")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(handler=_list)


def summary(catalog: Catalog) -> str:
    """A one-line count of entries by kind, skipping kinds with none."""
    counts = [f"{n} {KIND_FIELDS[kind]}" for kind, n in catalog.counts().items() if n]
    return ", ".join(counts) if counts else "no entries"


def _check(args: argparse.Namespace) -> int:
    catalog = check_file(args.file)
    out(f"{args.file}: OK: {summary(catalog)}")
    return 0


def _title(entry: Any) -> str:
    return str(getattr(entry, "title", None) or getattr(entry, "question", entry.id))


def _list(args: argparse.Namespace) -> int:
    catalog = load().catalog
    kinds: list[Kind] = [args.kind] if args.kind else list(KIND_FIELDS)
    if args.format == "json":
        out_json(catalog.model_dump(mode="json", include={KIND_FIELDS[kind] for kind in kinds}))
        return 0
    for kind in kinds:
        entries = catalog.entries(kind)
        if not entries:
            continue
        out(f"{KIND_FIELDS[kind]} ({len(entries)})")
        width = max(len(e.id) for e in entries)
        for entry in entries:
            out(f"  {entry.id:<{width}}  {_title(entry)}")
    return 0
