"""Hostile data and configuration: payloads stay inert text; the production settings are hardened."""

from __future__ import annotations

import ast
import csv
import json
import os
import re
import shutil
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.data.loaders import read_all
from components.data.schema import TABLES
from components.export.csv import to_csv_bytes
from components.export.html import briefing_html
from components.model.deck import default_deck, slide_model
from tests.conftest import ALL_PAGES, DATA, FIXED_TODAY, ROOT, app_test, data_copy_with

PAYLOADS = [
    "<script>alert('x')</script>",
    '"><img src=http://evil.example/x.png onerror=alert(1)>',
    "![pixel](http://evil.example/p.png)",
    "[click](javascript:alert(1))",
    "<iframe src=//evil.example></iframe>",
    "$\\href{javascript:alert(1)}{x}$",
    '=HYPERLINK("http://evil.example")',
]
TEXT_KINDS = {"text", "list"}


def poison(folder: Path) -> None:
    """Put a payload into every free-text field of every table (ids and codes stay valid)."""
    for spec in TABLES.values():
        path = folder / spec.file_name
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for number, row in enumerate(rows):
            payload = PAYLOADS[number % len(PAYLOADS)]
            for column in spec.columns:
                if column.references:  # a list of ids of another table (place_ids): kept valid
                    continue
                if (column.kind in TEXT_KINDS and not column.required) or column.kind == "text":
                    row[column.name] = (row[column.name] + " " + payload).strip()
                if column.kind == "url":
                    row[column.name] += " ; https://example.org/?q=%3Cscript%3Ealert(1)%3C/script%3E"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory) -> Path:
    return data_copy_with(tmp_path_factory, "poisoned", poison)


def test_poisoned_data_still_validates(poisoned):
    tables = read_all(poisoned, today=FIXED_TODAY)
    assert any("<script>" in name for name in tables["members"]["name_en"])


RAW_HTML = re.compile(r"(?<!\\)<(script|img|iframe)|(?<!\\)!\[|(?<!\\)\]\(javascript", re.IGNORECASE)


@pytest.mark.parametrize(
    "page",
    ALL_PAGES,
)
def test_payloads_render_as_inert_text_on_every_page(poisoned, monkeypatch, page):
    monkeypatch.setenv("CSTO_DATA_DIR", str(poisoned))
    params = {"country": "ARM"}
    if page == "pages/structure.py":
        params["body"] = "csc"
    if page == "pages/exercises.py":
        params["exercise"] = "rubezh-2004"
    at = app_test(page, params)
    assert not at.exception
    rendered = [
        el.value
        for kind in ("markdown", "caption", "subheader", "header", "title", "error", "warning", "info", "success")
        for el in getattr(at, kind)
    ]
    offending = [text for text in rendered if RAW_HTML.search(str(text))]
    assert offending == []


def test_payloads_are_inert_in_exports(poisoned):
    tables = read_all(poisoned, today=FIXED_TODAY)
    slides = [slide_model(view, tables, "en", FIXED_TODAY) for view in default_deck(FIXED_TODAY)]
    page = briefing_html(slides, "v", FIXED_TODAY)
    body = page.split("</head>", 1)[1]
    assert not re.search(r"<(img|iframe)\b", body) and "<script>alert" not in body
    assert "javascript:" not in re.sub(r"\\u003c|\\u002f", "", body).split("href=")[0] or 'href="javascript' not in body
    csv_text = to_csv_bytes(tables["events"]).decode()
    assert "\n=HYPERLINK" not in csv_text and ",=HYPERLINK" not in csv_text


# The only values st.html may draw: module-level style constants (assigned once, at import, from
# literals and other module constants: no argument, no data, nothing per session), and the script
# that declares the page's language, which only ever holds a code from LANGUAGES, and the "Skip to the
# chart" link's script, which holds a chart key (checked) and the catalogue's text only.
LANG_SCRIPT_CALL = "lang_script(lang), unsafe_allow_javascript=True"
SKIP_SCRIPT_CALL = "script, unsafe_allow_javascript=True"


def _module_constants(tree: ast.Module) -> dict[str, ast.expr]:
    return {
        target.id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _static(value: ast.expr, constants: dict[str, ast.expr], seen: frozenset[str] = frozenset()) -> bool:
    """Built only from literals and other static module constants (a join over them included)."""
    for node in ast.walk(value):
        if isinstance(node, ast.Name) and node.id not in {"prefix", "selector"}:
            if node.id in seen or node.id not in constants or (not node.id.isupper() and not node.id.startswith("_")):
                return False
            if not _static(constants[node.id], constants, seen | {node.id}):
                return False
        if isinstance(node, ast.Call) and not (
            isinstance(node.func, ast.Attribute) and node.func.attr in {"join", "split"}
        ):
            return False
    return True


STYLES = ROOT / "components" / "ui" / "styles.py"  # the module that owns every CSS rule


def _styles_imported(tree: ast.Module) -> set[str]:
    """The names a module imports from components.ui.styles (checked as that module's constants)."""
    return {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module == "components.ui.styles"
        for alias in node.names
    }


def test_no_data_reaches_unsafe_html():
    """st.html draws static style constants only (and the fixed-code language script); nothing uses
    unsafe_allow_html. A constant imported from components/ui/styles.py is checked there."""
    offenders = []
    styles = _module_constants(ast.parse(STYLES.read_text(encoding="utf-8")))
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "components").rglob("*.py")]:
        source = path.read_text(encoding="utf-8")
        if "unsafe_allow_html" in source:
            offenders.append(f"{path.name}: unsafe_allow_html")
        tree = ast.parse(source)
        constants = _module_constants(tree)
        imported = _styles_imported(tree)
        for call in re.findall(r"st\.html\(((?:[^()]|\([^()]*\))*)\)", source):
            argument = call.strip()
            if argument in (LANG_SCRIPT_CALL, SKIP_SCRIPT_CALL) and path.name == "a11y.py":
                continue
            if argument in imported and argument in styles and _static(styles[argument], styles):
                continue
            if argument not in constants or not _static(constants[argument], constants):
                offenders.append(f"{path.name}: st.html({call})")
    assert offenders == []


def test_the_language_script_only_ever_holds_a_known_code():
    from components.ui.a11y import lang_script

    for hostile in ("ru", "en", "';alert(1);'", "<script>", None, "de"):
        script = lang_script(hostile)
        assert script in {lang_script("en"), lang_script("ru")}
        assert script.count("'") == 2


def test_the_static_check_catches_data():
    """The check above can fail: a constant built from a call (e.g. reading a file) is not static."""
    tree = ast.parse("X = 'a' + Y\nY = 'b'\nZ = open('f').read()\nW = f'{Z}'\n")
    constants = _module_constants(tree)
    assert _static(constants["X"], constants)
    assert not _static(constants["Z"], constants)
    assert not _static(constants["W"], constants)


def test_production_configuration_is_hardened():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True
    assert config["server"]["headless"] is True
    assert 0 < config["server"]["maxUploadSize"] <= 5
    assert config["browser"]["gatherUsageStats"] is False
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["toolbarMode"] == "viewer"
    # A table's own toolbar CSV would carry formula cells raw; the neutralised downloads remain.
    assert config["client"]["disableDataExport"] is True
    # The source watcher re-walks every module per new session on the event loop (bench/RESULTS.md).
    assert config["server"]["fileWatcherType"] == "none"


def test_upload_is_validated_and_kept_in_the_session_only(monkeypatch, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    monkeypatch.setenv("CSTO_DATA_DIR", str(folder))
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    script = """
import streamlit as st
from components.ui.cache import accept_upload, load_table
from components.data.loaders import DataValidationError
from components.data.schema import TABLES
header = ",".join(TABLES["exercises"].column_names)
good = (header + "\\nmine-2025,Mine-2025,Interaction,2025-05-01,,day,held,KGZ,,,,,KGZ,,,,,https://example.org/mine,,,,,,,,,\\n").encode()
bad = (header + "\\nmine-2,Mine,Interaction,2025-05-01,,day,held,XXX,,,,,,,,,,https://example.org,,,,,,,,,\\n").encode()
st.text(accept_upload("exercises", "mine.csv", good))
for name, raw in [("bad.csv", bad), ("big.csv", b"x" * 3_000_000), ("notes.txt", good), ("dup.csv", good)]:
    try:
        accept_upload("exercises", name, raw)
    except DataValidationError as error:
        st.text("REJECTED " + str(error).splitlines()[1])
st.text(len(load_table("exercises")))
"""
    at = AppTest.from_string(script, default_timeout=30).run()
    assert not at.exception
    values = [m.value for m in at.text]
    assert values[0] == "1"
    assert (
        "host_states" in values[1]
        and "bytes" in values[2]
        and ".csv file" in values[3]
        and "already in the data" in values[4]
    )
    assert int(values[5]) == len(read_all(folder)["exercises"]) + 1
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before, "nothing written to disk"
    other_session = AppTest.from_string(
        "from components.ui.cache import load_table\nimport streamlit as st\nst.text(len(load_table('exercises')))"
    ).run()
    assert int(other_session.text[0].value) == len(read_all(folder)["exercises"])


def test_cached_models_follow_state_language_data_contents_and_uploads(monkeypatch, tmp_path):
    """A model is built once per data snapshot, state and language and shared by sessions; an
    edit that keeps the file's modification time is picked up; uploads get their own snapshot."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    monkeypatch.setenv("CSTO_DATA_DIR", str(folder))
    script = """
import streamlit as st
from components.model.base import PageModel
from components.ui.cache import cached_model
from components.i18n.text import set_language
set_language(st.query_params.get("lang", "en"))
if st.query_params.get("upload"):
    st.session_state["session_rows_digest"] = "abc"
built = st.session_state.setdefault("built", [])
def build(tables, state, lang, today):
    built.append(state["option"])
    return PageModel("probe", state["option"], "", "")
for option in ("a", "a", "b"):
    st.text(cached_model("probe", build, {}, {"option": option}).title)
st.text(",".join(built))
"""
    first = AppTest.from_string(script, default_timeout=30).run()
    assert [m.value for m in first.text] == ["a", "a", "b", "a,b"], "one build per key"
    second = AppTest.from_string(script, default_timeout=30).run()
    assert second.text[-1].value == "", "another session gets the cached models"
    russian = AppTest.from_string(script, default_timeout=30)
    russian.query_params["lang"] = "ru"
    assert russian.run().text[-1].value == "a,b", "each language has its own models"
    path = folder / "exercises.csv"
    stat = path.stat()
    path.write_bytes(path.read_bytes().replace(b"Rubezh-2004", b"Rubezh-2O04", 1))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    assert AppTest.from_string(script, default_timeout=30).run().text[-1].value == "a,b", "edited contents rebuild"
    uploaded = AppTest.from_string(script, default_timeout=30)
    uploaded.query_params["upload"] = "1"
    assert uploaded.run().text[-1].value == "a,b", "a session with uploads has its own snapshot"


def test_the_skip_link_script_holds_only_a_chart_key_and_the_catalogue_text(monkeypatch):
    """The script of the "Skip to the chart" link: a key that is not a plain chart key is refused,
    and whatever the text, nothing in it ends the script or opens markup."""
    from components.i18n.text import CATALOGUE
    from components.ui.a11y import skip_script

    for hostile in ("org_chart'", "x</script><script>alert(1)", "a b", "", "chart-1", "é"):
        with pytest.raises(ValueError):
            skip_script(hostile)
    for lang in ("en", "ru", "de", "<script>"):
        script = skip_script("org_chart", lang)
        assert script.count("<script>") == 1 and script.count("</script>") == 1
        assert '"org_chart"' in script
        text = CATALOGUE.get(lang, CATALOGUE["en"])["chart.skip_link"]
        assert json.dumps(text) in script
    monkeypatch.setitem(CATALOGUE["en"], "chart.skip_link", "</script><img src=x onerror=alert(1)>")
    script = skip_script("org_chart", "en")
    assert script.count("</script>") == 1 and "<img" not in script
