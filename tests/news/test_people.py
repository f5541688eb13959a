"""People quoted in articles: one Person keeps name and role the same everywhere; imports link to them."""

import json
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse

from news.models import ArticlePage
from news.people import Person
from tests.factories import ArticlePageFactory
from tests.publishing.users import make_editor
from tests.queries import Counts, query_counts, within


def quote(text, person=None, name="", role=""):
    return ("quote", {"text": text, "person": person, "name": name, "role": role})


def captions(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        figure.figcaption.get_text(strip=True) if figure.figcaption else ""
        for figure in soup.select("figure.quote")
    ]


def test_quote_shows_the_persons_current_name_and_role(client, news_index):
    anna = Person.objects.create(name="Anna Smit", role="wethouder Zorg")
    article = ArticlePageFactory(
        parent=news_index,
        body=[
            quote("Het werkt.", person=anna),
            ("section", {"heading": "Kop", "content": [quote("Nog steeds.", person=anna)]}),
            quote("Getypt.", name="Rob Kok", role="verbinder"),
        ],
    )
    assert captions(client, article.url) == [
        "Anna Smit, wethouder Zorg",
        "Anna Smit, wethouder Zorg",
        "Rob Kok, verbinder",
    ]

    anna.role = "burgemeester"
    anna.save()

    assert captions(client, article.url) == [
        "Anna Smit, burgemeester",
        "Anna Smit, burgemeester",
        "Rob Kok, verbinder",
    ]


def test_quote_of_a_deleted_person_keeps_the_page_working(client, news_index):
    gone = Person.objects.create(name="Weg Persoon")
    article = ArticlePageFactory(parent=news_index, body=[quote("Blijft staan.", person=gone)])
    client.get(article.url)

    gone.delete()

    assert captions(client, article.url) == [""]


def test_quotes_with_people_cost_no_queries_per_quote(client, news_index):
    people = [Person.objects.create(name=f"Persoon {i:02d}") for i in range(12)]
    # People are fetched once per level of the body (the body, then all its sections): both articles have two.
    two = ArticlePageFactory(
        parent=news_index,
        slug="twee",
        body=[
            quote("x", person=people[0]),
            ("section", {"heading": "Kop", "content": [quote("y", person=people[1])]}),
        ],
    )
    many = ArticlePageFactory(
        parent=news_index,
        slug="veel",
        body=[quote("x", person=p) for p in people[:6]]
        + [
            ("section", {"heading": f"Kop {i}", "content": [quote("y", person=p)]})
            for i, p in enumerate(people[6:])
        ],
    )

    small, large = query_counts(client, two.url), query_counts(client, many.url)

    assert small == large
    assert within(large, Counts(cold=12, warm=1)), large
    assert captions(client, many.url) == [f"Persoon {i:02d}" for i in range(12)]


def write(tmp_path, quotes):
    article = {
        "slug": "citaten",
        "title": "Citaten",
        "date": "2024-03-14",
        "intro": "Kort.",
        "body": [{"type": "quote", "value": q} for q in quotes],
    }
    path = tmp_path / "import.json"
    path.write_text(json.dumps({"articles": [article]}), encoding="utf-8")
    return path


def run(path, *args):
    out = StringIO()
    call_command("import_news", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def imported_quotes():
    article = ArticlePage.objects.get(slug="citaten")
    return [(b.value["person"], b.value["name"], b.value["role"]) for b in article.body]


def test_import_creates_people_once_and_links_their_quotes(tmp_path, news_index):
    path = write(
        tmp_path,
        [
            {"text": "Een.", "name": "Anna  Smit", "role": "wethouder"},
            {"text": "Twee.", "name": "anna smit", "role": "Wethouder"},
            {"text": "Drie.", "name": "Rob Kok", "role": ""},
        ],
    )

    assert run(path).strip() == "created 1, updated 0, unchanged 0"
    anna, rob = Person.objects.get(name="Anna Smit"), Person.objects.get(name="Rob Kok")
    assert (anna.role, rob.role) == ("wethouder", "")
    assert imported_quotes() == [(anna, "", ""), (anna, "", ""), (rob, "", "")]
    assert run(path).strip() == "created 0, updated 0, unchanged 1"
    assert Person.objects.count() == 2


def test_import_uses_an_existing_person_and_notes_a_different_role(tmp_path, news_index):
    anna = Person.objects.create(name="Anna Smit", role="burgemeester")
    path = write(tmp_path, [{"text": "Een.", "name": "Anna Smit", "role": "wethouder"}])

    out = run(path)

    assert imported_quotes() == [(anna, "", "")]
    assert "citaat van Anna Smit toont de functie uit Personen (‘burgemeester’), niet ‘wethouder’" in out
    assert Person.objects.count() == 1


def test_import_keeps_the_typed_name_when_the_person_is_ambiguous(tmp_path, news_index):
    Person.objects.create(name="Jan de Vries", role="wethouder Utrecht")
    Person.objects.create(name="Jan de Vries", role="wethouder Tilburg")
    path = write(tmp_path, [{"text": "Een.", "name": "Jan de Vries", "role": "raadslid"}])

    run(path)

    assert imported_quotes() == [(None, "Jan de Vries", "raadslid")]
    assert Person.objects.count() == 2


def test_dry_run_creates_no_people(tmp_path, news_index):
    run(write(tmp_path, [{"text": "Een.", "name": "Anna Smit", "role": "wethouder"}]), "--dry-run")

    assert not Person.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [{"name": "Anna Smit", "role": "wethouder"}, {"name": "anna  smit ", "role": "Wethouder"}],
)
def test_the_same_person_cannot_be_entered_twice(client, db, fields):
    Person.objects.create(name="Anna Smit", role="wethouder")
    client.force_login(make_editor())

    response = client.post(reverse("wagtailsnippets_news_person:add"), fields)

    assert Person.objects.count() == 1
    assert "Deze persoon met deze functie bestaat al." in response.content.decode()


def test_search_and_api_show_the_chosen_persons_current_name(client, news_index):
    anna = Person.objects.create(name="Annemiek Zwart", role="wethouder")
    article = ArticlePageFactory(
        parent=news_index, title="Terugblik", body=[quote("Het werkt.", person=anna)]
    )
    article.save_revision().publish()

    found = BeautifulSoup(client.get("/zoeken/", {"q": "Zwart"}).content, "html.parser")
    detail = client.get(f"/api/v2/articles/{article.pk}/").json()

    assert [a.get_text() for a in found.select(".search-results .card__title a")] == ["Terugblik"]
    assert detail["body"][0]["value"] == {"text": "Het werkt.", "name": "Annemiek Zwart", "role": "wethouder"}


def test_a_changed_role_reaches_pages_in_the_page_cache(
    client, news_index, settings, django_capture_on_commit_callbacks
):
    from tests.pagecache import backends

    settings.PAGE_CACHE = True
    settings.WAGTAILFRONTENDCACHE = {"cdn": {"BACKEND": "tests.pagecache.backends.RecordingBackend"}}
    backends.PURGED.clear()
    anna = Person.objects.create(name="Anna Smit", role="wethouder")
    quoting = ArticlePageFactory(parent=news_index, slug="citeert", body=[quote("Het werkt.", person=anna)])
    other = ArticlePageFactory(parent=news_index, slug="ander")
    with django_capture_on_commit_callbacks(execute=True):
        quoting.save_revision().publish()  # indexes the reference to the person
    assert captions(client, quoting.url) == ["Anna Smit, wethouder"]
    client.get(other.url)

    anna.role = "burgemeester"
    backends.PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        anna.save()

    assert captions(client, quoting.url) == ["Anna Smit, burgemeester"]
    assert "http://localhost" + quoting.url in backends.PURGED  # a CDN is told what shows the person
    assert "http://localhost" + other.url not in backends.PURGED
