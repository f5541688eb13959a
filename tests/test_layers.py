"""The import contracts (pyproject.toml, docs/architecture.md "Layers"): every app is in them, they hold, and
an import that points up or closes a cycle breaks them, as `make imports` (part of `make test`) reports."""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.tools import ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def contract(contract_id: str) -> dict:
    return next(c for c in config()["contracts"] if c["id"] == contract_id)


def packages(root: Path) -> set[str]:
    return {p.parent.name for p in root.glob("*/__init__.py")} - {"tests"}


def python_only(folder, names) -> list[str]:
    return [
        n for n in names if n == "__pycache__" or (not n.endswith(".py") and not Path(folder, n).is_dir())
    ]


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - the virtualenv's own tool
        [LINT_IMPORTS, "--no-cache", "--no-logo"], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_every_app_is_in_exactly_one_layer_and_checked_for_cycles():
    apps = packages(ROOT)
    layered = [
        name.strip().strip("()") for layer in contract("layers")["layers"] for name in layer.split("|")
    ]
    assert sorted(layered) == sorted(apps), "add the new app to a layer in pyproject.toml"
    assert set(config()["root_packages"]) == apps
    assert set(contract("acyclic")["ancestors"]) == apps


def test_the_imports_keep_the_contracts():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_an_import_up_the_layers_or_round_in_a_cycle_breaks_a_contract(tmp_path):
    """A copy of the code with two such imports, both inside functions (which count too)."""
    for package in packages(ROOT):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=python_only)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    assert lint_imports(tmp_path).returncode == 0
    with (tmp_path / "sitewide" / "restrictions.py").open("a") as module:
        module.write(
            "\n\ndef tag_url():\n    from news.cards import tag_url_base\n\n    return tag_url_base\n"
        )
    with (tmp_path / "newsletter" / "mailings.py").open("a") as module:
        module.write("\n\ndef enqueue():\n    from newsletter.tasks import send_article_mailing\n")

    result = lint_imports(tmp_path)

    assert result.returncode == 1
    assert "sitewide is not allowed to import news" in result.stdout
    assert "sitewide.restrictions -> news.cards" in result.stdout
    assert "No cycles are allowed in newsletter" in result.stdout
    assert "0 kept, 2 broken" in result.stdout
