"""The pieces that make pages thin: the frame's declared state, the Briefing's slide field, the
column catalogue, typed page details, one filtering per exercises build and the membership
history table built in the model (so exports see it)."""

from __future__ import annotations

import pytest

from components.data.loaders import read_all
from components.derive import exercises as derive_exercises
from components.derive.exercises import filter_exercises
from components.derive.membership import state_history
from components.i18n.text import t
from components.model import exercises as exercises_model
from components.model.app import app_domain, decode_app
from components.model.briefing import slide_number
from components.model.chronology import Story
from components.model.columns import columns
from components.model.country import CountryDetail
from components.model.deck import encode_deck
from components.model.exercises import ExercisesDetail, filters_of, select
from components.model.membership import MembershipDetail
from components.model.pages import PAGE_KINDS, build_from_params
from components.model.structure import StructureDetail
from tests.conftest import FIXED_TODAY


@pytest.fixture(scope="module")
def tables():
    return read_all()


@pytest.fixture(scope="module")
def frame_domain(tables):
    return app_domain(tables["members"])


def test_the_frame_state_is_decoded_with_declared_codecs(frame_domain):
    state = decode_app({"lang": ["ru"], "country": ["Кыргызстан"], "present": ["true"]}, frame_domain)
    assert (state.lang, state.country, state.present, state.invalid) == ("ru", "KGZ", True, [])
    plain = decode_app({}, frame_domain)
    assert (plain.lang, plain.country, plain.present, plain.deck, plain.invalid) == ("en", None, False, None, [])


def test_unusable_frame_values_take_their_default_and_are_named(frame_domain):
    state = decode_app({"lang": ["de"], "country": ["Atlantis"], "present": ["maybe"], "deck": ["!!"]}, frame_domain)
    assert (state.lang, state.country, state.present) == ("en", None, False)
    assert sorted(state.invalid) == ["country", "deck", "lang", "present"]
    assert state.deck_error is not None and state.deck is None


def test_a_deck_link_is_decoded_with_the_frame(frame_domain):
    deck = [{"page": "country", "params": {"country": ["KGZ"]}, "title": "Kyrgyzstan"}]
    state = decode_app({"deck": [encode_deck(deck)]}, frame_domain)
    assert state.invalid == [] and state.deck[0]["params"] == {"country": ["KGZ"]}


def test_without_members_no_country_can_be_in_focus():
    state = decode_app({"country": ["KGZ"]}, app_domain(None))
    assert state.country is None and state.invalid == ["country"]


@pytest.mark.parametrize(
    ("raw", "length", "expected"),
    [([], 4, 1), (["3"], 4, 3), (["9"], 4, 4), (["0"], 4, 1), (["x"], 4, 1), (["-2"], 4, 1), (["2"], 0, 1)],
)
def test_the_slide_number_is_kept_within_the_deck_without_a_notice(raw, length, expected):
    assert slide_number({"slide": raw}, length) == expected


def test_the_column_catalogue_names_a_column_once_and_lets_a_table_narrow_it():
    specs = columns("when", "title", "source_url", when="col.start")
    assert [spec.kind for spec in specs.values()] == ["text", "wide", "sources"]
    assert specs["when"].label == t("col.start") and specs["title"].label == t("col.title")


@pytest.mark.parametrize(
    ("page", "params", "detail"),
    [
        ("exercises", {}, ExercisesDetail),
        ("chronology", {}, Story),
        ("membership", {"country": ["GEO"]}, MembershipDetail),
        ("structure", {}, StructureDetail),
        ("country", {"country": ["KGZ"]}, CountryDetail),
        ("country", {}, CountryDetail),
    ],
)
def test_every_page_model_has_its_typed_detail(tables, page, params, detail):
    model, invalid = build_from_params(page, params, tables, "en", FIXED_TODAY)
    assert invalid == [] and isinstance(model.detail, detail)
    assert not hasattr(model, "extra"), "no untyped bag beside the typed detail"


def test_filter_exercises_runs_once_per_build(tables, monkeypatch):
    calls = []

    def counted(frame, filters):
        calls.append(filters)
        return filter_exercises(frame, filters)

    monkeypatch.setattr(exercises_model, "filter_exercises", counted)
    monkeypatch.setattr(derive_exercises, "filter_exercises", counted)
    kind = PAGE_KINDS["exercises"]
    state = kind.spec.defaults(kind.domain(tables, FIXED_TODAY))
    kind.build(tables, {**state, "year": 2019, "ex_hosts": ("RUS",)}, "en", FIXED_TODAY)
    narrowing = [f for f in calls if f != derive_exercises.ExerciseFilters()]
    assert len(narrowing) == 1, calls


@pytest.mark.parametrize("year", [None, 2019, 2010])
def test_one_filtering_gives_what_two_did(tables, year):
    """The year spans cut one filtered frame: the same rows, in the same order, as filtering twice
    (a Play year outside the filters' range included)."""
    kind = PAGE_KINDS["exercises"]
    state = {**kind.spec.defaults(kind.domain(tables, FIXED_TODAY)), "ex_years": (2015, 2022), "ex_hosts": ("RUS",)}
    state["year"] = year
    picked = select(tables["exercises"], state)
    range_filters = filters_of(state)
    assert picked.in_range.equals(filter_exercises(tables["exercises"], range_filters))
    shown_filters = (
        range_filters.__class__(**{**range_filters.__dict__, "years": (year, year)}) if year else range_filters
    )
    assert picked.shown.equals(filter_exercises(tables["exercises"], shown_filters))


def test_the_membership_history_table_is_in_the_model(tables):
    model, _ = build_from_params("membership", {"country": ["GEO"]}, tables, "en", FIXED_TODAY)
    history = model.table("history")
    expected = state_history(tables["membership"], "GEO")
    assert history is not None and history.total == len(expected) > 0
    assert history.download.equals(expected) and history.file_name == "csto-history-GEO.csv"
    assert list(history.rows["date"]) == list(expected["date"])
    without_focus, _ = build_from_params("membership", {}, tables, "en", FIXED_TODAY)
    assert without_focus.table("history") is None
