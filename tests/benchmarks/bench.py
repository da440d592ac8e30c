"""Benchmark ``tonecheck batch`` against the bare spaCy tokenizer and proselint (GitHub issue 6).

One run writes folders of 1,000 and 10,000 distinct letters drawn from the corpus (or from
``--letters DIR``) into a temporary folder, then times, as whole commands in subprocesses:

- ``tonecheck batch DIR --output out.jsonl`` with ``--jobs 1`` and ``--jobs 2``;
- the floor: ``spacy.blank("en")`` and ``nlp.pipe`` over the same files (import and reading included);
- a peer: ``proselint check DIR`` (its CLI walks the folder in one process);
- cold start: ``tonecheck lint`` on one letter against ``python -c "import spacy; spacy.blank('en')"``;

and the peak memory of each command's process tree. It prints the machine, a Markdown table and the
ratios against the speed budget of issue 13.

    .venv/bin/python tests/benchmarks/bench.py               # both sizes, 7 cold-start runs
    .venv/bin/python tests/benchmarks/bench.py --quick       # 1,000 letters, 3 cold-start runs
    .venv/bin/python tests/benchmarks/bench.py --markdown docs/benchmarks-run.md

This is not a test: pytest does not collect it (no ``test_`` name) and nothing here asserts a time.
Linux only (peak memory is read from ``/proc``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

SIZES = (1_000, 10_000)
QUICK_SIZES = (1_000,)
COLD_RUNS = 7
QUICK_COLD_RUNS = 3
SAMPLE_EVERY = 0.05  # seconds between two looks at a command's process tree (VmHWM)
# Reading PSS makes the kernel walk every page table (about 1 ms per 100 MB process): sampled at
# 50 ms it took 7 % of a core, away from a command that uses both cores. Memory is flat during a
# run, so PSS is read once a second (and at the first look that sees each process).
PSS_EVERY = 1.0
BIN = Path(sys.executable).parent
# --baseline: the bin folder of another tonecheck install (the version before a change), whose
# `tonecheck batch --jobs 1` runs on the same folders in the same run.
BASELINE: Path | None = None

# The speed budget of issue 13 (issue 6's goals at 1,000 letters and against the bare tokenizer
# were withdrawn; the floor is still measured and shown, not judged).
GOAL_VS_PROSELINT = 2.0  # batch --jobs 1 letters/s >= 2 x proselint's, at 10,000 letters
GOAL_SCALING = 1.6  # --jobs 2 >= 1.6 x --jobs 1, at 10,000 letters
GOAL_COLD = 1.3  # tonecheck lint start <= 1.3 x `import spacy; spacy.blank("en")`
GOAL_PER_LETTER = 1.25  # cost per letter <= 1.25 x the baseline's (--baseline), issue 13
GOAL_PER_LETTER_LEARNED = 1.5  # ... and <= 1.5 x for the learned detectors of issue 14
GOAL_RSS_MB = 300.0  # peak RSS below this
GOAL_RSS_GROWTH = 1.2  # "about the same" peak RSS for 10,000 letters as for 1,000: at most +20 %
GOAL_LINEAR = 0.9  # letters/s at 10,000 >= 0.9 x letters/s at 1,000

FLOOR_SCRIPT = """
import sys
from pathlib import Path
import spacy
nlp = spacy.blank("en")
paths = sorted(Path(sys.argv[1]).glob("*.txt"))
count = sum(1 for _ in nlp.pipe(p.read_text(encoding="utf-8") for p in paths))
print(count)
"""
SPACY_START = "import spacy; spacy.blank('en')"


# -- the letters ----------------------------------------------------------------------------------


def corpus_texts() -> list[str]:
    """The texts of the labeled corpus, in corpus order (read by the checkout's tools/corpus.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
    import corpus

    return [letter.text for letter in corpus.load()]


LETTER_SUFFIXES = (".txt", ".md")


def folder_texts(folder: Path) -> list[str]:
    """The letters of another set: the ``.txt`` and ``.md`` files directly in ``folder``, in name
    order, as UTF-8 text; empty files are left out. Exits with a one-line error if none is usable."""
    if not folder.is_dir():
        raise SystemExit(f"bench: {folder}: not a folder")
    texts = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in LETTER_SUFFIXES or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise SystemExit(f"bench: {path}: cannot read it as UTF-8 text ({exc})") from None
        if text.strip():
            texts.append(text.rstrip("\n"))
    if not texts:
        raise SystemExit(f"bench: {folder}: no .txt or .md letter in it")
    return texts


def describe_texts(texts: Sequence[str]) -> str:
    """How many distinct texts are cycled, and how long they are: throughput depends on it."""
    words = sorted(len(t.split()) for t in texts)
    chars = sum(len(t) for t in texts) / len(texts)
    return (
        f"{len(texts):,} texts; words per text: median {statistics.median(words):.0f}, "
        f"range {words[0]}-{words[-1]}; {chars:,.0f} characters on average"
    )


def write_letters(folder: Path, texts: Sequence[str], count: int) -> None:
    """Write ``count`` letters, cycling through ``texts``; a numbered last line makes each distinct."""
    folder.mkdir(parents=True)
    digests = set()
    for i in range(count):
        data = f"{texts[i % len(texts)]}\n\nRef. {i + 1:05d}\n".encode()
        digests.add(hashlib.sha256(data).digest())
        (folder / f"letter-{i + 1:05d}.txt").write_bytes(data)
    if len(digests) != count:
        raise SystemExit(f"bench: {folder} has byte-identical letters")


# -- running one command --------------------------------------------------------------------------


def bench_env(pycache: Path | None) -> dict[str, str]:
    """The environment of every measured command.

    With ``pycache``, bytecode is written to (and read from) that folder, as for an installed
    package, even if this shell sets PYTHONDONTWRITEBYTECODE; without it, the caller's setting holds.
    """
    env = dict(os.environ)
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            out += [int(c) for c in (task / "children").read_text().split()]
    except OSError:
        pass
    return out


def _tree(root: int) -> list[int]:
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo += _children(pid)
    return pids


def _hwm_kb(pid: int) -> int | None:
    """The process's peak resident set size so far (VmHWM), in kB."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return None


def _cmdline(pid: int) -> str:
    try:
        return (
            Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        )
    except OSError:
        return ""


def _role(pid: int, root: int, cmdline: str, root_cmdline: str) -> str:
    if pid == root:
        return "parent"
    if "resource_tracker" in cmdline:
        return "resource tracker"
    if "spawn_main" in cmdline or "forkserver" in cmdline or cmdline == root_cmdline:
        return "worker"  # spawned, or forked from the parent (same command line)
    return "other"


def _pss_kb(pid: int) -> int | None:
    """The process's proportional set size now (shared pages divided among their users), in kB."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    for line in rollup.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return None


def busy_seconds() -> tuple[float, float]:
    """CPU seconds spent by every process on the machine since boot, and CPU seconds the
    hypervisor gave to other machines while this one wanted to run (steal), from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    tick = os.sysconf("SC_CLK_TCK")
    return (user + nice + system + irq + softirq) / tick, steal / tick


def wait_for_idle(limit: float, window: float = 3.0, quiet: float = 0.15) -> float:
    """Wait (at most ``limit`` seconds) until other processes use under ``quiet`` cores over a
    ``window``; return the cores they used in the last window."""
    deadline = time.monotonic() + limit
    while True:
        before = busy_seconds()[0]
        time.sleep(window)
        load = (busy_seconds()[0] - before) / window
        if load < quiet or time.monotonic() > deadline:
            return load
        log(f"    machine busy ({load:.2f} cores in use by others); waiting")


@dataclass
class Run:
    """One timed command."""

    wall: float  # seconds, start to exit
    cpu: float  # user + system seconds of the command and every process it waited for
    other_load: float  # cores used by other processes on the machine meanwhile (on average)
    steal: float  # cores' worth of time the hypervisor took away meanwhile (on average)
    tree_rss_mb: float  # sum over the process tree of each process's peak (sampled VmHWM)
    tree_pss_mb: float  # sum over the process tree of each process's largest sampled PSS
    roles: list[tuple[str, float]]  # (role, peak MB) of each process of the tree
    stdout: str  # its first 64 kB


def run(cmd: Sequence[str], env: dict[str, str], ok: Sequence[int] = (0, 1)) -> Run:
    """Run ``cmd``, timing it and watching the peak memory of its process tree."""
    peaks: dict[int, int] = {}
    pss: dict[int, int] = {}
    roles: dict[int, str] = {}
    done = threading.Event()

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        busy, steal = busy_seconds()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env)

        def sample() -> None:
            next_pss = 0.0
            while not done.is_set():
                root_cmdline = _cmdline(proc.pid)
                now_s = time.monotonic()
                read_pss = now_s >= next_pss
                if read_pss:
                    next_pss = now_s + PSS_EVERY
                for pid in _tree(proc.pid):
                    hwm = _hwm_kb(pid)
                    if hwm is not None and hwm >= peaks.get(pid, 0):
                        peaks[pid] = hwm
                        # read again each time: a spawned child shows its parent's command line
                        # until it execs
                        roles[pid] = _role(pid, proc.pid, _cmdline(pid), root_cmdline)
                    if read_pss or pid not in pss:
                        now = _pss_kb(pid)
                        if now is not None and now > pss.get(pid, 0):
                            pss[pid] = now
                done.wait(SAMPLE_EVERY)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        busy_after, steal_after = busy_seconds()
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(65536), err.read()
    if proc.returncode not in ok:
        raise SystemExit(
            f"bench: {' '.join(cmd)} exited {proc.returncode}\n{stderr[-2000:]}\n{stdout[-2000:]}"
        )
    # wait4's ru_maxrss is not used: after fork and exec it keeps the high-water mark of the
    # pre-exec copy of this process, so a child of a large parent looks large.
    cpu = usage.ru_utime + usage.ru_stime
    return Run(
        wall=wall,
        cpu=cpu,
        other_load=max(0.0, busy_after - busy - cpu) / wall,
        steal=(steal_after - steal) / wall,
        tree_rss_mb=sum(peaks.values()) / 1024,
        tree_pss_mb=sum(pss.values()) / 1024,
        roles=sorted(((roles[pid], kb / 1024) for pid, kb in peaks.items()), key=_role_order),
        stdout=stdout,
    )


def _role_order(item: tuple[str, float]) -> tuple[int, float]:
    order = ("parent", "worker", "resource tracker", "other")
    return order.index(item[0]), -item[1]


# -- the measurements -----------------------------------------------------------------------------


@dataclass
class Result:
    """Repeated runs of one command over one folder."""

    name: str
    letters: int
    runs: list[Run] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def per_second(self) -> float:
        return self.letters / self.wall

    @property
    def per_cpu_second(self) -> float:
        return self.letters / self.cpu

    @property
    def tree_rss_mb(self) -> float:
        return max(r.tree_rss_mb for r in self.runs)

    @property
    def tree_pss_mb(self) -> float:
        return max(r.tree_pss_mb for r in self.runs)

    @property
    def steal(self) -> float:
        return statistics.median(r.steal for r in self.runs)

    @property
    def other_load(self) -> float:
        return statistics.median(r.other_load for r in self.runs)

    @property
    def breakdown(self) -> str:
        """The peak of each process of the run with the largest total, by role."""
        worst = max(self.runs, key=lambda r: r.tree_rss_mb)
        if len(worst.roles) <= 1:
            return "one process"
        parts: dict[str, list[str]] = {}
        for role, mb in worst.roles:
            parts.setdefault(role, []).append(f"{mb:.0f}")
        return " + ".join(
            f"{role}{'s' if len(v) > 1 else ''} {', '.join(v)}" for role, v in parts.items()
        )


def tool(name: str) -> str:
    """A console script of this environment (next to the running Python)."""
    path = BIN / name
    if not path.exists():
        raise SystemExit(f"bench: {path} not found; run with the project's .venv/bin/python")
    return str(path)


def throughput_commands(folder: Path, work: Path) -> dict[str, Callable[[], list[str]]]:
    """The commands timed on one folder, by name."""
    out = work / "out.jsonl"
    return {
        "tonecheck batch --jobs 1": lambda: [
            tool("tonecheck"), "batch", str(folder), "--output", str(out), "--jobs", "1",
        ],
        "tonecheck batch --jobs 2": lambda: [
            tool("tonecheck"), "batch", str(folder), "--output", str(out), "--jobs", "2",
        ],
        "spaCy blank('en') nlp.pipe (floor)": lambda: [sys.executable, "-c", FLOOR_SCRIPT, str(folder)],
        "proselint check DIR (peer, CLI)": lambda: [
            tool("proselint"), "--output-format", "compact", "check", str(folder),
        ],
        **({} if BASELINE is None else {"baseline batch --jobs 1": lambda: [
            str(BASELINE / "tonecheck"), "batch", str(folder), "--output", str(out), "--jobs", "1",
        ]}),
    }  # fmt: skip


def check_output(name: str, result: Run, folder: Path, work: Path, letters: int) -> None:
    """Make sure a command did the whole job (not a fast failure)."""
    if name.startswith(("tonecheck batch", "baseline batch")):
        lines = bad = 0
        first_error = None
        with (work / "out.jsonl").open(encoding="utf-8") as report:
            for line in report:
                lines += 1
                row = json.loads(line)
                if row["status"] != "ok":
                    bad += 1
                    first_error = first_error or row["error"]
        if lines != letters or bad:
            raise SystemExit(
                f"bench: {name} wrote {lines} lines, {bad} not ok (first error: {first_error})"
            )
    elif name.startswith("spaCy"):
        if result.stdout.split() != [str(letters)]:
            raise SystemExit(f"bench: the floor read {result.stdout!r} letters, not {letters}")
    elif name.startswith("proselint"):
        seen = {line.split(":", 1)[0] for line in result.stdout.splitlines() if ":" in line}
        if not any(str(folder) in s for s in seen):
            raise SystemExit("bench: proselint reported nothing; did it read the folder?")


def timed(cmd: Sequence[str], env: dict[str, str], idle: float, ok: Sequence[int] = (0, 1)) -> Run:
    """``run``, after waiting up to ``idle`` seconds for the machine to be quiet."""
    if idle > 0:
        wait_for_idle(idle)
    return run(cmd, env, ok)


def measure_throughput(
    folders: dict[int, Path], work: Path, env: dict[str, str], repeat: int, idle: float
) -> list[Result]:
    """Every command on every folder, ``repeat`` times, round-robin so drift hits all alike."""
    results: list[Result] = []
    for letters, folder in folders.items():
        commands = throughput_commands(folder, work)
        by_name = {name: Result(name, letters) for name in commands}
        for round_ in range(repeat):
            for name, make in commands.items():
                log(f"  {letters:>6,} letters  run {round_ + 1}/{repeat}  {name} ...")
                result = timed(make(), env, idle, ok=(0, 1, 2))  # check_output says why
                check_output(name, result, folder, work, letters)
                by_name[name].runs.append(result)
                log(
                    f"  {'':>6}          {result.wall:7.2f} s  {letters / result.wall:8.1f} letters/s"
                )
        results += by_name.values()
    return results


@dataclass
class ColdStart:
    lint: list[Run]
    spacy: list[Run]
    lint_no_bytecode: list[Run]

    @property
    def ratio(self) -> float:
        return median_wall(self.lint) / median_wall(self.spacy)


def median_wall(runs: list[Run]) -> float:
    return statistics.median(r.wall for r in runs)


def measure_cold_start(letter: Path, env: dict[str, str], runs: int, idle: float) -> ColdStart:
    """``tonecheck lint`` on one letter against a bare spaCy start, alternating, ``runs`` each.

    A third command, ``tonecheck lint`` with this shell's own bytecode setting (no PYTHONPYCACHEPREFIX),
    shows what a checkout run under PYTHONDONTWRITEBYTECODE=1 pays to compile tonecheck each time.
    """
    lint = [tool("tonecheck"), "lint", str(letter)]
    spacy = [sys.executable, "-c", SPACY_START]
    plain_env = bench_env(None)
    cold = ColdStart([], [], [])
    for i in range(runs):
        log(f"  cold start run {i + 1}/{runs}")
        cold.lint.append(timed(lint, env, idle))
        cold.spacy.append(timed(spacy, env, idle, ok=(0,)))
        cold.lint_no_bytecode.append(timed(lint, plain_env, idle))
    return cold


# -- reporting ------------------------------------------------------------------------------------


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def machine() -> list[tuple[str, str]]:
    """What the numbers were measured on."""
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )

    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "not installed"

    root = Path(__file__).resolve().parents[2]
    commit = subprocess.run(
        ["git", "-C", str(root), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    # the package may hold uncommitted work: fingerprint the source that was measured
    source = hashlib.sha256()
    for path in sorted((root / "tonecheck").rglob("*.py")):
        source.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return [
        ("nproc", str(len(os.sched_getaffinity(0)))),
        ("CPU", cpu),
        ("memory", f"{mem_kb / 1024 / 1024:.1f} GiB"),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("spaCy", version("spacy")),
        ("proselint", version("proselint")),
        ("tonecheck", f"{version('tonecheck')} ({commit or 'unknown commit'})"),
        ("tonecheck source (sha256 of tonecheck/**/*.py)", source.hexdigest()[:12]),
        ("tone model", tone_model(root / "models" / "tone-model.json")),
        ("load average at start", " ".join(f"{x:.2f}" for x in os.getloadavg())),
    ]


def tone_model(path: Path) -> str:
    """The shipped tone model's fingerprint and size: scoring time depends on its vocabularies."""
    try:
        data = path.read_bytes()
        blocks = json.loads(data)["blocks"]
    except (OSError, ValueError, KeyError) as exc:
        return f"unreadable ({exc})"
    columns = ", ".join(f"{name} {len(b['coef'][0]):,}" for name, b in blocks.items())
    return f"sha256 {hashlib.sha256(data).hexdigest()[:12]}; columns: {columns}"


def find(results: list[Result], prefix: str, letters: int) -> Result | None:
    return next((r for r in results if r.name.startswith(prefix) and r.letters == letters), None)


def goals(results: list[Result], cold: ColdStart) -> list[tuple[str, str, str, str]]:
    """(goal, target, measured, verdict) for each part of the budget (issue 13)."""
    rows: list[tuple[str, str, str, str]] = []

    def add(goal: str, target: str, value: float | None, ok: bool | None, fmt: str) -> None:
        if value is None:
            rows.append((goal, target, "not run", "n/a"))
        else:
            rows.append((goal, target, fmt.format(value), "PASS" if ok else "FAIL"))

    small, large = SIZES
    for letters in SIZES:
        one = find(results, "tonecheck batch --jobs 1", letters)
        two = find(results, "tonecheck batch --jobs 2", letters)
        floor = find(results, "spaCy", letters)
        peer = find(results, "proselint", letters)
        n = f"{letters:,}"
        judged = letters == large  # the budget reads 10,000 letters; 1,000 is shown
        for goal, target, top, bottom in (
            (f"batch -j1 vs bare tokenizer, {n}", None, one, floor),
            (f"batch -j1 vs proselint, {n}", GOAL_VS_PROSELINT if judged else None, one, peer),
            (f"batch -j2 vs -j1, {n}", GOAL_SCALING if judged else None, two, one),
        ):
            ratio = None if top is None or bottom is None else top.per_second / bottom.per_second
            if target is None:
                rows.append((goal, "shown", "not run" if ratio is None else f"{ratio:.3f} x", "-"))
            else:
                add(
                    goal, f">= {target} x", ratio, ratio is not None and ratio >= target, "{:.3f} x"
                )
    new, old = per_letter(results, "tonecheck batch --jobs 1"), per_letter(results, "baseline")
    if old is not None:
        ratio = None if new is None else new / old
        for target in (GOAL_PER_LETTER, GOAL_PER_LETTER_LEARNED):
            add(
                f"cost per letter vs the baseline ({old * 1000:.2f} ms)",
                f"<= {target} x",
                ratio,
                ratio is not None and ratio <= target,
                "{:.3f} x",
            )
    r = cold.ratio
    add(
        "cold `tonecheck lint` vs bare spaCy start",
        f"<= {GOAL_COLD} x",
        r,
        r <= GOAL_COLD,
        "{:.3f} x",
    )
    for letters in SIZES:
        for prefix in ("tonecheck batch --jobs 1", "tonecheck batch --jobs 2"):
            res = find(results, prefix, letters)
            label = f"peak RSS, batch -j{prefix[-1]}, {letters:,}"
            mb = None if res is None else res.tree_rss_mb
            add(
                label,
                f"< {GOAL_RSS_MB:.0f} MB",
                mb,
                mb is not None and mb < GOAL_RSS_MB,
                "{:.0f} MB",
            )
    for prefix in ("tonecheck batch --jobs 1", "tonecheck batch --jobs 2"):
        a, b = find(results, prefix, small), find(results, prefix, large)
        j = prefix[-1]
        growth = None if a is None or b is None else b.tree_rss_mb / a.tree_rss_mb
        add(
            f"peak RSS -j{j}, {large:,} / {small:,}",
            f"<= {GOAL_RSS_GROWTH} x",
            growth,
            growth is not None and growth <= GOAL_RSS_GROWTH,
            "{:.3f} x",
        )
        linear = None if a is None or b is None else b.per_second / a.per_second
        add(
            f"letters/s -j{j}, {large:,} / {small:,} (linear cost)",
            f">= {GOAL_LINEAR} x",
            linear,
            linear is not None and linear >= GOAL_LINEAR,
            "{:.3f} x",
        )
    return rows


def per_letter(results: list[Result], prefix: str) -> float | None:
    """Seconds per letter of a command, fitted through the two sizes' medians."""
    small, large = SIZES
    a, b = find(results, prefix, small), find(results, prefix, large)
    return None if a is None or b is None else (b.wall - a.wall) / (large - small)


def fit_lines(results: list[Result]) -> list[str]:
    """Wall time = start-up + letters x cost per letter, fitted through the two sizes' medians."""
    small, large = SIZES
    rows = []
    for r in results:
        if r.letters != small:
            continue
        big = find(results, r.name, large)
        if big is None:
            continue
        per_letter = (big.wall - r.wall) / (large - small)
        rows.append(
            f"| {r.name} | {1000 * per_letter:.2f} ms | {r.wall - small * per_letter:.2f} s "
            f"| {1 / per_letter:,.0f} |"
        )
    if not rows:
        return []
    return [
        "",
        f"### Start-up and cost per letter (wall time fitted through {small:,} and {large:,})",
        "",
        "| command | per letter | start-up | letters/s after start-up |",
        "|---|--:|--:|--:|",
        *rows,
    ]


def markdown(
    info: list[tuple[str, str]],
    results: list[Result],
    cold: ColdStart,
    goal_rows: list[tuple[str, str, str, str]],
    repeat: int,
) -> str:
    """The machine, the results and the goals as Markdown."""
    lines = ["### Machine", "", "| | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in info]
    lines += [
        "",
        f"### Throughput and memory (median wall time of {repeat} run(s); peak RSS: the largest of them)",
        "",
        "| command | letters | wall s | range s | letters/s | CPU s | letters/CPU-s "
        "| peak RSS (sum of processes) | per process, MB | peak PSS (sum) | other load | steal |",
        "|---|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|",
    ]
    for r in results:
        walls = [run.wall for run in r.runs]
        lines.append(
            f"| {r.name} | {r.letters:,} | {r.wall:.2f} | {min(walls):.2f}-{max(walls):.2f} "
            f"| {r.per_second:,.0f} | {r.cpu:.2f} | {r.per_cpu_second:,.0f} "
            f"| {r.tree_rss_mb:.0f} MB | {r.breakdown} | {r.tree_pss_mb:.0f} MB "
            f"| {r.other_load:.2f} | {r.steal:.2f} |"
        )
    lines += fit_lines(results)
    lines += [
        "",
        f"### Cold start (median of {len(cold.lint)} alternating runs)",
        "",
        "| command | median s | min s | max s | peak RSS | other load | steal |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for name, runs in (
        ("`tonecheck lint LETTER` (bytecode cached)", cold.lint),
        ("`python -c \"import spacy; spacy.blank('en')\"`", cold.spacy),
        ("`tonecheck lint LETTER`, PYTHONDONTWRITEBYTECODE=1 (no bytecode)", cold.lint_no_bytecode),
    ):
        walls = [r.wall for r in runs]
        lines.append(
            f"| {name} | {statistics.median(walls):.3f} | {min(walls):.3f} | {max(walls):.3f} "
            f"| {max(r.tree_rss_mb for r in runs):.0f} MB "
            f"| {statistics.median(r.other_load for r in runs):.2f} "
            f"| {statistics.median(r.steal for r in runs):.2f} |"
        )
    lines += [
        "",
        "### Budget (issue 13)",
        "",
        "| goal | target | measured | result |",
        "|---|---|--:|---|",
    ]
    lines += [f"| {g} | {t} | {m} | {v} |" for g, t, m, v in goal_rows]
    return "\n".join(lines) + "\n"


# -- main -----------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="only 1,000 letters, 3 cold starts")
    parser.add_argument("--markdown", type=Path, help="also write the Markdown tables to FILE")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each throughput command")
    parser.add_argument("--cold-runs", type=int, help="cold-start runs of each command")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="before each timed command, wait up to SECONDS for other processes to go quiet",
    )
    parser.add_argument(
        "--letters",
        type=Path,
        metavar="DIR",
        help="cycle through the .txt/.md letters of DIR instead of the corpus (another set of letters)",
    )
    parser.add_argument(
        "--sizes",
        type=lambda v: tuple(int(n) for n in v.split(",")),
        help="folder sizes, comma-separated (default 1000,10000; the budget reads 10000)",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="BIN",
        help="the bin folder of another tonecheck install: its batch --jobs 1 is the baseline "
        "of the cost-per-letter budget, measured in the same run",
    )
    args = parser.parse_args(argv)
    global BASELINE
    BASELINE = args.baseline
    sizes = args.sizes or (QUICK_SIZES if args.quick else SIZES)
    cold_runs = args.cold_runs or (QUICK_COLD_RUNS if args.quick else COLD_RUNS)

    info = machine()
    source = f"the .txt/.md files of {args.letters}" if args.letters else "the corpus texts"
    work = Path(tempfile.mkdtemp(prefix="tonecheck-bench-"))
    try:
        log(f"bench: writing letters into {work}")
        texts = folder_texts(args.letters) if args.letters else corpus_texts()
        folders = {n: work / f"letters-{n}" for n in sizes}
        for n, folder in folders.items():
            write_letters(folder, texts, n)
        env = bench_env(work / "pycache")
        log("bench: warm-up (fills the bytecode cache and the page cache)")
        warm = work / "warm"
        write_letters(warm, texts, 8)
        for name, make in throughput_commands(warm, work).items():
            check_output(name, run(make(), env, ok=(0, 1, 2)), warm, work, 8)
        letter = next(iter(folders.values())) / "letter-00001.txt"
        run([tool("tonecheck"), "lint", str(letter)], env)
        log("bench: cold start")
        cold = measure_cold_start(letter, env, cold_runs, args.wait_idle)
        log("bench: throughput")
        results = measure_throughput(folders, work, env, args.repeat, args.wait_idle)
    finally:
        if args.keep:
            log(f"bench: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    info += [
        ("load average at end", " ".join(f"{x:.2f}" for x in os.getloadavg())),
        (
            "letters",
            f"{source} cycled, each with a numbered last line (all distinct): {describe_texts(texts)}",
        ),
        ("proselint run as", "its CLI, `proselint check DIR` (one process walks the folder)"),
        (
            "CPU s",
            "user + system time of the command and of every process it waited for (wait4)",
        ),
        (
            "peak RSS",
            "sum over the command's process tree of each process's peak (VmHWM, sampled every "
            f"{SAMPLE_EVERY * 1000:.0f} ms from /proc)",
        ),
        (
            "other load",
            "cores kept busy by other processes while a command ran (/proc/stat, median of the "
            "runs); above ~0.1 the wall times are disturbed",
        ),
        (
            "steal",
            "cores' worth of time the hypervisor gave to other virtual machines meanwhile "
            "(/proc/stat); above ~0.1 the wall times are disturbed",
        ),
        (
            "peak PSS",
            "the same sum with proportional set sizes (pages shared by forked workers counted "
            "once in all), sampled once a second: the memory the command really adds to the "
            "machine",
        ),
    ]
    table = markdown(info, results, cold, goals(results, cold), args.repeat)
    print(table)
    if args.markdown:
        args.markdown.write_text(table, encoding="utf-8")
        log(f"bench: wrote {args.markdown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
