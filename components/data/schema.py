"""The data contract: every CSV table, column by column, in one declarative place.

The same specification drives validation (pandera), typing, the column dictionary shown on the
Sources & data page, and the completeness test that keeps ``data/README.md`` in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnKind = Literal["text", "id", "iso3", "iso3_list", "date", "enum", "float", "int", "url", "list"]

DATE_PRECISIONS = ("day", "month", "year")

# Each change type maps to the status a state holds from that day on; ``None`` means the row is a
# dated fact (a ratification, a request) that does not by itself change the status.
CHANGE_TYPES: dict[str, str | None] = {
    "signed": "treaty_party",
    "acceded": "treaty_party",
    "ratified": None,
    "treaty_in_force": None,
    "protocol_signed": None,
    "not_renewed": "former",
    "founding_member": "member",
    "joined": "member",
    "charter_signed": None,
    "charter_ratified": None,
    "suspension_requested": None,
    "suspended": "suspended",
    "withdrawal_notified": None,
    "left": "former",
    "returned": "member",
    "participation_frozen": "frozen",
    "observer_granted": "observer",
    "observer_ended": "former",
}

MEMBERSHIP_BODIES = ("treaty", "organization", "parliamentary_assembly")
BASES = ("legal", "political")
EVENT_CATEGORIES = (
    "treaty",
    "organization",
    "decision",
    "forces",
    "deployment",
    "operation",
    "appointment",
    "chairmanship",
    "summit",
    "status",
)
# held: a report after the dates says it took place (the only status that counts as held anywhere);
# announced: a dated announcement of it (cited in source_url) but no report of holding found;
# planned: in a plan (an annual plan, a decision) only; cancelled: called off or postponed for good.
EXERCISE_STATUSES = ("held", "announced", "planned", "cancelled")
# Statuses of what has not happened (yet): only such rows may be dated after today.
NOT_HAPPENED = ("announced", "planned", "cancelled")
# Statuses still waiting for a report: once their dates have passed they are "no report yet".
AWAITING_REPORT = ("announced", "planned")
LOCATION_PRECISIONS = ("site", "town", "region", "country")
BODY_KINDS = (
    "statutory",
    "permanent",
    "parliamentary",
    "subsidiary",
    "working_group",
    "forces",
    "operation",
)
PERSONNEL_QUALIFIERS = ("exact", "about", "over", "up_to")
PERSONNEL_SCOPES = ("this", "combined")
PLACE_KINDS = ("training_ground", "town", "region", "country")
SOURCE_KINDS = ("official", "news", "reference", "weak")
YES_NO = ("yes", "no")
LINK_RELATIONS = (
    "reports_to",
    "subordinate_to",
    "coordinates",
    "part_of",
    "established_by",
    "advises",
)


@dataclass(frozen=True)
class Column:
    """One CSV column: its name, kind, whether it may be empty, and what it means."""

    name: str
    kind: ColumnKind
    description: str
    required: bool = False
    allowed: tuple[str, ...] = ()
    min_value: float | None = None
    max_value: float | None = None
    # The table whose key every value (every item of a list) must be: "members", "bodies", "places",
    # or the column's own table ("exercises" for personnel_combined_with). The loader checks every
    # declared reference; none is checked by a hand-written list.
    references: str | None = None
    web_domain: bool = False  # the cell is a web domain (sources.csv): never a listed spam site


@dataclass(frozen=True)
class FutureDates:
    """Which rows may carry dates after today: those whose ``status_column`` holds one of
    ``allowed`` (what has not happened yet). Any other row is about the past, so its dates are not
    after today. ``noun`` names a row in messages ("a date not after today for a held exercise").
    When the table has no such column, no row may be dated later."""

    status_column: str
    allowed: tuple[str, ...]
    noun: str


@dataclass(frozen=True)
class TableSpec:
    """A data file: name, what one row is, its columns, and its key."""

    name: str
    row_meaning: str
    columns: tuple[Column, ...]
    key: str | None = None
    order_by: tuple[str, ...] = ()  # typed tables come sorted so filters need not sort again
    future_dates: FutureDates | None = None  # None: no date may be after today
    # A lookup the pages can do without (the source registry, the place gazetteer): when it does not
    # load, a page that reads it goes on with an empty table and a notice instead of stopping.
    optional: bool = False

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


SOURCE = Column(
    "source_url",
    "url",
    "Public page(s) the row's facts come from; several separated by ' ; '.",
    required=True,
)
NOTE = Column("note", "text", "Short factual remark; conflicting reports with their source.")


def _precision(name: str = "date_precision", required: bool = True) -> Column:
    return Column(
        name,
        "enum",
        "How exact the date is: day, month (stored as the 1st) or year (stored as 1 January).",
        required=required,
        allowed=DATE_PRECISIONS,
    )


def _identifier(name: str) -> Column:
    """A table's own id column: each row's short name, that other tables refer to."""
    return Column(name, "id", "Unique short identifier.", required=True)


def _status(meaning: str) -> Column:
    """Whether an event or exercise took place (held) or is only announced, planned or cancelled."""
    return Column("status", "enum", meaning, required=True, allowed=EXERCISE_STATUSES)


def _ru_translated(required: bool = False) -> Column:
    """Marks rows whose Russian text is our translation rather than a Russian source's wording."""
    return Column(
        "ru_translated",
        "enum",
        "yes when the Russian text is this project's translation, not a Russian source's wording.",
        required=required,
        allowed=YES_NO,
    )


MEMBERS = TableSpec(
    name="members",
    row_meaning="a state that was ever party to the Treaty, member, or observer in one of its bodies",
    key="iso3",
    columns=(
        Column("iso3", "iso3", "ISO 3166-1 alpha-3 code of the state.", required=True),
        Column("name_en", "text", "Short English name.", required=True),
        Column("name_ru", "text", "Short Russian name.", required=True),
        Column("capital_en", "text", "Capital city (English)."),
        Column("capital_lat", "float", "Capital latitude, degrees.", min_value=-90, max_value=90),
        Column("capital_lon", "float", "Capital longitude, degrees.", min_value=-180, max_value=180),
        SOURCE,
    ),
)

MEMBERSHIP = TableSpec(
    name="membership",
    row_meaning="one dated change in a state's relation to the Treaty or the Organization",
    columns=(
        Column("state", "iso3", "State concerned.", required=True, references="members"),
        Column("date", "date", "Date of the change (ISO).", required=True),
        _precision(),
        Column(
            "change",
            "enum",
            "What changed. Statuses on any date are derived from these rows in code.",
            required=True,
            allowed=tuple(CHANGE_TYPES),
        ),
        Column(
            "body",
            "enum",
            "Instrument or body concerned: the Treaty, the Organization, or the "
            "Parliamentary Assembly (observer statuses).",
            required=True,
            allowed=MEMBERSHIP_BODIES,
        ),
        Column(
            "basis",
            "enum",
            "legal (a treaty act, ratification or council decision) or political (a statement).",
            required=True,
            allowed=BASES,
        ),
        NOTE,
        SOURCE,
        Column("note_ru", "text", "The note in Russian."),
        _ru_translated(),
    ),
)

EVENTS = TableSpec(
    name="events",
    row_meaning="a dated organization-level event",
    key="event_id",
    order_by=("date", "event_id"),
    # Takes effect once the contract has a `status` column (the data engineers are adding one).
    future_dates=FutureDates("status", NOT_HAPPENED, "event"),
    columns=(
        _identifier("event_id"),
        Column("date", "date", "Date (ISO); start date for periods.", required=True),
        _precision(),
        Column("end_date", "date", "End of a period (deployment, term of office)."),
        Column("title", "text", "What happened, in one line.", required=True),
        Column("category", "enum", "Kind of event.", required=True, allowed=EVENT_CATEGORIES),
        Column("states", "iso3_list", "States involved, ';'-separated ISO3.", references="members"),
        Column("reported_figures", "text", "Figures as officially reported."),
        NOTE,
        SOURCE,
        _status(
            "held (a report after the dates), announced (an announcement of it, cited; no report of it "
            "found), planned (in a plan only) or cancelled."
        ),
        Column("title_ru", "text", "The title in Russian.", required=True),
        Column("note_ru", "text", "The note in Russian."),
        _ru_translated(required=True),
        Column("reported_figures_ru", "text", "The reported figures in Russian (this project's translation)."),
    ),
)

EXERCISES = TableSpec(
    name="exercises",
    row_meaning="one exercise (or one stage of a multi-stage exercise)",
    key="exercise_id",
    order_by=("start_date", "exercise_id"),
    future_dates=FutureDates("status", NOT_HAPPENED, "exercise"),
    columns=(
        _identifier("exercise_id"),
        Column("name", "text", "The organization's own English name.", required=True),
        Column("series", "text", "Recurring series the exercise belongs to.", required=True),
        Column("start_date", "date", "First day (ISO).", required=True),
        Column("end_date", "date", "Last day (ISO), if reported."),
        _precision(),
        _status(
            "held (a report after the dates says it took place), announced (an announcement of it, "
            "cited in source_url; no report of holding found), planned (in a plan only) or cancelled."
        ),
        Column("host_states", "iso3_list", "Host state(s), ';'-separated ISO3.", references="members"),
        Column("location", "text", "Training ground and nearest town, as reported."),
        Column("latitude", "float", "Latitude, degrees.", min_value=-90, max_value=90),
        Column("longitude", "float", "Longitude, degrees.", min_value=-180, max_value=180),
        Column(
            "location_precision",
            "enum",
            "What the coordinates point at: the training ground (site), the nearest town, "
            "a region, or only the country.",
            allowed=LOCATION_PRECISIONS,
        ),
        Column("participants", "iso3_list", "Participating states, ';'-separated ISO3.", references="members"),
        Column("personnel", "int", "Personnel as reported.", min_value=0, max_value=1_000_000),
        Column("force", "text", "Force or formation exercised (e.g. CRRF)."),
        Column("aliases", "list", "Other names: Russian, transliterations, other English renderings."),
        NOTE,
        SOURCE,
        Column("place_id", "id", "The place drawn on the map (places.csv).", references="places"),
        Column(
            "place_ids",
            "list",
            "Every place the exercise used, ';'-separated; the first is drawn.",
            references="places",
        ),
        Column(
            "personnel_qualifier",
            "enum",
            "How exact the personnel figure is: exact, about, over or up_to.",
            allowed=PERSONNEL_QUALIFIERS,
        ),
        Column(
            "personnel_scope",
            "enum",
            "this (the figure is this exercise's) or combined (one figure for several exercises).",
            allowed=PERSONNEL_SCOPES,
        ),
        Column(
            "personnel_combined_with",
            "list",
            "The other exercises a combined figure covers (ids).",
            references="exercises",
        ),
        Column("name_ru", "text", "The exercise's name in Russian."),
        Column("location_ru", "text", "The location in Russian."),
        Column("note_ru", "text", "The note in Russian."),
        _ru_translated(),
    ),
)

FORCES = TableSpec(
    name="forces",
    row_meaning="a force or formation named in exercises.csv's force column, with its Russian name",
    key="force_id",
    columns=(
        _identifier("force_id"),
        Column("force", "text", "The value exactly as exercises.csv's force column writes it (unique).", required=True),
        Column("body_id", "id", "The body of the Organization it belongs to, where it is one.", references="bodies"),
        Column("name_ru", "text", "Its name in Russian, as the Russian interface shows it.", required=True),
        _ru_translated(required=True),
        Column(
            "source_url",
            "url",
            "A public page naming the force (in Russian where one was found).",
            required=True,
        ),
        NOTE,
        Column("note_ru", "text", "The note in Russian."),
    ),
)

PLACES = TableSpec(
    name="places",
    row_meaning="a place exercises were held at: a training ground, town, region or country",
    key="place_id",
    optional=True,
    columns=(
        _identifier("place_id"),
        Column("name_en", "text", "English name.", required=True),
        Column("name_ru", "text", "Russian name.", required=True),
        Column("kind", "enum", "What the place is.", required=True, allowed=PLACE_KINDS),
        Column("country", "iso3", "The state it is in.", required=True, references="members"),
        Column("latitude", "float", "Latitude, degrees.", required=True, min_value=-90, max_value=90),
        Column("longitude", "float", "Longitude, degrees.", required=True, min_value=-180, max_value=180),
        Column(
            "precision",
            "enum",
            "What the coordinates point at: the site itself, its town, its region or only the country.",
            required=True,
            allowed=LOCATION_PRECISIONS,
        ),
        Column("aliases", "list", "Other spellings, Latin and Cyrillic (search finds them)."),
        SOURCE,
        Column("note", "text", "What the point is, when it is not the place itself."),
    ),
)

SOURCES = TableSpec(
    name="sources",
    row_meaning="a publisher the data cites, by web domain, with its kind (official, news, reference, weak)",
    key="domain",
    optional=True,
    columns=(
        Column("domain", "text", "Web domain (without www.).", required=True, web_domain=True),
        Column("publisher", "text", "Who publishes there, as a briefer would name them.", required=True),
        Column("publisher_ru", "text", "The publisher's name in Russian."),
        Column(
            "kind",
            "enum",
            "official (the CSTO and its bodies, governments, the UN), news (agency or major outlet), "
            "reference (encyclopedia, research) or weak (mirror, aggregator).",
            required=True,
            allowed=SOURCE_KINDS,
        ),
        Column("note", "text", "Why the kind, where it is not obvious."),
        Column(
            "source_url",
            "url",
            "The publisher's own site, where it says who it is: the source of this row's publisher.",
            required=True,
        ),
    ),
)

BODIES = TableSpec(
    name="bodies",
    row_meaning="one body, force or recurring operation of the Organization",
    key="body_id",
    columns=(
        _identifier("body_id"),
        Column("name_en", "text", "The Organization's own English name.", required=True),
        Column("abbreviation", "text", "English abbreviation the Organization uses."),
        Column("name_ru", "text", "Russian name."),
        Column("kind", "enum", "Place in the structure.", required=True, allowed=BODY_KINDS),
        Column("established", "date", "Date established, where sourced."),
        _precision("established_precision", required=False),
        Column("description", "text", "What it does, in one or two sentences."),
        Column("aliases", "list", "Other names and abbreviations (e.g. Russian ones)."),
        SOURCE,
        Column("description_ru", "text", "The description in Russian."),
        _ru_translated(),
    ),
)

BODY_LINKS = TableSpec(
    name="body_links",
    row_meaning="one relation between two bodies",
    columns=(
        Column("from_id", "id", "The subordinate / reporting body.", required=True, references="bodies"),
        Column(
            "to_id",
            "id",
            "The body it reports to, is part of, or was established by.",
            required=True,
            references="bodies",
        ),
        Column("relation", "enum", "Kind of relation.", required=True, allowed=LINK_RELATIONS),
        SOURCE,
    ),
)

DISCREPANCIES = TableSpec(
    name="discrepancies",
    row_meaning="a factual error found in the brief's reference text, with its correction",
    key="discrepancy_id",
    columns=(
        _identifier("discrepancy_id"),
        Column("where", "text", "Which text says it (e.g. the Armenian foreign ministry's overview).", required=True),
        Column("claim", "text", "What the reference text says.", required=True),
        Column("correction", "text", "What the sources say instead.", required=True),
        Column("claim_ru", "text", "The claim in Russian.", required=True),
        Column("correction_ru", "text", "The correction in Russian.", required=True),
        SOURCE,
        Column("where_ru", "text", "Which text says it, in Russian."),
    ),
)

TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (MEMBERS, MEMBERSHIP, EVENTS, PLACES, EXERCISES, FORCES, BODIES, BODY_LINKS, DISCREPANCIES, SOURCES)
}

# Which other tables a table's cross-references need loaded first (a reference to the table's own
# key, such as personnel_combined_with, is checked within the table and needs nothing first).
DEPENDS_ON: dict[str, tuple[str, ...]] = {
    name: tuple(sorted({c.references for c in spec.columns if c.references and c.references != name}))
    for name, spec in TABLES.items()
}


def _load_order() -> tuple[str, ...]:
    """Every table after the tables it references (a reference cycle is a contract bug)."""
    order: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in path:
            raise ValueError("reference cycle in the data contract: " + " -> ".join((*path, name)))
        if name not in order:
            for ref in DEPENDS_ON[name]:
                visit(ref, (*path, name))
            order.append(name)

    for name in TABLES:
        visit(name, ())
    return tuple(order)


LOAD_ORDER = _load_order()


def _closure(name: str) -> set[str]:
    found: set[str] = set()
    for ref in DEPENDS_ON[name]:
        found |= {ref, *_closure(ref)}
    return found


# Every table a table's validity depends on, directly or through another table (for cache keys).
ALL_DEPENDENCIES: dict[str, tuple[str, ...]] = {
    name: tuple(ref for ref in LOAD_ORDER if ref in _closure(name)) for name in TABLES
}
