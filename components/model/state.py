"""A page's declared state: its fields, their defaults, URL keys and codecs (pure).

Every page that can be linked, saved to the deck or exported declares its state once, here: a
``PageSpec`` of ``Field``s. A field's URL value is language-independent (ISO codes, ids, numbers,
ISO dates — never display labels), so a link made in English opens the same view in Russian. The
page, its link, the deck and every export decode the same URL values with the same codecs, so they
cannot drift apart. A value that cannot be used falls back to the field's default and is reported.

A codec gets a ``Domain``: what the data allows (the state codes, the series, the year span...),
computed by the page from its tables. Old links that carried English or Russian labels are read
through the domain's ``aliases`` (label -> code) where that is cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

MAX_VALUE_LENGTH = 200
MAX_VALUES = 50


class Unusable(ValueError):
    """A URL value a codec cannot turn into a state value."""


@dataclass(frozen=True)
class Domain:
    """What the data allows for each field: ``options`` (codes) and ``aliases`` (label -> code)
    by field name, and ``bounds`` (low, high) for numbers, years and dates."""

    options: Mapping[str, Sequence[str]] = field(default_factory=dict)
    aliases: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    bounds: Mapping[str, tuple[Any, Any]] = field(default_factory=dict)
    defaults: Mapping[str, Any] = field(default_factory=dict)


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


def _resolve(name: str, raw: str, domain: Domain) -> str:
    """A code from a URL value: the code itself (any case) or a label an older link carried."""
    options = domain.options.get(name, ())
    if raw in options:
        return raw
    by_fold = {_fold(code): code for code in options}
    by_fold.update({_fold(label): code for label, code in domain.aliases.get(name, {}).items()})
    found = by_fold.get(_fold(raw))
    if found is None:
        raise Unusable(raw)
    return found


@dataclass(frozen=True)
class Codes:
    """Several codes from a known list (multiselect). Empty means 'any'."""

    def decode(self, name: str, values: list[str], domain: Domain) -> tuple[str, ...]:
        codes: list[str] = []
        for raw in values[:MAX_VALUES]:
            if not raw.strip():
                continue  # an emptied multiselect is written as one empty value
            code = _resolve(name, raw, domain)
            if code not in codes:
                codes.append(code)
        return tuple(codes)

    def encode(self, value: tuple[str, ...]) -> list[str]:
        return list(value)


@dataclass(frozen=True)
class Code:
    """One code from a known list, or None."""

    def decode(self, name: str, values: list[str], domain: Domain) -> str | None:
        return _resolve(name, values[-1], domain) if values and values[-1] else None

    def encode(self, value: str | None) -> list[str]:
        return [value] if value else []


@dataclass(frozen=True)
class Day:
    """An ISO date within the domain's bounds (clamped)."""

    def decode(self, name: str, values: list[str], domain: Domain) -> date:
        try:
            day = date.fromisoformat(values[-1].strip()[:10])
        except (ValueError, IndexError) as error:
            raise Unusable(values[-1] if values else "") from error
        low, high = domain.bounds[name]
        if not low <= day <= high:
            raise Unusable(values[-1])
        return day

    def encode(self, value: date) -> list[str]:
        return [value.isoformat()]


@dataclass(frozen=True)
class Number:
    """A whole number within the domain's bounds."""

    def decode(self, name: str, values: list[str], domain: Domain) -> int:
        text = values[-1].strip()
        if not text.isascii() or not text.lstrip("-").isdigit() or len(text) > 6:
            raise Unusable(text)
        low, high = domain.bounds[name]
        number = int(text)
        if not low <= number <= high:
            raise Unusable(text)
        return number

    def encode(self, value: int) -> list[str]:
        return [str(value)]


@dataclass(frozen=True)
class YearRange:
    """A span of years: two values (``?y=2019&y=2024``) or one ``2019-2024``; clamped to bounds."""

    def decode(self, name: str, values: list[str], domain: Domain) -> tuple[int, int]:
        parts = values if len(values) == 2 else values[-1].replace("–", "-").split("-") if values else []
        try:
            start, end = (int(p.strip()) for p in parts if p.strip().isascii())
        except ValueError as error:
            raise Unusable(",".join(values)) from error
        low, high = domain.bounds[name]
        start, end = sorted((start, end))
        if end < low or start > high:
            raise Unusable(",".join(values))
        return max(start, low), min(end, high)

    def encode(self, value: tuple[int, int]) -> list[str]:
        return [str(value[0]), str(value[1])]


@dataclass(frozen=True)
class Text:
    """Free text (search), trimmed and capped."""

    def decode(self, name: str, values: list[str], domain: Domain) -> str:
        return " ".join(values[-1].split())[:MAX_VALUE_LENGTH] if values else ""

    def encode(self, value: str) -> list[str]:
        return [value] if value else []


@dataclass(frozen=True)
class Flag:
    """On or off: ``1``/``true`` or ``0``/``false`` (as links have written it)."""

    def decode(self, name: str, values: list[str], domain: Domain) -> bool:
        text = values[-1].strip().casefold() if values else ""
        if text not in ("0", "1", "true", "false"):
            raise Unusable(text)
        return text in ("1", "true")

    def encode(self, value: bool) -> list[str]:
        return ["1"] if value else []


@dataclass(frozen=True)
class Clamped:
    """A whole number kept within the domain's bounds without a notice (a slide number past the
    end of the deck opens its last slide); anything but a number is the default."""

    def decode(self, name: str, values: list[str], domain: Domain) -> int:
        text = values[-1].strip() if values else ""
        low, high = domain.bounds[name]
        number = int(text) if text.isascii() and text.isdigit() else low
        return max(low, min(number, high))

    def encode(self, value: int) -> list[str]:
        return [str(value)]


Codec = Codes | Code | Day | Number | YearRange | Text | Flag | Clamped


@dataclass(frozen=True)
class Field:
    """One piece of a page's state. ``name`` is the attribute, the URL key and the widget key's
    stem; ``label`` the catalogue key that names it (citations, notices); ``default`` a value or a
    function of the domain (e.g. today, the full year span); ``help`` and ``placeholder`` the
    catalogue keys of its widget's tooltip and empty-box hint, if it has them."""

    name: str
    codec: Codec
    label: str
    default: Any = None
    default_from: Callable[[Domain], Any] | None = None
    help: str | None = None
    placeholder: str | None = None

    def default_value(self, domain: Domain) -> Any:
        if self.name in domain.defaults:
            return domain.defaults[self.name]
        return self.default_from(domain) if self.default_from else self.default


@dataclass(frozen=True)
class PageSpec:
    """The declared state of one page."""

    page: str
    fields: tuple[Field, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def defaults(self, domain: Domain) -> dict[str, Any]:
        return {f.name: f.default_value(domain) for f in self.fields}

    def decode(self, params: Mapping[str, list[str]], domain: Domain) -> tuple[dict[str, Any], list[str]]:
        """The state a link describes, and the keys whose values could not be used (they take
        their default). Keys of other pages are ignored here."""
        state = self.defaults(domain)
        invalid: list[str] = []
        for f in self.fields:
            values = [str(v)[:MAX_VALUE_LENGTH] for v in params.get(f.name, [])]
            if not values:
                continue
            try:
                state[f.name] = f.codec.decode(f.name, values, domain)
            except (Unusable, KeyError, TypeError):
                invalid.append(f.name)
        return state, invalid

    def encode(self, state: Mapping[str, Any], domain: Domain) -> dict[str, list[str]]:
        """URL values for the fields that differ from their defaults (a clean link for defaults)."""
        defaults = self.defaults(domain)
        params: dict[str, list[str]] = {}
        for f in self.fields:
            value = state.get(f.name, defaults[f.name])
            if value != defaults[f.name]:
                encoded = f.codec.encode(value)
                params[f.name] = encoded if encoded else [""]
        return params
