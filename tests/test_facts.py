"""Facts from the brief's reference text, checked against public sources, hold in the data.

Where the reference text is wrong, the test asserts the corrected value and names the error.
"""

from __future__ import annotations

import pandas as pd
import pytest

from components.data import read_all
from components.membership import ever_party, status_on
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
    [("crrf", "2009-02-04"), ("crdf_car", "2001-05-25"), ("caf", "2014-12-23")],
)
def test_forces_established_on_the_sourced_dates(tables, body_id, established):
    bodies = tables["bodies"].set_index("body_id")
    assert bodies.loc[body_id, "established"].date().isoformat() == established
