"""`mlroute serve`: the same app in a web browser, through textual-serve (the `web` extra)."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from mlroute import paths

if TYPE_CHECKING:
    import argparse

    from textual_serve.server import Server

# Imported by every `mlroute --help` and `--version`: the modules the server needs are imported
# in the functions that use them.

INSTALL_HINT = "mlroute serve needs textual-serve: pip install 'mlroute[web]'"
"""What `mlroute serve` says when the `web` extra is not installed."""

DIRECTORIES = {
    "MLROUTE_DATA_DIR": paths.data_dir,
    "MLROUTE_CONFIG_DIR": paths.config_dir,
    "MLROUTE_CACHE_DIR": paths.cache_dir,
}
"""The variables each browser session's app gets, and where this process would look for each."""


def register(subparsers: Any) -> None:
    """Add the `serve` command."""
    parser = subparsers.add_parser(
        "serve",
        help="run the app in a web browser (needs the web extra)",
        description=(
            "Serve the terminal app to a web browser with textual-serve. Each browser tab runs "
            "its own copy of the app on this machine, with your data directories: a tick in the "
            "browser is the same tick in the terminal."
        ),
        epilog="Ctrl+C stops the server.",
    )
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default: 127.0.0.1, this machine)",
    )
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    parser.add_argument("--open", action="store_true", help="open the page in your web browser")
    parser.add_argument(
        "--yes-expose",
        action="store_true",
        help="allow a --host that other machines can reach (there is no login)",
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use to reach this server, if not http://HOST:PORT",
    )
    parser.set_defaults(handler=_serve)


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable from this machine only: `localhost` or a loopback address.

    Any other name may resolve to an address others can reach, so it counts as exposed.
    """
    import ipaddress

    if host.lower() in {"localhost", "localhost."}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def public_url(host: str, port: int) -> str:
    """The page's address for a listening address; IPv6 literals go in brackets."""
    import ipaddress

    bare = host.strip("[]")
    try:
        shown = f"[{bare}]" if ipaddress.ip_address(bare).version == 6 else bare
    except ValueError:
        shown = host
    if bare in {"0.0.0.0", "::"}:
        shown = "127.0.0.1" if bare == "0.0.0.0" else "[::1]"  # every address includes loopback
    return f"http://{shown}:{port}"


def app_command() -> str:
    """The shell command textual-serve runs for each browser session: the app, started by this
    interpreter (the installed mlroute, even where `mlroute` is not on PATH) without the CLI."""
    import shlex

    return shlex.join([sys.executable, "-m", "mlroute.tui"])


def app_environment() -> dict[str, str]:
    """The data directory variables, pinned to the directories this process uses.

    textual-serve starts each session's app with a copy of this process's environment; pinning
    the directories makes sure the browser's app opens the same progress file as the terminal's.
    """
    return {name: str(where()) for name, where in DIRECTORIES.items()}


def exposure_warning(host: str, port: int) -> str:
    """The plain warning for a --host other machines may reach."""
    return (
        f"Warning: --host {host} lets other machines reach mlroute on port {port}. "
        "textual-serve has no login, so anyone who can reach that address can read and "
        f"change your answers and progress (in {paths.data_dir()})."
    )


def _open_when_listening(url: str, host: str, port: int, timeout: float = 30.0) -> None:
    """Open `url` in the default browser once the server accepts connections."""
    import socket
    import time
    import webbrowser

    target = "127.0.0.1" if host in {"0.0.0.0", ""} else "::1" if host == "::" else host
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((target.strip("[]"), port), timeout=1):
                break
        except OSError:
            time.sleep(0.05)  # not listening yet
    else:
        return
    webbrowser.open(url)


def _server_class(base: type[Server]) -> type[Server]:
    """textual-serve's server, closing its pages' sessions when it stops.

    textual-serve leaves an open page's connection to aiohttp's shutdown, which waits up to a
    minute for it; cancelling each session instead closes its socket and quits its app (the
    handler's own clean-up), so Ctrl+C returns at once with tabs still open.
    """
    import asyncio

    from aiohttp import web

    class SessionsClosingServer(base):  # type: ignore[valid-type,misc]
        sessions: set[asyncio.Task[object]]
        """The tasks serving the open pages."""

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            task = asyncio.current_task()
            assert task is not None
            sessions = self.__dict__.setdefault("sessions", set())
            sessions.add(task)
            try:
                response: web.WebSocketResponse = await super().handle_websocket(request)
                return response
            finally:
                sessions.discard(task)

        async def on_shutdown(self, app: web.Application) -> None:
            sessions = list(self.__dict__.get("sessions", ()))
            for task in sessions:
                task.cancel()
            await asyncio.gather(*sessions, return_exceptions=True)

    return SessionsClosingServer


def _serve(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        print(f"mlroute serve: --port must be from 1 to 65535, not {args.port}", file=sys.stderr)
        return 2
    if not is_loopback(args.host):
        print(exposure_warning(args.host, args.port), file=sys.stderr)
        if not args.yes_expose:
            print("Add --yes-expose to serve it anyway.", file=sys.stderr)
            return 2
    try:
        # Imported here only: aiohttp and textual-serve cost every other command nothing.
        from textual_serve.server import Server
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return 1

    if args.public_url is None and args.host.strip("[]") in {"0.0.0.0", "::"}:
        print(
            "Note: the page tells each browser where to connect back; for browsers on other "
            f"machines, give --public-url http://THIS-MACHINE:{args.port}",
            file=sys.stderr,
        )
    os.environ.update(app_environment())
    url = args.public_url or public_url(args.host, args.port)
    server = _server_class(Server)(
        app_command(), host=args.host, port=args.port, title="mlroute", public_url=url
    )
    if args.open:
        import threading

        threading.Thread(
            target=_open_when_listening, args=(url, args.host, args.port), daemon=True
        ).start()
    # textual-serve's own banner wraps its url at the console's width; this line never does.
    print(f"mlroute serve: open {url} in a browser; Ctrl+C stops.", file=sys.stderr, flush=True)
    try:
        server.serve()
    except OSError as error:  # the port is taken, or the address is not this machine's
        print(f"mlroute serve: cannot listen on {url}: {error.strerror or error}", file=sys.stderr)
        return 1
    print("mlroute serve: stopped.", file=sys.stderr)
    return 0
