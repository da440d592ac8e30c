"""``tonecheck.lazy_spacy``: ``import spacy`` after ``import tonecheck`` leaves spaCy's command line out
until it is used, and spaCy otherwise behaves as before.

The checks that import spaCy run in a fresh interpreter: this test process imported it long ago.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from importlib.machinery import ModuleSpec
from importlib.util import find_spec
from pathlib import Path

import pytest

from tonecheck import lazy_spacy


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_installed_spacy_is_one_the_stand_in_knows() -> None:
    # If a spaCy upgrade changes its __init__, the command line is loaded again (and this fails).
    assert lazy_spacy.has_eager_cli_import(find_spec("spacy"))


def test_import_spacy_after_tonecheck_leaves_the_command_line_out() -> None:
    out = run_python(
        """
        import sys
        import tonecheck
        import spacy
        nlp = spacy.blank("en")
        print(len(nlp("Thank you for the interview.")))
        print(sorted(m for m in ("spacy.cli", "spacy.cli.info", "requests", "weasel") if m in sys.modules))
        print(spacy.info is tonecheck.lazy_spacy.info)
        print(tonecheck.lazy_spacy._FINDER in sys.meta_path)
        """
    )
    assert out.split("\n")[:4] == ["6", "[]", "True", "False"]


def test_spacy_cli_and_spacy_info_still_work_on_first_use() -> None:
    out = run_python(
        """
        import sys
        import tonecheck
        import spacy
        print(callable(spacy.cli.download), "spacy.cli" in sys.modules)
        import spacy.cli.info
        print(sys.modules["spacy.cli.info"].__file__.endswith("info.py"))
        print(spacy.info(silent=True)["spacy_version"] == spacy.__version__)
        """
    )
    assert out.split("\n")[:3] == ["True True", "True", "True"]


def test_import_spacy_cli_statement_gets_the_real_package() -> None:
    out = run_python(
        """
        import tonecheck
        import spacy.cli
        from spacy.cli import setup_cli
        print(spacy.cli.__file__.endswith("__init__.py"), callable(setup_cli))
        """
    )
    assert out.split("\n")[0] == "True True"


def test_without_tonecheck_spacy_loads_its_command_line_as_usual() -> None:
    out = run_python("import sys, spacy; print('spacy.cli' in sys.modules)")
    assert out.strip() == "True"


def test_the_linter_output_is_the_same_either_way() -> None:
    # The same letter linted in a process where spaCy was imported first (command line loaded, the
    # finder never installed) and in one where tonecheck came first.
    code = """
        {first}
        import json
        from tonecheck import lint_text
        report = lint_text("Dear Ms. Park,\\n\\nThank you SO much!!! It was AMAZING. Call me by Friday.")
        print(json.dumps(report.to_dict(), sort_keys=True))
        """
    eager = run_python(code.format(first="import spacy"))
    lazy = run_python(code.format(first="import tonecheck"))
    assert eager == lazy
    assert '"TC201"' in lazy


def _spec(tmp_path: Path, source: str) -> ModuleSpec:
    init = tmp_path / "__init__.py"
    init.write_text(source, encoding="utf-8")
    return ModuleSpec("spacy", None, origin=str(init))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import sys\nfrom .cli.info import info  # noqa: F401\nfrom .vocab import Vocab\n", True),
        ("from .cli.info import info\nfrom .cli import app\n", False),  # uses the CLI elsewhere
        ("from .cli.info import info, debug\n", False),  # a line it does not know
        ("from .vocab import Vocab\n", False),  # nothing to stand in for
        ("from .cli.info import info\nfrom .cli.info import info\n", False),
    ],
)
def test_the_stand_in_is_used_only_for_the_line_it_knows(
    tmp_path: Path, source: str, expected: bool
) -> None:
    assert lazy_spacy.has_eager_cli_import(_spec(tmp_path, source)) is expected


def test_no_spec_or_no_source_means_no_stand_in(tmp_path: Path) -> None:
    assert not lazy_spacy.has_eager_cli_import(None)
    assert not lazy_spacy.has_eager_cli_import(ModuleSpec("spacy", None))
    missing = ModuleSpec("spacy", None, origin=str(tmp_path / "gone" / "__init__.py"))
    assert not lazy_spacy.has_eager_cli_import(missing)
    binary = tmp_path / "__init__.py"
    binary.write_bytes(b"\xff\xfe\x00from .cli.info import info")
    assert not lazy_spacy.has_eager_cli_import(ModuleSpec("spacy", None, origin=str(binary)))


def test_install_is_a_no_op_once_spacy_is_imported() -> None:
    import spacy  # noqa: F401

    lazy_spacy.install()
    assert lazy_spacy._FINDER not in sys.meta_path


def test_a_failed_spacy_import_leaves_no_stand_in(monkeypatch: pytest.MonkeyPatch) -> None:
    # The stand-ins live in sys.modules only while spaCy's __init__ runs; if it fails before the
    # line that removes them, uninstall() does.
    for name in ("spacy", *lazy_spacy.STAND_INS):
        monkeypatch.delitem(sys.modules, name, raising=False)
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    lazy_spacy.install()
    assert lazy_spacy._FINDER.find_spec("spacy", None) is None
    assert all(name in sys.modules for name in lazy_spacy.STAND_INS)
    assert lazy_spacy._FINDER not in sys.meta_path
    lazy_spacy.uninstall()
    assert not any(name in sys.modules for name in lazy_spacy.STAND_INS)


def test_other_imports_pass_through() -> None:
    assert lazy_spacy._FINDER.find_spec("json", None) is None
