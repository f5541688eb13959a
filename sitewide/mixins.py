"""Page behaviour shared by every page type of the site."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet


class PublicPageQuerySet(PageQuerySet):
    """`.public()` as a single SQL query: a page is private when a restricted page's path prefixes its own."""

    def private_q(self):
        restricted = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        return Q(Exists(restricted))


class SitePageMixin:
    """Mixed into every page model: view restrictions looked up in one query instead of two."""

    def get_view_restrictions(self):
        if self.alias_of_id:
            return super().get_view_restrictions()
        steplen = self.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        # An alias ancestor uses its source page's restrictions; it cannot have its own.
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)
        ).distinct()
