"""Paginating article listings so that any page of 10,000 articles costs what the first page of 100 does."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _


class ListingPaginator(Paginator):
    """Pages in the back half of a listing are read in reverse order from the end, so the last page costs
    what the first does instead of an OFFSET over every article before it.

    `count`: the number of items when the caller has a cheaper way to count them. `candidates`: how many
    articles the listing picks from; when given, a page is read through ArticlePageQuerySet.walk where that
    is cheaper: walking checks about stop × candidates / count articles, the usual query reads all `count`.
    """

    def __init__(self, object_list, per_page, *, count=None, candidates=0, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        if count is not None:
            self.count = count
        self.candidates = candidates

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        listing = self.object_list
        if not isinstance(listing, models.QuerySet) or not listing.ordered:
            return super().page(number)
        from_end = bottom > self.count // 2
        start, stop = (self.count - top, self.count - bottom) if from_end else (bottom, top)
        if self.candidates and self.count * self.count >= stop * self.candidates:
            items = listing.walk(start, stop, oldest_first=from_end)
        else:
            items = list((listing.reverse() if from_end else listing)[start:stop])
        return self._get_page(items[::-1] if from_end else items, number, self)


def paginate(request, queryset, per_page, **options):
    """Return the requested page of `queryset`; a malformed or out-of-range ?page= is a 404."""
    raw = request.GET.get("page", "1")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 6:
        raise Http404(_("Deze pagina bestaat niet."))
    paginator = ListingPaginator(queryset, per_page, allow_empty_first_page=True, **options)
    try:
        page = paginator.page(int(raw))
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404(_("Deze pagina bestaat niet.")) from exc
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return page
