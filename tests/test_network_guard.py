"""The suite must never reach the network: pytest-socket refuses any non-loopback connection."""

from __future__ import annotations

import socket

import pytest


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_outbound_connection_is_refused() -> None:
    from pytest_socket import SocketConnectBlockedError

    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("93.184.215.14", 80), timeout=1)


def test_textstat_never_reaches_the_nltk_downloader() -> None:
    from tonecheck.nlp import readability

    tx = readability.textstat_module()
    # The stand-in NLTK inside textstat refuses to download...
    from textstat.backend.utils import _get_cmudict

    with pytest.raises(readability.NetworkDisabledError):
        _get_cmudict.nltk.download("cmudict")
    # ...and even syllable-based formulas work offline (pyphen fallback), without downloading.
    assert tx.syllable_count("interview") >= 3
    hard = "Notwithstanding organisational heterogeneity, harmonisation necessitates consultation."
    assert readability.reading_grade(hard) > readability.reading_grade("Thank you. It was good.")
