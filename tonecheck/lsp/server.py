"""``tonecheck lsp``: a language server on standard input and output (pygls).

It lints ``.txt``, ``.md`` and ``.eml`` buffers when they are opened, and again a moment after the
last change (``debounce_ms``, default 250, from the client's ``initializationOptions``), and
publishes one diagnostic per finding plus the letter's summary. It answers hovers (the rule's
documentation) and code actions (replace a match with its drop-in suggestion). Settings come from
the ``.tonecheck.toml`` (or ``pyproject.toml``) nearest to each file, found as the command line finds
it, and are read again when that file changes. The spaCy pipeline is built once, when the client
says it is ready; letters are linted one at a time in one worker thread, so the server keeps reading
messages while a letter is checked.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from tonecheck import rules
from tonecheck._version import __version__
from tonecheck.config import Settings, find_config, load_settings
from tonecheck.errors import ConfigError
from tonecheck.linter import lint_text
from tonecheck.lsp.analysis import Analysis, analyse, buffer_kind, code_actions, diagnostics, hover
from tonecheck.lsp.positions import ENCODINGS, UTF16, LineIndex

DEFAULT_DEBOUNCE_MS = 250
CONFIG_NAMES = (".tonecheck.toml", "pyproject.toml")
WARM_UP_LETTER = (
    "Dear Ms. Rivera,\n\nThank you for the interview. It was a pleasure to meet you and to hear about "
    "the move to the new routing software in March. I remain very interested in the role.\n\n"
    "Best regards,\nSam\n"
)
log = logging.getLogger(__name__)


class TonecheckProtocol(LanguageServerProtocol):
    """pygls's protocol, forgetting each notification once it is handled.

    pygls 2.1 files the future of every notification handled by a generator (its own didOpen,
    didChange, didClose ... handlers are generators) in ``_request_futures`` under a fresh id, and
    only the reply to a *request* removes an entry: one future per keystroke, kept for the whole
    session (found with tracemalloc by tests/benchmarks/lsp_bench.py). A finished future there is
    such a leftover: a request's own is removed as soon as it finishes, when its reply is sent.
    """

    def _handle_notification(self, method_name: str, params: Any) -> None:
        super()._handle_notification(method_name, params)
        for key in [k for k, future in self._request_futures.items() if future.done()]:
            del self._request_futures[key]


class TonecheckServer(LanguageServer):
    """The server's state: the latest analysis of each open buffer and the pending lints."""

    def __init__(self) -> None:
        super().__init__(
            "tonecheck",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Full,
            protocol_cls=TonecheckProtocol,
        )
        self.debounce = DEFAULT_DEBOUNCE_MS / 1000
        self.analyses: dict[str, tuple[Analysis, Settings]] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.linter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tonecheck-lint")
        self.root: Path | None = None
        self._settings: dict[
            str, tuple[tuple[int, int], Settings]
        ] = {}  # file -> (mtime, size), settings

    @property
    def encoding(self) -> str:
        """The position encoding agreed with the client (UTF-16 unless it offered another)."""
        chosen = self.workspace.position_encoding or UTF16
        value = str(getattr(chosen, "value", chosen))  # an enum member or the client's string
        return value if value in ENCODINGS else UTF16

    # -- settings --------------------------------------------------------------------------------

    def settings_for(self, uri: str) -> Settings:
        """The settings in force for a buffer: the nearest config file above it (or above the
        workspace root, for an unsaved buffer), cached until that file changes."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        return self.settings_in(Path(path).parent if path else (self.root or Path.cwd()))

    def settings_in(self, folder: Path) -> Settings:
        """The settings of the nearest config file at or above ``folder``."""
        config = find_config(folder.resolve())
        if config is None:
            return Settings()
        info = config.stat()
        changed = (info.st_mtime_ns, info.st_size)
        cached = self._settings.get(str(config))
        if cached is None or cached[0] != changed:
            cached = self._settings[str(config)] = (changed, load_settings(config, catalog=rules))
        return cached[1]

    # -- linting ---------------------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` after ``delay`` seconds, replacing a lint already waiting for it."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(delay, self._start, uri)

    def _start(self, uri: str) -> None:
        self.pending.pop(uri, None)
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return
        kind = buffer_kind(uri, document.language_id)
        if kind is None:
            return
        job = self.linter.submit(self._analyse, uri, document.source, document.version, kind)
        loop = asyncio.get_running_loop()
        job.add_done_callback(lambda done: loop.call_soon_threadsafe(self._publish, uri, done))

    def _analyse(
        self, uri: str, text: str, version: int | None, kind: str
    ) -> tuple[Analysis, Settings]:
        name = to_fs_path(uri) if uri.startswith("file:") else uri
        name = name or uri
        try:
            settings = self.settings_for(uri)
        except ConfigError as exc:
            return Analysis(text, version, LineIndex(text), problem=exc.message), Settings()
        except OSError as exc:  # the config file vanished between finding and reading it
            problem = f"{exc.filename}: cannot read config ({exc.strerror})"
            return Analysis(text, version, LineIndex(text), problem=problem), Settings()
        return analyse(text, name, kind, settings, version), settings

    def _publish(self, uri: str, done: Future[tuple[Analysis, Settings]]) -> None:
        try:
            analysis, settings = done.result()
        except Exception:  # a bug must not stop the server: say so in the log, keep serving
            log.exception("tonecheck failed on %s", uri)
            return
        document = self.workspace.text_documents.get(uri)
        if document is None or document.version != analysis.version:
            return  # closed, or changed since: a newer lint is on its way
        self.analyses[uri] = (analysis, settings)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                diagnostics=diagnostics(analysis, settings, self.encoding),
                version=analysis.version,
            )
        )

    def current(self, uri: str) -> Analysis | None:
        """The latest analysis of ``uri`` if it is of the buffer's text as it is now."""
        found = self.analyses.get(uri)
        document = self.workspace.text_documents.get(uri)
        if found is None or document is None or found[0].text != document.source:
            return None
        return found[0]

    def warm_up(self) -> None:
        """Build the pipeline and load the tone model now, not on the first letter."""
        try:
            lint_text(WARM_UP_LETTER, "<warm-up>", self.settings_in(self.root or Path.cwd()))
        except Exception:  # a bad config is reported on each buffer; nothing to warm then
            log.debug("warm-up skipped", exc_info=True)


def make_server() -> TonecheckServer:
    """A server with every feature registered (one per process: ``serve`` runs it)."""
    server = TonecheckServer()

    @server.feature(types.INITIALIZE)
    def _initialize(ls: TonecheckServer, params: types.InitializeParams) -> None:
        options: Any = params.initialization_options
        if isinstance(options, dict):
            value = options.get("debounce_ms", options.get("debounceMs"))
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
                ls.debounce = value / 1000
        folders = params.workspace_folders or []
        root_uri = params.root_uri or (folders[0].uri if folders else None)
        path = (
            to_fs_path(root_uri) if root_uri and root_uri.startswith("file:") else params.root_path
        )
        ls.root = Path(path) if path else None

    @server.feature(types.INITIALIZED)
    def _initialized(ls: TonecheckServer, params: types.InitializedParams) -> None:
        ls.linter.submit(ls.warm_up)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def _did_open(ls: TonecheckServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def _did_change(ls: TonecheckServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def _did_save(ls: TonecheckServer, params: types.DidSaveTextDocumentParams) -> None:
        if params.text_document.uri.rsplit("/", 1)[-1] in CONFIG_NAMES:
            for uri in list(ls.workspace.text_documents):
                ls.schedule(uri, 0)  # settings are re-read: the file's modification time changed

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def _did_close(ls: TonecheckServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        ls.analyses.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def _hover(ls: TonecheckServer, params: types.HoverParams) -> types.Hover | None:
        analysis = ls.current(params.text_document.uri)
        if analysis is None:
            return None
        offset = analysis.index.offset(params.position.line, params.position.character, ls.encoding)
        return hover(analysis, offset, ls.encoding)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def _code_action(ls: TonecheckServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        analysis = ls.current(uri)
        if analysis is None:
            return []
        enc, where = ls.encoding, params.range
        start = analysis.index.offset(where.start.line, where.start.character, enc)
        end = analysis.index.offset(where.end.line, where.end.character, enc)
        return code_actions(analysis, uri, start, end, enc)

    return server


def serve() -> None:
    """Speak the Language Server Protocol on standard input and output until the client exits."""
    make_server().start_io()
