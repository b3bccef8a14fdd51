"""Textual's Screenshot command writes its SVG through mlroute's atomic writer in a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlroute import atomic

from .helpers import app, loaded


async def test_the_screenshot_command_writes_the_svg_atomically(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[Path] = []
    real = atomic.write_atomic

    def recording(path: Path, data: bytes, **kwargs: object) -> None:
        written.append(path)
        real(path, data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic, "write_atomic", recording)
    the_app = app()
    async with the_app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        shown = the_app.deliver_screenshot("shot.svg", str(tmp_path))
        await the_app.workers.wait_for_complete()
        await pilot.pause()
        target = tmp_path / "shot.svg"
        assert shown == str(target) and written == [target]
        assert target.read_text().lstrip().startswith("<svg")
        assert any("Screenshot saved to" in n.message for n in the_app._notifications)
        # A directory that cannot be written says so instead of failing quietly.
        blocked = tmp_path / "file"
        blocked.write_text("")
        the_app.deliver_screenshot("shot.svg", str(blocked))
        await the_app.workers.wait_for_complete()
        await pilot.pause()
        assert any("Could not save the screenshot" in n.message for n in the_app._notifications)
