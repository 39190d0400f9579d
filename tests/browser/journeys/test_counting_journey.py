"""A briefer checks the counts in Chromium: the who-trains-with-whom totals they download, the
Country profile's exercise CSV and the matrix legend agree with the raw file read with the csv
module (held exercises only; planned and cancelled marked apart and never counted)."""

from __future__ import annotations

import pytest

from tests.browser.journeys.helpers import open_page
from tests.browser.journeys.test_every_control import csv_rows, download
from tests.test_counting import independent_counts

pytestmark = pytest.mark.browser


def test_matrix_totals_download_and_legend_follow_the_counting_rule(app_url, watched_page):
    page = watched_page.page
    open_page(page, f"{app_url}/exercises", charts=2)
    rows = csv_rows(download(page, "download_participation_totals"))
    assert {row["state"] for row in rows} >= {"ARM", "KGZ", "RUS"}
    for row in rows:
        expected = independent_counts(row["state"])
        assert (int(row["took_part"]), int(row["hosted"]), int(row["not_held"])) == tuple(expected.values()), row
    legend = " ".join(page.locator(".js-plotly-plot .legendtext").all_text_contents())
    assert "+ planned: not held, not counted" in legend and "× cancelled: not held, not counted" in legend, legend
    assert watched_page.external_requests() == []


def test_country_profile_download_is_the_held_exercises_it_took_part_in(app_url, watched_page):
    page = watched_page.page
    open_page(page, f"{app_url}/country?country=ARM", charts=1)
    expected = independent_counts("ARM")
    rows = csv_rows(download(page, "download_exercises"))
    assert len(rows) == expected["took_part"] and {row["status"] for row in rows} == {"held"}
    assert "ub-2023-armenia" not in {row["exercise_id"] for row in rows}
    assert sum(row["role"] == "hosted" for row in rows) == expected["hosted"]
    listed = csv_rows(download(page, "download_exercises_not_held"))
    assert "ub-2023-armenia" in {row["exercise_id"] for row in listed}
    assert len(listed) == expected["not_held"]
    assert watched_page.external_requests() == []
