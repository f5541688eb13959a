"""Errors of the API as problem details (RFC 9457, `application/problem+json`), in Dutch or English.

Following the Dutch government's API design rules (API-46): every 4xx/5xx answer of the articles endpoint is
{type, title, status, detail, instance}. The language follows `Accept-Language` (Dutch unless English is
preferred). `message` keeps Wagtail's original English text for partners that read it from before.
"""

import re

PROBLEM_JSON = "application/problem+json"
LANGUAGES = ("nl", "en")

TITLES = {
    400: {"nl": "Ongeldig verzoek", "en": "Bad request"},
    404: {"nl": "Niet gevonden", "en": "Not found"},
    405: {"nl": "Methode niet toegestaan", "en": "Method not allowed"},
    406: {"nl": "Gevraagd formaat niet beschikbaar", "en": "Not acceptable"},
    500: {"nl": "Interne fout", "en": "Internal server error"},
}
GENERIC = {
    400: {
        "nl": "De parameters van het verzoek zijn ongeldig.",
        "en": "The request's parameters are not valid.",
    },
    404: {"nl": "Er is geen artikel met dit adres.", "en": "There is no article at this address."},
    405: {"nl": "Deze API kan alleen gelezen worden (GET).", "en": "This API is read-only (GET)."},
    406: {"nl": "Deze API antwoordt alleen in JSON.", "en": "This API only answers in JSON."},
}
# Wagtail's and our own messages (api/views.py), as a pattern and the detail in each language.
DETAILS = [
    (
        r"limit cannot be higher than (\d+)",
        "limit mag niet hoger zijn dan {0}",
        "limit cannot be higher than {0}",
    ),
    (
        r"offset cannot be higher than (\d+)",
        "offset mag niet hoger zijn dan {0}",
        "offset cannot be higher than {0}",
    ),
    (
        r"(limit|offset) must be a positive integer",
        "{0} moet een positief geheel getal zijn",
        "{0} must be a positive integer",
    ),
    (
        r"query parameter is not an operation or a recognised field: (.*)",
        "onbekende parameter: {0}",
        "query parameter is not an operation or a recognised field: {0}",
    ),
    (
        r"search_operator must be 'and' or 'or'",
        "search_operator moet 'and' of 'or' zijn",
        "search_operator must be 'and' or 'or'",
    ),
    (r"tag must be the slug of a tag", "tag moet de slug van een tag zijn", "tag must be the slug of a tag"),
    (
        r"id must be a positive integer",
        "id moet een positief geheel getal zijn",
        "id must be a positive integer",
    ),
    (
        r"field filter error: .*",
        "een filterwaarde past niet bij zijn veld",
        "a filter value is not valid for its field",
    ),
    (
        r"cannot order by '(.*)' \(unknown field\)",
        "kan niet sorteren op '{0}' (onbekend veld)",
        "cannot order by '{0}' (unknown field)",
    ),
    (
        r"cannot (filter|order) by '(.*)' while searching",
        "kan niet {0} op '{1}' tijdens zoeken",
        "cannot {0} by '{1}' while searching",
    ),
    (r"unknown fields?: (.*)", "onbekend veld: {0}", "unknown field: {0}"),
    (
        r"random ordering cannot be combined with other fields",
        "willekeurige volgorde kan niet samen met andere velden",
        "random ordering cannot be combined with other fields",
    ),
    (
        r"random ordering with offset is not supported",
        "willekeurige volgorde kan niet samen met offset",
        "random ordering with offset is not supported",
    ),
]
WORDS_NL = {"filter": "filteren", "order": "sorteren"}


def language(request) -> str:
    """nl or en from Accept-Language (highest q first; nl when neither is asked for)."""
    offers = []
    for position, part in enumerate(request.headers.get("Accept-Language", "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if match := re.fullmatch(r"\s*q=([01](?:\.\d{0,3})?)\s*", params):
            quality = float(match.group(1))
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            offers.append((-quality, position, primary))
    return min(offers)[2] if offers else "nl"


def detail_for(status: int, message: str, lang: str) -> str:
    for pattern, dutch, english in DETAILS:
        if match := re.fullmatch(pattern, message):
            groups = match.groups()
            if lang == "nl":
                groups = [WORDS_NL.get(group, group) for group in groups]
                return dutch.format(*groups)
            return english.format(*groups)
    fallback = GENERIC.get(status) or GENERIC[400 if status < 500 else 404]
    return fallback[lang] if status < 500 else TITLES[500][lang]


def problem(request, status: int, message: str) -> dict:
    lang = language(request)
    title = TITLES.get(status, TITLES[400 if status < 500 else 500])[lang]
    return {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail_for(status, message, lang),
        "instance": request.path,
        "message": message,
    }
