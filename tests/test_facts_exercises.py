"""Facts corrected in data/exercises.csv and data/places.csv (issue #19), read straight from the CSVs with pandas.

Each test pins one corrected fact or one rule of the exercise/place data; the change log in data/README.md
("Change log — exercises") gives the old value, the new one and the source.
"""

from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest

from components.data.spam import SPAM_DOMAINS

DATA = Path(__file__).resolve().parents[1] / "data"

SIX = {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"}
# Mirror, SEO and spam hosts that must never be cited again: the validator's list and these.
SPAM_HOSTS = SPAM_DOMAINS | {
    "allcountries.org",
    "caravan-info.pro",
    "einpresswire.com",
    "global-geography.org",
    "it.wiki7.org",
    "it.ww2facts.net",
    "menafn.com",
    "piglix.com",
    "ru.qaz365.kz",
    "sagapedia.com",
    "sco.m.wikipedia.org",
    "sco.wikipedia.org",
    "theodora.com",
    "wiki-gateway.eudic.net",
    "wiki2.org",
}


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def ex() -> pd.DataFrame:
    return _read("exercises.csv").set_index("exercise_id")


@pytest.fixture(scope="module")
def places() -> pd.DataFrame:
    return _read("places.csv").set_index("place_id")


def _hosts(cell: str) -> list[str]:
    return [
        urlparse(u.strip()).netloc.lower().split(":")[0].removeprefix("www.") for u in cell.split(" ; ") if u.strip()
    ]


def _states(cell: str) -> set[str]:
    return {s for s in cell.split(";") if s}


# --- corrected facts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("exercise_id", ["interaction-2025", "search-2025", "echelon-2025"])
def test_2025_belarus_drills_count_the_host_among_participants(ex, exercise_id):
    assert _states(ex.loc[exercise_id, "participants"]) == {"BLR", "KAZ", "KGZ", "RUS", "TJK"}


def test_search_2017_was_hosted_by_russia_only(ex):
    row = ex.loc["search-2017"]
    assert row["host_states"] == "RUS"
    assert "Rostov" in row["location"]


def test_air_bridge_2018_ran_1_to_14_october_with_all_six_states(ex):
    row = ex.loc["air-bridge-2018"]
    assert (row["start_date"], row["end_date"], row["date_precision"]) == ("2018-10-01", "2018-10-14", "day")
    assert _states(row["participants"]) == SIX
    assert row["personnel"] == "3500"


def test_cobalt_2024_is_drawn_in_novosibirsk_region_not_at_russias_centroid(ex, places):
    row = ex.loc["cobalt-2024"]
    assert row["place_id"] == "gorny"
    lat, lon = float(row["latitude"]), float(row["longitude"])
    assert 53.0 < lat < 57.5 and 75.0 < lon < 86.0, "Novosibirsk region"
    assert (lat, lon) != (60.0, 100.0)
    assert places.loc["gorny", "country"] == "RUS"


def test_rubezh_2008_is_not_an_exercise_of_the_central_asian_force(ex):
    assert "CRDF" not in ex.loc["rubezh-2008", "force"]


def test_interaction_2010_ran_25_to_28_october(ex):
    row = ex.loc["interaction-2010"]
    assert (row["start_date"], row["end_date"], row["date_precision"]) == ("2010-10-25", "2010-10-28", "day")


def test_indestructible_brotherhood_2025_cites_no_article_about_2026(ex):
    sources = ex.loc["ub-2025", "source_url"]
    assert "2026" not in sources
    assert "qaz365" not in sources


def test_grom_2015_was_held_late_august_to_early_september_with_all_six_states(ex):
    row = ex.loc["grom-2015"]
    assert (row["start_date"], row["end_date"]) == ("2015-08-24", "2015-09-03")
    assert _states(row["participants"]) == SIX
    assert row["place_id"] == "fakhrabad"


def test_kharbmaidon_rows_are_no_longer_on_tajikistans_centroid(ex):
    rows = ex[ex["place_id"] == "kharbmaidon"]
    assert len(rows) >= 9
    assert not ((rows["latitude"] == "39") & (rows["longitude"] == "71")).any()


def test_eshak_maydon_is_drawn_at_bokhtar_the_town_the_csto_site_names(ex, places):
    place = places.loc["eshak_maydon"]
    assert place["precision"] == "town"
    assert (place["latitude"], place["longitude"]) == ("37.83654", "68.77762")
    assert "geonames.org/1220747" in place["source_url"] and "dkb.gov.ru" in place["source_url"]
    assert "Эшакмайдон" in place["aliases"] and "Бохтар" in place["aliases"]
    assert ex.loc["rubezh-2005", "location_precision"] == "town"


def test_iliysky_is_drawn_at_almaty_the_town_kazinform_names(ex, places):
    place = places.loc["iliysky"]
    assert place["precision"] == "town"
    assert (place["latitude"], place["longitude"]) == ("43.25249", "76.9115")
    assert "geonames.org/1526384" in place["source_url"] and "inform.kz" in place["source_url"]
    assert ex.loc["ub-2012", "location_precision"] == "town"


def test_bereg_is_drawn_at_konaev_the_almaty_region_centre_not_kazakhstans_centroid(ex, places):
    place = places.loc["bereg"]
    assert place["precision"] == "region"
    assert (place["latitude"], place["longitude"]) == ("43.88333", "77.08333")
    assert "de.wikipedia.org/wiki/Qonajew" in place["source_url"] and "tass.com/defense/1848137" in place["source_url"]
    assert "cia.gov" not in place["source_url"]
    assert "region point" in place["note"]
    assert ex.loc["ub-2024", "location_precision"] == "region"


def test_national_guard_centre_is_drawn_at_the_almaty_region_centre_not_kazakhstans_centroid(ex, places):
    place = places.loc["ng_center_almaty"]
    assert place["precision"] == "region"
    assert (place["latitude"], place["longitude"]) == ("43.88333", "77.08333")
    assert "kazpravda.kz" in place["source_url"] and "cia.gov" not in place["source_url"]
    assert ex.loc["cobalt-2018", "location_precision"] == "region"


def test_rock_2018_is_drawn_at_the_almaty_region_point_kazinform_names(ex, places):
    row = ex.loc["rock-2018"]
    assert (row["place_id"], row["place_ids"]) == ("almaty_region", "almaty_region")
    assert (row["latitude"], row["longitude"], row["location_precision"]) == ("43.88333", "77.08333", "region")
    assert row["status"] == "announced", "only the announcement was found, and its dates have passed"
    place = places.loc["almaty_region"]
    assert (place["kind"], place["country"], place["precision"]) == ("region", "KAZ", "region")
    bereg = places.loc["bereg"]
    assert (place["latitude"], place["longitude"]) == (bereg["latitude"], bereg["longitude"])
    assert "inform.kz" in place["source_url"] and "de.wikipedia.org/wiki/Qonajew" in place["source_url"]


def test_rock_2026_is_planned_for_13_to_15_october_near_dushanbe_in_shahrinav_district(ex, places):
    row = ex.loc["rock-2026"]
    assert (row["start_date"], row["end_date"], row["date_precision"]) == ("2026-10-13", "2026-10-15", "day")
    assert row["status"] == "planned", "no report of it being held was found"
    assert "Shahrinav" in row["location"] and "tass.com/world/2093005" in row["source_url"]
    assert row["place_id"] == "shahrinav_rescue_centre"
    place = places.loc["shahrinav_rescue_centre"]
    assert (place["latitude"], place["longitude"], place["precision"]) == ("38.53575", "68.77905", "town")
    assert "geonames.org/1221874" in place["source_url"] and "not the centre itself" in place["note"]


def test_chorukh_dairon_note_does_not_place_the_range_30_km_from_kayrakkum(places):
    place = places.loc["chorukh_dairon"]
    assert place["precision"] == "region"
    assert (place["latitude"], place["longitude"]) == ("40.26598", "69.79585")
    assert "the range is about 30 km" not in place["note"] and "settlement" in place["note"]
    assert "Чоррухдайрон" in place["aliases"] and "avesta.tj" in place["source_url"]


def test_interaction_2022_figure_is_marked_as_the_total_of_three_exercises(ex):
    row = ex.loc["interaction-2022"]
    assert row["personnel"] == "6500"
    assert (row["personnel_qualifier"], row["personnel_scope"]) == ("over", "combined")
    assert set(row["personnel_combined_with"].split(";")) == {"search-2022", "echelon-2022"}


def test_indestructible_brotherhood_2022_cancellation_cites_a_real_publisher(ex):
    hosts = _hosts(ex.loc["ub-2022", "source_url"])
    assert "kommersant.ru" in hosts
    assert not set(hosts) & SPAM_HOSTS


def test_2026_plan_is_recorded(ex):
    for exercise_id, host in [
        ("rubezh-2026", "KAZ"),
        ("interaction-2026", "RUS"),
        ("search-2026", "RUS"),
        ("echelon-2026", "RUS"),
        ("cobalt-2026", "TJK"),
        ("rock-2026", "TJK"),
        ("ub-2026", "BLR"),
        ("barrier-2026", "BLR"),
    ]:
        row = ex.loc[exercise_id]
        assert row["host_states"] == host
        assert row["status"] in {"planned", "held"}
        assert row["start_date"] <= "2026-11-29"


# --- rules of the data -------------------------------------------------------------------------------------


def test_one_canonical_name_per_series(ex):
    series = set(ex["series"])
    assert "Indestructible Brotherhood" in series
    assert "Unbreakable Brotherhood" not in series
    ub = ex[ex["series"] == "Indestructible Brotherhood"]
    assert ub["aliases"].str.contains("Unbreakable Brotherhood").all()
    assert ub["aliases"].str.contains("Нерушимое братство").all()
    assert ub["name"].str.startswith("Indestructible Brotherhood-").all()
    thunder = ex[ex["series"] == "Thunder"]
    assert thunder["name"].str.startswith("Thunder-").all(), "the CSTO's English name, Grom kept in aliases"
    assert thunder["aliases"].str.contains("Grom-").all() and thunder["aliases"].str.contains("Гром-").all()


def test_no_spam_or_mirror_source_is_cited():
    for name in ("exercises.csv", "places.csv"):
        for cell in _read(name)["source_url"]:
            assert cell.strip(), f"{name}: a row without a source"
            assert not set(_hosts(cell)) & SPAM_HOSTS, cell


def test_every_place_reference_resolves_and_the_point_matches_the_place(ex, places):
    for exercise_id, row in ex.iterrows():
        ids = [p for p in row["place_ids"].split(";") if p]
        assert row["place_id"] == (ids[0] if ids else ""), exercise_id
        for pid in ids:
            assert pid in places.index, f"{exercise_id}: unknown place {pid}"
        if row["place_id"]:
            place = places.loc[row["place_id"]]
            assert float(row["latitude"]) == pytest.approx(float(place["latitude"]))
            assert float(row["longitude"]) == pytest.approx(float(place["longitude"]))
            assert row["location_precision"] == place["precision"]
        else:
            assert row["latitude"] == row["longitude"] == row["location_precision"] == ""


def test_places_use_the_documented_enums(places):
    assert set(places["kind"]) <= {"training_ground", "town", "region", "country"}
    assert set(places["precision"]) <= {"site", "town", "region", "country"}
    assert places["latitude"].astype(float).between(-90, 90).all()
    assert places["longitude"].astype(float).between(-180, 180).all()
    assert places["source_url"].str.len().gt(0).all()


def test_every_personnel_figure_says_how_exact_it_is_and_what_it_covers(ex):
    with_figure = ex[ex["personnel"] != ""]
    assert set(with_figure["personnel_qualifier"]) <= {"exact", "about", "over", "up_to"}
    assert set(with_figure["personnel_scope"]) <= {"this", "combined"}
    combined = with_figure[with_figure["personnel_scope"] == "combined"]
    assert (combined["personnel_combined_with"] != "").all()
    for cell in ex["personnel_combined_with"]:
        for other in filter(None, cell.split(";")):
            assert other in ex.index, other


def test_russian_place_names_let_a_search_find_issyk_kul_exercises(ex, places):
    aliases = places.loc["edelweiss", "aliases"]
    assert "Иссык-Куль" in aliases and "Балыкчи" in aliases
    assert (ex["place_id"] == "edelweiss").sum() >= 5


def test_russian_columns_are_filled(ex):
    assert (ex["note_ru"] != "").all()
    assert set(ex["ru_translated"]) <= {"yes", ""}
    named = ex[ex["name_ru"] != ""]
    assert len(named) >= len(ex) - 2
