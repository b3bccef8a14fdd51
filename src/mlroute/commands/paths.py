"""`mlroute paths`: where mlroute keeps its files, and which of them exist, as text or JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from mlroute import paths

MAX_LISTED = 200
"""List at most this many files per directory: a cache directory can grow."""


def register(subparsers: Any) -> None:
    """Add the `paths` command."""
    parser = subparsers.add_parser(
        "paths",
        help="print the data, config and cache directories and their files",
        description="Each directory mlroute uses (the MLROUTE_*_DIR variables override them), "
        "whether it exists yet, and the files in it with their sizes.",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=_paths)


def directories() -> dict[str, Path]:
    """The three user directories by role: what each holds is in `mlroute.paths`."""
    return {"data": paths.data_dir(), "config": paths.config_dir(), "cache": paths.cache_dir()}


def listing(directory: Path) -> dict[str, Any]:
    """A directory's path, whether it exists, and its files (relative paths, sizes in bytes),
    sorted; unreadable entries are skipped rather than failing the whole listing."""
    files: list[dict[str, Any]] = []
    exists = directory.is_dir()
    if exists:
        try:
            found = sorted(directory.rglob("*"))
        except OSError:
            found = []
        for path in found:
            try:
                if not path.is_file():
                    continue
                size = path.stat().st_size
            except OSError:
                continue
            files.append({"name": str(path.relative_to(directory)), "bytes": size})
            if len(files) >= MAX_LISTED:
                break
    return {"path": str(directory), "exists": exists, "files": files}


def _paths(args: argparse.Namespace) -> int:
    from mlroute.text import clean  # file names are the user's: print them inert

    found = {role: listing(directory) for role, directory in directories().items()}
    if args.format == "json":
        print(json.dumps(found, indent=2, ensure_ascii=False))
        return 0
    for number, (role, entry) in enumerate(found.items()):
        if number:
            print()
        state = "" if entry["exists"] else "  (not there yet: created when first needed)"
        print(clean(f"{role}: {entry['path']}{state}"))
        for file in entry["files"]:
            print(clean(f"  {file['name']}  ({file['bytes']:,} bytes)"))
        if entry["exists"] and not entry["files"]:
            print("  (no files)")
    return 0
