"""``tonecheck serve``: build the app (and so the pipeline) once, then run it on uvicorn."""

from __future__ import annotations

import errno
import socket
import sys
import threading
import webbrowser
from pathlib import Path

from tonecheck.config import Settings
from tonecheck.errors import TonecheckError

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address or name (only this machine can connect)."""
    return host in LOOPBACK or host.startswith("127.")


def check_port(host: str, port: int) -> None:
    """Fail with one line, before anything starts, if the port cannot be bound.

    Raises:
        TonecheckError: the port is in use, or the address is not this machine's.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise TonecheckError(
                    f"{host}:{port}: the port is in use (try --port {port + 1})"
                ) from None
            raise TonecheckError(f"{host}:{port}: cannot listen there ({exc.strerror})") from None


def serve(
    settings: Settings,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    open_browser: bool = False,
    report: Path | None = None,
) -> None:
    """Run the server until interrupted. Messages go to standard error.

    Raises:
        TonecheckError: bad settings or report file, or the port cannot be bound.
    """
    import uvicorn

    from tonecheck.web.app import LOOPBACK_HOSTS, create_app

    local = is_loopback(host)
    if not local:
        print(
            f"tonecheck serve: warning: listening on {host}, not loopback: other machines can "
            "reach this server and send it letters",
            file=sys.stderr,
        )
    check_port(host, port)
    app = create_app(settings, report=report, allowed_hosts=LOOPBACK_HOSTS if local else None)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/" + ("report" if report is not None else "")
    print(f"tonecheck serve: {url} (Ctrl-C stops)", file=sys.stderr)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
