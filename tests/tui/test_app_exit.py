"""How the app ends: an unhandled error is a non-zero exit status, never a silent 0."""

from __future__ import annotations

from functools import partialmethod

import pytest

from mlroute.session import Session
from mlroute.tui import app as app_module
from mlroute.tui.app import MLRouteApp, make_app, run_app


def _headless(monkeypatch: pytest.MonkeyPatch) -> None:
    """`run_app` as the CLI calls it, without a terminal."""
    monkeypatch.setattr(MLRouteApp, "run", partialmethod(MLRouteApp.run, headless=True))


def test_an_unhandled_error_ends_the_app_with_status_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken() -> Session:
        raise RuntimeError("a bug while loading")

    _headless(monkeypatch)
    monkeypatch.setattr(app_module, "make_app", lambda: make_app(session_loader=broken))
    assert run_app() == 1
    assert "a bug while loading" in capsys.readouterr().err


def test_a_normal_exit_is_status_0(monkeypatch: pytest.MonkeyPatch) -> None:
    _headless(monkeypatch)
    monkeypatch.setattr(MLRouteApp, "on_ready", MLRouteApp.exit)
    assert run_app() == 0
