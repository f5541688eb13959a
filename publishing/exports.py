"""CSV and XLSX exports of the overviews: times as the administrator reads them, one host for every address.

Times are Dutch local time to the second (no zone, no microseconds). Every address in an export starts with the
configured root of the page's site (Wagtail's `Site.root_url`), never the host the export was requested on;
rows that belong to no page use the default site. A planned publication is a real time in XLSX, shown as
"gepland …" by the cell's number format, and the text "gepland …" in CSV.
"""

import datetime
from dataclasses import dataclass

from django.contrib.admin.utils import lookup_field
from django.db.models import Subquery
from django.utils import timezone
from wagtail.models import Site
from wagtail_modeladmin.views import IndexView

from translations.spreadsheets import write_xlsx

CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLANNED = "gepland"


def local_time(value):
    """Datetimes as the administrator reads them: Dutch local time to the second, without a zone."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(tzinfo=None, microsecond=0)
    return value


@dataclass(frozen=True)
class Planned:
    """A go-live time that has not come yet, in a column of times that have."""

    when: datetime.datetime

    def __str__(self):
        return f"{PLANNED} {self.when:%Y-%m-%d %H:%M:%S}"


def with_default_site(queryset):
    """Annotate rows with the default site's hostname and port, for addresses of rows outside any site."""
    default = Site.objects.filter(is_default_site=True)
    return queryset.annotate(
        default_site_hostname=Subquery(default.values("hostname")[:1]),
        default_site_port=Subquery(default.values("port")[:1]),
    )


def site_root_url(obj, page=None) -> str:
    """The configured root of the page's site, or of the default site (annotated by with_default_site)."""
    parts = page.get_url_parts() if page is not None else None
    if parts and parts[1]:
        return parts[1]
    if obj.default_site_hostname:
        return Site(hostname=obj.default_site_hostname, port=obj.default_site_port).root_url
    return ""


class OverviewIndexView(IndexView):
    def get_page_title(self):
        return self.model_admin.menu_label

    @property
    def export_headings(self):
        return self.model_admin.export_headings

    def to_row_dict(self, item):
        """Export values as they are: 0 stays 0, and an empty value is an empty cell rather than "-"."""
        row = {}
        for field in self.list_export:
            _, _, value = lookup_field(field, item, self.model_admin)
            row[field] = "" if value is None else value
        return row

    def preprocess_field_value(self, field, value, export_format):
        if isinstance(value, Planned):
            return str(value) if export_format == self.FORMAT_CSV else value.when
        value = super().preprocess_field_value(field, value, export_format)
        # A cell starting with = + - @ would run as a formula when the CSV is opened in a spreadsheet.
        if (
            export_format == self.FORMAT_CSV
            and isinstance(value, str)
            and value.startswith(CSV_FORMULA_START)
        ):
            return "'" + value
        return value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell, value in zip(
            super().generate_xlsx_row(worksheet, row_dict, date_format), row_dict.values(), strict=True
        ):
            if isinstance(value, Planned):
                cell.number_format = f'"{PLANNED} "{date_format}'
            yield cell

    def write_xlsx(self, queryset, output):
        write_xlsx(self, queryset, output, title=self.get_page_title())  # the sheet is named, not "Sheet1"
