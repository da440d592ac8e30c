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


def test_a_lookup_of_spacy_changes_nothing_before_the_import() -> None:
    # Libraries probe for spaCy with find_spec: that must not import or break anything.
    out = run_python(
        """
        import importlib.util, sys
        import tonecheck
        spec = importlib.util.find_spec("spacy")
        print(spec is not None, sorted(m for m in sys.modules if m.startswith("spacy")))
        from spacy.cli import download
        print(callable(download))
        import spacy
        print(spacy.info is tonecheck.lazy_spacy.info, spacy.cli.download is download)
        """
    )
    assert out.split("\n")[:3] == ["True []", "True", "True True"]


def test_a_probe_then_an_import_still_leaves_the_command_line_out() -> None:
    out = run_python(
        """
        import importlib.util, sys
        import tonecheck
        importlib.util.find_spec("spacy")
        import spacy
        print("spacy.cli" in sys.modules, spacy.info is tonecheck.lazy_spacy.info)
        """
    )
    assert out.split("\n")[0] == "False True"


def test_a_failed_spacy_import_leaves_spacy_importable() -> None:
    # spaCy's import fails once halfway (a finder refuses spacy.errors); the next import, and the
    # command line, work as usual.
    out = run_python(
        """
        import sys
        import tonecheck

        class Refuse:
            def find_spec(self, name, path=None, target=None):
                if name == "spacy.errors":
                    raise ImportError("refused once")
                return None

        sys.meta_path.insert(0, Refuse())
        try:
            import spacy
        except ImportError as exc:
            print("failed:", exc)
        sys.meta_path.pop(0)
        from spacy.cli import download
        import spacy
        print(callable(download), callable(spacy.info), spacy.blank("en")("Thanks.")[0].text)
        """
    )
    assert out.split("\n")[:2] == ["failed: refused once", "True True Thanks"]


def test_the_lazy_spacy_keeps_its_file_resources_and_line_numbers() -> None:
    out = run_python(
        """
        import importlib.resources, inspect
        import tonecheck, spacy
        print(spacy.__file__.endswith("__init__.py"), importlib.resources.files("spacy").joinpath("about.py").is_file())
        print(inspect.getsourcelines(spacy.blank)[1] == spacy.blank.__code__.co_firstlineno)
        """
    )
    assert out.split("\n")[:2] == ["True True", "True"]


def test_threads_importing_spacy_together() -> None:
    out = run_python(
        """
        import threading
        import tonecheck
        results = []
        def work():
            from spacy.tokens import Doc
            import spacy
            results.append((Doc is spacy.tokens.Doc, callable(spacy.info)))
        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads: t.start()
        for t in threads: t.join()
        print(results == [(True, True)] * 4)
        """
    )
    assert out.strip() == "True"


EAGER_INIT = "import sys\nfrom .cli.info import info  # noqa: F401\nfrom .vocab import Vocab\n"


def test_the_eager_line_and_only_it_is_replaced() -> None:
    lazy = lazy_spacy.lazy_source(EAGER_INIT)
    assert lazy == f"import sys\n{lazy_spacy.LAZY_LINE}\nfrom .vocab import Vocab\n"
    crlf = lazy_spacy.lazy_source(EAGER_INIT.replace("\n", "\r\n"))
    assert crlf is not None and crlf.count("\r\n") == 3  # same lines, same line numbers


@pytest.mark.parametrize(
    "source",
    [
        "from .cli.info import info\nfrom .cli import app\n",  # uses the command line elsewhere
        "from .cli.info import info, debug\n",  # a line it does not know
        "from .vocab import Vocab\n",  # nothing to replace
        "from .cli.info import info\nfrom .cli.info import info\n",
        "def __getattr__(name):\n    from .cli.info import info\n    return info\n",  # indented
        "from .cli.info import info\ndef __getattr__(name):\n    raise AttributeError(name)\n",
    ],
)
def test_any_other_spacy_init_is_left_as_it_is(source: str) -> None:
    assert lazy_spacy.lazy_source(source) is None


def _spec(tmp_path: Path, source: str) -> ModuleSpec:
    init = tmp_path / "__init__.py"
    init.write_text(source, encoding="utf-8")
    return ModuleSpec("spacy", None, origin=str(init))


def test_a_spec_is_judged_by_its_file(tmp_path: Path) -> None:
    assert lazy_spacy.has_eager_cli_import(_spec(tmp_path, EAGER_INIT))
    assert not lazy_spacy.has_eager_cli_import(_spec(tmp_path, "from .vocab import Vocab\n"))
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


def test_other_imports_pass_through() -> None:
    assert lazy_spacy._FINDER.find_spec("json", None) is None
