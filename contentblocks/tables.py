"""The table block: Wagtail's table editor with a required caption, header choices and size limits.

Rendered as a <table> with <caption> and <th scope>, inside a focusable, labelled region that scrolls on
its own on a narrow screen (templates/components/streamfield/table.html).
"""

import itertools

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.table_block.blocks import TableBlock

MAX_ROWS = 200
MAX_COLUMNS = 20
MAX_CELL_LENGTH = 1000
HEADER_CHOICES = {"row", "column", "both", "neither"}
_numbers = itertools.count(1)


class DataTableBlock(TableBlock):
    """A table of data (not for layout): caption required, at most 200 rows and 20 columns."""

    def __init__(self, **kwargs):
        kwargs.setdefault("table_options", {"startRows": 4, "startCols": 3, "height": 216})
        kwargs.setdefault(
            "help_text",
            _(
                "Typ of plak de cellen (ook vanuit een spreadsheet). Kies welke cellen kopjes zijn en geef "
                "de tabel een bijschrift: dat is de titel die schermlezers voorlezen. "
                "Hoogstens %(rows)s rijen en %(columns)s kolommen."
            )
            % {"rows": MAX_ROWS, "columns": MAX_COLUMNS},
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "table"
        template = "components/streamfield/table.html"
        label = _("Tabel")
        description = _("Een tabel met cijfers of gegevens, met bijschrift en kopjes.")

    def value_from_form(self, value):
        try:
            return super().value_from_form(value)
        except (TypeError, ValueError):  # not JSON: a tampered form; clean() answers it
            return None

    def clean(self, value):
        if not isinstance(value, dict):
            raise ValidationError(_("Deze tabel kon niet worden gelezen. Begin opnieuw met een lege tabel."))
        data = value.get("data")
        if not isinstance(data, list) or not data or not all(isinstance(row, list) for row in data):
            raise ValidationError(_("Een tabel heeft minstens één rij nodig."))
        if len(data) > MAX_ROWS:
            raise ValidationError(
                _(
                    "Een tabel mag hoogstens %(max)s rijen hebben; deze heeft er %(count)s. Splits de tabel op."
                ),
                params={"max": MAX_ROWS, "count": len(data)},
            )
        widest = max(len(row) for row in data)
        if widest > MAX_COLUMNS:
            raise ValidationError(
                _("Een tabel mag hoogstens %(max)s kolommen hebben; deze heeft er %(count)s."),
                params={"max": MAX_COLUMNS, "count": widest},
            )
        cells = [cell for row in data for cell in row]
        if not all(cell is None or isinstance(cell, str | int | float) for cell in cells):
            raise ValidationError(_("Een cel mag alleen tekst of een getal bevatten."))
        if any(len(str(cell)) > MAX_CELL_LENGTH for cell in cells if cell is not None):
            raise ValidationError(
                _("Een cel mag hoogstens %(max)s tekens bevatten."), params={"max": MAX_CELL_LENGTH}
            )
        caption = value.get("table_caption") or ""
        if not isinstance(caption, str) or len(caption) > 250:
            raise ValidationError(_("Het bijschrift mag hoogstens 250 tekens lang zijn."))
        choice = value.get("table_header_choice") or ""
        if choice and choice not in HEADER_CHOICES:
            raise ValidationError(_("Kies of de eerste rij of kolom kopjes bevat, of geen van beide."))
        if not self.is_deferred_validation:  # saving a draft: an unfinished table may wait
            if all(cell is None or not str(cell).strip() for cell in cells):
                raise ValidationError(_("De tabel is leeg. Vul de cellen in of verwijder het blok."))
            if not caption.strip():
                raise ValidationError(
                    _("Geef de tabel een bijschrift: een korte titel die zegt waar de tabel over gaat.")
                )
            if not choice:
                raise ValidationError(_("Kies of de eerste rij of kolom kopjes bevat, of geen van beide."))
        rows = [[("" if cell is None else str(cell)) for cell in row] for row in data]
        cleaned = {
            "data": [row + [""] * (widest - len(row)) for row in rows],
            "table_caption": caption.strip(),
            "table_header_choice": choice,
        }
        return super().clean(cleaned)

    def render(self, value, context=None):
        # A page-unique id for aria-labelledby; the request counts the tables of its page.
        request = (context or {}).get("request")
        number = next(_numbers)
        if request is not None:
            number = request.__dict__["_table_count"] = request.__dict__.get("_table_count", 0) + 1
        return super().render(value, {**(context or {}), "table_id": f"tabel-{number}"})
