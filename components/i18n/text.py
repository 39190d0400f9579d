"""The interface text catalogue: every string a user reads comes from here, by key.

Keeping all wording in one dictionary per language makes the planned Russian interface a
translation of this file, not a rewrite of the pages.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from urllib.parse import urlsplit

import pandas as pd

from components.i18n import formats
from components.i18n.text_ru import RU

DEFAULT_LANGUAGE = "en"

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "app.title": "CSTO Explorer",
        "app.tagline": "Who belonged to the Collective Security Treaty Organization and when, how it is organized, and where it trains.",
        "language.label": "Language",
        "widget.any": "Any",
        "filters.heading": "Filters",
        "filters.more": "More filters",
        "filters.none": "All the data: no filter set",
        "filters.where": "The filters are in the sidebar (on a phone, behind the menu button at the top left).",
        "nav.overview": "Overview",
        "nav.membership": "Membership timeline",
        "nav.structure": "Organizational structure",
        "nav.exercises": "Exercise map",
        "nav.sources": "Sources & data",
        "footer.data": "Data: {folder} · version {version} · every row cites its public source (see Sources & data).",
        "footer.offline": "Works offline: maps, fonts and scripts are served by this app.",
        "error.data": "This page cannot show its data because a data file has problems. Other pages keep working.",
        "error.details": "What is wrong (file, line, column, expected)",
        "error.optional": "{file} could not be read, so this page goes on without it (publishers or place names are not shown). Sources & data → Data health says what is wrong.",
        # Country profile, chronology, exercises over time, who trains with whom
        "nav.country": "Country profile",
        "nav.chronology": "Chronology",
        "profile.intro": "One state's complete record in the data: membership periods and their basis, posts held, exercises it took part in and hosted, events, and every source.",
        "profile.title": "{name}: country profile",
        "profile.caption": "{name} · status today: {status}",
        "profile.pick_hint": "Pick a state to read its complete record.",
        "profile.picker": "State",
        "profile.open_ended": "continues",
        "profile.chart_title": "{name}: held exercises by year (took part in {took_part}, hosted {hosted})",
        "profile.metric.status": "Status today",
        "profile.metric.hosted": "Hosted (held)",
        "profile.metric.took_part": "Took part in (held)",
        "profile.metric.took_part_help": "Held exercises with {name} among the hosts or the participants (a host takes part in what it hosts). Planned and cancelled ones are not counted.",
        "profile.metric.hosted_help": "Held exercises with {name} among the hosts. Planned and cancelled ones are not counted.",
        "profile.metric.posts": "Posts held",
        "profile.metric.events": "Events involving it",
        "profile.periods": "Membership periods",
        "profile.changes": "Every dated change",
        "profile.posts": "Posts held: Secretaries General and chairmanships",
        "profile.posts_empty": "The data records no appointment or chairmanship for this state.",
        "profile.exercises": "Held exercises it took part in ({count})",
        "profile.not_held": "Planned and cancelled exercises it was listed for: not held, not counted ({count})",
        "profile.col.listed_as": "Listed as",
        "profile.events": "Events and decisions involving it ({count})",
        "profile.col.role": "Role",
        "profile.sources": "Every source ({count})",
        "profile.empty": "Nothing recorded.",
        "profile.open": "Open the country profile",
        "profile.download": "Download these {rows} rows (CSV)",
        "participation.role.hosted": "hosted",
        "participation.role.took_part": "took part, not hosting",
        "participation.role.none": "none",
        "participation.not_counted": "{status}: not held, not counted",
        "participation.listed_as.host": "host",
        "participation.listed_as.participant": "participant",
        "participation.totals": "Held exercises per state ({start}–{end})",
        "participation.totals_download": "Download these {rows} rows (CSV)",
        "participation.col.state": "State",
        "participation.col.took_part": "Took part in",
        "participation.col.hosted": "Hosted",
        "participation.col.not_held": "Planned or cancelled (not counted)",
        "counting.rule": "Only held exercises are counted. Took part in: held exercises with the state among the hosts or the participants (a host takes part in what it hosts). Hosted: held exercises with the state among the hosts. Announced, planned and cancelled exercises are listed with their status and their own mark, and never counted.",
        "counting.listed_help": "{breakdown}. Only held exercises are counted as hosted or taken part in.",
        "counting.status_count": "{count} {status}",
        "participation.axis.exercises": "Exercises",
        "participation.axis.personnel": "Reported personnel",
        "participation.edge_hover": "{a} and {b}: {count} held exercises together",
        "participation.node_hover": "{name}: took part in {count} held exercises",
        "participation.heading": "Who trains with whom",
        "participation.matrix_title": "Who took part, year by year ({start}–{end})",
        "participation.network_title": "Who trains with whom: held exercises shared ({start}–{end})",
        "participation.matrix_note": "● hosted at least one held exercise that year; ○ took part in a held exercise without hosting; + planned, × cancelled: listed for an exercise that was not held (not counted). The number after a state's name: held exercises it took part in. Follows the filters above.",
        "participation.network_note": "Held exercises only (planned and cancelled ones are not counted). A line joins two states for every held exercise both took part in (hosting counts); the thicker the line, the more exercises they shared; the number on a line is that count.",
        "participation.network_empty": "No two states shared an exercise in the filtered set.",
        "participation.tab.matrix": "Year by year",
        "participation.tab.network": "Shared exercises",
        "exercises.year": "Single year",
        "exercises.year_all": "All years",
        "exercises.year_help": "Show one year at a time on the map and in the counts; Play steps through the years.",
        "exercises.play": "Play",
        "exercises.play_help": "Step through the years one at a time.",
        "exercises.year_shown": "Showing {year}",
        "exercises.map_title_year": "CSTO exercises in {year}: {count} shown",
        "exercises.per_year_metric": "Per year",
        "exercises.per_year_metric.exercises": "Number of exercises",
        "exercises.per_year_metric.personnel": "Reported personnel",
        "exercises.per_year_personnel": "Reported personnel per year",
        "exercises.personnel_once": "Each reported figure is counted once: a figure given for several joint exercises together is added once, not once per exercise. Exercises without a reported figure add nothing.",
        "chronology.title": "Chronology",
        "chronology.intro": "Every event in the data, and on request every exercise, on one time axis. Drag to zoom, use the slider below the chart, click a point to read its card, or step through the items one at a time.",
        "chronology.categories": "Categories",
        "chronology.states": "States involved",
        "chronology.search": "Search titles and notes",
        "chronology.search_placeholder": "e.g. Kazakhstan",
        "chronology.with_exercises": "Include exercises",
        "chronology.with_exercises_help": "Add every exercise as an item of its own category.",
        "chronology.item": "Item",
        "chronology.category.exercise": "Exercise",
        "chronology.not_held": "{status}: not held",
        "chronology.legend.not_held": "hollow mark: announced, planned or cancelled — not held",
        "chronology.chart_title": "CSTO chronology: {count} items",
        "chronology.table": "Items ({count})",
        "chronology.caption": "{count} of {total} items · {span}",
        "chronology.metric.items": "Items shown",
        "chronology.metric.span": "Span",
        "chronology.story": "Story mode",
        "chronology.previous": "Previous",
        "chronology.next": "Next",
        "chronology.position": "Item {position} of {count}",
        "chronology.card_hint": "Click a point, pick an item or press Next to read its card.",
        "chronology.card.dates": "**Date:** {value}",
        "chronology.card.category": "**Category:** {value}",
        "chronology.card.status": "**Status:** {value}",
        "chronology.hollow_note": "Hollow markers: not reported as held (announced, planned or cancelled); the card and the table give the status, and “no report yet” where the dates have passed.",
        "chronology.card.states": "**States:** {value}",
        "chronology.card.sources": "Sources",
        "chronology.empty": "No item matches these filters.",
        "chronology.reset": "Reset",
        "chronology.pick": "Item",
        "chronology.pick_none": "None",
        # Overview
        "overview.title": "The Collective Security Treaty Organization at a glance",
        "overview.intro.1": "The Collective Security Treaty was signed in Tashkent on 15 May 1992 by Armenia, Kazakhstan, Kyrgyzstan, Russia, Tajikistan and Uzbekistan; Azerbaijan, Georgia and Belarus acceded in 1993, and the Treaty entered into force on 20 April 1994.",
        "overview.intro.2": "Its core, Article 4, treats aggression against one State Party as aggression against all. In 1999 six states signed the protocol extending the Treaty; Azerbaijan, Georgia and Uzbekistan did not.",
        "overview.intro.3": "On 14 May 2002 the parties decided to turn the Treaty into an international organization, the CSTO, whose Charter was signed in Chișinău on 7 October 2002. Since 2 December 2004 the CSTO has observer status in the UN General Assembly.",
        "overview.intro.sources_label": "Sources for these sentences",
        "overview.metric.members": "Member states today",
        "overview.metric.members_help": "States whose derived status today is 'member' or 'participation frozen'.",
        "overview.metric.ever": "States ever party",
        "overview.metric.exercises": "Exercises listed",
        "overview.metric.span": "Time span",
        "overview.metric.latest": "Latest event",
        "overview.members_today": "Members today: {names}.",
        "overview.frozen_today": "Participation frozen: {names}.",
        "overview.pages": "Explore",
        "overview.card.membership": "Who belonged to the alliance on any day, and how that changed.",
        "overview.card.structure": "The organization's bodies and forces as a network: who reports to whom.",
        "overview.card.exercises": "Where and how the collective forces train, with filters.",
        "overview.card.country": "One state's complete record: membership periods and their basis, posts held, exercises hosted and attended, events, sources.",
        "overview.card.chronology": "Every event, and on request every exercise, on one zoomable time axis; a card per item, and a story mode to step through them.",
        "overview.card.briefing": "Saved views as a deck: step through them, edit titles and notes, present them as a slideshow, export an offline HTML slideshow or PowerPoint.",
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
        # Membership timeline
        "membership.title": "Membership timeline",
        "membership.intro": "Who belonged to the alliance on a given day, and how that changed. Statuses are derived from the dated changes in membership.csv; each bar's hover names its basis and source.",
        "membership.milestones": "Milestones to show",
        "membership.chart_title": "Membership of the Collective Security Treaty and the CSTO, 1992 to today",
        "membership.as_of": "As of",
        "membership.as_of_help": "Move the date to see the alliance as it stood on that day; the dashed line marks it on every chart.",
        "membership.play": "Play through the years",
        "membership.play_help": "Steps the as-of date forward one year at a time.",
        "membership.summary": "The alliance on {day}",
        "membership.metric.members": "Members",
        "membership.metric.parties": "Treaty parties",
        "membership.metric.frozen": "Participation frozen",
        "membership.metric.suspended": "Suspended",
        "membership.metric.former": "Former",
        "membership.metric.observers": "Observers (PA)",
        "membership.names": "{label}: {names}",
        "membership.map": "Status by country on {day}",
        "membership.count": "States by status over time",
        "membership.focus": "State in focus",
        "membership.focus_help": "Pick a state, or click its row on the timeline, to see its history with sources.",
        "membership.focus_none": "No state in focus",
        "membership.history": "History of {name}",
        "membership.history_empty": "No dated changes recorded for this state.",
        "membership.events": "Events",
        "membership.events.category": "Category",
        "membership.events.state": "State involved",
        "membership.events.years": "Years",
        "membership.events.empty": "No event matches these filters. Widen the years or clear a filter.",
        "membership.events.download": "Download these {rows} events (CSV)",
        "membership.events.count": "{rows} of {total} events shown",
        "membership.no_data": "membership.csv has no rows yet, so there is no timeline to draw.",
        "timeline.today": "today (continues)",
        "timeline.basis": "Basis: {basis}",
        "timeline.source": "Source: {source}",
        "timeline.open_ended": "Continues to today",
        "timeline.open_ended_hover": "This status continues to today",
        "timeline.approximate": "Faded: start known only to the month or year",
        "timeline.as_of_label": "as of {day}",
        "timeline.milestones": "Milestones",
        "timeline.count_axis": "Number of states",
        "category.treaty": "Treaty",
        "category.organization": "Organization",
        "category.decision": "Council decision",
        "category.forces": "Forces",
        "category.deployment": "Deployment",
        "category.operation": "Operation",
        "category.appointment": "Appointment",
        "category.chairmanship": "Chairmanship",
        "category.summit": "Summit",
        "category.status": "Status",
        "basis.legal": "legal act",
        "basis.political": "political statement",
        "col.date": "Date",
        "col.precision": "Precision",
        "col.change": "Change",
        "col.body": "Concerns",
        "col.basis": "Basis",
        "col.note": "Note",
        "col.source": "Source",
        "col.all_sources": "All sources",
        "col.title": "Event",
        "col.category": "Category",
        "col.states": "States",
        "col.figures": "Reported figures",
        "col.end_date": "Until",
        # Organizational structure
        "structure.title": "Organizational structure",
        "structure.intro": "How the organization is put together: arrows run from a body to the body it reports to, is part of, or was established by. Click a node or search for a body to see its details and sources.",
        "structure.kinds": "Show kinds",
        "structure.chart_title": "How the CSTO is organized (as of {year})",
        "structure.layout": "Layout",
        "structure.layout.layered": "Org chart",
        "structure.layout.spring": "Force-directed",
        "structure.year": "Structure as of year",
        "structure.year_help": "Bodies founded after this year are greyed out; bodies with an unknown founding date keep a dark outline.",
        "structure.search": "Find a body",
        "structure.search_none": "No body selected",
        "structure.search_help": "Type to search names and abbreviations, or click a node in the diagram.",
        "structure.unknown_dates": "{count} bodies have no sourced founding date; they are drawn with a dark outline whatever the year.",
        "structure.later": "{count} bodies were founded after {year} and are greyed out.",
        "structure.empty": "No body matches these kinds. Choose at least one kind to show.",
        "structure.unlinked": "Shown without links because no source found states their relation to the other bodies: {names}.",
        "structure.dangling": "Links naming an unknown body were not drawn: {links}",
        "structure.details": "About this body",
        "structure.details_hint": "Select a body (click a node or use the search box) to see what it does, whom it answers to and its sources.",
        "structure.abbreviation": "Abbreviation: {value}",
        "structure.name_ru": "Russian name: {value}",
        "structure.kind": "Kind: {value}",
        "structure.established": "Established: {day}",
        "structure.established_unknown": "date not sourced",
        "structure.answers_to": "Answers to",
        "structure.answered_by": "Answered to by",
        "structure.nothing": "None recorded.",
        "structure.sources": "Sources",
        "structure.table": "All bodies",
        "structure.download.graphml": "Download the graph (GraphML)",
        "structure.download.bodies": "Download bodies (CSV)",
        "structure.download.links": "Download relations (CSV)",
        "structure.legend.kinds": "Kind of body",
        "structure.legend.relations": "Relation (arrow points up)",
        "kind.statutory": "Statutory body",
        "kind.permanent": "Permanent working body",
        "kind.parliamentary": "Parliamentary Assembly",
        "kind.subsidiary": "Subsidiary body",
        "kind.working_group": "Working group",
        "kind.forces": "Collective forces",
        "kind.operation": "Recurring operation",
        "relation.reports_to": "reports to",
        "relation.subordinate_to": "subordinate to",
        "relation.part_of": "part of",
        "relation.established_by": "established by",
        "relation.coordinates": "coordinates",
        "relation.advises": "advises",
        "structure.legend.date_unknown": "Founding date unknown (grey ring)",
        "structure.date_unknown_hover": "Founding date unknown: shown whatever the year",
        "structure.key_title": "Abbreviations",
        "structure.year_help_hidden": "Bodies founded after this year are not drawn; bodies with an unknown founding date are drawn inside a grey ring.",
        "structure.later_hidden": "{count} bodies were founded after {year} and are not drawn.",
        "structure.unknown_dates_ring": "{count} bodies have no sourced founding date; they are drawn inside a grey ring whatever the year.",
        "structure.layout_fallback": "Graphviz is not installed, so the org chart uses a simpler row order with more crossing lines.",
        "col.name": "Name",
        "col.name_ru": "Russian name",
        "col.abbreviation": "Abbreviation",
        "col.kind": "Kind",
        "col.established": "Established",
        "col.description": "What it does",
        # Exercise map
        "exercises.title": "Exercise map",
        "exercises.intro": "Where the collective forces train, who hosts and who takes part. Every marker is one exercise (or one stage); hover for details and source, click for the full card.",
        "exercises.filters": "Filters",
        "exercises.map_title": "CSTO exercises {start}–{end}: {count} shown",
        "exercises.years": "Years",
        "exercises.series": "Series",
        "exercises.hosts": "Host state",
        "exercises.participants": "Participating state",
        "exercises.status": "Status",
        "exercises.force": "Force",
        "exercises.search": "Search names, aliases and places",
        "exercises.search_placeholder": "e.g. Nerushimoe, Edelweiss, Interaction",
        "exercises.reset": "Reset",
        "exercises.empty": "No exercise matches all these filters. Loosen one of them or reset the filters.",
        "exercises.metric.exercises": "Exercises listed",
        "exercises.metric.hosts": "Host states",
        "exercises.metric.participants": "Participating states",
        "exercises.metric.hosts_help": "States that hosted at least one held exercise among those shown.",
        "exercises.metric.participants_help": "States that took part in at least one held exercise among those shown (hosts included).",
        "exercises.metric.personnel": "Personnel reported",
        "exercises.metric.personnel_help": "Sum of the personnel figures reported for the {count} exercises that have one; where one figure covers several joint exercises it is recorded once.",
        "exercises.map_caption": "Markers: colour and shape = series; size = reported personnel; hollow = location known only to the nearest town, the region or the country. Exercises at the same place are spread on a small ring around it.",
        "exercises.aggregate_hover": "<b>{count} exercises</b> · {series}<br>{first}–{last}<br>e.g. {example}",
        "exercises.aggregated": "{count} exercises are drawn as {markers} markers, one per map cell (about 1°) and series, sized by the number of exercises; zoom the table or narrow the filters to see single exercises.",
        "exercises.table_capped": "Showing the first {shown} of {total} exercises; the CSV download has all of them.",
        "membership.events.capped": "Showing the first {shown} of {total} events; the CSV download has all of them.",
        "membership.milestones_sampled": "{total} milestones match; {shown} evenly spread over time are drawn (hover shows each).",
        "exercises.unmapped": "{count} not on the map (no place precise enough to draw): {names}.",
        "exercises.per_year": "Exercises per year by series",
        "exercises.per_year_axis": "Exercises",
        "exercises.table": "Exercises shown ({rows})",
        "exercises.download": "Download these {rows} exercises (CSV)",
        "exercises.card": "Exercise card",
        "exercises.card_hint": "Click a marker on the map, or pick an exercise here, to see its card.",
        "exercises.pick": "Exercise",
        "exercises.pick_none": "No exercise selected",
        "exercises.card.dates": "Dates: {value}",
        "exercises.card.location": "Location: {value} ({precision})",
        "exercises.card.hosts": "Host: {value}",
        "exercises.card.participants": "Participants: {value}",
        "exercises.card.personnel": "Personnel: {value}",
        "exercises.card.force": "Force: {value}",
        "exercises.card.aliases": "Also known as: {value}",
        "exercises.card.note": "Note: {value}",
        "exercises.card.sources": "Sources",
        "exercises.precision.site": "training ground",
        "exercises.precision.town": "nearest town",
        "exercises.precision.region": "region only",
        "exercises.precision.country": "country only",
        "exercises.at_capital": "country only — drawn at the capital",
        "exercises.personnel_value": "Personnel: {value}",
        "exercises.personnel_unknown": "Personnel: not reported",
        "exercises.hover.hosts": "Host: {names}",
        "exercises.hover.participants": "Participants: {names}",
        "exercises.legend.members": "Member states today",
        "exercises.legend.other_series": "Other series: {names}",
        "exercises.legend.encoding": "How to read markers",
        "exercises.legend.exact": "Filled: training ground known",
        "exercises.legend.approximate": "Hollow: approximate place",
        "exercises.legend.unknown_personnel": "Smallest: personnel not reported",
        "exercises.series_other": "Other",
        "exercises.per_year_status_title": "Exercises per year by status",
        "exercises.legend.planned": "Planned: paler, with +",
        "exercises.legend.cancelled": "Cancelled: grey, with ×",
        "exercises.legend.announced": "Announced only: paler, with –",
        "exercises.legend.size_key": "Personnel reported<br>(marker area):",
        "exercises.per_year_by_status": "All exercises, stacked by status",
        "exercises.per_year_by_series": "All exercises (held, announced, planned, cancelled), stacked by series",
        "exercises.per_year_year_axis": "Year",
        "exercises.per_year_click": "Click a bar to show that year",
        "status_ex.held": "held",
        "status_ex.announced": "announced",
        "status_ex.planned": "planned",
        "status_ex.no_report": "{status} — no report yet",
        "status_ex.cancelled": "cancelled",
        "col.exercise": "Exercise",
        "col.series": "Series",
        "col.start": "Start",
        "col.end": "End",
        "col.status": "Status",
        "col.hosts": "Host",
        "col.location": "Location",
        "col.location_precision": "Place precision",
        "col.participants": "Participants",
        "col.personnel": "Personnel",
        "col.force": "Force",
        # Sharing, citing, presentation, briefing
        "share.button": "Share, cite or export this view",
        "share.link": "Link to this view (copy with the button at the right)",
        "share.cite": "Cite this view",
        "share.citation": "CSTO Explorer — {page}: {what}. Data version {version}. Accessed {accessed}. {url}",
        "share.default_view": "default view",
        "share.add_to_deck": "Add this view to the briefing deck",
        "share.added": "Added to the briefing deck ({count} views).",
        "share.export_html": "Download this view as offline HTML",
        "links.unknown": "Ignored link parameter(s) this page does not know: {keys}.",
        "links.invalid": "Some link values could not be used and were reset to their defaults: {keys}.",
        "chart.source_line": "CSTO Explorer · data {version} · sources: Sources & data page",
        "chart.alt": "Chart: {title}.",
        "chart.alt_legend": "Chart: {title}. Legend: {legend}.",
        "chart.skip_link": "Skip to the chart",
        "chart.data_table": "Data table: {title}",
        "table.col.body": "Body",
        "table.col.kind": "Kind",
        "table.col.links": "Links on the chart",
        "table.col.established": "Established",
        "table.col.lane": "Row of the chart",
        "table.col.what": "Status or event",
        "table.col.from": "From",
        "table.col.to": "To",
        "table.continues": "continues to today",
        "table.col.state": "State",
        "table.col.status": "Status",
        "table.col.date": "Date",
        "table.col.year": "Year",
        "table.col.example": "For example",
        "table.col.with": "Shared with",
        "table.col.shared": "Held exercises together",
        "table.col.item": "Event or exercise",
        "present.toggle": "Presentation mode",
        "present.toggle_help": "Hides the sidebar, enlarges type and charts for a projector. Also opens with ?present=1.",
        "present.exit": "Exit presentation mode",
        "nav.briefing": "Briefing",
        "briefing.title": "Briefing",
        "briefing.intro": "Step through saved views with the buttons or the Left and Right arrow keys. Add views from any page (Share, cite or export → Add this view), then reorder them here.",
        "briefing.slide": "Slide",
        "briefing.previous": "Previous",
        "briefing.next": "Next",
        "briefing.counter": "Slide {number} of {total}",
        "briefing.as_of": "As of: {as_of}",
        "briefing.sources": "Sources ({count})",
        "briefing.deck": "Deck",
        "briefing.up": "Move slide up",
        "briefing.down": "Move slide down",
        "briefing.remove": "Remove slide",
        "briefing.reset": "Restore the default deck",
        "briefing.export": "Download the whole deck as offline HTML",
        "briefing.empty": "The deck is empty. Restore the default deck or add views from the other pages.",
        "deck.today.title": "The alliance today",
        "deck.today.caption": "Who is in the alliance today, and in what status.",
        "deck.history.title": "Membership over time",
        "deck.history.caption": "Every state that was ever party, with its periods and the milestones of the Treaty and the Organization.",
        "deck.structure.title": "How the organization is organized",
        "deck.structure.caption": "Statutory bodies at the top, permanent bodies, subsidiary bodies, working groups, forces and operations below.",
        "deck.exercises.title": "Where it trained in {year}",
        "deck.exercises.caption": "Exercises of the collective forces that started in {year}.",
        "view.membership.caption": "As of {day}: {members} member states.",
        "view.structure.caption": "The organization's {count} bodies as of {year}.",
        "view.exercises.caption": "{count} exercises listed ({held} held), {start}–{end}.",
        "export.title": "CSTO Explorer briefing",
        "export.meta": "Data version {version} · exported {accessed} · works offline",
        "export.as_of": "As of: {as_of}",
        "export.sources": "Sources",
        "export.footer": "Made with CSTO Explorer. Data version {version}. Every fact row cites its public source.",
        "country.picker": "Country in focus",
        "country.picker_help": "Puts one country in focus on every page and in shared links: its timeline row, what it hosted and took part in, and its card.",
        "country.none": "No country in focus",
        "country.in_focus": "In focus: {name}",
        "country.open_card": "Country card",
        "country.clear": "Clear",
        "country.no_status": "never party to the Treaty or member of the Organization",
        "country.status_today": "Status today: {status}",
        "country.history": "Membership history",
        "country.exercises": "Held exercises: took part in {took_part}, hosted {hosted}",
        "country.not_held": "Listed but not held, not counted: {count} ({names})",
        "country.exercise_list": "Exercises: {names}",
        "country.events": "Events involving it ({count})",
        "country.sources": "Sources ({count})",
        "country.map_caption": "Highlighted: the {count} exercises listed with {name} among the hosts or participants (it took part in {took_part} held ones); the others are faded.",
        "country.structure_note": "The data ties no body of the Organization to a particular state, so no body is marked for {name}.",
        "change.signed": "signed the Treaty",
        "change.acceded": "acceded to the Treaty",
        "change.ratified": "ratified",
        "change.treaty_in_force": "Treaty in force",
        "change.protocol_signed": "signed the protocol",
        "change.not_renewed": "did not renew",
        "change.founding_member": "founding member",
        "change.joined": "joined",
        "change.charter_signed": "signed the Charter",
        "change.charter_ratified": "ratified the Charter",
        "change.suspension_requested": "asked to suspend",
        "change.suspended": "suspended",
        "change.withdrawal_notified": "announced withdrawal",
        "change.left": "left",
        "change.returned": "returned",
        "change.participation_frozen": "froze participation",
        "change.observer_granted": "observer status granted",
        "change.observer_ended": "observer status ended",
        "body.treaty": "the Treaty",
        "body.organization": "the Organization",
        "body.parliamentary_assembly": "the Parliamentary Assembly",
        # Sources page
        "sources.title": "Sources & data",
        "sources.intro": "Every table the pages draw from, with its columns, the public sources it cites and a download. Data folder in use: {folder}.",
        "sources.rows": "{rows} rows · {sources} distinct sources",
        "sources.columns": "Columns",
        "sources.health": "Data health",
        "sources.health.ok": "All {count} data files pass validation.",
        "sources.health.problems": "{count} problem(s) in {files} file(s). The pages that need these files say so; the others keep working.",
        "sources.health.line": "Line",
        "sources.health.expected": "Expected",
        "sources.health.found": "Found",
        "sources.upload": "Add your own exercises or events for this session",
        "sources.upload.help": "The file is checked on the server (a .csv of at most {size} MB and {rows} rows, the same columns and rules as the shipped file) and its rows are added for this browser session only. Nothing is written to disk.",
        "sources.upload.table": "Add rows to",
        "sources.upload.file": "CSV file",
        "sources.upload.rejected": "{file} was not added:",
        "sources.upload.added": "Added {rows} rows to {file} for this session.",
        "sources.upload.current": "Rows added this session: {summary}.",
        "sources.upload.clear": "Remove the rows added this session",
        "sources.files": "The data files",
        "sources.state.ok": "valid",
        "sources.state.error": "has problems (see below)",
        "sources.col.file": "File",
        "sources.col.row": "One row is",
        "sources.col.rows": "Rows",
        "sources.col.sources": "Distinct sources",
        "sources.col.state": "Validation",
        "sources.discrepancy.claim": "**The reference text says:** {claim}",
        "sources.discrepancy.correction": "**Correction:** {correction}",
        "sources.col.name": "Column",
        "sources.col.kind": "Type",
        "sources.col.required": "Required",
        "sources.col.allowed": "Allowed values",
        "sources.col.meaning": "Meaning",
        "sources.cited": "Sources cited",
        "sources.cited.url": "Source",
        "sources.cited.rows": "Rows citing it",
        "sources.download": "Download {file}",
        "sources.discrepancies": "Errors we found in texts about the CSTO",
        "sources.discrepancies.intro": "This dataset was started from a briefing text that combined two public texts: an overview of the CSTO on the Armenian foreign ministry's website and a news article about Kyrgyzstan's role. Both contain factual errors. The data carries the corrected facts; each error is listed here: where it appears, what the text says, what is right, and the source.",
        "sources.problem_file": "{file} could not be loaded.",
        "sources.row_meaning": "One row is {meaning}.",
        "membership.as_of_year": "Year (as of its last day)",
        "membership.as_of_date_help": "Type or pick an exact date (YYYY-MM-DD).",
        "membership.focus_hint": "Click a row on the timeline, or pick a country in the sidebar, to read that state's history with its sources.",
        "exercises.reset_help": "Clear every filter (the country in focus stays; clear it in the sidebar).",
        "structure.reset": "Reset",
        "table.capped": "Showing the first {shown} of {total} rows; the CSV download has all of them.",
        "footer.own_data": "a data folder of your own (CSTO_DATA_DIR)",
        "briefing.first": "First",
        "briefing.last": "Last",
        "briefing.slide_title": "Slide {number}: title",
        "briefing.notes": "Speaker notes",
        "briefing.save_deck": "Save the deck (JSON)",
        "briefing.open_deck": "Open a saved deck (JSON)",
        "briefing.open_deck_error": "{file} was not opened — {reason}. The current deck is unchanged.",
        "sources.health.severity": "Severity",
        "sources.health.warnings": "{count} notes about the data (not errors: the data loads; for example a column the contract does not know is ignored).",
        "sources.severity.error": "error",
        "sources.severity.warning": "note",
        "present.source": "Data {version} · source: {first}{more} · full list: Sources & data page",
        "present.source_more": " and {count} more",
        "present.no_chart": "This view has no chart to present.",
        "present.view": "Present this view",
        "present.view_help": "Opens this view as a full-screen slide (Esc leaves).",
        "export.slide_of": "{number} / {total}",
        "export.keys": "← → Home End: page through · N: speaker notes",
        "export.notes": "Speaker notes",
        "export.source_line": "Data {version} · sources: {names}{more} · full list {where}",
        "export.sources_below": "on clicking this line",
        "export.sources_in_notes": "in the speaker notes",
        "export.source": "Source: {first}{more}",
        "pptx.download": "Download the deck as PowerPoint",
        "pptx.download_view": "Download this view as PowerPoint",
        "pptx.missing": "PowerPoint export needs {what} on the server: {install}.",
        "briefing.deck_link": "Copy the deck link",
        "briefing.deck_link_help": "This link opens the same deck (order, titles, notes, views) on any machine.",
        "briefing.present": "Present the deck",
        "briefing.link_deck_error": "The deck in the link could not be opened — {reason}. The deck you had is kept.",
        "briefing.too_large": "This deck is too large for a link — save it as a file (Save the deck (JSON)). It stays in this session until you close the tab.",
        "briefing.export_failed": "The export could not be made ({reason}). The deck is unchanged; check the slides' titles and notes.",
        "briefing.undo": "Undo",
        "briefing.redo": "Redo",
        "briefing.undo_help": "Undo {action}",
        "briefing.redo_help": "Redo {action}",
        "briefing.nothing_to_undo": "Nothing to undo yet",
        "briefing.nothing_to_redo": "Nothing to redo",
        "briefing.undone": "Undone: {action}",
        "briefing.redone": "Redone: {action}",
        "briefing.clear": "Empty the deck",
        "briefing.empty_state": "The deck is empty: no slides to present or export. Add views and charts from the other pages (Share, cite or export → Add … to the briefing deck), restore the default deck, or undo.",
        "briefing.slide_info": "{page} · {filters} · {language}",
        "briefing.slide_chart": "chart: {chart}",
        "deck.chart.timeline_chart": "membership timeline",
        "deck.chart.status_map": "status by country",
        "deck.chart.count_chart": "states by status over time",
        "deck.chart.org_chart": "organization chart",
        "deck.chart.exercise_map": "exercise map",
        "deck.chart.per_year": "exercises per year",
        "deck.chart.participation_matrix": "who took part, year by year",
        "deck.chart.co_participation": "who trains with whom: shared exercises",
        "deck.chart.country_exercises": "the state's exercises by year",
        "deck.chart.chronology_chart": "chronology",
        "briefing.follows_interface": "in the interface's language",
        "briefing.deck_language": "Language of every slide",
        "briefing.deck_language_help": "Shows every slide in this language (titles you typed stay as you typed them). 'Interface' follows the language switch in the sidebar.",
        "briefing.deck_language.interface": "Interface",
        "briefing.present_help": "Presents from slide 1 (Esc leaves).",
        "deck.action.remove": "removing slide {number}",
        "deck.action.restore": "restoring the default deck",
        "deck.action.clear": "emptying the deck",
        "deck.action.move": "moving slide {number}",
        "deck.action.title": "editing the title of slide {number}",
        "deck.action.notes": "editing the notes of slide {number}",
        "deck.action.language": "changing the language of every slide",
        "deck.action.add": "adding slide {number}",
        "deck.action.open": "opening a saved deck",
        "deck.where.slide": "slide {number}",
        "deck.error": "not a deck: {what}",
        "deck.error.type": "{where} should be {kind}",
        "deck.kind.text": "text",
        "deck.kind.object": "an object (name: value pairs)",
        "deck.kind.list": "a list of slides",
        "deck.error.long": "{where} has {length} characters; at most {limit} are allowed",
        "deck.error.character": "{where} contains the character {code}, which a deck cannot hold",
        "deck.error.many": "{where} has more than {limit} values",
        "deck.error.page": "{where} names no page of the app ({value})",
        "deck.error.title_key": "{where} names no title of the catalogue ({value})",
        "deck.error.choice": "{where} has a value the app does not know ({value})",
        "deck.error.slides": "{count} slides; a deck holds at most {limit}",
        "deck.error.depth": "its JSON nests deeper than {limit} levels",
        "deck.error.file_size": "it is larger than {limit} bytes",
        "deck.error.encoding": "it is not UTF-8 text ({where})",
        "deck.error.json": "it is not JSON ({detail})",
        "deck.error.format": 'it has no "format": "{format}" (not a file saved by CSTO Explorer)',
        "deck.error.link_size": "the link's deck is longer than {limit} characters",
        "deck.error.link": "the link's deck is damaged (copy the whole link again)",
        "share.add_chart": "Add a chart of this view to the briefing deck",
        "share.add_chart_placeholder": "Pick a chart…",
        "share.add_chart_help": "A slide with this chart only, for this view's filters.",
        "source_kind.official": "official",
        "source_kind.news": "news agency or outlet",
        "source_kind.reference": "reference",
        "source_kind.weak": "weak: mirror or aggregator",
        "overview.covers": "The data covers events up to {day}.",
        "overview.reviewed": "Data reviewed up to {day}: nothing reported after that day is in it yet.",
        "overview.unreviewed": "This data differs from the data last reviewed (its version carries no review date).",
        "exercises.personnel_combined": "(one figure for {count} exercises together)",
        "sources.discrepancy.where": "**Where:** {where}",
        "sources.weak": "Rows that rest on weak sources only",
        "sources.weak.intro": "{count} rows cite only mirrors or aggregators: no better source was found, and each row's note says so. They are kept, marked, and listed here.",
        "placeholder.title": "{title}",
        "placeholder.body": "This page is in preparation.",
    },
}


CATALOGUE["ru"] = RU
LANGUAGES = ("en", "ru")
# The interface language of the script run in progress. A ContextVar, not a module global: every
# Streamlit session runs its script in its own thread, so one viewer's choice never leaks to another.
_LANGUAGE: ContextVar[str] = ContextVar("interface_language", default=DEFAULT_LANGUAGE)


def set_language(lang: str) -> str:
    """Use ``lang`` for this script run (unknown languages fall back to English); returns it."""
    chosen = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    _LANGUAGE.set(chosen)
    return chosen


def current_language() -> str:
    return _LANGUAGE.get()


@contextmanager
def language(lang: str) -> Iterator[str]:
    """Build in ``lang`` and restore the caller's language afterwards (builders take the
    language as an argument; this scopes it to the build, never beyond it)."""
    token = _LANGUAGE.set(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield _LANGUAGE.get()
    finally:
        _LANGUAGE.reset(token)


def language_code(lang: str | None) -> str:
    """The code a page or file declares (``<html lang>``): one of LANGUAGES, English for anything
    else, so nothing but a fixed code ever reaches the markup."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The text for ``key`` in ``lang`` (default: this run's language) with ``{placeholders}``
    filled; unknown keys raise KeyError."""
    template = CATALOGUE.get(lang or current_language(), CATALOGUE[DEFAULT_LANGUAGE]).get(key)
    if template is None:
        template = CATALOGUE[DEFAULT_LANGUAGE][key]
    return template.format(**values) if values else template


def format_date(day: date | datetime, precision: str = "day", lang: str | None = None, short: bool = False) -> str:
    """A date as people write it in the language, only as exact as it is known (Babel, formats.py)."""
    return formats.format_date(day, lang or current_language(), precision, short)


def format_number(value: float | int, lang: str | None = None) -> str:
    """Thousands grouped the way the language does: 1,500 in English, 1 500 in Russian (formats.py)."""
    return formats.format_number(value, lang or current_language())


# Characters Markdown (and Streamlit's extensions: LaTeX with $, colour and icon directives with :)
# would interpret. Data is shown with these escaped so that it is always inert text.
_MARKDOWN_SPECIALS = set("\\`*_{}[]<>()#+-.!|~$:=")
# Characters that end or break a Markdown link target; percent-encoded in source links.
_URL_ESCAPES = {"(": "%28", ")": "%29", "<": "%3C", ">": "%3E", " ": "%20", '"': "%22", "`": "%60", "\\": "%5C"}


# GitHub-flavoured Markdown (remark-gfm, which Streamlit uses) turns bare addresses — http://,
# https://, www. and e-mail addresses — into links *after* escapes are resolved, so escaping alone
# cannot stop it. A word joiner (U+2060: invisible, no width, not a word or space character) inside
# each such address does: after the scheme's letters, after "www", after "@". Only vetted source
# addresses (``source_links_md``) are links.
WORD_JOINER = "\u2060"
_AUTOLINK_TRIGGERS = re.compile(r"(?:https?|ftp|mailto|xmpp)(?=:)|www(?=\.)|@", re.IGNORECASE)


def _no_autolink(text: str) -> str:
    return _AUTOLINK_TRIGGERS.sub(lambda found: found.group(0) + WORD_JOINER, text)


def md(value: object) -> str:
    """Data as inert Markdown text: every special character escaped, line breaks folded, and no
    bare address left for Markdown's autolinking to turn into a link."""
    return _escaped(_no_autolink(" ".join(str(value).split())))


def _escaped(text: str) -> str:
    return "".join("\\" + char if char in _MARKDOWN_SPECIALS else char for char in text)


def tmd(key: str, lang: str | None = None, **values: object) -> str:
    """``t`` for Markdown output: the template's own formatting stays, the values are escaped."""
    return t(key, lang, **{name: md(value) for name, value in values.items()})


def esc(value: object) -> str:
    """Data as inert text inside plotly's HTML-like labels and hover text."""
    return html.escape(str(value), quote=False)


def publisher_of(url: str, publishers: Mapping[str, tuple[str, str]]) -> tuple[str, str] | None:
    """(publisher, kind) of a URL's web domain or of its nearest registered parent domain."""
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    parts = host.split(".")
    for start in range(len(parts) - 1):
        found = publishers.get(".".join(parts[start:]))
        if found:
            return found
    return None


def source_links_md(urls: list[str], publishers: Mapping[str, tuple[str, str]] | None = None) -> str:
    """A numbered Markdown list of clickable sources, each with its publisher and kind when the
    source registry knows its domain; only http(s) addresses become links."""
    lines = []
    for number, url in enumerate(urls, start=1):
        known = publisher_of(url, publishers) if publishers else None
        prefix = f"**{md(known[0])}** ({md(t(f'source_kind.{known[1]}'))}) — " if known else ""
        if url.startswith(("http://", "https://")):
            target = "".join(_URL_ESCAPES.get(char, char) for char in url)
            # The link's own text is the address as it is (Markdown never autolinks inside a link).
            lines.append(f"{number}. {prefix}[{_escaped(' '.join(url.split()))}]({target})")
        else:
            lines.append(f"{number}. {prefix}{md(url)}")
    return "\n".join(lines)


def labelled(frame: pd.DataFrame, prefixes: dict[str, str]) -> pd.DataFrame:
    """A copy of ``frame`` whose code columns show catalogue labels: ``{"change": "change."}``
    turns 'signed' into t('change.signed'). Codes without a label are shown as they are."""
    labels = frame.copy()
    for column, prefix in prefixes.items():
        catalogue = CATALOGUE.get(current_language(), CATALOGUE[DEFAULT_LANGUAGE])
        labels[column] = labels[column].map(
            lambda code, prefix=prefix, catalogue=catalogue: (
                catalogue.get(f"{prefix}{code}", code) if pd.notna(code) else code
            )
        )
    return labels
