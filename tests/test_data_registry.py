"""The source registry (data/sources.csv): every cited domain is registered, and no spam site is cited or registered.

Pure csv, no Streamlit: a registered domain covers its subdomains (``en.odkb-csto.org`` is covered by
``odkb-csto.org``); ``www.`` and a trailing dot are ignored.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from components.data.spam import SPAM_DOMAINS

DATA = Path(__file__).resolve().parent.parent / "data"
KINDS = {"official", "news", "reference", "weak"}

# Spam, SEO, proxy and content-farm sites: the list ships with the app's validation (a user's own
# data folder citing one gets a named problem); these checks read the same list.
# Files edited on another branch at the same time (issue #19): their spam sources are removed there.

URL = re.compile(r"https?://[^\s;,)]+")


def host(url: str) -> str:
    name = (urlparse(url).hostname or "").lower().rstrip(".")
    return name[4:] if name.startswith("www.") else name


def covered(name: str, domains) -> bool:
    return any(name == d or name.endswith("." + d) for d in domains)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def registry() -> list[dict[str, str]]:
    return rows(DATA / "sources.csv")


DATA_FILES = sorted(p.name for p in DATA.glob("*.csv") if p.name != "sources.csv")


def cited_hosts(file_name: str, columns: str = "source_url") -> set[str]:
    found = set()
    for row in rows(DATA / file_name):
        for column, value in row.items():
            if columns == "all" or column == columns:
                found.update(host(u) for u in URL.findall(value or ""))
    return found


def test_registry_columns_and_kinds():
    table = registry()
    assert table, "data/sources.csv is empty"
    assert list(table[0]) == ["domain", "publisher", "publisher_ru", "kind", "note", "source_url"]
    # Each row cites where its publisher says who it is: the domain's own site.
    assert all(r["source_url"] == f"https://{r['domain']}/" for r in table)
    assert {r["kind"] for r in table} <= KINDS
    assert all(r["domain"] and r["publisher"] for r in table)
    domains = [r["domain"] for r in table]
    assert len(domains) == len(set(domains)), "a domain is registered twice"
    assert all(d == d.lower() and not d.startswith("www.") for d in domains)


def test_registry_lists_no_spam_domain():
    assert not [r["domain"] for r in registry() if covered(r["domain"], SPAM_DOMAINS)]


@pytest.mark.parametrize("file_name", DATA_FILES)
def test_every_cited_domain_is_registered(file_name):
    domains = [r["domain"] for r in registry()]
    missing = sorted(h for h in cited_hosts(file_name) if not covered(h, domains) and not covered(h, SPAM_DOMAINS))
    assert not missing, f"{file_name} cites domains missing from data/sources.csv: {missing}"


@pytest.mark.parametrize("file_name", DATA_FILES)
def test_no_spam_domain_is_cited(file_name):
    spam = sorted(h for h in cited_hosts(file_name, columns="all") if covered(h, SPAM_DOMAINS))
    assert not spam, f"{file_name} cites spam sites: {spam}"


OWN_FILES = DATA_FILES  # every data file (exercises and places too, since issue #33)


@pytest.mark.parametrize("file_name", OWN_FILES)
def test_every_row_cites_a_non_weak_source(file_name):
    kinds = {r["domain"]: r["kind"] for r in registry()}

    def kind(url: str) -> str:
        h = host(url)
        matches = [d for d in kinds if h == d or h.endswith("." + d)]
        return kinds[max(matches, key=len)] if matches else "weak"

    # A row may rest on weak sources only when no better one was found, and then its note says so.
    weak_only = [
        next(iter(row.values()))
        for row in rows(DATA / file_name)
        if all(kind(u) == "weak" for u in URL.findall(row["source_url"]))
        and "Weak sources only" not in row.get("note", "")
    ]
    assert not weak_only, f"{file_name}: rows citing only weak sources, without a note saying so: {weak_only}"


def cited_everywhere() -> set[str]:
    """Every host cited in any column of any data file (notes cite pages too)."""
    return set().union(*(cited_hosts(name, columns="all") for name in DATA_FILES))


def test_every_registered_domain_is_cited():
    # Issue #33: the registry lists the sources the data uses, not every site once looked at.
    hosts = cited_everywhere()
    unused = sorted(r["domain"] for r in registry() if not any(covered(h, [r["domain"]]) for h in hosts))
    assert not unused, f"data/sources.csv registers domains no data row cites: {unused}"


@pytest.mark.parametrize("file_name", DATA_FILES)
def test_no_cited_address_has_a_trailing_dot_in_its_host(file_name):
    dotted = [
        url
        for row in rows(DATA / file_name)
        for value in row.values()
        for url in URL.findall(value or "")
        if (urlparse(url).hostname or "").endswith(".")
    ]
    assert not dotted, f"{file_name}: addresses with a trailing dot in the host: {dotted}"


def test_data_readme_gives_the_registry_row_count():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert f"sources {len(registry())} (the registry)" in readme
