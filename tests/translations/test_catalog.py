"""The project's catalog (locale/nl/): compiled as written, still overriding Wagtail, read by the admin's scripts.

None of these tests needs gettext: the .po files are read here and compared with the committed .mo files.
"""

import ast
import gettext
import io
import json
from pathlib import Path

import django
import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from tests.publishing.users import make_editor, make_user
from tests.translations.visible import catalog_strings

CATALOGS = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES"
DOMAINS = ["django", "djangojs"]


def read_po(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a .po file (no plurals or contexts: the project's catalog has none)."""
    entries, current, field = {}, {}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if line.startswith(("msgctxt", "msgid_plural", "msgstr[")):
            raise AssertionError(f"{path.name}: plurals and contexts need a real .po parser here: {line}")
        if line.startswith(("msgid ", "msgstr ")):
            field, _, literal = line.partition(" ")
            current[field] = ast.literal_eval(literal)
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
        elif not line and "msgstr" in current:
            entries[current["msgid"]] = current["msgstr"]
            current, field = {}, None
    entries.pop("", None)  # the header
    return entries


def read_mo(path: Path) -> dict[str, str]:
    with path.open("rb") as file:
        catalog = gettext.GNUTranslations(file)._catalog
    return {key: value for key, value in catalog.items() if key}


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_committed_mo_is_compiled_from_the_po(domain):
    source = read_po(CATALOGS / f"{domain}.po")

    assert source, "the catalog is empty"
    assert read_mo(CATALOGS / f"{domain}.mo") == source, (
        f"locale/nl/LC_MESSAGES/{domain}.mo is out of date: run "
        f"msgfmt --check-format -o locale/nl/LC_MESSAGES/{domain}.mo locale/nl/LC_MESSAGES/{domain}.po"
    )


def installed_msgids(domain: str) -> set[str]:
    """Every msgid of the installed apps' Dutch catalogs, and of Django's own."""
    directories = [Path(config.path) / "locale" for config in apps.get_app_configs()]
    directories.append(Path(django.__file__).parent / "conf" / "locale")
    msgids = set()
    for directory in directories:
        path = directory / "nl" / "LC_MESSAGES" / f"{domain}.mo"
        if path.exists():
            msgids |= {key if isinstance(key, str) else key[0] for key in read_mo(path)}
    return msgids


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_override_still_matches_a_msgid_of_an_installed_app(domain):
    """After an upgrade, a msgid that Wagtail reworded no longer overrides anything: the English is back."""
    stale = set(read_po(CATALOGS / f"{domain}.po")) - installed_msgids(domain)

    assert not stale, f"locale/nl/LC_MESSAGES/{domain}.po overrides msgids no installed app has: {stale}"


def test_the_javascript_catalog_reads_the_project_catalog(client, db):
    """Wagtail's scripts translate with /admin/jsi18n/ (domain djangojs), which merges LOCALE_PATHS last."""
    client.force_login(make_editor())

    strings = catalog_strings(client.get(reverse("wagtailadmin_javascript_catalog")).content.decode())

    assert "Serverfout" in strings
    assert "Server Error" not in strings


def test_wagtail_config_and_block_definitions_read_the_project_catalog(client, news_index):
    """wagtail-config's STRINGS and the Draftail toolbar's labels are rendered on the server (domain django)."""
    client.force_login(make_editor())
    page = client.get(reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk]))
    soup = BeautifulSoup(page.content, "html.parser")

    config = json.loads(soup.find("script", id="wagtail-config").string)
    assert config["STRINGS"]["BULK_ACTIONS"]["SNIPPET"]["SINGULAR"] == "1 geselecteerd"
    toolbar = soup.find(attrs={"data-w-block-data-value": True})["data-w-block-data-value"]
    assert '"description": "Vet"' in toolbar and '"description": "Cursief"' in toolbar


def test_wagtail_reports_name_their_sheet(client, db):
    client.force_login(make_user("beheerder", superuser=True))

    response = client.get(reverse("wagtailadmin_reports:site_history") + "?export=xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))

    assert workbook.sheetnames == ["Sitegeschiedenis"]
