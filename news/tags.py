"""Tags: normalisation shared by the page editor and the importer, and finding a tag that visible pages have.

Real tags are messy ("burger ", "Burger", "mens  centraal"): names are trimmed, inner
whitespace collapsed and duplicates dropped case-insensitively, keeping the first spelling.
"""

import re

from django.db.models import DateTimeField, Func, IntegerField, OuterRef, Subquery
from modelcluster.contrib.taggit import ClusterTaggableManager, _ClusterTaggableManager
from taggit.models import Tag
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
    """TAGGIT_TAGS_FROM_STRING: taggit's parser followed by our normalisation.

    Tags may have spaces (WAGTAIL_TAG_SPACES_ALLOWED): without a comma or a quote the whole text is one
    tag ("mens centraal"), where taggit would split it into words; the editor's chips send no quotes.
    """
    if tagstring and "," not in tagstring and '"' not in tagstring:
        return normalise_tags([tagstring])
    # taggit's default parser; the public parse_tags() would call this function again (contract tested).
    return normalise_tags(_parse_tags(tagstring))


class _NormalisingTagManager(_ClusterTaggableManager):
    # The one step every add()/set() passes through (modelcluster/taggit internals, contract tested).
    def _to_tag_model_instances(self, tags, tag_kwargs):
        tags = [normalise_tag(tag) if isinstance(tag, str) else tag for tag in tags]
        return super()._to_tag_model_instances([tag for tag in tags if tag != ""], tag_kwargs)


class NormalisedTaggableManager(ClusterTaggableManager):
    """ClusterTaggableManager that normalises tag names however they are added (form, import, code)."""

    def __get__(self, instance, model):
        return _NormalisingTagManager(
            through=self.through, model=model, instance=instance, prefetch_cache_name=self.name
        )


def find_visible_tag(slug, pages, tagging):
    """(the tag with `slug` or None, how many of `pages` have it through `tagging`, their first expiry time),
    in one query."""
    tagged = tagging.objects.filter(tag=OuterRef(OuterRef("pk"))).values("content_object_id")
    shown = pages.filter(pk__in=tagged).order_by()
    count = Func("pk", function="COUNT", output_field=IntegerField())
    first_expiry = Func("expire_at", function="MIN", output_field=DateTimeField())
    tag = (
        Tag.objects.filter(slug=slug)
        .annotate(
            n=Subquery(shown.annotate(n=count).values("n")),
            next_expiry=Subquery(shown.annotate(m=first_expiry).values("m")),
        )
        .first()
    )
    return (tag, tag.n, tag.next_expiry) if tag else (None, 0, None)
