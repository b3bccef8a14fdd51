"""`mlroute catalog check FILE`, `mlroute catalog list` and `mlroute catalog stale`.

Registering the commands imports nothing heavy: the catalog models (pydantic) load only when a
command runs, so `mlroute --version` and `--help` do not wait for them.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlroute.staleness import DUE_MONTHS, months_before

if TYPE_CHECKING:
    from mlroute.catalog.models import Catalog, Entry, Kind

KINDS = ("article", "course", "faq", "foundation", "program", "project", "stage")
"""The kinds of catalog entry, sorted; the same as the models' `KIND_FIELDS` (a test checks)."""


def register(subparsers: Any) -> None:
    """Add the `catalog` command."""
    parser = subparsers.add_parser(
        "catalog", help="check a catalog file, list the catalog, or find entries to re-check"
    )
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = sub.add_parser("check", help="validate a catalog file; exit 2 on problems")
    check.add_argument("file", type=Path, help="a catalog TOML file, e.g. your overlay")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(handler=_check)
    listing = sub.add_parser("list", help="list catalog entries")
    listing.add_argument("--kind", choices=KINDS, help="only this kind")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(handler=_list)
    stale = sub.add_parser(
        "stale",
        help=f"list entries due for re-verification (last verified over {DUE_MONTHS} months ago)",
        description=(
            "List the catalog entries whose facts were last verified longer ago than --months, "
            "oldest first, each with the page to check it against."
        ),
    )
    stale.add_argument(
        "--months",
        type=_months,
        default=DUE_MONTHS,
        help=f"how old counts as due, in months (default {DUE_MONTHS})",
    )
    stale.add_argument(
        "--as-of",
        type=_iso_date,
        default=None,
        metavar="YYYY-MM-DD",
        help="judge ages as of this date instead of today",
    )
    stale.add_argument("--format", choices=("text", "json"), default="text")
    stale.set_defaults(handler=_stale)


def _months(text: str) -> int:
    try:
        months = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of months: {text!r}") from None
    if months < 0:
        raise argparse.ArgumentTypeError(f"months cannot be negative: {months}")
    return months


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2026-12-31: {text!r}") from None


def summary(catalog: Catalog) -> str:
    """A one-line count of entries by kind, skipping kinds with none."""
    from mlroute.catalog.models import KIND_FIELDS

    counts = [f"{n} {KIND_FIELDS[kind]}" for kind, n in catalog.counts().items() if n]
    return ", ".join(counts) if counts else "no entries"


def _check(args: argparse.Namespace) -> int:
    from mlroute.catalog import check_file
    from mlroute.commands.common import out, out_json
    from mlroute.tomlfile import TomlFileError

    if args.format == "text":
        catalog = check_file(args.file)  # problems: printed by the CLI to stderr, exit 2
        out(f"{args.file}: OK: {summary(catalog)}")
        return 0
    try:
        catalog = check_file(args.file)
    except TomlFileError as error:
        # A script asked for JSON: the problems are the answer, on stdout, still with exit 2.
        problems = [
            {"file": p.file, "line": p.line, "path": p.path, "message": p.message}
            for p in error.problems
        ]
        out_json({"file": str(args.file), "ok": False, "counts": {}, "problems": problems})
        return 2
    counts = dict(catalog.counts())
    out_json({"file": str(args.file), "ok": True, "counts": counts, "problems": []})
    return 0


def _title(entry: Any) -> str:
    return str(getattr(entry, "title", None) or getattr(entry, "question", entry.id))


def _list(args: argparse.Namespace) -> int:
    from mlroute.catalog.models import KIND_FIELDS
    from mlroute.commands.common import load, out, out_json

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


def stale_entries(catalog: Catalog, before: date) -> list[tuple[Kind, Entry]]:
    """Every entry last verified before `before`, oldest first (ties in catalog order)."""
    from mlroute.catalog.models import KIND_FIELDS

    found = [
        (kind, entry)
        for kind in KIND_FIELDS
        for entry in catalog.entries(kind)
        if entry.last_verified < before
    ]
    return sorted(found, key=lambda pair: pair[1].last_verified)


def _where(entry: Entry) -> str:
    """The page to re-check an entry against: its url, else its source."""
    url = getattr(entry, "url", "")
    return str(url) if url else f"source: {entry.source}"


def _stale(args: argparse.Namespace) -> int:
    from mlroute.commands.common import load, out, out_json

    today = args.as_of or date.today()
    before = months_before(today, args.months)
    found = stale_entries(load().catalog, before)
    if args.format == "json":
        out_json(
            {
                "as_of": today.isoformat(),
                "months": args.months,
                "verified_before": before.isoformat(),
                "entries": [
                    {
                        "id": entry.id,
                        "kind": kind,
                        "title": _title(entry),
                        "last_verified": entry.last_verified.isoformat(),
                        "url": getattr(entry, "url", ""),
                        "source": entry.source,
                    }
                    for kind, entry in found
                ],
            }
        )
        return 0
    age = f"more than {args.months} month{'s' if args.months != 1 else ''} before {today}"
    if not found:
        out(f"Nothing is due for checking: no entry was last verified {age}.")
        return 0
    out(f"{len(found)} due for checking (last verified {age}, oldest first):")
    width = max(len(entry.id) for _, entry in found)
    for kind, entry in found:
        out(f"  {entry.last_verified}  {kind:<10}  {entry.id:<{width}}  {_where(entry)}")
    return 0
