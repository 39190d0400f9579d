"""Sources & data: what each data file holds, its known errors and weakly sourced rows (pure).

The page has no filters (its declared state is the app's country in focus only); what it shows
depends on the files as this session loads them, so the ui passes the tables that loaded."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from components.data.loaders import split_sources
from components.data.schema import TABLES
from components.data.schema_ru import row_meaning
from components.derive.sources import column_dictionary, weak_only_rows
from components.model.common import COUNTRY
from components.model.state import PageSpec

SPEC = PageSpec("sources", (COUNTRY,))
FILE_NAMES = {name: spec.file_name for name, spec in TABLES.items()}


def meaning(name: str, lang: str) -> str:
    """What one row of table ``name`` is, in ``lang``."""
    return row_meaning(name, TABLES[name].row_meaning, lang)


def columns_of(name: str) -> pd.DataFrame:
    """Table ``name``'s columns as the data contract declares them (kind, required, allowed, meaning)."""
    return column_dictionary(TABLES[name])


@dataclass
class Discrepancy:
    """One known error in the brief: where it is, what it claims, the correction and its sources."""

    where: str
    claim: str
    correction: str
    sources: list[str]


def discrepancies(table: pd.DataFrame, lang: str) -> list[Discrepancy]:
    """The known errors in the brief in ``lang`` (English where a Russian text is missing)."""

    def text(row: object, column: str) -> str:
        russian = getattr(row, f"{column}_ru", None) if lang == "ru" else None
        return russian or getattr(row, column)

    return [
        Discrepancy(text(row, "where"), text(row, "claim"), text(row, "correction"), split_sources(row.source_url))
        for row in table.itertuples()
    ]


@dataclass
class SourcesModel:
    """What the Sources page shows from the tables that loaded: the known errors in the brief
    (in the page's language) and the rows whose only sources are weak."""

    discrepancies: list[Discrepancy]
    weak_rows: pd.DataFrame


def build(loaded: dict[str, pd.DataFrame], publishers: dict[str, tuple[str, str]], lang: str) -> SourcesModel:
    """The Sources page's model (``publishers``: the source registry, domain -> names)."""
    known = discrepancies(loaded["discrepancies"], lang) if "discrepancies" in loaded else []
    return SourcesModel(known, weak_only_rows(loaded, publishers))
