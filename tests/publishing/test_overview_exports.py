"""The overviews' CSV and XLSX downloads: times to the second, one host for every address, planned
publications, a Dutch sheet name."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Revision, Site

from news.models import ArticlePage
from tests.publishing.test_overviews import OVERVIEW, PEOPLE

SITE_ROOT = "https://nieuws.example.nl"


def download(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(client, url, **extra) -> dict:
    """Title (or name) -> row of the CSV download."""
    table = csv.DictReader(io.StringIO(download(client, url, **extra).decode()))
    return {row.get("Titel") or row["Naam"]: row for row in table}


def xlsx_sheet(client, url, **extra):
    return openpyxl.load_workbook(io.BytesIO(download(client, url, **extra))).active


def xlsx_rows(sheet) -> dict:
    """Title (or name) -> {heading: cell}; cells, so that number formats can be read too."""
    header, *data = list(sheet.iter_rows())
    headings = [cell.value for cell in header]
    rows = [dict(zip(headings, row, strict=True)) for row in data]
    return {(row.get("Titel") or row["Naam"]).value: row for row in rows}


def naive_local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value).replace(tzinfo=None, microsecond=0)


@pytest.fixture
def precise_times(articles):
    """Publication and change times with microseconds, as Wagtail stores them."""
    live = articles["live"]
    when = timezone.now().replace(microsecond=654321) - datetime.timedelta(hours=2)
    ArticlePage.objects.filter(pk=live.pk).update(last_published_at=when)
    Revision.objects.filter(pk=live.latest_revision_id).update(created_at=when)
    return when


def test_csv_times_are_to_the_second(admin_client, precise_times):
    row = csv_rows(admin_client, f"{OVERVIEW}?export=csv")["Online bericht"]
    expected = naive_local(precise_times).strftime("%Y-%m-%d %H:%M:%S")

    assert row["Laatst gepubliceerd"] == expected
    assert row["Laatst gewijzigd"] == expected


def test_xlsx_times_are_to_the_second(admin_client, precise_times):
    row = xlsx_rows(xlsx_sheet(admin_client, f"{OVERVIEW}?export=xlsx"))["Online bericht"]

    assert row["Laatst gepubliceerd"].value == naive_local(precise_times)
    assert row["Laatst gewijzigd"].value == naive_local(precise_times)


@pytest.fixture
def configured_site(home):
    """The site as an installation configures it; the admin is reached on other hosts."""
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "nieuws.example.nl", 443
    site.save()
    return site


def addresses(values) -> list[str]:
    return [value for value in values if isinstance(value, str) and re.match(r"https?://", value)]


@override_settings(WAGTAILADMIN_BASE_URL="http://beheer.example.org")
@pytest.mark.parametrize("url", [OVERVIEW, PEOPLE])
def test_every_address_uses_the_sites_configured_root(admin_client, configured_site, articles, quoted, url):
    csv_values = [v for row in csv_rows(admin_client, f"{url}?export=csv").values() for v in row.values()]
    sheet = xlsx_sheet(admin_client, f"{url}?export=xlsx", HTTP_HOST="localhost")
    xlsx_values = [cell.value for row in sheet.iter_rows() for cell in row]

    found = addresses(csv_values) + addresses(xlsx_values)
    assert found, "the export has addresses"
    assert all(address.startswith(f"{SITE_ROOT}/") for address in found), found
    edit_links = [address for address in found if "/admin/" in address]
    assert len(edit_links) == 2 * (5 + 2 if url == OVERVIEW else 2), edit_links


def test_a_scheduled_article_shows_its_planned_go_live_under_last_published(admin_client, articles):
    go_live = naive_local(articles["scheduled"].go_live_at)

    row = csv_rows(admin_client, f"{OVERVIEW}?export=csv")["Gepland bericht"]
    assert row["Laatst gepubliceerd"] == f"gepland {go_live:%Y-%m-%d %H:%M:%S}"

    cell = xlsx_rows(xlsx_sheet(admin_client, f"{OVERVIEW}?export=xlsx"))["Gepland bericht"][
        "Laatst gepubliceerd"
    ]
    assert cell.value == go_live  # a real time: it sorts and filters with the others
    assert cell.number_format.startswith('"gepland "')

    soup = BeautifulSoup(admin_client.get(f"{OVERVIEW}?status=scheduled").content, "html.parser")
    assert f"gepland: {go_live:%d-%m-%Y %H:%M}" in soup.select_one("td.field-publication").get_text()


def test_an_online_article_with_a_new_version_planned_shows_its_last_publication(admin_client, articles):
    live = articles["live"]
    live.go_live_at = timezone.now() + datetime.timedelta(days=3)
    live.save_revision().publish()
    live.refresh_from_db()
    assert live.live and live.last_published_at

    row = csv_rows(admin_client, f"{OVERVIEW}?export=csv")["Online bericht"]
    assert row["Laatst gepubliceerd"] == f"{naive_local(live.last_published_at):%Y-%m-%d %H:%M:%S}"


def test_sorting_by_last_publication_places_planned_articles_by_their_go_live(admin_client, articles):
    later = articles["scheduled"].go_live_at + datetime.timedelta(hours=1)
    ArticlePage.objects.filter(pk=articles["live"].pk).update(last_published_at=later)

    soup = BeautifulSoup(admin_client.get(f"{OVERVIEW}?o=6").content, "html.parser")
    titles = [a.get_text(strip=True) for a in soup.select("table.listing tbody td.field-title a")]

    dated = [title for title in titles if title in {"Verlopen bericht", "Gepland bericht", "Online bericht"}]
    assert dated == ["Verlopen bericht", "Gepland bericht", "Online bericht"]


@pytest.mark.parametrize(("url", "sheet"), [(OVERVIEW, "Publicaties"), (PEOPLE, "Geciteerde personen")])
def test_the_sheet_has_a_dutch_name(admin_client, articles, quoted, url, sheet):
    workbook = openpyxl.load_workbook(io.BytesIO(download(admin_client, f"{url}?export=xlsx")))

    assert workbook.sheetnames == [sheet]
