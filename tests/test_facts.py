"""Facts from the brief's reference text, checked against public sources, hold in the data.

Where the reference text is wrong, the test asserts the corrected value and names the error.
"""

from __future__ import annotations

import pandas as pd
import pytest

from components.data.loaders import read_all
from components.derive.membership import ever_party, status_on
from tests.conftest import FIXED_TODAY


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return read_all(today=FIXED_TODAY)


def changes(tables, change: str, body: str | None = None) -> pd.DataFrame:
    rows = tables["membership"]
    rows = rows[rows["change"] == change]
    return rows if body is None else rows[rows["body"] == body]


def dates_by_state(rows: pd.DataFrame) -> dict[str, str]:
    return {str(s): d.date().isoformat() for s, d in zip(rows["state"], rows["date"], strict=True)}


def test_six_signatories_of_15_may_1992(tables):
    signed = changes(tables, "signed", "treaty")
    assert dates_by_state(signed) == dict.fromkeys(["ARM", "KAZ", "KGZ", "RUS", "TJK", "UZB"], "1992-05-15")


def test_accessions_have_their_own_dates_not_september_1993(tables):
    """Reference text lumps them as 'September 1993' (discrepancy d01)."""
    acceded = dates_by_state(changes(tables, "acceded", "treaty"))
    assert acceded == {"AZE": "1993-09-24", "GEO": "1993-12-09", "BLR": "1993-12-31"}


def test_treaty_in_force_20_april_1994(tables):
    in_force = changes(tables, "treaty_in_force")
    assert set(in_force["date"].dt.date.astype(str)) == {"1994-04-20"}
    assert len(in_force) == 9


def test_1999_protocol_signed_by_six_and_not_by_aze_geo_uzb(tables):
    protocol = changes(tables, "protocol_signed", "treaty")
    assert dates_by_state(protocol) == dict.fromkeys(["ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"], "1999-04-02")
    assert set(changes(tables, "not_renewed")["state"]) == {"AZE", "GEO", "UZB"}


def test_charter_signed_7_october_2002_not_2012(tables):
    """Reference text: 'the CSTO was established in 2012' (discrepancy d15)."""
    charter = changes(tables, "charter_signed")
    assert set(charter["date"].dt.date.astype(str)) == {"2002-10-07"}
    assert (changes(tables, "founding_member")["date"].dt.year == 2003).all()


def test_current_members_are_the_six_named_in_the_kyrgyz_article(tables):
    now = status_on(tables["membership"], FIXED_TODAY)
    members = {s for s, status in now.items() if status in ("member", "frozen")}
    assert members == {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
    assert now["ARM"] == "frozen" and now["UZB"] == "suspended"


def test_nine_states_were_ever_party(tables):
    assert ever_party(tables["membership"]) == ["ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB"]


def test_observer_statuses_are_in_the_parliamentary_assembly(tables):
    observers = changes(tables, "observer_granted")
    assert set(observers["state"]) == {"SRB", "AFG"}
    assert set(observers["body"]) == {"parliamentary_assembly"}


def test_discrepancies_are_recorded_and_documented(tables):
    from tests.conftest import ROOT

    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    ids = set(tables["discrepancies"]["discrepancy_id"])
    assert len(ids) >= 10
    assert all(f"| {i} |" in readme for i in ids)


@pytest.mark.parametrize(
    ("body_id", "abbreviation"),
    [("csc", "CSC"), ("cfm", "CFM"), ("cssc", "CSSC"), ("icmec", "ICMEC"), ("crrf", "CRRF")],
)
def test_bodies_carry_the_organizations_own_abbreviations(tables, body_id, abbreviation):
    """Reference text uses (CSTO), CMFA, CSCS, ICES and 'Rapid Deployment Forces' (d03–d06, d10)."""
    bodies = tables["bodies"].set_index("body_id")
    assert bodies.loc[body_id, "abbreviation"] == abbreviation


@pytest.mark.parametrize(
    ("body_id", "established"),
    [("crrf", "2009-02-04"), ("crdf_car", "2001-05-25")],
)
def test_forces_established_on_the_sourced_dates(tables, body_id, established):
    bodies = tables["bodies"].set_index("body_id")
    assert bodies.loc[body_id, "established"].date().isoformat() == established


def event(tables, event_id: str) -> pd.Series:
    return tables["events"].set_index("event_id").loc[event_id]


def exercise(tables, exercise_id: str) -> pd.Series:
    return tables["exercises"].set_index("exercise_id").loc[exercise_id]


def test_un_general_assembly_observer_status_2_december_2004(tables):
    """Reference text: 'observer status in the CSTO' — it is in the UN General Assembly (d02)."""
    row = event(tables, "un-ga-observer-2004")
    assert row["date"] == pd.Timestamp("2004-12-02") and "General Assembly" in row["title"]


def test_peacekeeping_agreement_6_october_2007(tables):
    assert event(tables, "agreement-peacekeeping-2007")["date"] == pd.Timestamp("2007-10-06")


def test_crrf_decision_4_february_2009(tables):
    row = event(tables, "forces-crrf-decision-2009")
    assert row["date"] == pd.Timestamp("2009-02-04") and "Rapid Reaction" in row["title"]


def test_september_2023_operation_is_channel_perekhvat_with_reported_figures(tables):
    """Reference text calls it 'Channel-Preception' (d16); 897 kg and 854 crimes hold."""
    row = event(tables, "channel-perekhvat-2023")
    assert "Perekhvat" in row["title"] and row["date"] == pd.Timestamp("2023-09-11")
    assert "897 kg" in row["reported_figures"] and "854" in row["reported_figures"]


def test_kazakhstan_deployment_january_2022_as_officially_reported(tables):
    row = event(tables, "deployment-kazakhstan-2022")
    assert row["date"] == pd.Timestamp("2022-01-06") and row["end_date"] == pd.Timestamp("2022-01-19")
    assert "2,030 personnel" in row["reported_figures"] and "KGZ" in row["states"]


def test_masadykov_deputy_secretary_general_since_january_2024(tables):
    row = event(tables, "deputy-sg-masadykov-2024")
    assert row["date"] == pd.Timestamp("2024-01-01") and row["date_precision"] == "month"


def test_anti_drug_strategy_2021_2025(tables):
    assert event(tables, "decision-antidrug-strategy-2021-2025")["date"].year == 2020


@pytest.mark.parametrize("exercise_id", ["interaction-2024", "search-2024", "echelon-2024"])
def test_2024_interaction_search_echelon_in_kyrgyzstan_3_to_15_september(tables, exercise_id):
    row = exercise(tables, exercise_id)
    assert row["host_states"] == ["KGZ"]
    assert row["start_date"] == pd.Timestamp("2024-09-03") and row["end_date"] == pd.Timestamp("2024-09-15")


@pytest.mark.parametrize(("exercise_id", "host"), [("rubezh-2024", "TJK"), ("ub-2024", "KAZ")])
def test_2024_hosts(tables, exercise_id, host):
    assert exercise(tables, exercise_id)["host_states"] == [host]


def test_2023_two_stages_in_belarus_and_kyrgyzstan(tables):
    """Reference text lumps them under 'Unbreakable Brotherhood' (d17)."""
    assert exercise(tables, "interaction-2023")["host_states"] == ["BLR"]
    assert exercise(tables, "ub-2023")["host_states"] == ["KGZ"]


def test_overview_intro_events_exist(tables):
    from components.derive.overview import INTRO_EVENT_IDS

    assert set(INTRO_EVENT_IDS) <= set(tables["events"]["event_id"])
