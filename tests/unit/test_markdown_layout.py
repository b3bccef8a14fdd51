"""The reader's layout, no app: a table that fits keeps its grid, a wider one goes row by row."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style

from mlroute.tui.widgets.markdown_view import ROLES, Layout, layout, parse

STYLES = {role: Style() for role in ROLES}

TABLE = """\
| Kind | Hours | Note |
|---|---|---|
| course | 25 | [bold red]free[/] \u202e audit |
| program with a long name | 1200 | see [the page](#program-x) |
"""


def laid_out(source: str, width: int) -> Layout:
    return layout(parse(source, STYLES), width, Console(), Style())


def plain(source: str, width: int) -> list[str]:
    return [line.plain.rstrip() for line in laid_out(source, width).lines]


def test_a_table_that_fits_keeps_its_grid() -> None:
    grid = [
        "Kind                     │ Hours │ Note",
        "─┼─".join("─" * width for width in (24, 5, 32)),
        "course                   │ 25    │ [bold red]free[/] <U+202E> audit",
        "program with a long name │ 1200  │ see the page",
    ]
    assert plain(TABLE, 80) == grid
    # Exactly as wide as the pane still fits.
    assert plain(TABLE, 24 + 3 + 5 + 3 + 32) == grid


def test_a_table_wider_than_the_pane_is_shown_row_by_row() -> None:
    # Catalog text stays text: the markup is literal and the override shows by its code.
    assert plain(TABLE, 28) == [
        "Kind: course",
        "Hours: 25",
        "Note: [bold red]free[/]",
        "  <U+202E> audit",
        "",
        "Kind: program with a long",
        "  name",
        "Hours: 1200",
        "Note: see the page",
    ]


def test_the_stacked_form_keeps_headers_bold_and_links_live() -> None:
    result = laid_out(TABLE, 28)
    kind = result.lines[0]
    assert kind.get_style_at_offset(Console(), 0).bold  # the header
    assert not kind.get_style_at_offset(Console(), len("Kind: ")).bold  # the value
    note = next(y for y, line in enumerate(result.lines) if line.plain.startswith("Note: see"))
    assert result.link_spans[note] == [(len("Note: see "), len("Note: see the page"), 0)]


def test_a_wide_table_in_a_list_stays_under_its_item() -> None:
    source = "- item\n\n  " + TABLE.replace("\n|", "\n  |")
    lines = plain(source, 30)
    assert lines[:4] == ["• item", "", "  Kind: course", "  Hours: 25"]
    assert "  Kind: program with a long" in lines
    assert "    name" in lines  # a value's next line, under its item and indented


def test_a_wide_table_with_no_rows_lists_its_headers() -> None:
    source = "| A very long first heading | And a second one, just as long |\n|---|---|\n"
    assert plain(source, 30) == ["A very long first heading", "And a second one, just as long"]


def test_a_wrap_remembers_what_it_took_out_so_a_copy_can_put_it_back() -> None:
    # Rich keeps a space at the end of a line where it fits, and drops it where it does not.
    result = laid_out("one two three fourfive six", 8)
    assert [line.plain for line in result.lines] == ["one two ", "three ", "fourfive", "six"]
    assert result.continued == {1: (0, ""), 2: (0, ""), 3: (0, " ")}
    # A line wrap cannot be matched where a tab was expanded: it is taken for a line break.
    code = laid_out("```\nab\tcdefghij klm\n```", 8)
    assert [line.plain for line in code.lines] == ["ab      ", "cdefghij", "klm"]
    assert code.continued == {1: (0, "\n"), 2: (0, "\n")}
