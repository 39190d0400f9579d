"""What the tests know about the app comes from the app itself: the pages ``app.py`` declares, the
pages with a declared state (``components.model.pages.PAGE_KINDS``) and each one's fields. A new
page is then covered by every test that walks the pages, and a renamed key fails a test instead of
being skipped. Setting a widget that the page does not have raises (``set_widget``), so a stale key
can no longer turn a check into a no-op.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Widget

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class DeclaredPage:
    """One ``st.Page(...)`` of app.py: its file (as AppTest's switch_page names it) and URL path."""

    file: str
    url_path: str


def declared_pages(app: Path = ROOT / "app.py") -> list[DeclaredPage]:
    """Every ``st.Page("pages/x.py", ..., url_path=...)`` in app.py, in menu order (read from the
    source, so the tests need not start Streamlit to know the pages)."""
    pages: list[tuple[int, int, DeclaredPage]] = []
    for node in ast.walk(ast.parse(app.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "Page"):
            continue
        file = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
        url_path = next((kw.value.value for kw in node.keywords if kw.arg == "url_path"), None)
        if not isinstance(file, str) or not isinstance(url_path, str):
            raise AssertionError(f"app.py line {node.lineno}: st.Page without a literal file and url_path")
        pages.append((node.lineno, node.col_offset, DeclaredPage(file, url_path)))
    if not pages:
        raise AssertionError("app.py declares no st.Page: the tests would cover nothing")
    return [page for *_, page in sorted(pages)]


DECLARED_PAGES = declared_pages()
ALL_PAGES = [page.file for page in DECLARED_PAGES]
PAGE_FILE = {page.url_path: page.file for page in DECLARED_PAGES}


def page_file(kind: str) -> str:
    """The page file of a page with a declared state (``"structure"`` -> ``"pages/structure.py"``)."""
    if kind not in PAGE_FILE:
        raise AssertionError(f"no page with url_path {kind!r} in app.py (pages: {sorted(PAGE_FILE)})")
    return PAGE_FILE[kind]


# Link keys a page keeps besides the app's and its declared state's (components/ui/frame.unknown_keys).
PAGE_ONLY_LINK_KEYS = {"briefing": ("slide",)}


def link_keys(page: str) -> list[str]:
    """Every URL key ``page`` (a page file) keeps: the app's, its declared state's, its own."""
    from components.model.pages import PAGE_KINDS
    from components.ui.frame import APP_KEYS

    kind = next(url for url, file in PAGE_FILE.items() if file == page)
    spec_keys = PAGE_KINDS[kind].spec.keys if kind in PAGE_KINDS else ()
    return sorted(set(APP_KEYS) | set(spec_keys) | set(PAGE_ONLY_LINK_KEYS.get(kind, ())))


def field_widget_key(kind: str, name: str) -> str:
    """The widget key of field ``name`` of page ``kind``'s declared state; fails if the page has no
    such field (a renamed field breaks the test that used the old name)."""
    from components.model.pages import PAGE_KINDS
    from components.ui.state import widget_key

    keys = PAGE_KINDS[kind].spec.keys
    if name not in keys:
        raise AssertionError(f"page {kind!r} declares no field {name!r} (fields: {list(keys)})")
    return widget_key(name)


def widgets(at: AppTest) -> dict[str, Widget]:
    """Every keyed widget the last run drew (main area and sidebar), by key."""
    return {node.key: node for node in at._tree if isinstance(node, Widget) and node.key}


def widget(at: AppTest, key: str) -> Widget:
    """The widget with ``key``; an AssertionError naming the keys that exist if there is none."""
    found = widgets(at)
    if key not in found:
        raise AssertionError(f"no widget with key {key!r} on this page; its widgets: {sorted(found)}")
    return found[key]


def set_widget(at: AppTest, key: str, value: Any) -> AppTest:
    """Set a widget as a person would, run the script, and fail loudly if the widget is missing,
    the value is not one it offers, or the run raised."""
    widget(at, key).set_value(value)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    current = widgets(at).get(key)
    assert current is not None, f"widget {key!r} vanished after it was set"
    shown = current.value
    expected = list(value) if isinstance(value, tuple) and not _is_range(value) else value
    assert shown == expected or (isinstance(shown, tuple) and list(shown) == list(expected)), (key, shown, value)
    return at


def _is_range(value: tuple) -> bool:
    return len(value) == 2 and all(isinstance(v, int) for v in value)
