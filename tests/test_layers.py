"""Data flows one way: every import inside ``components`` points down the layers, and only the
Streamlit boundary (``components/ui``) talks to Streamlit."""

from __future__ import annotations

import ast
from pathlib import Path

from components.data.schema import TABLES
from components.data.schema_ru import SCHEMA_RU
from tests.conftest import ROOT

# Lowest first. A module may import its own layer and the layers before it, never one after it.
LAYERS = ("i18n", "data", "derive", "figures", "model", "export", "ui")
ALLOWED = {layer: set(LAYERS[: index + 1]) for index, layer in enumerate(LAYERS)}
STREAMLIT_LAYERS = {"ui"}


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


def layer_of(path: Path) -> str:
    return path.relative_to(ROOT / "components").parts[0]


def test_every_module_is_in_a_layer():
    for path in (ROOT / "components").rglob("*.py"):
        if path.parent == ROOT / "components":
            assert path.name == "__init__.py", f"{path.name} sits outside the layers"
            continue
        assert layer_of(path) in LAYERS, path


def test_imports_point_down_the_layers():
    """The allowed direction of every import: i18n <- data <- derive <- figures <- model <- export <- ui."""
    wrong = []
    for path in (ROOT / "components").rglob("*.py"):
        if path.parent == ROOT / "components":
            continue
        layer = layer_of(path)
        for module in imports_of(path):
            parts = module.split(".")
            if parts[0] == "components" and len(parts) > 1 and parts[1] not in ALLOWED[layer]:
                wrong.append(f"{path.relative_to(ROOT)} ({layer}) imports {module}")
            if parts[0] == "streamlit" and layer not in STREAMLIT_LAYERS:
                wrong.append(f"{path.relative_to(ROOT)} ({layer}) imports streamlit")
    assert wrong == []


def test_pages_and_frame_use_components_not_each_other():
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py")]:
        for module in imports_of(path):
            assert not module.startswith("pages"), f"{path.name} imports {module}"


# A page reads state -> model -> render: it names the interface's words and the model of its view,
# never a table, a derivation or a figure (those reach it through its model or a ui function).
PAGE_LAYERS = {"ui", "model", "i18n"}


def test_pages_import_only_ui_model_and_i18n():
    wrong = [
        f"pages/{path.name} imports {module}"
        for path in sorted((ROOT / "pages").glob("*.py"))
        for module in imports_of(path)
        if module.startswith("components.") and module.split(".")[1] not in PAGE_LAYERS
    ]
    assert wrong == []


def test_the_data_contract_is_described_in_russian():
    missing = [
        f"{name}.{key}"
        for name, spec in TABLES.items()
        for key in ("row", *spec.column_names)
        if f"{name}.{key}" not in SCHEMA_RU
    ]
    assert missing == []


# A page reads in one screen or two; a function in the layers a page is made of, in one.
PAGE_LINES = 100
FUNCTION_LINES = 60
SHORT_LAYERS = ("data", "derive", "figures", "model", "export", "ui", "i18n")


def test_every_page_file_is_short():
    long_pages = {
        path.name: n for path in (ROOT / "pages").glob("*.py") if (n := len(path.read_text().splitlines())) > PAGE_LINES
    }
    assert long_pages == {}


def test_no_function_in_the_app_or_its_benchmarks_is_long():
    paths = [ROOT / "app.py", *(ROOT / "pages").glob("*.py")]
    paths += [path for folder in ("bench", "tools") for path in (ROOT / folder).glob("*.py")]
    paths += [path for layer in SHORT_LAYERS for path in (ROOT / "components" / layer).glob("*.py")]
    long_functions = [
        f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for path in paths
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > FUNCTION_LINES
    ]
    assert long_functions == []
