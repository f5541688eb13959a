from io import StringIO

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Site

from home.models import StandardPage
from news.models import ArticlePage


def test_load_demo_builds_the_site_and_is_idempotent(db, client, settings):
    settings.DEMO_ADMIN_ACCOUNT = {"username": "demo", "password": "demo-wachtwoord"}
    first, second = StringIO(), StringIO()

    call_command("load_demo", stdout=first)
    revisions = sorted(ArticlePage.objects.values_list("slug", "latest_revision_id"))
    call_command("load_demo", stdout=second)

    count = ArticlePage.objects.live().count()
    assert count >= 15
    assert f"created {count}, updated 0, unchanged 0" in first.getvalue()
    assert f"created 0, updated 0, unchanged {count}" in second.getvalue()
    assert sorted(ArticlePage.objects.values_list("slug", "latest_revision_id")) == revisions
    assert "gebruiker demo, wachtwoord demo-wachtwoord" in second.getvalue()
    assert client.login(username="demo", password="demo-wachtwoord")
    reference = client.get("/nieuws/glanzen-en-schuren/").content.decode()
    assert "Glanzen en schuren" in reference
    assert "Gerelateerd nieuws" in reference


def test_load_demo_creates_no_account_outside_dev(db, settings):
    if hasattr(settings, "DEMO_ADMIN_ACCOUNT"):
        del settings.DEMO_ADMIN_ACCOUNT
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert not get_user_model().objects.exists()
    assert "wachtwoord" not in out.getvalue()


def test_load_demo_adds_the_standard_pages_and_wires_the_footer(db, client):
    call_command("load_demo", stdout=StringIO())
    statement = StandardPage.objects.get(slug="toegankelijkheid")
    statement.intro = "Door de redactie aangepast."
    statement.save_revision().publish()
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert "0 nieuw" in out.getvalue()
    assert sorted(StandardPage.objects.live().values_list("slug", flat=True)) == [
        "contact",
        "privacy",
        "toegankelijkheid",
    ]
    assert StandardPage.objects.get(slug="toegankelijkheid").intro == "Door de redactie aangepast."
    text = (
        BeautifulSoup(client.get("/toegankelijkheid/").content, "html.parser").select_one("main").get_text()
    )
    for required in [
        "voldoet gedeeltelijk",
        "2.1, niveau AA",
        "Wat nog niet goed is",
        "opgesteld op",
        "5 werkdagen",
        "Nationale ombudsman",
    ]:
        assert required in text
    footer = BeautifulSoup(client.get("/").content, "html.parser").select_one("footer")
    assert [a["href"] for a in footer.select("nav a")] == ["/toegankelijkheid/", "/privacy/", "/contact/"]
    assert footer.select_one('a[href^="mailto:"]')


def test_the_demo_is_searchable_by_tag_after_load_demo(db, client):
    call_command("load_demo", stdout=StringIO())

    soup = BeautifulSoup(client.get("/zoeken/", {"q": "mens centraal"}).content, "html.parser")

    assert "Tien jaar samenwerking: wat glansde en wat schuurde" in [
        a.get_text() for a in soup.select(".search-results .card__title a")
    ]


def test_load_demo_gives_the_demo_site_the_address_it_is_served_on(db, client, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    out = StringIO()

    call_command("load_demo", stdout=out)

    assert "Site: http://127.0.0.1:8000" in out.getvalue()
    head = client.get("/nieuws/", HTTP_HOST="localhost:6666").content.decode()
    assert '<link rel="canonical" href="http://127.0.0.1:8000/nieuws/">' in head

    Site.objects.filter(is_default_site=True).update(hostname="nieuws.example.nl", port=443)
    call_command("load_demo", stdout=StringIO())
    assert Site.objects.get(is_default_site=True).root_url == "https://nieuws.example.nl"
