"""Every page that has a declared state, its build, and the tables it reads (pure)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from components.model import chronology, country, exercises, membership, structure
from components.model.base import PageModel
from components.model.state import Domain, PageSpec


@dataclass(frozen=True)
class PageKind:
    spec: PageSpec
    tables: tuple[str, ...]
    domain: Callable[[dict[str, pd.DataFrame], date], Domain]
    build: Callable[[dict[str, pd.DataFrame], dict, str, date], PageModel]


PAGE_KINDS: dict[str, PageKind] = {
    module.SPEC.page: PageKind(module.SPEC, module.TABLES_USED, module.domain, module.build)
    for module in (membership, structure, exercises, country, chronology)
}


def build_from_params(
    page: str, params: dict[str, list[str]], tables: dict[str, pd.DataFrame], lang: str, today: date
) -> tuple[PageModel, list[str]]:
    """A page's model from URL values (a link, a deck slide), and the keys that could not be used."""
    kind = PAGE_KINDS[page]
    state, invalid = kind.spec.decode(params, kind.domain(tables, today))
    return kind.build(tables, state, lang, today), invalid
