"""``tonecheck presend``: byte-for-byte pass-through, holding, exit codes, force, failures.

The piping tests run tonecheck in a subprocess, as a mail client does, with a fake sendmail that
records its standard input and arguments.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tonecheck import presend
from tonecheck.cli import app
from tonecheck.config import Settings
from tonecheck.errors import TonecheckError

EXAMPLES = Path(__file__).parent.parent / "examples"
GOOD_BODY = (EXAMPLES / "good.txt").read_text(encoding="utf-8").split("\n", 2)[2]
DRAFT_BODY = (EXAMPLES / "draft.txt").read_text(encoding="utf-8").split("\n", 2)[2]


def message(body: str, *, crlf: bool = True, extra: bytes = b"") -> bytes:
    """A raw message as a mail client hands it over: CRLF line ends, 8-bit text, no final newline."""
    head = (
        "From: Jordan Lee <jordan@example.com>\n"
        "To: Ana Alvarez <ana@example.org>\n"
        "Subject: Thank you \u2014 Logistics Coordinator interview\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: 8bit\n\n"
    )
    raw = (head + body.rstrip("\n") + "\n-- \nJordan Lee  \n").encode()
    if crlf:
        raw = raw.replace(b"\n", b"\r\n")
    return raw + extra


GOOD = message(GOOD_BODY, extra=b"trailing bytes without a newline \xc3\xa9")
DRAFT = message(DRAFT_BODY)


@pytest.fixture
def run(tonecheck_cli):
    """``run(args, data, tmp_path, **env)``: ``tonecheck presend ARGS`` in a subprocess."""
    return lambda args, data, tmp_path, **env: tonecheck_cli(["presend", *args], data, **env)


def held(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.eml")) if folder.is_dir() else []


pytestmark = pytest.mark.slow


def test_a_passing_message_goes_through_byte_for_byte(run, tmp_path: Path, sendmail: Path) -> None:
    done = run(["--", str(sendmail), "-oem", "-oi", "--", "ana@example.org"], GOOD, tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert (tmp_path / "sent.eml").read_bytes() == GOOD
    assert (tmp_path / "args.txt").read_text().split("\n")[:-1] == [
        "-oem",
        "-oi",
        "--",
        "ana@example.org",
    ]
    assert done.stderr == b""  # silent when it passes
    assert held(tmp_path / "state" / "tonecheck" / "held") == []


def test_the_command_status_is_tonecheck_status(run, tmp_path: Path, sendmail: Path) -> None:
    done = run(["--", str(sendmail)], GOOD, tmp_path, FAKE_STATUS="75")
    assert done.returncode == 75
    assert (tmp_path / "sent.eml").read_bytes() == GOOD


def test_a_failing_message_is_held_not_sent(run, tmp_path: Path, sendmail: Path) -> None:
    done = run(["--", str(sendmail), "-oi"], DRAFT, tmp_path)
    assert done.returncode == 1
    assert not (tmp_path / "sent.eml").exists()
    (saved,) = held(tmp_path / "state" / "tonecheck" / "held")  # the default hold folder
    assert saved.read_bytes() == DRAFT
    stderr = done.stderr.decode()
    assert "TC503" in stderr and "error" in stderr  # the findings
    assert str(saved) in stderr and "TONECHECK_FORCE=1" in stderr
    assert saved.stat().st_mode & 0o777 == 0o600
    assert saved.parent.stat().st_mode & 0o777 == 0o700
    record = saved.with_suffix(".json")  # the record `tonecheck held send` needs, beside it
    assert record.stat().st_mode & 0o777 == 0o600
    # no temporary file left
    assert sorted(p.name for p in saved.parent.iterdir()) == [saved.name, record.name]


def test_fail_on(run, tmp_path: Path, sendmail: Path) -> None:
    warning_only = message(GOOD_BODY.replace("next steps.", "next steps!!"))
    assert warning_only != message(GOOD_BODY)
    hold_dir = tmp_path / "held"
    assert (
        run(["--hold-dir", str(hold_dir), "--", str(sendmail)], warning_only, tmp_path).returncode
        == 0
    )
    done = run(
        ["--fail-on", "warning", "--hold-dir", str(hold_dir), "--", str(sendmail)],
        warning_only,
        tmp_path,
    )
    assert done.returncode == 1 and len(held(hold_dir)) == 1
    done = run(["--fail-on", "never", "--", str(sendmail)], DRAFT, tmp_path)
    assert done.returncode == 0 and (tmp_path / "sent.eml").read_bytes() == DRAFT


@pytest.mark.parametrize("how", ["flag", "env"])
def test_force_sends_anyway_with_a_warning(run, tmp_path: Path, sendmail: Path, how: str) -> None:
    args, env = (["--force"], {}) if how == "flag" else ([], {"TONECHECK_FORCE": "1"})
    done = run([*args, "--", str(sendmail)], DRAFT, tmp_path, **env)
    assert done.returncode == 0
    assert (tmp_path / "sent.eml").read_bytes() == DRAFT
    stderr = done.stderr.decode()
    assert "warning" in stderr and "TC503" in stderr
    assert held(tmp_path / "state" / "tonecheck" / "held") == []


def test_when_tonecheck_cannot_check_the_message_is_held(
    run, tmp_path: Path, sendmail: Path
) -> None:
    not_a_message = b"\x00\x01 not an e-mail at all"
    done = run(["--", str(sendmail)], not_a_message, tmp_path)
    assert done.returncode == 2 and not (tmp_path / "sent.eml").exists()
    (saved,) = held(tmp_path / "state" / "tonecheck" / "held")
    assert saved.read_bytes() == not_a_message
    assert "could not check" in done.stderr.decode()

    done = run(["--on-error", "send", "--", str(sendmail)], not_a_message, tmp_path)
    assert done.returncode == 0
    assert (tmp_path / "sent.eml").read_bytes() == not_a_message
    assert "unchecked" in done.stderr.decode()


def test_a_bad_config_holds_too(run, tmp_path: Path, sendmail: Path) -> None:
    (tmp_path / "bad.toml").write_text("fail_on = 'sometimes'\n", encoding="utf-8")
    done = run(["--config", "bad.toml", "--", str(sendmail)], GOOD, tmp_path)
    assert done.returncode == 2 and not (tmp_path / "sent.eml").exists()
    assert "fail_on" in done.stderr.decode()
    assert len(held(tmp_path / "state" / "tonecheck" / "held")) == 1


def test_a_missing_sendmail_keeps_the_message(run, tmp_path: Path) -> None:
    done = run(["--", str(tmp_path / "no-such-sendmail")], GOOD, tmp_path)
    assert done.returncode == 2
    (saved,) = held(tmp_path / "state" / "tonecheck" / "held")
    assert saved.read_bytes() == GOOD


def test_git_send_email_passes_recipients_after_the_command(tmp_path: Path, sendmail: Path) -> None:
    # git send-email runs: sh -c "$sendmailcmd \"$@\"" - -i RECIPIENTS...
    sendmailcmd = f"{sys.executable} -m tonecheck presend -- {sendmail} -i"
    done = subprocess.run(
        ["sh", "-c", f'{sendmailcmd} "$@"', "-", "-i", "ana@example.org", "bo@example.org"],
        input=GOOD,
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert (tmp_path / "args.txt").read_text().split() == [
        "-i",
        "-i",
        "ana@example.org",
        "bo@example.org",
    ]
    assert (tmp_path / "sent.eml").read_bytes() == GOOD


# -- the library pieces, in process -------------------------------------------------------------------


def test_hold_never_overwrites(tmp_path: Path) -> None:
    now = datetime(2026, 3, 3, 17, 5, tzinfo=timezone.utc)
    first = presend.hold_message(b"one message", tmp_path, now)
    second = presend.hold_message(b"one message", tmp_path, now)
    assert first.name.startswith("20260303T170500Z-") and first.suffix == ".eml"
    assert second.name == first.stem + "-1.eml"
    assert first.read_bytes() == second.read_bytes() == b"one message"


def test_hold_failure_is_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(TonecheckError) as info:
        presend.hold_message(b"x", blocker / "held")
    assert info.value.kind == "hold-failed"


def test_check_message_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    import tonecheck.linter

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(tonecheck.linter, "lint_text", crash)
    verdict = presend.check_message(GOOD, Settings())
    assert verdict.report is None and verdict.error_kind == "internal-error"
    assert "boom" in (verdict.error or "")


def test_a_crash_while_checking_holds_the_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tonecheck.linter

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(tonecheck.linter, "lint_text", crash)
    result = CliRunner().invoke(
        app, ["presend", "--hold-dir", str(tmp_path), "--", "false"], input=GOOD
    )
    assert result.exit_code == 2
    (saved,) = held(tmp_path)
    assert saved.read_bytes() == GOOD


def test_send_message_reports_signals(tmp_path: Path) -> None:
    assert presend.send_message(["sh", "-c", "cat >/dev/null; exit 3"], b"x") == 3
    killed = presend.send_message(["sh", "-c", "kill -TERM $$"], b"x")
    assert killed == 128 + signal.SIGTERM
    with pytest.raises(TonecheckError) as info:
        presend.send_message([str(tmp_path / "missing")], b"x")
    assert info.value.kind == "send-failed"


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("yes", True), ("0", False), ("", False)]
)
def test_force_env(value: str, expected: bool) -> None:
    assert presend.force_requested({"TONECHECK_FORCE": value}) is expected


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are for Linux")
def test_default_hold_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert presend.default_hold_dir() == tmp_path / "tonecheck" / "held"


# -- the policy: presend.decide and presend.carry_out -------------------------------------------------


def test_decide_sends_a_passing_message_and_holds_a_failing_one() -> None:
    passing = presend.decide(GOOD)
    assert (passing.reason, passing.send, passing.show_findings) == (
        presend.Reason.PASSED,
        True,
        False,
    )
    failing = presend.decide(DRAFT)
    assert (failing.reason, failing.send, failing.show_findings) == (
        presend.Reason.BLOCKED,
        False,
        True,
    )
    assert presend.decide(DRAFT, fail_on="never").reason is presend.Reason.PASSED
    forced = presend.decide(DRAFT, forced=True)
    assert (forced.reason, forced.send, forced.show_findings) == (
        presend.Reason.FORCED,
        True,
        True,
    )


def test_decide_when_tonecheck_cannot_check(tmp_path: Path) -> None:
    not_a_message = b"\x00\x01 not an e-mail at all"
    held_back = presend.decide(not_a_message)
    assert (held_back.reason, held_back.send) == (presend.Reason.NOT_CHECKED, False)
    assert held_back.verdict.error_kind == "binary"
    sent = presend.decide(not_a_message, on_error="send")
    assert (sent.reason, sent.send) == (presend.Reason.UNCHECKED, True)
    bad = tmp_path / "bad.toml"
    bad.write_text("fail_on = 'sometimes'\n", encoding="utf-8")
    bad_config = presend.decide(GOOD, config=bad)
    assert bad_config.reason is presend.Reason.NOT_CHECKED
    assert "fail_on" in (bad_config.verdict.error or "")


def test_carry_out_holds_what_cannot_be_sent(tmp_path: Path) -> None:
    blocked = presend.carry_out(presend.decide(DRAFT), DRAFT, ["false"], tmp_path / "held")
    assert blocked.status is None and blocked.held is not None
    assert blocked.held.read_bytes() == DRAFT
    unsent = presend.carry_out(presend.decide(GOOD), GOOD, [str(tmp_path / "nope")], tmp_path)
    assert unsent.held is not None and unsent.held.read_bytes() == GOOD
    assert "cannot run" in (unsent.send_error or "")
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    lost = presend.carry_out(presend.decide(DRAFT), DRAFT, ["false"], blocker / "held")
    assert lost.held is None and lost.status is None and "could not save" in (lost.hold_error or "")
    sent = presend.carry_out(presend.decide(GOOD), GOOD, ["sh", "-c", "cat >/dev/null; exit 3"])
    assert (sent.status, sent.held) == (3, None)
