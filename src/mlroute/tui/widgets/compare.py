"""Two or three programs side by side: cost, duration, admission, strengths, tradeoffs, fit."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich import box
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from mlroute.catalog.models import Program
from mlroute.catalog_index import delivery_text, usd_range
from mlroute.text import clean


def _bullets(items: Sequence[str]) -> Text:
    if not items:
        return Text("—")
    return Text("\n".join(f"• {clean(item)}" for item in items))


def _cost(program: Program) -> Text:
    if not program.cost_known or program.cost_usd is None:
        return Text("Not published in our sources")
    cost = program.cost_usd
    text = usd_range(cost) + (" (estimate)" if cost.estimate else "")
    return Text(text)


def _duration(program: Program) -> Text:
    years = program.duration_years
    estimate = " (estimate)" if years.estimate else ""
    return Text(f"{years.min:g}–{years.max:g} years{estimate}\n{delivery_text(program.delivery)}")


def _kind(program: Program) -> Text:
    return Text(
        f"{'Degree' if program.kind == 'degree' else 'Certificate'} · {clean(program.institution)}"
    )


def _admission(program: Program) -> Text:
    text = _bullets(program.admission)
    if program.requires_quant_bachelor:
        text.append("\n• Usually needs a quantitative bachelor's")
    return text


def _signal(program: Program) -> Text:
    return Text(clean(program.signal))


ASPECTS: tuple[tuple[str, Callable[[Program], Text]], ...] = (
    ("What", _kind),
    ("Cost", _cost),
    ("Duration", _duration),
    ("Admission", _admission),
    ("Strengths", lambda p: _bullets(p.strengths)),
    ("Tradeoffs", lambda p: _bullets(p.tradeoffs)),
    ("Who it suits", lambda p: Text(clean(p.suits))),
    ("Hiring signal", _signal),
    ("Verified", lambda p: Text(p.last_verified.isoformat())),
)
"""Each compared aspect and how a program reads under it."""


def comparison_table(programs: Sequence[Program]) -> Table:
    """A table with one column per program and one row per aspect; every cell is plain text."""
    table = Table(
        box=box.SIMPLE_HEAD,
        expand=True,
        show_lines=True,
        header_style="bold",
        padding=(0, 1),
    )
    table.add_column("", style="bold", no_wrap=True, width=13)
    for program in programs:
        table.add_column(Text(clean(program.title)), ratio=1, overflow="fold")
    for name, cell in ASPECTS:
        table.add_row(Text(name), *(cell(program) for program in programs))
    return table


class CompareView(Static):
    """Programs side by side, as a table that wraps to the width available."""

    def __init__(self, programs: Sequence[Program], *, id: str | None = None) -> None:
        super().__init__(comparison_table(programs), id=id)
        self.programs = tuple(programs)
        """The programs compared, in column order."""
