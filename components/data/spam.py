"""Sites that are never a source: spam, SEO, proxy, mirror and content-farm domains found in earlier
versions of the data. Validation rejects a data folder that cites one (in a ``source_url``, inside a
note, or registered in ``sources.csv`` — whatever kind it is registered as), so a user's own data
folder is checked as the shipped one is.

A listed domain covers its subdomains (``en.amansaja.com``); ``www.`` and a trailing dot are ignored.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

SPAM_DOMAINS = frozenset(
    {
        "amansaja.com",
        "tripsmilfordinsiders.pages.dev",
        "behealthybytomorrow.com",
        "dnhewrhegkli.shop",
        "agro-sss.ru",
        "wellautospb.ru",
        "shr32.ru",
        "aboutlyrics.eu",
        "atelier-des-vignerons.fr",
        "fanyv88.com",
        "obzorurokov.ru",
        "aseanarchitectcouncil.org",
        "yyoutdoors.com",
        "thegoaspotlight.com",
        "iz.promo.vg",
        "icmu.nyc.gr",
        "localcityguide.net",
        "duhoctrungquoc.vn",
        "review.clateway.com",
        "perceptiode.com",
        "perceptiofr.com",
        "askwikinow.com",
        "worddisk.com",
        "wikial.top",
        "amurdiame.ru",
        "ww2facts.net",
        "mobsearch.net",
        "laitimes.com",
        "search.com.vn",
        "news-pravda.com",
        "pavlodar.com",
        "tech-consultingstudies.eu",
        "survincity.com",
        "kitchen0.com",
        # Issue #33: content farms, auto-rewrites, user-generated or unrelated sites a briefer cannot cite.
        "yekaterinburgnews.com",
        "csabusiness.com",
        "centralasiadaily.org",
        "bulgarianmilitary.com",
        "businessobserver.pk",
        "crss.uz",
        "news-front.info",
        "dzen.ru",
        "urdupoint.com",
        "silkway.news",
        "diplomaticinfo.com",
        "ir-ia.com",
        "euroweeklynews.com",
        "gujarativishwakosh.org",
        "ja.laodong.vn",
        "newdosh.media",
    }
)
# An address inside free text (a note that cites a page).
_URL_IN_TEXT = re.compile(r"https?://[^\s;,)<>\"']+", re.IGNORECASE)


def normal_host(name: str) -> str:
    """A host or domain as the list spells it: lower case, no ``www.``, no trailing dot."""
    name = name.strip().lower().rstrip(".")
    return name[4:] if name.startswith("www.") else name


def host_of(url: str) -> str:
    try:
        return normal_host(urlsplit(url.strip()).hostname or "")
    except ValueError:  # an address urlsplit cannot read (a bad IPv6 literal) has no host
        return ""


def spam_domain(host: str) -> str | None:
    """The listed domain that covers ``host`` (itself or a parent), or None."""
    host = normal_host(host)
    parts = host.split(".")
    for start in range(len(parts) - 1):
        candidate = ".".join(parts[start:])
        if candidate in SPAM_DOMAINS:
            return candidate
    return None


def spam_in_text(text: str) -> list[str]:
    """The listed domains cited by addresses inside ``text``, in order, each once."""
    found = (spam_domain(host_of(url)) for url in _URL_IN_TEXT.findall(text))
    return list(dict.fromkeys(domain for domain in found if domain))
