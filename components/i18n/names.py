"""Display names in the interface language, taken from the data itself (pure).

English names are the data's own columns; Russian ones come from ``name_ru`` columns or, for
an exercise without ``name_ru`` (and for series), from the Russian name the data lists first among
the aliases. Where the data has no Russian name the English one is shown, never a made-up
translation.
"""

from __future__ import annotations

import re

import pandas as pd

from components.i18n.text import current_language

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_YEAR_SUFFIX = re.compile(r"\s*[-–]\s*\d{4}\s*$")


def state_names(members: pd.DataFrame, lang: str | None = None) -> dict[str, str]:
    """ISO3 code -> the state's short name in the language."""
    column = "name_ru" if (lang or current_language()) == "ru" else "name_en"
    names = members[column].where(members[column].astype(str).str.strip() != "", members["name_en"])
    return dict(zip(members["iso3"].astype(str), names.astype(str), strict=True))


def russian_alias(aliases: list[str]) -> str | None:
    """The first alias written in Cyrillic (the data puts the Russian name first)."""
    return next((alias for alias in aliases if _CYRILLIC.search(alias)), None)


def exercise_names(exercises: pd.DataFrame, lang: str | None = None) -> pd.Series:
    """Each exercise's name in the language (indexed like ``exercises``). In Russian: ``name_ru``
    where the data has it (it names exercises whose aliases hold no Russian name, e.g. "Учение
    КСОР (Таджикистан, май 2015)"), else the first Cyrillic alias, else the English name."""
    english = exercises["name"].astype(str)
    if (lang or current_language()) != "ru":
        return english
    russian = exercises["aliases"].map(russian_alias)
    russian = russian.where(russian.notna(), english)
    if "name_ru" not in exercises:
        return russian.astype(str)
    named = exercises["name_ru"].fillna("").astype(str).str.strip()
    return named.where(named != "", russian).astype(str)


def series_names(exercises: pd.DataFrame, lang: str | None = None) -> dict[str, str]:
    """Series -> its name in the language: the Russian exercise name without its year."""
    series = sorted(set(exercises["series"].astype(str)))
    if (lang or current_language()) != "ru":
        return {name: name for name in series}
    result = {}
    for name in series:
        russian = [russian_alias(a) for a in exercises.loc[exercises["series"] == name, "aliases"]]
        stems = pd.Series([_YEAR_SUFFIX.sub("", r) for r in russian if r], dtype=object)
        result[name] = str(stems.mode().iloc[0]) if len(stems) else name
    return result


def force_names(forces: pd.DataFrame | None, lang: str | None = None) -> dict[str, str]:
    """The force column's value -> its name in the language: in Russian ``name_ru`` from
    ``forces.csv``; in English (or for a force the table does not list) the value itself."""
    if forces is None or (lang or current_language()) != "ru":
        return {}
    russian = forces["name_ru"].fillna("").astype(str).str.strip()
    return {str(f): r for f, r in zip(forces["force"], russian, strict=True) if r}


def force_name(force: object, names: dict[str, str]) -> str:
    """One force's name (``names`` from ``force_names``); '' when there is none."""
    if not isinstance(force, str) or not force:
        return ""
    return names.get(force, force)


def body_name(attributes: dict, lang: str | None = None) -> str:
    """A body's name in the language (its English name when the data has no Russian one)."""
    if (lang or current_language()) == "ru" and attributes.get("name_ru"):
        return str(attributes["name_ru"])
    return str(attributes["name"])


def body_search_label(attributes: dict, lang: str | None = None) -> str:
    """What a body search box shows and matches: names and abbreviations in both languages."""
    lang = lang or current_language()
    first = body_name(attributes, lang)
    other = str(attributes["name"]) if lang == "ru" else str(attributes.get("name_ru") or "")
    parts = [first + (f" ({attributes['abbreviation']})" if attributes.get("abbreviation") else "")]
    extras = [other] if other and other != first else []
    extras += [a for a in attributes.get("aliases", []) if len(a) <= 12]  # abbreviations such as СКБ, КСОР
    if extras:
        parts.append(" · ".join(dict.fromkeys(extras)))
    return " — ".join(parts)


def state_search_labels(members: pd.DataFrame, lang: str | None = None) -> dict[str, str]:
    """ISO3 -> the state as search boxes show it: its name in the language, the other language,
    its code. All at once: a selectbox formats every option on every rerun."""
    lang = lang or current_language()
    here = state_names(members, lang)
    there = state_names(members, "en" if lang == "ru" else "ru")
    return {
        code: f"{name} ({there[code]}, {code})" if there[code] != name else f"{name} ({code})"
        for code, name in here.items()
    }


def state_search_label(code: str, members: pd.DataFrame, lang: str | None = None) -> str:
    """One state's search label (the code itself if the data does not list it)."""
    return state_search_labels(members, lang).get(code, code)


def exercise_search_labels(exercises: pd.DataFrame, lang: str | None = None) -> dict[str, str]:
    """exercise_id -> its name in the language, followed by the other language's name."""
    lang = lang or current_language()
    here = exercise_names(exercises, lang)
    there = exercise_names(exercises, "en" if lang == "ru" else "ru")
    return {
        str(ex_id): a if a == b else f"{a} · {b}"
        for ex_id, a, b in zip(exercises["exercise_id"], here, there, strict=True)
    }


def body_abbreviation(attributes: dict, lang: str | None = None) -> str:
    """The abbreviation in the language: in Russian the data's first short Cyrillic alias (СКБ)."""
    if (lang or current_language()) == "ru":
        russian = [a for a in attributes.get("aliases", []) if _CYRILLIC.search(a) and len(a) <= 10]
        if russian:
            return russian[0]
    return str(attributes.get("abbreviation") or "")


def localized(frame: pd.DataFrame, column: str, lang: str | None = None) -> pd.Series:
    """A data text column in the language: ``{column}_ru`` in Russian where the data has it, the
    English column otherwise (never a made-up translation)."""
    english = frame[column]
    russian_column = f"{column}_ru"
    if (lang or current_language()) != "ru" or russian_column not in frame:
        return english
    russian = frame[russian_column]
    usable = russian.notna() & (russian.astype(str).str.strip() != "")
    return russian.where(usable, english)
