"""Prevention and Beleid & regie hold no personal data and reach no signal, care case or
enforcement case row: no module of theirs (views, selectors, services, evidence) imports a
case model or the selectors of a case app. Only the national list of forms of exploitation
(catalogue data) is read from signalling."""

import ast
from pathlib import Path

import pytest

import baken

APPS = ("policy", "prevention")
CASE_APPS = ("signalling", "care", "enforcement", "coordination")
#: Catalogue data of signalling that these apps may use: no case rows.
ALLOWED = {("baken.signalling.models", "ExploitationForm")}


def _modules():
    root = Path(baken.__file__).parent
    for app in APPS:
        for path in (root / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            yield path


@pytest.mark.parametrize("path", list(_modules()), ids=lambda path: f"{path.parent.name}/{path.name}")
def test_module_imports_no_case_data(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if any(node.module.startswith(f"baken.{app}") for app in CASE_APPS):
                for alias in node.names:
                    assert (node.module, alias.name) in ALLOWED, f"{path}: {node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                assert not any(alias.name.startswith(f"baken.{app}") for app in CASE_APPS), f"{path}: {alias.name}"
