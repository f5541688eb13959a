"""The editor's side: Dutch labels and help texts, block previews, page-type choice, alt text, the content checker."""

import json
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, get_edit_handler
from wagtail.test.utils.form_data import streamfield

from home.models import HomePage, StandardPage
from news.blocks import ArticleBodyBlock
from news.models import ArticlePage, NewsIndexPage
from news.people import Person
from sitewide.models import SiteSettings
from tests.factories import ArticlePageFactory, ImageFactory
from tests.publishing.forms import article_form_data, quote
from tests.publishing.users import make_editor

DUTCH = re.compile(
    r"\b(de|het|een|en|van|voor|als|op|in|niet|die|dat|of|je|bij|naar|met|zonder|bijvoorbeeld|aan|uit|te|wat|wie)\b",
    re.I,
)
ENGLISH = re.compile(r"\b(the|and|you|your|this|will|when|page|which|should)\b", re.I)


def field_panels(panel):
    if isinstance(panel, FieldPanel):
        yield panel
    if isinstance(panel, InlinePanel):
        yield from field_panels(panel.child_edit_handler)
    for child in getattr(panel, "children", []):
        yield from field_panels(child)


def labels_and_help(panel) -> tuple[str, str]:
    field = panel.db_field
    label = panel.heading or (field.verbose_name if field else "")
    help_text = panel.help_text or (field.help_text if field else "")
    return str(label), str(help_text)


@pytest.mark.parametrize("model", [HomePage, StandardPage, NewsIndexPage, ArticlePage, SiteSettings, Person])
def test_every_field_has_a_dutch_label_and_a_help_text(model):
    with translation.override("nl"):
        handler = model.get_edit_handler() if hasattr(model, "get_edit_handler") else get_edit_handler(model)
        for panel in field_panels(handler):
            label, help_text = labels_and_help(panel)
            where = f"{model.__name__}.{panel.field_name}"
            assert label, where
            assert help_text, f"{where} heeft geen helptekst"
            assert DUTCH.search(help_text) and not ENGLISH.search(help_text), f"{where}: {help_text}"


def all_blocks(block, path="body"):
    for name, child in block.child_blocks.items():
        yield f"{path}.{name}", child
        if isinstance(child, blocks.StructBlock | blocks.StreamBlock):
            yield from all_blocks(child, f"{path}.{name}")


def block_help_text(block) -> str:
    field = getattr(block, "field", None)
    return str(getattr(block.meta, "help_text", None) or (field.help_text if field else ""))


def test_every_block_has_a_dutch_label_and_a_help_text():
    with translation.override("nl"):
        for path, block in all_blocks(ArticleBodyBlock()):
            help_text = block_help_text(block)
            assert block.label, path
            assert help_text, f"{path} heeft geen helptekst"
            assert DUTCH.search(help_text) and not ENGLISH.search(help_text), f"{path}: {help_text}"


@pytest.mark.parametrize("name", ["paragraph", "quote", "section", "image"])
def test_block_previews_show_a_realistic_example_in_the_site_style(client, db, name):
    ImageFactory(title="Overleg aan tafel")
    client.force_login(make_editor())
    block = ArticlePage._meta.get_field("body").stream_block.child_blocks[name]

    response = client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})

    assert response.status_code == 200
    with translation.override("nl"):
        description = str(block.meta.description)
    assert DUTCH.search(description) and not ENGLISH.search(description), description
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one('link[rel="stylesheet"][href="/static/css/site.css"]') is not None
    rendered = soup.select_one(".article")
    if name == "paragraph":
        assert rendered.select_one("p b").get_text() == "schuldhulpverlening"
    if name == "section":
        assert rendered.select_one("h2").get_text(strip=True) == "Glanzen en schuren"
        assert "Waar de samenwerking glansde" in rendered.get_text()
    if name == "quote":
        assert rendered.select_one("figure blockquote").get_text(strip=True).startswith("Samenwerken werkt")
        assert "Marieke de Vries" in rendered.select_one("figcaption").get_text()
    if name == "image":
        assert rendered.select_one("img")["alt"].startswith("Medewerkers van vier gemeenten")


def offered_page_types(client, parent) -> set[str]:
    response = client.get(reverse("wagtailadmin_pages:add_subpage", args=[parent.pk]))
    if response.status_code == 302:
        return {response["Location"]}
    soup = BeautifulSoup(response.content, "html.parser")
    return {a["href"] for a in soup.select("a[href*='/admin/pages/add/']")}


def test_page_type_picker_offers_only_what_fits(client, home, news_index):
    article = ArticlePageFactory(parent=news_index)
    client.force_login(make_editor())

    under_index = offered_page_types(client, news_index)
    under_home = offered_page_types(client, home)

    assert under_index == {reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])}
    assert not any(
        "/articlepage/" in url or "/homepage/" in url or "/newsindexpage/" in url for url in under_home
    )
    response = client.get(reverse("wagtailadmin_pages:add", args=["news", "articlepage", article.pk]))
    assert response.status_code != 200
    assert not ArticlePage.objects.child_of(article).exists()


def post_edit(client, page, **fields):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), article_form_data(slug=page.slug, **fields)
    )


def test_lead_image_needs_alt_text_unless_decorative(client, news_index):
    article = ArticlePageFactory(parent=news_index, slug="met-beeld")
    article.save_revision()
    revisions = article.revisions.count()
    image = ImageFactory()
    client.force_login(make_editor())

    response = post_edit(client, article, image=image.pk, image_alt="")

    assert article.revisions.count() == revisions
    assert response.context["form"].errors["image_alt"] == [
        "Geef een alternatieve tekst voor de afbeelding, of vink ‘Decoratief’ aan."
    ]
    field = BeautifulSoup(response.content, "html.parser").find(attrs={"data-contentpath": "image_alt"})
    assert "w-field--error" in field["class"]
    assert "Geef een alternatieve tekst" in field.select_one("[data-field-errors]").get_text()
    messages = [str(m).strip() for m in response.context["messages"]]
    assert messages == ["De pagina kon niet worden opgeslagen vanwege validatiefouten."]

    post_edit(client, article, image=image.pk, image_alt="", image_decorative="on")
    article.refresh_from_db()
    assert article.revisions.count() == revisions + 1
    assert article.get_latest_revision_as_object().image_decorative


def test_image_block_needs_alt_text_unless_decorative(client, news_index):
    article = ArticlePageFactory(parent=news_index, slug="blokbeeld")
    image = ImageFactory()
    client.force_login(make_editor())
    body = streamfield([("image", {"image": image.pk, "alt_text": "", "caption": "", "decorative": ""})])
    response = post_edit(client, article, body=body)

    errors = response.context["form"].errors["body"].as_data()[0]
    assert errors.block_errors[0].block_errors["alt_text"].messages == [
        "Geef een alternatieve tekst, of vink ‘Decoratief’ aan."
    ]

    body = streamfield([("image", {"image": image.pk, "alt_text": "", "caption": "", "decorative": "on"})])
    assert post_edit(client, article, body=body).status_code == 302


def test_quote_needs_a_person_or_a_name_but_not_both(client, news_index):
    article = ArticlePageFactory(parent=news_index, slug="citaat")
    person = Person.objects.create(name="Anna Smit", role="wethouder")
    client.force_login(make_editor())

    def quote_errors(**value):
        response = post_edit(client, article, body=streamfield([("quote", quote(**value))]))
        if response.status_code == 302:
            return {}
        block_error = response.context["form"].errors["body"].as_data()[0].block_errors[0]
        return {key: error.messages for key, error in block_error.block_errors.items()}

    assert quote_errors() == {"name": ["Kies een persoon of typ de naam van de spreker."]}
    assert quote_errors(person=person.pk, name="Iemand anders") == {
        "name": ["Kies een persoon óf typ naam en functie, niet allebei."]
    }
    assert quote_errors(person=person.pk) == {}
    assert quote_errors(name="Rob Kok", role="verbinder") == {}


def test_required_fields_are_reported_in_dutch_at_the_field(client, news_index):
    client.force_login(make_editor())
    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])

    response = client.post(url, article_form_data(title="", intro="", action="submit"))

    assert set(response.context["form"].errors) >= {"title", "intro"}
    assert response.context["form"].errors["intro"] == ["Dit is een verplicht veld."]
    assert not ArticlePage.objects.exists()


def test_content_checker_runs_on_previews_with_the_sites_rules(client, news_index):
    article = ArticlePageFactory(parent=news_index, slug="voorbeeld")
    client.force_login(make_editor())
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])

    posted = client.post(url, article_form_data(slug="voorbeeld", title="Voorbeeldweergave"))
    preview = client.get(url, {"in_preview_panel": "true"})

    assert posted.json()["is_valid"]
    html = preview.content.decode()
    assert "Voorbeeldweergave" in html
    soup = BeautifulSoup(html, "html.parser")
    config = json.loads(soup.find(id="checker-axe-configuration").string)
    assert "image-alt" in config["options"]["runOnly"]
    assert config["context"]["include"] == ["main"]
    assert config["messages"]["image-alt"]["error_name"] == "Afbeelding zonder alternatieve tekst"


def test_content_checker_is_absent_for_visitors(client, news_index):
    article = ArticlePageFactory(parent=news_index, slug="openbaar")

    html = client.get(article.url).content.decode()

    assert "axe-configuration" not in html
    assert "userbar" not in html


def test_login_page_speaks_dutch(client, db):
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_login")).content, "html.parser")

    assert soup.find("label", attrs={"for": "id_password"}).get_text(strip=True).startswith("Wachtwoord")
    assert soup.find("label", attrs={"for": "id_username"}).get_text(strip=True).startswith("Gebruikersnaam")
