"""The administrators' overviews: every article with its status, filters, search and CSV/XLSX exports."""

import csv
import datetime
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from news.people import Person
from tests.factories import ArticlePageFactory
from tests.publishing.forms import quote
from tests.publishing.users import make_editor

OVERVIEW = "/admin/overzichten/publicaties/"
PEOPLE = "/admin/overzichten/geciteerde-personen/"


def rows(response) -> dict:
    """Title -> status label of each row in the listing."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    result = {}
    for row in soup.select("table.listing tbody tr"):
        title = row.select_one("td.field-title a").get_text(strip=True)
        result[title] = row.select_one("td.field-status .status-tag").get_text(strip=True)
    return result


def test_overview_lists_every_article_with_its_status(admin_client, articles):
    assert rows(admin_client.get(OVERVIEW)) == {
        "Online bericht": "Online",
        "Conceptbericht": "Concept",
        "Gepland bericht": "Gepland",
        "Ter goedkeuring": "Wacht op goedkeuring",
        "Verlopen bericht": "Verlopen",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=live", {"Online bericht"}),
        ("status=draft", {"Conceptbericht"}),
        ("status=scheduled", {"Gepland bericht"}),
        ("status=awaiting", {"Ter goedkeuring"}),
        ("status=expired", {"Verlopen bericht"}),
        ("tag=jeugd", {"Online bericht", "Gepland bericht"}),
        ("jaar=2023", {"Online bericht", "Verlopen bericht"}),
        ("jaar=2023&tag=jeugd", {"Online bericht"}),
        ("q=goedkeuring", {"Ter goedkeuring"}),
        ("status=onzin", set()),
        ("jaar=twintig", set()),
    ],
)
def test_overview_filters_and_search(admin_client, articles, query, expected):
    assert set(rows(admin_client.get(f"{OVERVIEW}?{query}"))) == expected


def test_each_row_links_to_the_page_editor(admin_client, articles):
    soup = BeautifulSoup(admin_client.get(OVERVIEW).content, "html.parser")
    link = soup.find("a", string="Gepland bericht")

    assert link["href"].startswith(reverse("wagtailadmin_pages:edit", args=[articles["scheduled"].pk]))


def test_overview_shows_when_a_scheduled_article_goes_live(admin_client, articles):
    go_live = timezone.localtime(articles["scheduled"].go_live_at).strftime("%d-%m-%Y %H:%M")
    soup = BeautifulSoup(admin_client.get(f"{OVERVIEW}?status=scheduled").content, "html.parser")

    assert f"online vanaf {go_live}" in soup.select_one("td.field-status").get_text()


def test_csv_export_has_every_article_and_respects_the_filters(admin_client, articles):
    response = admin_client.get(f"{OVERVIEW}?export=csv")
    content = b"".join(response.streaming_content).decode()
    table = list(csv.DictReader(io.StringIO(content)))

    assert response["Content-Disposition"] == 'attachment; filename="publicaties.csv"'
    assert {row["Titel"]: row["Status"] for row in table} == {
        "Online bericht": "Online",
        "Conceptbericht": "Concept",
        "Gepland bericht": "Gepland",
        "Ter goedkeuring": "Wacht op goedkeuring",
        "Verlopen bericht": "Verlopen",
    }
    online = next(row for row in table if row["Titel"] == "Online bericht")
    assert online["Tags"] == "jeugd"
    assert online["Artikeldatum"] == "2023-05-01"
    assert online["Adres op de site"].endswith("/nieuws/online-bericht/")
    assert online["Bewerken"].endswith(reverse("wagtailadmin_pages:edit", args=[articles["live"].pk]))

    filtered = admin_client.get(f"{OVERVIEW}?export=csv&status=scheduled")
    titles = [
        row["Titel"] for row in csv.DictReader(io.StringIO(b"".join(filtered.streaming_content).decode()))
    ]
    assert titles == ["Gepland bericht"]


def test_csv_export_neutralises_formulas(admin_client, news_index):
    ArticlePageFactory(parent=news_index, title='=HYPERLINK("http://x")', slug="formule")

    content = b"".join(admin_client.get(f"{OVERVIEW}?export=csv").streaming_content).decode()

    assert next(csv.DictReader(io.StringIO(content)))["Titel"] == '\'=HYPERLINK("http://x")'


def test_xlsx_export_opens_and_holds_the_overview(admin_client, articles):
    response = admin_client.get(f"{OVERVIEW}?export=xlsx&jaar=2023")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    header, *data = list(sheet.values)
    records = [dict(zip(header, row, strict=True)) for row in data]

    assert response["Content-Disposition"].endswith('filename="publicaties.xlsx"')
    assert header[:5] == ("Titel", "Artikeldatum", "Status", "Tags", "Eigenaar")
    assert {r["Titel"]: r["Status"] for r in records} == {
        "Online bericht": "Online",
        "Verlopen bericht": "Verlopen",
    }
    online = next(r for r in records if r["Titel"] == "Online bericht")
    assert online["Artikeldatum"] == datetime.date(2023, 5, 1)
    expected = timezone.localtime(articles["live"].last_published_at).replace(tzinfo=None, microsecond=0)
    assert online["Laatst gepubliceerd"].replace(microsecond=0) == expected


def fetch(client, url):
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    assert response.status_code == 200


def count_queries(client, url):
    fetch(client, url)  # warm per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as ctx:
        fetch(client, url)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", [OVERVIEW, f"{OVERVIEW}?export=csv", f"{OVERVIEW}?export=xlsx"])
def test_overview_queries_do_not_grow_with_the_number_of_articles(admin_client, news_index, url):
    editor = make_editor()
    ArticlePageFactory(parent=news_index, tags=["een"], owner=editor).save_revision(user=editor).publish()
    small = count_queries(admin_client, url)
    for i in range(30):
        page = ArticlePageFactory(parent=news_index, tags=[f"tag {i}", "een"], owner=editor, live=i % 2 == 0)
        page.save_revision(user=editor)
        if i % 3 == 0:
            page.get_workflow().start(page, editor)

    large = count_queries(admin_client, url)
    assert large == small, (small, large)


def people_rows(response) -> dict:
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        row.select_one("td.field-name a").get_text(strip=True): row.select_one(
            "td.field-article_count"
        ).get_text(strip=True)
        for row in soup.select("table.listing tbody tr")
    }


def test_people_overview_counts_the_articles_quoting_each_person(admin_client, quoted):
    often, _ = quoted

    assert people_rows(admin_client.get(PEOPLE)) == {"Anna Smit": "2", "Rob Kok": "0"}
    assert people_rows(admin_client.get(f"{PEOPLE}?geciteerd=nee")) == {"Rob Kok": "0"}
    soup = BeautifulSoup(admin_client.get(PEOPLE).content, "html.parser")
    assert soup.find("a", string="Anna Smit")["href"] == reverse(
        "wagtailsnippets_news_person:edit", args=[often.pk]
    )


def test_people_overview_exports(admin_client, quoted):
    response = admin_client.get(f"{PEOPLE}?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *data = list(sheet.values)

    assert header[:4] == ("Naam", "Functie", "Aantal artikelen", "Datum nieuwste artikel")
    assert [row[:3] for row in data] == [("Anna Smit", "wethouder", 2), ("Rob Kok", "verbinder", 0)]
    assert data[0][3] == datetime.date(2024, 2, 9)
    assert data[1][3] is None


def test_people_overview_queries_do_not_grow(admin_client, news_index):
    Person.objects.create(name="Persoon 0")
    small = count_queries(admin_client, PEOPLE)
    for i in range(1, 20):
        person = Person.objects.create(name=f"Persoon {i}")
        ArticlePageFactory(parent=news_index, body=[("quote", quote(person=person))])

    assert count_queries(admin_client, PEOPLE) == small
