"""Every CSS rule's selector finds something where it is meant to (components/ui/styles.py).

The rules that name Streamlit's internal test ids break silently when an upgrade renames them:
the page still draws, only the layout is off. Here each rule's selector is looked up on the page
its ``found_on`` names; one that matches nothing fails the test, by name."""

from __future__ import annotations

from collections import defaultdict

import pytest

from components.ui import styles
from components.ui.styles import ALL_RULES
from tests.browser.conftest import wait_for_page

BY_PAGE: dict[str, list[str]] = defaultdict(list)
for _rule in ALL_RULES:
    if _rule.found_on is not None:
        BY_PAGE[_rule.found_on].append(_rule.selector)


@pytest.mark.parametrize("where", sorted(BY_PAGE))
def test_every_selector_matches_an_element(app_url, open_tab, where):
    page = open_tab(1280, 800)
    page.goto(f"{app_url}/{where}")
    wait_for_page(page, charts=1 if "present" in where else 0)
    counts = page.evaluate("(selectors) => selectors.map(s => document.querySelectorAll(s).length)", BY_PAGE[where])
    missing = [selector for selector, count in zip(BY_PAGE[where], counts, strict=True) if count == 0]
    assert missing == [], f"on /{where} these selectors match nothing: {missing}"


def test_a_selector_that_matches_nothing_is_caught(app_url, open_tab):
    """The check itself can fail: a renamed test id is reported."""
    page = open_tab(1280, 800)
    page.goto(f"{app_url}/exercises")
    wait_for_page(page)
    stale = ['[data-testid="stMainBlockContainerRenamed"]', '[data-testid="stMain"] h1']
    counts = page.evaluate("(selectors) => selectors.map(s => document.querySelectorAll(s).length)", stale)
    assert counts[0] == 0 and counts[1] > 0


def test_every_rule_is_drawn_and_checked_on_its_own():
    sheets = (styles.LAYOUT_CSS, styles.PHONE_CHART_CSS, styles.PHONE_METRICS_CSS, styles.NARROW_SCREEN_CSS)
    drawn = "".join((*sheets, styles.PRESENTATION_CSS))
    assert all(f"{rule.selector} {{ {rule.declarations} }}" in drawn for rule in ALL_RULES)
    assert all("," not in rule.selector for rule in ALL_RULES), "one selector per rule, so each is checked"
