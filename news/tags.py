"""Tag normalisation shared by the page editor and the importer.

Real tags are messy ("burger ", "Burger", "mens  centraal"): names are trimmed, inner
whitespace collapsed and duplicates dropped case-insensitively, keeping the first spelling.
"""

import re

from taggit.utils import _parse_tags

_WHITESPACE = re.compile(r"\s+")


def normalise_tag(name: str) -> str:
    return _WHITESPACE.sub(" ", name).strip()


def normalise_tags(names) -> list[str]:
    seen = set()
    result = []
    for name in names:
        clean = normalise_tag(name)
        if clean and clean.casefold() not in seen:
            seen.add(clean.casefold())
            result.append(clean)
    return result


def parse_tags(tagstring: str) -> list[str]:
    """TAGGIT_TAGS_FROM_STRING: taggit's parser followed by our normalisation."""
    return normalise_tags(_parse_tags(tagstring))
