"""The app as plain ``streamlit run app.py`` runs it (Streamlit Community Cloud and similar hosts),
with none of the help ``make run`` gives (``components.ui.serve``) or the other tests get.

- The smoke test Streamlit's app-testing action runs: ``AppTest.from_file`` on ``app.py`` and on
  every file in ``pages/``, each alone, without an exception.
- Pin of a private Streamlit mechanism: a top-level ``pages/`` folder switches on Streamlit's older
  multipage mode (``PagesManager.uses_pages_directory``), in which a cold deep link runs the page
  file without ``app.py``. ``components/ui/navigation.py`` switches it off and restarts such a run;
  these tests fail when a Streamlit upgrade changes that mechanism, and the deep links below fail
  without the restart (the page then runs alone, with no sidebar and no frame).
- The Overview introduces every page of the app, with a link to each, and says how current the
  data is.
"""

from __future__ import annotations

import ast
import inspect

import pytest
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

from components.data.version import recorded_review
from components.i18n.text import format_date, t
from tests.conftest import DATA, ROOT

PAGE_FILES = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "pages").glob("*.py"))


@pytest.fixture(autouse=True)
def declared_navigation():
    """Overrides tests/conftest.py's fixture of the same name, which tells Streamlit before every
    AppTest run that the pages are declared: here Streamlit decides for itself, as it does under
    plain ``streamlit run app.py``."""
    yield


def declared_pages() -> dict[str, str]:
    """app.py's ``st.Page`` declarations: page file -> URL path ('' for the default page)."""
    pages = {}
    for node in ast.walk(ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page":
            url_path = next(keyword.value for keyword in node.keywords if keyword.arg == "url_path")
            pages[ast.literal_eval(node.args[0])] = ast.literal_eval(url_path)
    return pages


def test_every_page_file_is_declared_in_app_py():
    assert sorted(declared_pages()) == PAGE_FILES


def test_streamlit_still_has_the_pages_folder_mode_navigation_py_switches_off():
    """Fails on a Streamlit upgrade that renames or stops consulting the private attribute: then
    check components/ui/navigation.py against the new source (and the browser test
    tests/browser/test_run_app_browser.py), and update both."""
    assert "uses_pages_directory" in vars(PagesManager), "PagesManager.uses_pages_directory is gone"
    runner_source = inspect.getsource(script_runner.ScriptRunner)
    assert "PagesManager.uses_pages_directory" in runner_source, "the script runner no longer consults it"
    PagesManager.uses_pages_directory = None
    PagesManager(str(ROOT / "app.py"))
    assert PagesManager.uses_pages_directory is True, "a top-level pages/ folder no longer switches the mode on"
    PagesManager.uses_pages_directory = None


@pytest.mark.parametrize("script", ["app.py", *PAGE_FILES])
def test_smoke_every_script_alone(script):
    """streamlit-app-action's convention: each file run on its own raises nothing."""
    at = AppTest.from_file(str(ROOT / script), default_timeout=120).run()
    assert not at.exception, [exception.value for exception in at.exception]


def cold(page: str, params: dict[str, str]) -> AppTest:
    """A fresh session opening ``page`` by its link, Streamlit deciding the mode itself (AppTest
    resets the mode before every run, as a fresh server process starts with it undecided)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    if page != "pages/overview.py":
        at.switch_page(page)  # before the first run: identified by its file name, as a URL path is
    return at.run()


@pytest.mark.parametrize("page", PAGE_FILES)
def test_a_cold_deep_link_runs_the_page_inside_the_frame(page):
    url_path = declared_pages()[page]
    at = cold(page, {"country": "KGZ", "lang": "ru"})
    assert not at.exception, [exception.value for exception in at.exception]
    assert at.session_state["_current_page"] == url_path, "the page ran without app.py's navigation"
    picker = at.sidebar.selectbox(key="country_picker")
    assert picker.value == "KGZ" and picker.label == "Страна в фокусе", "no frame: the sidebar is not the app's"


def test_a_cold_presentation_link_presents():
    at = cold("pages/membership.py", {"present": "1"})
    assert not at.exception, [exception.value for exception in at.exception]
    assert at.button(key="present_exit").label == t("present.exit", "en"), "not presenting"
    assert at.session_state["_current_page"] == "membership"
    assert not at.sidebar.selectbox, "presenting shows no sidebar"


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_overview_links_every_page_and_says_how_current_the_data_is(lang):
    at = cold("pages/overview.py", {"lang": lang})
    links = {link.proto.page for link in at.main.get("page_link")}
    others = {url for url in declared_pages().values() if url}
    assert links == others, f"pages the Overview does not link: {sorted(others - links)}"
    day = format_date(recorded_review(DATA).reviewed, lang=lang)
    wording = {"en": f"Data reviewed up to {day}", "ru": f"Данные проверены по {day}"}[lang]
    assert any(caption.value.startswith(wording) for caption in at.caption), [c.value for c in at.caption]
    captions = {caption.value for caption in at.main.caption}
    for url in others:
        assert t(f"overview.card.{url}", lang) in captions, f"the {url} card does not say what the page answers"
