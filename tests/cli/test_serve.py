"""`mlroute serve`: the checks before serving, the missing extra, and a clean Ctrl+C."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mlroute.cli import main
from mlroute.commands import serve
from tests.helpers import printed_by


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("example.org", False),  # a name could resolve to anything
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert serve.is_loopback(host) is loopback


def test_the_page_address_brackets_ipv6_and_names_a_reachable_address() -> None:
    assert serve.public_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert serve.public_url("::1", 8001) == "http://[::1]:8001"
    assert serve.public_url("0.0.0.0", 8000) == "http://127.0.0.1:8000"
    assert serve.public_url("localhost", 80) == "http://localhost:80"


def test_each_session_runs_this_interpreter_with_the_same_directories(
    isolated_dirs: Path,
) -> None:
    assert serve.app_command().startswith(sys.executable)
    assert serve.app_command().endswith("-m mlroute.tui")
    assert serve.app_environment() == {
        "MLROUTE_DATA_DIR": str(isolated_dirs / "data"),
        "MLROUTE_CONFIG_DIR": str(isolated_dirs / "config"),
        "MLROUTE_CACHE_DIR": str(isolated_dirs / "cache"),
    }


def test_a_host_others_can_reach_needs_yes_expose(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # refused before the import
    assert main(["serve", "--host", "0.0.0.0", "--port", "8123"]) == 2
    said = capsys.readouterr().err
    assert "Warning: --host 0.0.0.0" in said
    assert "anyone who can reach that address can read and" in said
    assert "Add --yes-expose" in said


def test_without_the_web_extra_it_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails as if absent
    assert main(["serve", "--port", "8123"]) == 1
    assert "pip install 'mlroute[web]'" in capsys.readouterr().err


def test_a_bad_port_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", "70000"]) == 2
    assert "--port must be from 1 to 65535" in capsys.readouterr().err


def test_serve_help_does_not_import_the_server() -> None:
    probe = (
        "import sys, contextlib, io\n"
        "from mlroute.cli import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['serve', '--help'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'textual_serve', 'aiohttp'}))"
    )
    assert printed_by(probe) == "[]"


def test_ctrl_c_stops_the_server_cleanly(tmp_path: Path) -> None:
    pytest.importorskip("textual_serve", reason="the web extra is not installed")
    from tests.e2e.browser import Served, mlroute_env

    server = Served(mlroute_env(tmp_path))
    try:
        server.wait_listening()
        assert server.interrupt() == 0, server.output()
        output = server.output()
        assert f"open http://127.0.0.1:{server.port} in a browser" in output
        assert "mlroute serve: stopped." in output
    finally:
        server.close()


def test_open_waits_for_the_server_then_opens_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url))
    with socket.socket() as listening:
        listening.bind(("127.0.0.1", 0))
        listening.listen()
        port = listening.getsockname()[1]
        serve._open_when_listening(f"http://127.0.0.1:{port}", "127.0.0.1", port)
    assert opened == [f"http://127.0.0.1:{port}"]


def test_open_gives_up_quietly_when_nothing_listens(monkeypatch: pytest.MonkeyPatch) -> None:
    import webbrowser

    from tests.e2e.browser import free_port

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url))
    port = free_port()
    serve._open_when_listening(f"http://127.0.0.1:{port}", "127.0.0.1", port, timeout=0.2)
    assert opened == []
