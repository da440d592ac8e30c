"""The suite must never reach the network: pytest-socket refuses any non-loopback connection."""

from __future__ import annotations

import socket

import pytest


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_outbound_connection_is_refused() -> None:
    from pytest_socket import SocketConnectBlockedError

    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("93.184.215.14", 80), timeout=1)
