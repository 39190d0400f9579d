"""One test per fact corrected in issue #19 (see data/README.md, "Change log").

Reads the CSV files directly (pure csv, no Streamlit, no date bound), so the 2026 rows are checked even
before the app's schema knows the new columns.
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"


def table(name: str) -> list[dict[str, str]]:
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def by_id(name: str, key: str) -> dict[str, dict[str, str]]:
    return {r[key]: r for r in table(name)}


EVENTS = by_id("events", "event_id")
BODIES = by_id("bodies", "body_id")
MEMBERS = by_id("members", "iso3")


# --- chairmanship: terms with the handover day where sourced -------------------------------------


@pytest.mark.parametrize(
    ("event_id", "start", "end"),
    [
        ("chair-2007-blr", "2007-01-01", "2007-10-06"),
        ("chair-2007-kgz", "2007-10-06", "2008-09-05"),
        ("chair-2008-arm", "2008-09-05", "2009-06-14"),
        ("chair-2009-rus", "2009-06-14", "2010-12-10"),
        ("chair-2011-kaz", "2011-12-20", "2012-12-19"),
        ("chair-2012-kgz", "2012-12-19", "2013-09-23"),
        ("chair-2014-rus", "2013-09-23", "2014-12-23"),
        ("chair-2019-kgz", "2018-11-08", "2019-11-28"),
        ("chair-2020-rus", "2019-11-28", "2020-12-02"),
        ("chair-2021-tjk", "2020-12-02", "2021-09-16"),
        ("chair-2022-arm", "2021-09-16", "2022-11-23"),
        ("chair-2023-blr", "2022-11-23", "2023-12-31"),
        ("chair-2024-kaz", "2024-01-01", "2024-12-31"),
        ("chair-2025-kgz", "2025-01-01", "2025-12-31"),
    ],
)
def test_chairmanship_term_days(event_id, start, end):
    row = EVENTS[event_id]
    assert (row["date"], row["end_date"]) == (start, end)


@pytest.mark.parametrize(
    "event_id",
    ["chair-2008-kgz", "chair-2009-arm", "chair-2010-rus", "chair-2012-kaz", "chair-2013-kgz", "chair-2016-arm"],
)
def test_year_rows_that_duplicated_a_term_are_gone(event_id):
    assert event_id not in EVENTS


def test_no_two_chairmanships_overlap_where_the_days_are_known():
    terms = sorted(
        (r for r in EVENTS.values() if r["category"] == "chairmanship" and r["date_precision"] == "day"),
        key=lambda r: r["date"],
    )
    for earlier, later in itertools.pairwise(terms):
        if earlier["end_date"]:
            assert earlier["end_date"] <= later["date"], (earlier["event_id"], later["event_id"])


def test_russia_chairs_from_1_january_2026():
    row = EVENTS["chair-2026-rus"]
    assert row["date"] == "2026-01-01" and row["states"] == "RUS"


# --- Collective Air Forces: only "on the agenda" in December 2014 ---------------------------------


def test_collective_air_forces_have_no_founding_date():
    caf = BODIES["caf"]
    assert caf["established"] == "" and caf["established_precision"] == ""
    assert "No source found" in caf["description"]


def test_collective_air_forces_event_says_on_the_agenda():
    row = EVENTS["forces-aviation-2014"]
    assert "on the agenda" in row["title"] and "formed" not in row["title"]


def test_collective_air_forces_not_linked_as_established_by_the_council():
    links = {(r["from_id"], r["to_id"], r["relation"]) for r in table("body_links")}
    assert ("caf", "csc", "established_by") not in links


def test_permanent_council_agreed_the_air_forces_draft_on_30_september_2014():
    assert EVENTS["forces-aviation-permanent-council-2014"]["date"] == "2014-09-30"


# --- other corrected dates -------------------------------------------------------------------------


def test_2005_moscow_session_is_23_june_2005():
    row = EVENTS["summit-2005-moscow"]
    assert (row["date"], row["date_precision"]) == ("2005-06-23", "day")


def test_military_committee_founding_is_month_precise():
    row = BODIES["military_committee"]
    assert (row["established"], row["established_precision"]) == ("2012-12-01", "month")


def test_treaty_in_force_on_20_april_1994_without_the_blog_date():
    row = EVENTS["treaty-in-force-1994"]
    assert row["date"] == "1994-04-20"
    assert "20 December 1994" not in row["note"]


# --- 2026 --------------------------------------------------------------------------------------------


def test_2026_csc_session_in_moscow_is_recorded_as_planned():
    row = EVENTS["summit-2026-11-moscow"]
    assert row["date"] == "2026-11-11" and row["category"] == "summit" and row["status"] == "planned"
    assert "Moscow" in row["title"]


@pytest.mark.parametrize(
    ("event_id", "date"),
    [
        ("cssc-2026-05-moscow-region", "2026-05-01"),
        ("cfm-2026-06-kazan", "2026-06-01"),
        ("forum-2026-11-moscow", "2026-11-01"),
    ],
)
def test_2026_ministerial_meetings_are_planned_and_month_precise(event_id, date):
    row = EVENTS[event_id]
    assert (row["date"], row["date_precision"], row["status"]) == (date, "month", "planned")


def test_masadykov_secretary_general_from_2026():
    row = EVENTS["sg-masadykov"]
    assert row["date"] == "2026-01-01" and "31 Dec 2028" in row["note"]


def test_permanent_council_chair_2026():
    assert EVENTS["permanent-council-chair-2026"]["date"] == "2026-01-13"


def test_armenia_2026_statement_keeps_participation_frozen():
    rows = [r for r in table("membership") if r["state"] == "ARM" and r["date"] == "2026-01-14"]
    assert len(rows) == 1 and rows[0]["change"] == "participation_frozen" and rows[0]["basis"] == "political"


# --- Russian data ------------------------------------------------------------------------------------


def test_belarus_russian_name_is_belarus():
    assert MEMBERS["BLR"]["name_ru"] == "Беларусь"


def test_kyrgyzstan_russian_name_is_kyrgyzstan():
    assert MEMBERS["KGZ"]["name_ru"] == "Кыргызстан"


@pytest.mark.parametrize("name", ["members", "membership", "events", "bodies", "body_links", "discrepancies"])
def test_no_other_russian_state_names(name):
    text = (DATA / f"{name}.csv").read_text(encoding="utf-8")
    assert "Белорусс" not in text and "Киргиз" not in text


def test_every_event_has_a_russian_title_and_status():
    for row in EVENTS.values():
        assert row["title_ru"], row["event_id"]
        assert row["ru_translated"] in {"yes", "no"}, row["event_id"]
        assert row["status"] in {"held", "planned", "cancelled"}, row["event_id"]


def test_terrorism_working_group_has_its_russian_name():
    assert BODIES["wg_terrorism"]["name_ru"].startswith("Рабочая группа экспертов")


def test_information_working_group_has_a_russian_name_marked_as_our_translation():
    """No CSTO wording was found; the Russian interface still names it in Russian, and says whose words they are."""
    row = BODIES["wg_information"]
    assert row["name_ru"] == "Рабочая группа по информационной политике и информационной безопасности"
    assert row["ru_translated"] == "yes"


# --- discrepancies for a visitor ---------------------------------------------------------------------


def test_discrepancies_say_where_and_in_russian():
    for row in table("discrepancies"):
        assert row["where"] and row["claim_ru"] and row["correction_ru"], row["discrepancy_id"]


@pytest.mark.parametrize("discrepancy_id", ["d19", "d20"])
def test_new_discrepancies_recorded(discrepancy_id):
    assert discrepancy_id in {r["discrepancy_id"] for r in table("discrepancies")}


# --- coordinates from an encyclopedia, not a coordinate-SEO site -------------------------------------


def test_baku_coordinates_from_an_encyclopedia():
    # Issue #33: 40.417, 49.75 (a Gujarati encyclopedia) lay about 10 km west of Baku; Wikipedia's point is the city's.
    row = MEMBERS["AZE"]
    assert (row["capital_lat"], row["capital_lon"]) == ("40.39528", "49.88222")
    assert "https://en.wikipedia.org/wiki/Baku" in row["source_url"]
    assert "obzorurokov" not in row["source_url"] and "gujarativishwakosh" not in row["source_url"]
