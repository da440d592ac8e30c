"""`tonecheck lsp` end to end: a real LSP client (pytest-lsp) drives the server over stdio.

The server is started once for the module, as an editor starts it (`python -m tonecheck lsp`), with
a 20 ms debounce; each test opens its own files in a workspace folder that holds a .tonecheck.toml.
Waiting for a notification has a generous limit so a broken server fails instead of hanging; no
test depends on a time.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features
from typer.testing import CliRunner

from tonecheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
GOOD = (ROOT / "examples" / "good.txt").read_text(encoding="utf-8")
DRAFT = (ROOT / "examples" / "draft.txt").read_text(encoding="utf-8")
WAIT = 60.0  # seconds: only a limit for a server that never answers

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("letters")
    (folder / ".tonecheck.toml").write_text('ignore = ["TC305"]\n', encoding="utf-8")
    strict = folder / "strict"
    strict.mkdir()
    (strict / ".tonecheck.toml").write_text('ignore = ["TC2"]\n', encoding="utf-8")
    broken = folder / "broken"
    broken.mkdir()
    (broken / ".tonecheck.toml").write_text("max_wrds = 10\n", encoding="utf-8")
    return folder


def _published(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)  # type: ignore[attr-defined]


def make_client() -> LanguageClient:
    """pytest-lsp's test client, keeping every publishDiagnostics with its version."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]
    features = {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _published}
    register_lsp_features(client, features)
    return client


SERVER = ClientServerConfig(
    server_command=[sys.executable, "-m", "tonecheck", "lsp"], client_factory=make_client
)


async def start(client: LanguageClient, workspace: Path, editor: str) -> None:
    await client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(editor),
            root_uri=workspace.as_uri(),
            initialization_options={"debounce_ms": 20},
        )
    )


@pytest_lsp.fixture(scope="module", config=SERVER)
async def client(lsp_client: LanguageClient, workspace: Path):
    """VS Code's capabilities: it offers no position encoding, so UTF-16 it is."""
    await start(lsp_client, workspace, "visual_studio_code")
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(scope="module", config=SERVER)
async def nvim(lsp_client: LanguageClient, workspace: Path):
    """Neovim's capabilities: it offers UTF-8 first, and the server takes it."""
    await start(lsp_client, workspace, "neovim")
    yield
    await lsp_client.shutdown_session()


async def published(client: LanguageClient, uri: str, version: int) -> list[types.Diagnostic]:
    """The diagnostics the server publishes for ``uri`` at ``version``."""

    async def wait() -> list[types.Diagnostic]:
        while True:
            for params in client.published:  # type: ignore[attr-defined]
                if params.uri == uri and params.version == version:
                    return list(params.diagnostics)
            await asyncio.sleep(0.01)

    return await asyncio.wait_for(wait(), WAIT)


def open_doc(client: LanguageClient, path: Path, text: str, language: str = "plaintext") -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, language, 1, text))
    )
    return uri


def change_doc(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(version, uri),
            [types.TextDocumentContentChangeWholeDocument(text)],
        )
    )


def by_code(diagnostics: list[types.Diagnostic]) -> dict[str, list[types.Diagnostic]]:
    out: dict[str, list[types.Diagnostic]] = {}
    for d in diagnostics:
        out.setdefault(str(d.code), []).append(d)
    return out


def cli_output(*args: str) -> str:
    return CliRunner().invoke(app, list(args)).output


async def test_open_publishes_findings_and_the_summary(client: LanguageClient, workspace: Path):
    path = workspace / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    uri = open_doc(client, path, DRAFT)
    diagnostics = await published(client, uri, 1)
    # the same findings, at the same places, as `tonecheck lint --format json` with that config
    (result,) = json.loads(
        cli_output(
            "lint", "--format", "json", "--config", str(workspace / ".tonecheck.toml"), str(path)
        )
    )["results"]
    expected = [
        (f["code"], f["line"] - 1, f["column"] - 1, f["message"], f["severity"])
        for f in result["findings"]
    ]
    got = [
        (d.code, d.range.start.line, d.range.start.character, d.message, d.severity)
        for d in diagnostics
        if d.code != "summary"
    ]
    severities = {"error": 1, "warning": 2, "suggestion": 3}
    assert got == [(c, line, col, m, severities[s]) for c, line, col, m, s in expected]
    assert all(d.source == "tonecheck" for d in diagnostics)
    found = by_code(diagnostics)
    dream = found["TC102"][0]
    assert (dream.range.start.line, dream.range.start.character) == (4, 115)
    assert (dream.range.end.line, dream.range.end.character) == (4, 124)
    assert dream.severity == types.DiagnosticSeverity.Warning
    assert dream.data["suggestion"] == "a role I am keen on"
    (summary,) = found["summary"]
    assert summary is diagnostics[-1]
    assert summary.severity == types.DiagnosticSeverity.Information
    assert summary.range.start == types.Position(0, 0)
    tone, score = result["tone"], result["score"]
    assert f"tone {tone}, score {score:.0f}/100" in summary.message
    assert "2 error(s), 4 warning(s), 0 suggestion(s)" in summary.message
    assert summary.data["tone"] == tone and summary.data["score"] == score
    assert summary.data["elements"] == result["elements"]


async def test_a_change_publishes_updated_diagnostics(client: LanguageClient, workspace: Path):
    uri = open_doc(client, workspace / "good.txt", GOOD)
    first = by_code(await published(client, uri, 1))
    assert set(first) == {"summary"}
    assert "tone cool_cordial" in first["summary"][0].message
    assert "all elements present" in first["summary"][0].message
    change_doc(
        client, uri, 2, GOOD.replace("It was a pleasure", "It was SO amazing!!! It was a pleasure")
    )
    change_doc(client, uri, 3, GOOD.replace("Thank you for meeting", "Thanks!!! for meeting"))
    second = by_code(await published(client, uri, 3))
    assert "TC201" in second
    run = second["TC201"][0]
    assert (run.range.start.line, run.range.start.character) == (4, 6)
    assert "TC203" not in second  # version 2 was replaced before it was linted, or overwritten
    change_doc(client, uri, 4, GOOD.replace("Thank you for meeting with me", "I met you"))
    third = by_code(await published(client, uri, 4))
    assert "TC401" in third
    assert "missing: thanks" in third["summary"][0].message


EMOJI = GOOD.replace("Dear Ms. Alvarez,", "Dear Ms. Álvarez 😀😀, this is my dream job 🎉.")
EMOJI_LINE = EMOJI.splitlines()[2]


def columns_of(found: dict[str, list[types.Diagnostic]], code: str) -> list[tuple[int, int]]:
    return [
        (d.range.start.character, d.range.end.character)
        for d in found[code]
        if d.range.start.line == d.range.end.line == 2
    ]


def units(text: str, encoding: str) -> int:
    return len(text.encode(encoding)) // (2 if encoding == "utf-16-le" else 1)


async def check_emoji_columns(lsp: LanguageClient, path: Path, encoding: str) -> None:
    # "😀" is one Python character, two UTF-16 code units and four UTF-8 bytes; "Á" is one, one, two
    uri = open_doc(lsp, path, EMOJI, "markdown")
    found = by_code(await published(lsp, uri, 1))
    before = EMOJI_LINE[: EMOJI_LINE.index("dream job")]
    start = units(before, encoding)
    assert columns_of(found, "TC102") == [(start, start + len("dream job"))]
    emoji = columns_of(found, "TC204")
    for char in ("😀😀", "🎉"):  # two emoji in a row are one finding
        first = units(EMOJI_LINE[: EMOJI_LINE.index(char)], encoding)
        assert (first, first + units(char, encoding)) in emoji


async def test_positions_count_utf16_code_units(client: LanguageClient, workspace: Path):
    await check_emoji_columns(client, workspace / "emoji.md", "utf-16-le")
    found = by_code(client.diagnostics[(workspace / "emoji.md").as_uri()])
    assert columns_of(found, "TC102") == [(34, 43)]  # the figures, spelled out once
    assert columns_of(found, "TC204") == [(17, 21), (44, 46)]


async def test_positions_follow_a_negotiated_utf8(nvim: LanguageClient, workspace: Path):
    await check_emoji_columns(nvim, workspace / "emoji-nvim.md", "utf-8")


async def test_code_action_applies_the_drop_in_suggestion(client: LanguageClient, workspace: Path):
    uri = open_doc(client, workspace / "fix.txt", DRAFT)
    found = by_code(await published(client, uri, 1))
    dream = found["TC102"][0]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri),
            dream.range,
            types.CodeActionContext(diagnostics=[dream]),
        )
    )
    assert actions
    (action,) = [a for a in actions if isinstance(a, types.CodeAction) and "TC102" in a.title]
    assert action.kind == types.CodeActionKind.QuickFix
    assert action.title == "Replace 'dream job' with 'a role I am keen on' (TC102)"
    assert action.edit is not None and action.edit.changes is not None
    (edit,) = action.edit.changes[uri]
    assert edit.range == dream.range and edit.new_text == "a role I am keen on"
    # the client applies it; the letter is linted again without that finding
    lines = DRAFT.split("\n")
    line = lines[edit.range.start.line]
    s, e = edit.range.start.character, edit.range.end.character
    lines[edit.range.start.line] = line[:s] + edit.new_text + line[e:]
    change_doc(client, uri, 2, "\n".join(lines))
    assert "TC102" not in by_code(await published(client, uri, 2))
    # advice is not offered as an edit: TC501's "ask about the timeline" is, TC601's is not
    whole = types.Range(types.Position(0, 0), types.Position(len(lines), 0))
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri), whole, types.CodeActionContext(diagnostics=[])
        )
    )
    titles = [a.title for a in actions or []]
    assert any("(TC501)" in t for t in titles)
    assert not any("(TC601)" in t for t in titles)


async def test_hover_shows_the_rule_documentation(client: LanguageClient, workspace: Path):
    uri = open_doc(client, workspace / "hover.txt", DRAFT)
    found = by_code(await published(client, uri, 1))
    dream = found["TC102"][0]
    inside = types.Position(dream.range.start.line, dream.range.start.character + 3)
    result = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), inside)
    )
    assert result is not None and isinstance(result.contents, types.MarkupContent)
    assert result.contents.kind == types.MarkupKind.Markdown
    assert "'dream job' is stock hyperbole" in result.contents.value
    assert cli_output("rule", "TC102").strip() in result.contents.value
    assert result.range == dream.range
    nothing = await client.text_document_hover_async(
        types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(2, 0))
    )
    assert nothing is None


async def test_eml_findings_land_in_the_message_body(client: LanguageClient, workspace: Path):
    message = (
        "From: Sam <sam@example.org>\nTo: ana@example.org\nSubject: Thank you\n\n"
        + DRAFT
        + "\n-- \nSam, this is my dream job\n"
    )
    uri = open_doc(client, workspace / "note.eml", message, "mail")
    found = by_code(await published(client, uri, 1))
    (dream,) = found["TC102"]  # the signature is not linted
    lines = message.split("\n")
    assert lines[dream.range.start.line][dream.range.start.character :].startswith("dream job")
    assert found["summary"][0].range.start.line == 4  # the body's first line


async def test_an_encoded_eml_body_is_linted_at_its_start(client: LanguageClient, workspace: Path):
    # quoted-printable: the decoded body is not in the file as written, so findings cannot be
    # placed on their line; they are still reported, at the body's start, with no quick fix
    encoded = DRAFT.replace("dream job", "dream=20job").replace("=", "=3D").replace("=3D20", "=20")
    message = (
        "From: Sam <sam@example.org>\nSubject: Thanks\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
        + encoded
    )
    uri = open_doc(client, workspace / "encoded.eml", message)
    found = by_code(await published(client, uri, 1))
    (dream,) = found["TC102"]
    assert dream.range.start == dream.range.end == types.Position(6, 0)  # after 5 headers, a blank
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            types.TextDocumentIdentifier(uri), dream.range, types.CodeActionContext([dream])
        )
    )
    assert not [a for a in actions or [] if "(TC102)" in a.title]
    assert "TC503" in found  # a line that is in the file as written is placed on it
    (desperate,) = found["TC503"]
    line = message.split("\n")[desperate.range.start.line]
    assert line[desperate.range.start.character :].startswith("I really need this")


async def test_workspace_config_is_used_and_errors_are_one_diagnostic(
    client: LanguageClient, workspace: Path
):
    uri = open_doc(client, workspace / "strict" / "draft.txt", DRAFT)
    codes = set(by_code(await published(client, uri, 1)))
    assert "TC102" in codes and not any(c.startswith("TC2") for c in codes)
    uri = open_doc(client, workspace / "broken" / "draft.txt", DRAFT)
    (problem,) = await published(client, uri, 1)
    assert problem.severity == types.DiagnosticSeverity.Error
    assert "unknown config key 'max_wrds'" in problem.message
    assert str(workspace / "broken" / ".tonecheck.toml") in problem.message


async def test_an_edited_config_applies_to_the_next_lint(client: LanguageClient, workspace: Path):
    folder = workspace / "changing"
    folder.mkdir()
    config = folder / ".tonecheck.toml"
    config.write_text("max_exclamations = 1\n", encoding="utf-8")
    uri = open_doc(client, folder / "draft.txt", DRAFT)
    assert "TC102" in by_code(await published(client, uri, 1))
    config.write_text('ignore = ["TC1"]\n', encoding="utf-8")
    change_doc(client, uri, 2, DRAFT + "\n")
    codes = set(by_code(await published(client, uri, 2)))
    assert "TC201" in codes and not any(c.startswith("TC1") for c in codes)


async def test_close_clears_and_other_files_are_left_alone(client: LanguageClient, workspace: Path):
    uri = open_doc(client, workspace / "closing.txt", DRAFT)
    assert await published(client, uri, 1)
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri))
    )
    code = open_doc(client, workspace / "script.py", "print('this is my dream job!!!')\n", "python")
    blank = open_doc(client, workspace / "blank.txt", "\n\n")
    assert await published(client, blank, 1) == []
    cleared = [p for p in client.published if p.uri == uri]  # type: ignore[attr-defined]
    assert not cleared[-1].diagnostics and cleared[-1].version is None
    assert not [p for p in client.published if p.uri == code]  # type: ignore[attr-defined]
