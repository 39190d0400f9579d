"""One test per exercise fact corrected by the re-audit of every exercise row (issue #33, item 4).

Pure csv, like tests/test_facts_issue33.py: each test reads data/exercises.csv itself and asserts the value
the cited sources give (see data/README.md, "Change log", "Issue #33, item 4").
"""

from __future__ import annotations

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


def exercises() -> dict[str, dict[str, str]]:
    with (DATA / "exercises.csv").open(encoding="utf-8", newline="") as f:
        return {r["exercise_id"]: r for r in csv.DictReader(f)}


EX = exercises()


def states(cell: str) -> set[str]:
    return {code for code in cell.split(";") if code}


def test_rock_2024_ran_to_5_september_with_five_states():
    # Kazakh Emergencies Ministry (Informburo.kz): practical part on 5 Sept; CSTO via Sputnik Armenia (6 Sept 2024):
    # completed, with rescue units of Belarus, Kazakhstan, Kyrgyzstan, Russia and Tajikistan.
    row = EX["rock-2024"]
    assert (row["start_date"], row["end_date"]) == ("2024-09-02", "2024-09-05")
    assert states(row["participants"]) == {"BLR", "KAZ", "KGZ", "RUS", "TJK"}
    assert "am.sputniknews.ru" in row["source_url"]


def test_echelon_2020_is_held_on_belta_report_of_its_first_stage():
    # BelTA (19 Aug 2020), from the exercise's joint press centre: the first stage began at Kapustin Yar.
    row = EX["echelon-2020"]
    assert row["status"] == "held"
    assert "belta.by" in row["source_url"] and "eshelon-2020" in row["source_url"]


def test_echelon_2020_opened_on_17_august_with_about_1000_servicemen():
    # Southern Military District via TASS (17 Aug 2020): started at Kapustin Yar, about 1,000 servicemen, 250 vehicles.
    row = EX["echelon-2020"]
    assert row["start_date"] == "2020-08-17" and "tass.com/defense/1190361" in row["source_url"]
    assert (row["personnel"], row["personnel_qualifier"], row["personnel_scope"]) == ("1000", "about", "this")


def test_rubezh_2012_ran_6_to_10_august_with_kazakhstan_too():
    # Tajik MoD via Regnum: 6-10 August; AiF-Chelyabinsk: Kazakhstan, Kyrgyzstan, Tajikistan and Russia took part.
    row = EX["rubezh-2012"]
    assert (row["start_date"], row["end_date"]) == ("2012-08-06", "2012-08-10")
    assert states(row["participants"]) == {"KAZ", "KGZ", "RUS", "TJK"}
    assert "chel.aif.ru" in row["source_url"]


def test_rubezh_2007_cites_asia_plus_not_only_a_forum_copy_and_stays_announced():
    # Asia-Plus (26 March 2007) is an original publisher of the announcement; no report of the exercise was found.
    row = EX["rubezh-2007"]
    assert "asiaplustj.info" in row["source_url"]
    assert not row["note"].startswith("Weak sources only")
    assert row["status"] == "announced"
    assert row["place_id"] == "lohur"


def test_cobalt_2025_cites_belta_report_not_only_a_reprint():
    # BelTA's report (carried by Mail.ru News) is the original of the Caliber.az text.
    row = EX["cobalt-2025"]
    assert "news.mail.ru/society/68532306" in row["source_url"]
    assert row["status"] == "held" and row["host_states"] == ""


def test_crrf_snap_inspection_of_2015_ran_12_to_21_may_with_all_six_states():
    # Tajik MoD via Asia-Plus (13, 14 and 19 May 2015): began on 12 May; contingents of Armenia, Belarus, Kazakhstan,
    # Kyrgyzstan and Russia with the Tajik units; the visiting contingents left on 21 May.
    row = EX["crrf-exercise-2015-tajikistan"]
    assert (row["start_date"], row["end_date"]) == ("2015-05-12", "2015-05-21")
    assert states(row["participants"]) == {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
    assert "asiaplus.news/?p=179659" in row["source_url"]


def test_kazakhstan_only_observed_indestructible_brotherhood_2020():
    # Belarusian MoD via Sputnik Belarus (Vestnik Kavkaza) and the Kazakh MoD (KTK): Kazakhstan attended as an observer;
    # observers are not participants (data/README.md), as for Rubezh-2004 and Rubezh-2006.
    row = EX["ub-2020"]
    assert states(row["participants"]) == {"BLR", "RUS", "TJK"}
    assert "observer" in row["note"]


def test_indestructible_brotherhood_2012_ran_8_to_17_october():
    # Jamestown Foundation (Eurasia Daily Monitor): Kazakhstan hosted the first CSTO peacekeeping exercise, 8-17 Oct.
    row = EX["ub-2012"]
    assert (row["start_date"], row["end_date"]) == ("2012-10-08", "2012-10-17")
    assert "jamestown.org" in row["source_url"]


def test_cobalt_2016_ran_24_to_26_may():
    # President of Armenia's office (26 May 2016): Cobalt-2016 conducted in Armenia on May 24-26.
    row = EX["cobalt-2016"]
    assert (row["start_date"], row["end_date"]) == ("2016-05-24", "2016-05-26")
    assert "president.am/en/press-release/item/2016/05/26" in row["source_url"]
