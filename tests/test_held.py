"""Held messages as a workflow (``tonecheck held list|show|send|drop``), every failure holds, signals
during the send, and the line a message sent with warnings gets.

Through the CLI in subprocesses, as a mail client runs presend, with a fake sendmail that records
its arguments and standard input.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tonecheck import presend
from tonecheck.cli import app

EXAMPLES = Path(__file__).parent.parent / "examples"
GOOD_BODY = (EXAMPLES / "good.txt").read_text(encoding="utf-8").split("\n", 2)[2]
DRAFT_BODY = (EXAMPLES / "draft.txt").read_text(encoding="utf-8").split("\n", 2)[2]
ID_CHARS = set("0123456789abcdefTZ-")

pytestmark = pytest.mark.slow


def message(body: str) -> bytes:
    """A raw message as mutt hands it over: CRLF, a Bcc header, 8-bit text, no final newline."""
    head = (
        "From: Jordan Lee <jordan@example.com>\n"
        "To: Ana Alvarez <ana@example.org>\n"
        "Bcc: carol@example.org\n"
        "Subject: Thank you \u2014 Logistics Coordinator interview\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: 8bit\n\n"
    )
    return (head + body.rstrip("\n") + "\n-- \nJordan Lee \u00e9").encode().replace(b"\n", b"\r\n")


GOOD = message(GOOD_BODY)
DRAFT = message(DRAFT_BODY)
WARNING_ONLY = message(GOOD_BODY.replace("next steps.", "next steps!!"))
RECIPIENTS = ["-oi", "--", "ana@example.org", "carol@example.org"]


def hold_dir(tmp_path: Path) -> Path:
    return tmp_path / "state" / "tonecheck" / "held"  # presend's default, under XDG_STATE_HOME


def held_ids(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.eml")) if folder.is_dir() else []


def sent_args(tmp_path: Path) -> list[str]:
    return (tmp_path / "args.txt").read_text(encoding="utf-8").split("\n")[:-1]


def hold(tonecheck_cli, tmp_path: Path, sendmail: Path, data: bytes = DRAFT) -> str:
    done = tonecheck_cli(["presend", "--", str(sendmail), *RECIPIENTS], data)
    assert done.returncode == 1, done.stderr.decode()
    (message_id,) = held_ids(hold_dir(tmp_path))
    assert f"`tonecheck held show|send|drop {message_id}`" in done.stderr.decode()
    return message_id


# -- the record beside a held message ------------------------------------------------------------


def test_the_record_saves_what_is_needed_to_send_it(
    tonecheck_cli, tmp_path: Path, sendmail: Path
) -> None:
    message_id = hold(tonecheck_cli, tmp_path, sendmail)
    folder = hold_dir(tmp_path)
    record_path = folder / f"{message_id}.json"
    assert record_path.stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o700
    record = json.loads(record_path.read_text(encoding="utf-8"))
    assert record["tonecheck_held"] == 1
    assert record["command"] == [str(sendmail), *RECIPIENTS]  # the envelope recipients too
    assert record["cwd"] == str(tmp_path)
    assert record["reason"] == "blocked" and record["fail_on"] == "error"
    assert datetime.strptime(record["held_at"], "%Y-%m-%dT%H:%M:%SZ")
    assert record["size"] == len(DRAFT)
    assert {"TC501", "TC503"} <= {f["code"] for f in record["findings"]}
    assert record["summary"]["errors"] == 2 and record["error"] is None
    assert (folder / f"{message_id}.eml").read_bytes() == DRAFT


def test_thirty_concurrent_holds_each_keep_their_message_and_record(tmp_path: Path) -> None:
    now = datetime(2026, 3, 3, 17, 5, tzinfo=timezone.utc)  # one second, one name for all
    records = [
        {"tonecheck_held": 1, "command": ["sendmail", f"r{n}@example.org"]} for n in range(30)
    ]
    with ProcessPoolExecutor(max_workers=6) as pool:
        paths = list(pool.map(_hold_one, [tmp_path] * 30, [now] * 30, records, chunksize=1))
    assert len(set(paths)) == 30
    recipients = set()
    for path in paths:
        assert path.read_bytes() == b"the same message"
        record = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        recipients.add(record["command"][1])
    assert len(recipients) == 30  # no record was overwritten or mixed up
    assert len(list(tmp_path.iterdir())) == 60  # no temporary file left


def _hold_one(folder: Path, now: datetime, record: dict[str, object]) -> Path:
    return presend.hold_message(b"the same message", folder, now, record=record)


# -- held list / show / send / drop ------------------------------------------------------------


def test_list_and_show(tonecheck_cli, tmp_path: Path, sendmail: Path) -> None:
    message_id = hold(tonecheck_cli, tmp_path, sendmail)
    listed = tonecheck_cli(["held", "list"])
    assert listed.returncode == 0
    (line,) = listed.stdout.decode().splitlines()
    assert line.split()[0] == message_id
    assert "blocked" in line and "2 error(s)" in line and "Logistics Coordinator" in line

    shown = tonecheck_cli(["held", "show", message_id[:20]])  # a unique start will do
    assert shown.returncode == 0, shown.stderr.decode()
    out = shown.stdout.decode()
    assert "Bcc:      carol@example.org" in out and "To:       Ana Alvarez" in out
    assert "TC503 error" in out and "TC501 error" in out
    assert f"{sendmail} -oi -- ana@example.org carol@example.org" in out


def test_send_rechecks_then_sends_byte_for_byte_with_the_saved_recipients(
    tonecheck_cli, tmp_path: Path, sendmail: Path
) -> None:
    message_id = hold(tonecheck_cli, tmp_path, sendmail)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    again = tonecheck_cli(["held", "send", message_id], cwd=elsewhere)
    assert again.returncode == 1  # the re-check holds it again
    assert "TC503" in again.stderr.decode() and "still held" in again.stderr.decode()
    assert not (tmp_path / "sent.eml").exists() and held_ids(hold_dir(tmp_path)) == [message_id]

    failed = tonecheck_cli(["held", "send", "--force", message_id], FAKE_STATUS="75")
    assert failed.returncode == 75  # the command's own status; still held
    assert held_ids(hold_dir(tmp_path)) == [message_id]

    sent = tonecheck_cli(["held", "send", "--force", message_id], cwd=elsewhere)
    assert sent.returncode == 0, sent.stderr.decode()
    assert (tmp_path / "sent.eml").read_bytes() == DRAFT
    assert sent_args(tmp_path) == RECIPIENTS
    assert list(hold_dir(tmp_path).iterdir()) == []  # message and record gone, only now


def test_an_edited_held_message_is_sent_as_edited_once_it_passes(
    tonecheck_cli, tmp_path: Path, sendmail: Path
) -> None:
    message_id = hold(tonecheck_cli, tmp_path, sendmail)
    (hold_dir(tmp_path) / f"{message_id}.eml").write_bytes(GOOD)  # the writer fixed it
    sent = tonecheck_cli(["held", "send", message_id])
    assert sent.returncode == 0, sent.stderr.decode()
    assert "edited since it was held" in sent.stderr.decode()
    assert (tmp_path / "sent.eml").read_bytes() == GOOD
    assert sent_args(tmp_path) == RECIPIENTS
    assert held_ids(hold_dir(tmp_path)) == []


def test_drop_and_unknown_ids(tonecheck_cli, tmp_path: Path, sendmail: Path) -> None:
    message_id = hold(tonecheck_cli, tmp_path, sendmail)
    for command in ("show", "send", "drop"):
        done = tonecheck_cli(["held", command, "20200101T000000Z-0000000000"])
        assert done.returncode == 2
        (line,) = done.stderr.decode().splitlines()
        assert line.startswith("tonecheck: error: no held message")
    assert held_ids(hold_dir(tmp_path)) == [message_id]
    dropped = tonecheck_cli(["held", "drop", message_id])
    assert dropped.returncode == 0 and dropped.stdout.decode() == f"dropped {message_id}\n"
    assert list(hold_dir(tmp_path).iterdir()) == []
    assert not (tmp_path / "sent.eml").exists()
    assert tonecheck_cli(["held", "list"]).stdout == b""


def test_a_message_held_without_a_record_is_listed_but_not_sent(
    tonecheck_cli, tmp_path: Path
) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "20261101T100000Z-0123456789.eml").write_bytes(DRAFT)  # held by an older tonecheck
    listed = tonecheck_cli(["held", "list", "--hold-dir", str(folder)])
    assert listed.stdout.decode().startswith("20261101T100000Z-0123456789  ")
    done = tonecheck_cli(["held", "send", "--hold-dir", str(folder), "20261101T1"])
    assert done.returncode == 2 and "no saved command" in done.stderr.decode()
    assert (folder / "20261101T100000Z-0123456789.eml").read_bytes() == DRAFT


# -- every failure holds ---------------------------------------------------------------------------


def test_a_config_that_is_not_utf8_holds_the_message(
    tonecheck_cli, tmp_path: Path, sendmail: Path
) -> None:
    (tmp_path / ".tonecheck.toml").write_bytes("min_words = 40\n".encode("utf-16"))
    done = tonecheck_cli(["presend", "--", str(sendmail), "-oi"], GOOD)
    assert done.returncode == 2 and not (tmp_path / "sent.eml").exists()
    stderr = done.stderr.decode()
    assert "Traceback" not in stderr
    assert ".tonecheck.toml: config is not valid UTF-8" in stderr.splitlines()[0]
    (message_id,) = held_ids(hold_dir(tmp_path))
    assert (hold_dir(tmp_path) / f"{message_id}.eml").read_bytes() == GOOD
    record = json.loads((hold_dir(tmp_path) / f"{message_id}.json").read_text(encoding="utf-8"))
    assert record["reason"] == "not-checked" and record["error"]["kind"] == "bad-config"

    sent = tonecheck_cli(["presend", "--on-error", "send", "--", str(sendmail)], GOOD)
    assert sent.returncode == 0 and (tmp_path / "sent.eml").read_bytes() == GOOD


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("on_error", ["hold", "send"])
def test_a_message_too_large_for_memory_is_held_whole(
    tmp_path: Path, sendmail: Path, on_error: str
) -> None:
    # presend runs under a real address-space limit 24 MB above what it uses after start-up, and
    # gets a 40 MB message: reading it into memory fails, yet every byte is held (or sent).
    big = GOOD + b"\r\n" + b"x" * 76 * 2**19
    driver = (
        "import resource, sys\n"
        "import tonecheck.cli, tonecheck.presend, tonecheck.commands.presend\n"
        "with open('/proc/self/status') as fh:\n"
        "    vm = next(int(l.split()[1]) for l in fh if l.startswith('VmSize:')) * 1024\n"
        "resource.setrlimit(resource.RLIMIT_AS, (vm + 24 * 2**20, vm + 24 * 2**20))\n"
        "sys.argv = ['tonecheck', *sys.argv[1:]]\n"
        "tonecheck.cli.main()\n"
    )
    environ = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "TMPDIR": str(tmp_path)}
    environ.pop("TONECHECK_FORCE", None)
    done = subprocess.run(
        [sys.executable, "-c", driver, "presend", "--on-error", on_error, "--", str(sendmail)],
        input=big,
        capture_output=True,
        env=environ,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    stderr = done.stderr.decode()
    assert "Traceback" not in stderr and "too large to check" in stderr
    if on_error == "hold":
        assert done.returncode == 2 and not (tmp_path / "sent.eml").exists()
        (message_id,) = held_ids(hold_dir(tmp_path))
        assert (hold_dir(tmp_path) / f"{message_id}.eml").read_bytes() == big
    else:
        assert done.returncode == 0 and (tmp_path / "sent.eml").read_bytes() == big
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("tmp")] == []


def test_an_internal_error_before_the_send_holds_the_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tonecheck.commands.presend

    def crash(*args: object, **kwargs: object) -> str:
        raise RuntimeError("boom\nwhile rendering")

    monkeypatch.setattr(tonecheck.commands.presend, "notes", crash)
    sent = tmp_path / "sent.eml"
    command = ["sh", "-c", f"cat > {sent}"]
    result = CliRunner().invoke(
        app, ["presend", "--hold-dir", str(tmp_path / "held"), "--", *command], input=GOOD
    )
    assert result.exit_code == 2 and not sent.exists()
    assert "tonecheck failed (RuntimeError: while rendering)" in result.output
    (message_id,) = held_ids(tmp_path / "held")
    assert (tmp_path / "held" / f"{message_id}.eml").read_bytes() == GOOD
    result = CliRunner().invoke(
        app,
        ["presend", "--on-error", "send", "--hold-dir", str(tmp_path), "--", *command],
        input=GOOD,
    )
    assert result.exit_code == 0 and sent.read_bytes() == GOOD


# -- signals during COMMAND ------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT", "SIGHUP"])
@pytest.mark.parametrize("survives", [True, False])
def test_a_signal_during_the_command_is_passed_to_it(
    tmp_path: Path, name: str, survives: bool
) -> None:
    # The command reads the message, says it is ready, and waits; on the signal it either delivers
    # the message and exits 0, or dies of it. presend must report that outcome and nothing else.
    number = int(getattr(signal, name))
    trap = f'trap \'cat "$dir/in" > "$dir/sent.eml"; exit 0\' {name[3:]}\n' if survives else ""
    script = tmp_path / "slow-sendmail"
    script.write_text(
        "#!/bin/sh\n"
        'dir=$(dirname "$0")\n'
        f"{trap}"
        'cat > "$dir/in"\n'
        'touch "$dir/ready"\n'
        "while :; do sleep 0.05; done\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    environ = {k: v for k, v in os.environ.items() if k != "TONECHECK_FORCE"}
    environ["XDG_STATE_HOME"] = str(tmp_path / "state")
    process = subprocess.Popen(
        [sys.executable, "-m", "tonecheck", "presend", "--", str(script), "ana@example.org"],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environ,
        cwd=tmp_path,
        start_new_session=True,  # a signal for presend only, as `kill PID` sends it
    )
    assert process.stdin is not None and process.stderr is not None
    process.stdin.write(GOOD)
    process.stdin.close()
    for _ in range(1200):  # the command has the message (spaCy may take a while to load)
        if (tmp_path / "ready").exists() or process.poll() is not None:
            break
        time.sleep(0.1)
    assert (tmp_path / "ready").exists(), process.stderr.read().decode()
    process.send_signal(number)
    status = process.wait(timeout=60)
    stderr = process.stderr.read().decode()
    assert "Traceback" not in stderr
    if survives:
        assert status == 0, stderr  # it was delivered: presend does not call that a failure
        assert (tmp_path / "sent.eml").read_bytes() == GOOD
    else:
        assert status == 128 + number
    assert held_ids(hold_dir(tmp_path)) == []  # it went to COMMAND: never held, never sent twice


# -- a message sent with warnings says so ------------------------------------------------------


def test_a_message_sent_with_warnings_says_so_unless_quiet(
    tonecheck_cli, tmp_path: Path, sendmail: Path
) -> None:
    done = tonecheck_cli(["presend", "--", str(sendmail), "-oi"], WARNING_ONLY)
    assert done.returncode == 0
    assert (tmp_path / "sent.eml").read_bytes() == WARNING_ONLY
    (line,) = done.stderr.decode().splitlines()
    # every warning is named with its place: the "!!" (and the tone it may tip, TC601)
    said = re.match(r"tonecheck: sent with (\d+) warning\(s\): (.*) \(`tonecheck lint` shows", line)
    assert said is not None, line
    named = re.findall(r"TC\d{3} [a-z-]+ \(\d+:\d+\)", said.group(2))
    assert len(named) == int(said.group(1)) and any(n.startswith("TC201 ") for n in named)
    quiet = tonecheck_cli(["presend", "--quiet", "--", str(sendmail), "-oi"], WARNING_ONLY)
    assert quiet.returncode == 0 and quiet.stderr == b""
    assert (tmp_path / "sent.eml").read_bytes() == WARNING_ONLY
    clean = tonecheck_cli(["presend", "--", str(sendmail), "-oi"], GOOD)
    assert clean.returncode == 0 and clean.stderr == b""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_a_signal_while_checking_holds_the_message(tmp_path: Path, sendmail: Path) -> None:
    environ = {k: v for k, v in os.environ.items() if k != "TONECHECK_FORCE"}
    environ["XDG_STATE_HOME"] = str(tmp_path / "state")
    process = subprocess.Popen(
        [sys.executable, "-m", "tonecheck", "presend", "--force", "--", str(sendmail)],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environ,
        cwd=tmp_path,
    )
    assert process.stdin is not None and process.stderr is not None
    process.stdin.write(GOOD)
    process.stdin.close()
    status_file = Path(f"/proc/{process.pid}/status")
    for _ in range(3000):  # until presend catches SIGTERM: it is checking the message
        caught = next(
            (line for line in status_file.read_text().splitlines() if line.startswith("SigCgt:")),
            "SigCgt: 0",
        )
        if int(caught.split()[1], 16) & (1 << (signal.SIGTERM - 1)):
            break
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    status = process.wait(timeout=60)
    stderr = process.stderr.read().decode()
    assert status == 2, stderr
    assert "SIGTERM came while checking the message" in stderr and "Traceback" not in stderr
    assert not (tmp_path / "sent.eml").exists()  # not even with --force
    (message_id,) = held_ids(hold_dir(tmp_path))
    assert (hold_dir(tmp_path) / f"{message_id}.eml").read_bytes() == GOOD


@pytest.mark.skipif(
    os.geteuid() == 0, reason="running as root: a read-only folder does not stop it"
)
def test_a_sent_message_that_cannot_be_removed_says_so(
    tonecheck_cli, tmp_path: Path, sendmail: Path
) -> None:
    message_id = hold(tonecheck_cli, tmp_path, sendmail)
    hold_dir(tmp_path).chmod(0o500)
    try:
        sent = tonecheck_cli(["held", "send", "--force", message_id])
    finally:
        hold_dir(tmp_path).chmod(0o700)
    assert sent.returncode == 0 and (tmp_path / "sent.eml").read_bytes() == DRAFT
    assert "but cannot remove" in sent.stderr.decode()
    assert f"tonecheck held drop {message_id}" in sent.stderr.decode()
