"""Wagtail's XLSX exports (reports such as Sitegeschiedenis) name their one sheet "Sheet1"; here it carries the
report's Dutch title.

`SpreadsheetExportMixin.write_xlsx` hard-codes the name, so it is replaced by a copy that differs only in the
sheet's title. tests/translations/test_contracts.py fails with a clear message when Wagtail changes the original.
"""

from wagtail.admin.views.mixins import ExcelDateFormatter, SpreadsheetExportMixin

FALLBACK_TITLE = "Gegevens"
FORBIDDEN = set(":\\/?*[]")


def sheet_title(title) -> str:
    """An Excel sheet name: at most 31 characters, none of : \\ / ? * [ ], no quote at either end."""
    cleaned = "".join(" " if char in FORBIDDEN else char for char in str(title or "")).strip(" '")
    return cleaned[:31].strip(" '") or FALLBACK_TITLE


def page_title(view) -> str:
    getter = getattr(view, "get_page_title", None)
    return getter() if getter else getattr(view, "page_title", "")


def write_xlsx(view, queryset, output, title=None):
    """Wagtail's SpreadsheetExportMixin.write_xlsx with a named sheet (the view's page title by default)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True, iso_dates=True)
    worksheet = workbook.create_sheet(title=sheet_title(title if title is not None else page_title(view)))
    worksheet.append(view.get_heading(queryset, field) for field in view.list_export)
    date_format = ExcelDateFormatter().get()
    for item in queryset:
        worksheet.append(view.generate_xlsx_row(worksheet, view.to_row_dict(item), date_format=date_format))
    workbook.save(output)


WAGTAIL_WRITE_XLSX = SpreadsheetExportMixin.write_xlsx


def name_sheets_after_their_page() -> None:
    SpreadsheetExportMixin.write_xlsx = write_xlsx
