"""The news archive: /nieuws/archief/ lists every year and month with its number of articles,
/nieuws/archief/2024/ the months of a year, /nieuws/archief/2024/03/ that month's articles as cards.

The counts come from one grouped query, cached under the content version (sitewide/versions.py) until
the first expiry time among the counted articles, as the listings' counts are (news/counts.py).
"""

import datetime
import re
import time

from django.core.cache import cache
from django.db.models import Count, Min
from django.db.models.functions import ExtractMonth, ExtractYear
from django.http import Http404
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import path

from news import counts
from news.cards import attach_cards
from news.listing import paginate
from pagebase.mixins import absolute_url
from sitewide import versions

KEY = "news:archive:{index}"
ARCHIVE_PER_PAGE = 12
_YEAR, _MONTH = re.compile(r"[12]\d{3}"), re.compile(r"0[1-9]|1[0-2]")


def month_counts(index) -> list[tuple[int, int, int]]:
    """(year, month, number of visible articles) of `index`, newest month first."""
    key = versions.key(KEY.format(index=index.pk))
    now = time.time()
    token = versions.current()
    if token:
        found = cache.get(key)
        if found is not None and (found[1] is None or found[1] > now):
            return found[0]
    visible = index.own_articles().visible().order_by()
    rows = (
        visible.annotate(year=ExtractYear("date"), month=ExtractMonth("date"))
        .values("year", "month")
        .annotate(n=Count("pk"))
        .order_by("-year", "-month")
    )
    result = [(row["year"], row["month"], row["n"]) for row in rows]
    next_expiry = visible.aggregate(next_expiry=Min("expire_at"))["next_expiry"] if result else None
    expiry = next_expiry.timestamp() if next_expiry else None
    if token:
        cache.set(key, (result, expiry), counts.until(expiry, now))
    return result


def month_name(month: int) -> str:
    return str(MONTHS[month])


class ArchiveRoutes:
    """The archive's routes on the NewsIndexPage."""

    def archive_url(self, request, *args) -> str:
        return self.get_url(request) + self.reverse_subpage("archive", args=list(args))

    def archive_years(self, request, only_year=None) -> list[dict]:
        years = {}
        for year, month, n in month_counts(self):
            if only_year is not None and year != only_year:
                continue
            entry = years.setdefault(year, {"year": year, "total": 0, "months": []})
            entry["total"] += n
            entry["months"].append(
                {
                    "month": month,
                    "name": month_name(month),
                    "count": n,
                    "url": self.get_url(request)
                    + self.reverse_subpage("archive_month", args=[str(year), f"{month:02d}"]),
                }
            )
        for entry in years.values():
            entry["url"] = self.get_url(request) + self.reverse_subpage(
                "archive_year", args=[str(entry["year"])]
            )
        return list(years.values())

    def render_archive(self, request, context, url):
        context = {"canonical_url": absolute_url(request, url), "archive": True, **context}
        return self.render(request, template="pages/news_archive.html", context_overrides=context)

    @path("archief/", name="archive")
    def archive_view(self, request):
        context = {
            "years": self.archive_years(request),
            "meta_title": _("Nieuwsarchief"),
            "meta_description": _("Al het nieuws per jaar en per maand."),
        }
        return self.render_archive(request, context, self.get_url(request) + self.reverse_subpage("archive"))

    @path("archief/<str:year>/", name="archive_year")
    def archive_year_view(self, request, year):
        if not _YEAR.fullmatch(year):
            raise Http404(_("Dit jaar staat niet in het archief."))
        years = self.archive_years(request, only_year=int(year))
        if not years:
            raise Http404(_("Dit jaar staat niet in het archief."))
        context = {
            "years": years,
            "year": years[0],
            "meta_title": _("Nieuwsarchief %(year)s") % {"year": year},
            "meta_description": _("Het nieuws van %(year)s per maand.") % {"year": year},
        }
        return self.render_archive(request, context, years[0]["url"])

    @path("archief/<str:year>/<str:month>/", name="archive_month")
    def archive_month_view(self, request, year, month):
        if not _YEAR.fullmatch(year) or not _MONTH.fullmatch(month):
            raise Http404(_("Deze maand staat niet in het archief."))
        year_number, month_number = int(year), int(month)
        found = [n for y, m, n in month_counts(self) if (y, m) == (year_number, month_number)]
        if not found:
            raise Http404(_("Deze maand staat niet in het archief."))
        first = datetime.date(year_number, month_number, 1)
        after = datetime.date(year_number + month_number // 12, month_number % 12 + 1, 1)
        articles = self.own_articles().listing().filter(date__gte=first, date__lt=after)
        page = paginate(request, articles, ARCHIVE_PER_PAGE, count=found[0])
        page.object_list = attach_cards(page.object_list, request, self)
        label = f"{month_name(month_number)} {year_number}"
        context = {
            "articles": page,
            "month_label": label,
            "year_url": self.get_url(request) + self.reverse_subpage("archive_year", args=[year]),
            "year_number": year_number,
            "meta_title": _("Nieuws uit %(month)s") % {"month": label},
            "meta_description": _("Alle artikelen uit %(month)s, het nieuwste eerst.") % {"month": label},
        }
        url = self.get_url(request) + self.reverse_subpage("archive_month", args=[year, month])
        return self.render_archive(request, context, url)
