"""The Wagtail internals the Dutch admin relies on (translations/): they fail here, by name, after an upgrade."""

import hashlib
import inspect
from pathlib import Path

import pytest
import wagtail
from django.template.loader import get_template
from django.utils import translation

from translations import labels, spreadsheets

WAGTAIL_TEMPLATES = Path(wagtail.__file__).parent / "admin" / "templates"
# Wagtail templates the translations app overrides, with the sha256 of the Wagtail 8.0.1 original it copied.
OVERRIDDEN_TEMPLATES = {
    "wagtailadmin/tables/boolean_cell.html": "f52d1f7945b2b176e1921c5014774ceddd883008e0be68a4e3e964cb73e52619",
    "wagtailadmin/shared/headers/_actions.html": "facea723b6b917627f718d47a945c79fabcb1cbc516983c66cb6801b6a9a1557",
    "wagtailadmin/shared/user_avatar.html": "10cbd09a2e9434e569d2ccc518298adbeb8cb9f3263fd31aa61ff049e6cc771a",
    "wagtailadmin/pages/listing/_page_title_column_header.html": (
        "6edca9f62c0dd8440e8193141d4c3d9319525f599cd56ff349668c4f7d9a9fa1"
    ),
    "wagtailadmin/home/account_summary.html": "ff5c7d30e46778c38af5557c0fd08c0139f71f8a539c791501ed9664f6ec6837",
}
WRITE_XLSX_SHA256 = "ccbad983a38aaa4931144491cd6bf7cb0df671ead2c5077915dd52fdce4841ad"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.parametrize("name", sorted(OVERRIDDEN_TEMPLATES))
def test_overridden_templates_are_still_wagtails_originals(name):
    original = (WAGTAIL_TEMPLATES / name).read_text(encoding="utf-8")

    assert sha256(original) == OVERRIDDEN_TEMPLATES[name], (
        f"Wagtail changed {name}: bring translations/templates/{name} up to date with it, then record the new "
        "sha256 here"
    )
    assert "translations/templates" in get_template(name).origin.name, f"{name} is not the translations app's"


def test_write_xlsx_is_still_wagtails_original():
    source = inspect.getsource(spreadsheets.WAGTAIL_WRITE_XLSX)

    assert sha256(source) == WRITE_XLSX_SHA256, (
        "Wagtail changed SpreadsheetExportMixin.write_xlsx: bring translations/spreadsheets.write_xlsx up to "
        "date with it (it only names the sheet), then record the new sha256 here"
    )


@pytest.mark.parametrize(
    ("module_and_form", "field_labels"), labels.LABELS.items(), ids=lambda v: str(v)[:40]
)
def test_labelled_wagtail_form_fields_still_exist(module_and_form, field_labels):
    module, form_name = module_and_form
    form = getattr(module, form_name, None)
    assert form is not None, f"{module.__name__}.{form_name} is gone: update translations/labels.py"

    with translation.override("nl"):
        for field_name, label in field_labels.items():
            assert field_name in form.base_fields, (
                f"{form_name}.{field_name} is gone: update translations/labels.py"
            )
            assert str(form.base_fields[field_name].label) == str(label)
