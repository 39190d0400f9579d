"""One test per fact corrected in issue #33 (see data/README.md, "Change log", "Issue #33").

Pure csv, like tests/test_facts_events.py: the rules are checked on the files themselves.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
LAST_DAY_CHECKED = dt.date(2026, 12, 31)  # Russia chairs the whole of 2026 (calendar terms since 2024).


def table(name: str) -> list[dict[str, str]]:
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


EVENTS = {r["event_id"]: r for r in table("events")}
EXERCISES = {r["exercise_id"]: r for r in table("exercises")}
CHAIRS = [r for r in EVENTS.values() if r["category"] == "chairmanship"]


def chairs_on(day: dt.date) -> list[dict[str, str]]:
    """The terms that include ``day`` (start and end both inclusive; an open term runs on)."""
    return [
        r
        for r in CHAIRS
        if dt.date.fromisoformat(r["date"]) <= day
        and (not r["end_date"] or day <= dt.date.fromisoformat(r["end_date"]))
    ]


def is_handover(terms: list[dict[str, str]], day: dt.date) -> bool:
    """Two terms on one day are one handover: the outgoing chair's last day is the incoming chair's first."""
    iso = day.isoformat()
    ending = [r for r in terms if r["end_date"] == iso]
    starting = [r for r in terms if r["date"] == iso]
    return len(terms) == 2 and len(ending) == 1 and len(starting) == 1 and ending[0] is not starting[0]


def test_exactly_one_chair_on_every_day_from_the_first_chairmanship_on():
    first = min(dt.date.fromisoformat(r["date"]) for r in CHAIRS)
    problems = []
    day = first
    while day <= LAST_DAY_CHECKED:
        terms = chairs_on(day)
        if len(terms) != 1 and not is_handover(terms, day):
            problems.append((day.isoformat(), [r["event_id"] for r in terms]))
        day += dt.timedelta(days=1)
    assert not problems, f"days without exactly one chair (first ten): {problems[:10]}"


@pytest.mark.parametrize(
    ("event_id", "start", "end"),
    [
        # Khovar, 23 Dec 2014: the chairmanship passed to Tajikistan on the day of the Moscow session.
        ("chair-2014-rus", "2013-09-23", "2014-12-23"),
        ("chair-2015-tjk", "2014-12-23", "2015-09-15"),
        # Dushanbe session of 15 Sep 2015 (President of Armenia, commonspace.eu).
        ("chair-2015-arm", "2015-09-15", "2016-10-14"),
        # Yerevan session of 14 Oct 2016 (President of Belarus).
        ("chair-2017-blr", "2016-10-14", "2017-11-30"),
        # Moscow session of 10 Dec 2010 (Kommersant via the Minsk city portal).
        ("chair-2011-blr", "2010-12-10", "2011-12-20"),
    ],
)
def test_chairmanship_handover_days(event_id, start, end):
    row = EVENTS[event_id]
    assert (row["date"], row["date_precision"], row["end_date"]) == (start, "day", end)


def test_chairmanship_rows_cite_no_spliced_copy():
    assert not [r["event_id"] for r in CHAIRS if "csabusiness" in r["source_url"]]


@pytest.mark.parametrize("exercise_id", ["ub-2025", "barrier-2025"])
def test_fakhrabad_exercises_opened_on_20_october_2025(exercise_id):
    row = EXERCISES[exercise_id]
    assert (row["start_date"], row["date_precision"], row["end_date"]) == ("2025-10-20", "day", "2025-10-24")
    assert row["place_id"] == "fakhrabad"
    assert "https://tass.com/world/2032405" in row["source_url"]


def test_rubezh_2016_rests_on_a_report_from_the_exercise_and_says_why_tajikistan_is_absent():
    row = EXERCISES["rubezh-2016"]
    assert "https://ria.ru/20161007/1478696873.html" in row["source_url"]
    assert row["participants"] == "KAZ;KGZ;RUS"
    assert "Tajikistan" in row["note"] and "Таджикистан" in row["note_ru"]


def test_rubezh_2014_has_no_personnel_figure_from_an_auto_rewritten_page():
    row = EXERCISES["rubezh-2014"]
    assert row["personnel"] == "" and "yekaterinburgnews" not in row["source_url"]
    assert "https://chel.aif.ru/society/army/1208450" in row["source_url"]


def test_indestructible_brotherhood_2023_figure_cites_the_kyrgyz_ministry_via_sputnik():
    row = EXERCISES["ub-2023"]
    assert row["personnel"] == "1500" and "sputniknews.cn" in row["source_url"] and "dzen" not in row["source_url"]


def test_rubezh_2018_known_only_from_copies_is_not_recorded():
    assert "rubezh-2018" not in EXERCISES


def test_armenia_16_july_2025_statement_known_only_from_unrelated_sites_is_not_recorded():
    rows = [r for r in table("membership") if r["state"] == "ARM" and r["date"] == "2025-07-16"]
    assert not rows


# --- "announced is not held": announcements whose dates passed without a report -------------------

# echelon-2020 left this list in the re-audit (item 4): BelTA reported its first stage under way on 19 Aug 2020
# (tests/test_facts_exercise_audit.py).
ANNOUNCED_ONLY = ["rubezh-2007", "ub-2017", "rock-2018", "grom-2019", "rubezh-2020"]


@pytest.mark.parametrize("exercise_id", ANNOUNCED_ONLY)
def test_exercises_known_only_from_announcements_are_announced_not_planned(exercise_id):
    assert EXERCISES[exercise_id]["status"] == "announced"


def test_planned_is_kept_for_dates_the_stored_sources_have_not_reached():
    # The stored sources end in spring 2026: a plan for an earlier date either has a report (held) or is announced.
    stale = [r["exercise_id"] for r in EXERCISES.values() if r["status"] == "planned" and r["start_date"] < "2026-04"]
    assert not stale


def test_indestructible_brotherhood_2020_without_kyrgyzstan():
    # Belarusian MoD via Sputnik Belarus (Vestnik Kavkaza, 12 Oct 2020): no Armenian or Kyrgyz military came.
    row = EXERCISES["ub-2020"]
    assert "KGZ" not in row["participants"].split(";") and "ARM" not in row["participants"].split(";")
    assert "vestikavkaza.ru" in row["source_url"]


# --- the seed brief's structure section ---------------------------------------------------------------


def test_military_committee_listed_among_working_groups_is_a_recorded_discrepancy():
    row = {r["discrepancy_id"]: r for r in table("discrepancies")}["d21"]
    assert "Military Committee" in row["claim"] and "Council of Defence Ministers" in row["correction"]
    assert "Военный комитет" in row["claim_ru"] and row["correction_ru"]
    assert "odkb-csto.org/structure" in row["source_url"]


def test_rubezh_2021_held_rests_on_the_report_from_the_final_stage():
    # The row had only pre-exercise sources; the Kyrgyz MoD's report of 9 Sept 2021 (24.kg) confirms it and its figure.
    row = EXERCISES["rubezh-2021"]
    assert "24.kg/obschestvo/206572" in row["source_url"]
    assert (row["personnel"], row["personnel_qualifier"], row["personnel_scope"]) == ("1000", "over", "this")
    assert row["participants"] == "KAZ;KGZ;RUS;TJK" and "would not take part" in row["note"]


def test_crrf_exercise_of_may_2015_is_confirmed_as_held_by_a_later_report():
    row = EXERCISES["crrf-exercise-2015-tajikistan"]
    assert row["status"] == "held" and "president.am/en/press-release/item/2015/09/15" in row["source_url"]
