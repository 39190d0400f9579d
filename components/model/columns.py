"""One catalogue of table columns: how each column a page table shows is named and drawn.

A column of the same data reads the same on every page and in every export: ``columns("when",
"title", "source_url")`` gives the specs; a table whose column means something narrower names it
(``when="col.start"``) or gives its own ``Column``."""

from __future__ import annotations

from components.i18n.text import t
from components.model.base import Column

# column -> (catalogue key of its label, kind: text, wide, date, link, list, number, sources)
CATALOGUE: dict[str, tuple[str, str]] = {
    "date": ("col.date", "date"),
    "when": ("col.date", "text"),  # a date already written out at its precision ('March 2004')
    "end_date": ("col.end_date", "date"),
    "start": ("col.start", "text"),
    "end": ("col.end", "text"),
    "start_date": ("col.start", "date"),
    "title": ("col.title", "wide"),
    "name": ("col.exercise", "wide"),
    "category": ("col.category", "text"),
    "status": ("col.status", "text"),
    "states": ("col.states", "list"),
    "change": ("col.change", "text"),
    "body": ("col.body", "text"),
    "basis": ("col.basis", "text"),
    "note": ("col.note", "wide"),
    "location": ("col.location", "wide"),
    "date_precision": ("col.precision", "text"),
    "source_url": ("col.source", "sources"),
    "abbreviation": ("col.abbreviation", "text"),
    "kind": ("col.kind", "text"),
    "established": ("col.established", "date"),
    "description": ("col.description", "wide"),
    "took_part": ("participation.col.took_part", "number"),
    "hosted": ("participation.col.hosted", "number"),
    "not_held": ("participation.col.not_held", "number"),
}
# Every source of a row, not just its first (tables whose rows have several).
ALL_SOURCES = "col.all_sources"


def columns(*names: str, **special: str | Column) -> dict[str, Column]:
    """The specs of ``names`` in order, from the catalogue; ``special`` gives a column its own
    label (a catalogue key, same kind) or its own ``Column``."""
    specs: dict[str, Column] = {}
    for name in names:
        own = special.get(name)
        if isinstance(own, Column):
            specs[name] = own
            continue
        label, kind = CATALOGUE[name]
        specs[name] = Column(t(own or label), kind)
    return specs
