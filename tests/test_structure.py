"""The house rules of the code (issue 13): layers import one way, without circles; importing
tonecheck changes nothing in the host process; a tonecheck Doc is plain, serialisable data."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tonecheck"

# Lower number = lower layer. A module may import its own layer (without a circle) or lower ones.
LAYERS: list[tuple[int, tuple[str, ...]]] = [
    (0, ("tonecheck.errors", "tonecheck.findings", "tonecheck._version", "tonecheck.textutil")),
    (0, ("tonecheck.data",)),
    (1, ("tonecheck.config", "tonecheck.sources", "tonecheck.summary", "tonecheck.atomic")),
    (1, ("tonecheck.mail", "tonecheck.guards")),
    (1, ("tonecheck.inputs", "tonecheck.report", "tonecheck.progress", "tonecheck.suppress")),
    (2, ("tonecheck.nlp", "tonecheck.tone")),
    (3, ("tonecheck.rules",)),
    (4, ("tonecheck.pipeline",)),
    (5, ("tonecheck.linter",)),
    (6, ("tonecheck.batch", "tonecheck.presend", "tonecheck.held", "tonecheck.holding")),
    (7, ("tonecheck.commands",)),  # the command line's own modules (cli.py imports them)
    (7, ("tonecheck.cli", "tonecheck.__main__", "tonecheck.web", "tonecheck.lsp")),
]


def layer_of(module: str) -> int:
    best, depth = 9, -1
    for layer, prefixes in LAYERS:
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > depth:
                best, depth = layer, len(prefix)
    if module == "tonecheck":
        return 9  # the public API imports whatever it re-exports
    return best


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every tonecheck module that ``path`` imports, at any depth (function-level imports and
    ``TYPE_CHECKING`` blocks too: a circle through a lazy import is still a circle)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("tonecheck")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            if not base.startswith("tonecheck"):
                continue
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                sub = PACKAGE.parent / Path(*candidate.split("."))
                out.add(candidate if sub.with_suffix(".py").exists() or sub.is_dir() else base)
    out.discard(here)
    return out


GRAPH = {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_no_module_imports_a_higher_layer() -> None:
    upward = sorted(
        f"{mod} ({layer_of(mod)}) imports {dep} ({layer_of(dep)})"
        for mod, deps in GRAPH.items()
        for dep in deps
        if layer_of(dep) > layer_of(mod)
    )
    assert not upward, "\n".join(upward)


def test_the_import_graph_has_no_circle() -> None:
    # a package's __init__ importing its own submodules is how packages re-export: not a circle
    def edges(mod: str) -> set[str]:
        return {d for d in GRAPH.get(mod, set()) if d in GRAPH and not mod.startswith(d + ".")}

    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(mod: str) -> None:
        state[mod] = 1
        stack.append(mod)
        for dep in sorted(edges(mod)):
            if state.get(dep) == 1:
                cycle = [*stack[stack.index(dep) :], dep]
                pytest.fail("import circle: " + " -> ".join(cycle))
            if dep not in state:
                visit(dep)
        stack.pop()
        state[mod] = 2

    for mod in sorted(GRAPH):
        if mod not in state:
            visit(mod)


def test_the_layer_table_knows_every_module() -> None:
    unknown = [m for m in GRAPH if m != "tonecheck" and layer_of(m) == 9]
    assert not unknown, unknown


def test_no_module_is_over_about_400_lines() -> None:
    long = {
        module_name(p): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 430
        and layer_of(module_name(p)) < 8
    }
    assert not long, long


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    return result.stdout


def test_importing_tonecheck_changes_nothing_in_the_process() -> None:
    code = (
        "import sys, json\n"
        "import spacy\n"
        "before_path = list(sys.meta_path); before_hooks = list(sys.path_hooks)\n"
        "before = {k: v for k, v in sys.modules.items() if not k.startswith('tonecheck')}\n"
        "spacy_loader = type(spacy.__spec__.loader)\n"
        "import tonecheck, tonecheck.linter, tonecheck.pipeline, tonecheck.rules\n"
        "after = {k: v for k, v in sys.modules.items() if k in before}\n"
        "changed = [k for k in before if after.get(k) is not before[k]]\n"
        "print(json.dumps({'meta_path': sys.meta_path == before_path,\n"
        "  'path_hooks': sys.path_hooks == before_hooks, 'changed': changed,\n"
        "  'spacy_loader': type(spacy.__spec__.loader) is spacy_loader}))\n"
    )
    seen = json.loads(_run(code))
    assert seen == {"meta_path": True, "path_hooks": True, "changed": [], "spacy_loader": True}


def test_import_tonecheck_alone_adds_no_import_hook() -> None:
    code = (
        "import sys\nbefore = list(sys.meta_path)\nimport tonecheck\n"
        "print(sys.meta_path == before, 'spacy' in sys.modules)\n"
    )
    assert _run(code).split() == ["True", "False"]


# -- spaCy's contract: plain values on the Doc ---------------------------------------------------

LETTER = (
    "Dear Ms. Park,\n\nThank you so much!! It was the best interview I have ever had, and I "
    "enjoyed hearing about the move to barcode scanning on Ward 6. I need an answer by Friday.\n\n"
    "Best,\nSam"
)


def _findings(doc) -> list[tuple[str, int, int]]:
    return [(h["code"], h["start"], h["end"]) for h in doc._.tonecheck_hits]


def test_a_doc_survives_to_bytes() -> None:
    from spacy.tokens import Doc

    from tonecheck.config import Settings
    from tonecheck.linter import get_nlp

    nlp = get_nlp(Settings())
    doc = nlp(LETTER)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert _findings(again) == _findings(doc) and _findings(doc)
    assert again._.tonecheck_stats == doc._.tonecheck_stats
    assert again._.tonecheck_elements["thanks"]["sentence"] == list(
        doc._.tonecheck_elements["thanks"]["sentence"]
    )
    assert [s.label_ for s in again.spans["tonecheck"]] == [
        s.label_ for s in doc.spans["tonecheck"]
    ]


def test_nlp_pipe_with_two_processes_gives_the_same_findings() -> None:
    from tonecheck.config import Settings
    from tonecheck.linter import get_nlp

    nlp = get_nlp(Settings())
    texts = [LETTER, LETTER.replace("Friday", "tomorrow"), "Thanks. - J"] * 3
    one = [_findings(d) for d in nlp.pipe(texts)]
    two = [_findings(d) for d in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert two == one


def test_a_saved_pipeline_loads_with_its_settings(tmp_path: Path) -> None:
    import spacy

    from tonecheck.config import Settings
    from tonecheck.pipeline import build_nlp

    settings = Settings(extra_phrases={"TC102": ("rock star",)}, ignore=("TC404",), max_words=120)
    nlp = build_nlp(settings)
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    text = LETTER + " I would be a rock star on the team."
    assert _findings(loaded(text)) == _findings(nlp(text))
    assert "TC102" in {code for code, _, _ in _findings(loaded(text))}
    assert loaded.get_pipe("tonecheck_rules").settings == nlp.get_pipe("tonecheck_rules").settings


def test_add_pipe_works_without_importing_tonecheck_first() -> None:
    code = (
        "import spacy\nnlp = spacy.blank('en')\n"
        "for name in ('tonecheck_sentences', 'tonecheck_stats', 'tonecheck_elements',"
        " 'tonecheck_rules'):\n    nlp.add_pipe(name)\n"
        "doc = nlp('Thank you!! It was the best interview ever.')\n"
        "print(sorted({h['code'] for h in doc._.tonecheck_hits}))\n"
    )
    codes = _run(code)
    assert "TC101" in codes and "TC201" in codes
