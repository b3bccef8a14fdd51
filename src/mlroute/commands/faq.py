"""`mlroute faq [QUERY]`: the guide's questions and answers, offline."""

from __future__ import annotations

import argparse
from typing import Any

from mlroute.catalog.models import Catalog, Faq
from mlroute.commands.common import load, out, out_json
from mlroute.search import Document, Index


def register(subparsers: Any) -> None:
    """Add the `faq` command."""
    parser = subparsers.add_parser("faq", help="list the FAQ, or answer a question")
    parser.add_argument("query", nargs="*", help="words of your question")
    parser.add_argument("--limit", type=int, default=3, help="how many answers (default 3)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(handler=_faq)


def documents(catalog: Catalog) -> list[Document]:
    """FAQ entries and articles as searchable documents."""
    docs = [Document(f.id, f.question, f.tags, f.answer) for f in catalog.faq]
    docs += [Document(a.id, a.title, a.tags, a.body) for a in catalog.articles]
    return docs


def _entry_json(found: object, score: float | None = None) -> dict[str, object]:
    """An FAQ entry or article as JSON: the same fields the text shows."""
    if isinstance(found, Faq):
        kind, title, body = "faq", found.question, found.answer
    else:
        kind, title, body = "article", getattr(found, "title", ""), getattr(found, "body", "")
    data: dict[str, object] = {
        "id": getattr(found, "id", ""),
        "kind": kind,
        "title": title,
        "body": body.strip(),
        "source": getattr(found, "source", ""),
        "last_verified": str(getattr(found, "last_verified", "")),
    }
    if score is not None:
        data["score"] = round(score, 3)
    return data


def _faq(args: argparse.Namespace) -> int:
    catalog = load().catalog
    if args.format == "json":
        if not args.query:
            out_json({"faq": [{"id": f.id, "question": f.question} for f in catalog.faq]})
            return 0
        query = " ".join(args.query)
        hits = Index(documents(catalog)).search(query, limit=max(args.limit, 1))
        entries = [_entry_json(catalog.by_id[hit.id], hit.score) for hit in hits]
        out_json({"query": query, "hits": entries})
        return 0 if hits else 1
    if not args.query:
        for number, entry in enumerate(catalog.faq, 1):
            out(f"{number:>2}. {entry.question}  [{entry.id}]")
        out()
        out("Ask: mlroute faq WORDS   (e.g. mlroute faq how long does it take)")
        return 0
    hits = Index(documents(catalog)).search(" ".join(args.query), limit=max(args.limit, 1))
    if not hits:
        out("No FAQ answer or article matches that. Try other words, or `mlroute faq` to list.")
        return 1
    for number, hit in enumerate(hits):
        found = catalog.by_id[hit.id]
        if isinstance(found, Faq):
            title, body = found.question, found.answer
        else:
            title, body = getattr(found, "title", ""), getattr(found, "body", "")
        if number:
            out("\n" + "-" * 72 + "\n")
        out(f"# {title}\n")
        out(body.strip())
        out(f"\n(source: {found.source}; last verified {found.last_verified})")
    return 0
