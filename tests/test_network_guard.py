"""The suite must never reach the network: pytest-socket refuses any non-loopback connection."""

from __future__ import annotations

import socket

import pytest


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_outbound_connection_is_refused() -> None:
    from pytest_socket import SocketConnectBlockedError

    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("93.184.215.14", 80), timeout=1)


def test_linting_imports_neither_textstat_nor_nltk() -> None:
    """textstat's syllable counting reaches NLTK's downloader: tonecheck must never import either."""
    import subprocess
    import sys

    code = (
        "import sys, tonecheck; tonecheck.lint_text('Thank you for meeting me. ' * 20); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textstat', 'nltk')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
