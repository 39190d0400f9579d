"""The interface text catalogue: every string a user reads comes from here, by key.

Keeping all wording in one dictionary per language makes the planned Russian interface a
translation of this file, not a rewrite of the pages.
"""

from __future__ import annotations

DEFAULT_LANGUAGE = "en"

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "app.title": "CSTO Explorer",
        "app.tagline": "Who belonged to the Collective Security Treaty Organization and when, how it is organized, and where it trains.",
        "nav.overview": "Overview",
        "nav.membership": "Membership timeline",
        "nav.structure": "Organizational structure",
        "nav.exercises": "Exercise map",
        "nav.sources": "Sources & data",
        "footer.data": "Data: {folder} · version {version} · every row cites its public source (see Sources & data).",
        "footer.offline": "Works offline: maps, fonts and scripts are served by this app.",
        "error.data": "This page cannot show its data because a data file has problems. Other pages keep working.",
        "error.details": "What is wrong (file, line, column, expected)",
        # Overview
        "overview.title": "The Collective Security Treaty Organization at a glance",
        "overview.intro.1": "The Collective Security Treaty was signed in Tashkent on 15 May 1992 by Armenia, Kazakhstan, Kyrgyzstan, Russia, Tajikistan and Uzbekistan; Azerbaijan, Georgia and Belarus acceded in 1993, and the Treaty entered into force on 20 April 1994.",
        "overview.intro.2": "Its core, Article 4, treats aggression against one State Party as aggression against all. In 1999 six states signed the protocol extending the Treaty; Azerbaijan, Georgia and Uzbekistan did not.",
        "overview.intro.3": "On 14 May 2002 the parties decided to turn the Treaty into an international organization, the CSTO, whose Charter was signed in Chișinău on 7 October 2002. Since 2 December 2004 the CSTO has observer status in the UN General Assembly.",
        "overview.intro.sources": "Sources: {sources}",
        "overview.metric.members": "Member states today",
        "overview.metric.members_help": "States whose derived status today is 'member' or 'participation frozen'.",
        "overview.metric.ever": "States ever party",
        "overview.metric.exercises": "Exercises in the dataset",
        "overview.metric.span": "Time span",
        "overview.metric.latest": "Latest event",
        "overview.members_today": "Members today: {names}.",
        "overview.frozen_today": "Participation frozen: {names}.",
        "overview.pages": "Explore",
        "overview.card.membership": "Who belonged to the alliance on any day, and how that changed.",
        "overview.card.structure": "The organization's bodies and forces as a network: who reports to whom.",
        "overview.card.exercises": "Where and how the collective forces train, with filters.",
        "overview.card.sources": "Every data file, its columns, its sources, known errors in the brief, and downloads.",
        "overview.no_data": "—",
        # Status names
        "status.treaty_party": "Party to the Treaty",
        "status.member": "Member of the Organization",
        "status.frozen": "Participation frozen",
        "status.suspended": "Membership suspended",
        "status.observer": "Observer (Parliamentary Assembly)",
        "status.former": "Former party / out",
        "precision.day": "exact day",
        "precision.month": "month only",
        "precision.year": "year only",
        # Sources page
        "sources.title": "Sources & data",
        "sources.intro": "Every table the pages draw from, with its columns, the public sources it cites and a download. Data folder in use: {folder}.",
        "sources.rows": "{rows} rows · {sources} distinct sources",
        "sources.columns": "Columns",
        "sources.col.name": "Column",
        "sources.col.kind": "Type",
        "sources.col.required": "Required",
        "sources.col.allowed": "Allowed values",
        "sources.col.meaning": "Meaning",
        "sources.cited": "Sources cited",
        "sources.cited.url": "Source",
        "sources.cited.rows": "Rows citing it",
        "sources.download": "Download {file}",
        "sources.discrepancies": "Known discrepancies in the brief's reference text",
        "sources.discrepancies.intro": "The brief's reference text contains factual errors. The data carries the corrected facts; each error is listed here with its correction and source.",
        "sources.problem_file": "{file} could not be loaded.",
        "sources.row_meaning": "One row is {meaning}.",
        "placeholder.title": "{title}",
        "placeholder.body": "This page is in preparation.",
    },
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The text for ``key`` in ``lang`` with ``{placeholders}`` filled; unknown keys raise KeyError."""
    template = CATALOGUE.get(lang, CATALOGUE[DEFAULT_LANGUAGE]).get(key)
    if template is None:
        template = CATALOGUE[DEFAULT_LANGUAGE][key]
    return template.format(**values) if values else template
