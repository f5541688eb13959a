"""Where each page type may live, and that the page editor accepts a complete article."""

import pytest
from django.urls import reverse
from wagtail.blocks import Block
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage
from news.models import ArticlePage, NewsIndexPage
from tests.factories import ArticlePageFactory, ImageFactory


def test_page_types_only_fit_where_they_belong():
    assert HomePage.allowed_parent_page_models() == [Page]
    assert NewsIndexPage.allowed_parent_page_models() == [HomePage]
    assert NewsIndexPage.allowed_subpage_models() == [ArticlePage]
    assert ArticlePage.allowed_parent_page_models() == [NewsIndexPage]
    assert ArticlePage.allowed_subpage_models() == []


def test_one_home_and_one_news_index(news_index, home):
    assert not HomePage.can_create_at(Page.get_first_root_node())
    assert not NewsIndexPage.can_create_at(home)
    assert ArticlePage.can_create_at(news_index)
    assert not ArticlePage.can_create_at(home)


def test_admin_offers_only_article_under_news_index(admin_client, news_index):
    response = admin_client.get(reverse("wagtailadmin_pages:add_subpage", args=[news_index.pk]))
    # With a single allowed type Wagtail skips the picker and opens the article form.
    assert response.status_code == 302
    assert response["Location"].endswith(f"/pages/add/news/articlepage/{news_index.pk}/")


def full_article_form(image, related):
    return nested_form_data(
        {
            "title": "Samenwerken loont",
            "slug": "samenwerken-loont",
            "date": "2024-03-14",
            "intro": "Vier gemeenten delen hun kennis. Inwoners merken het.",
            "image": image.pk,
            "image_alt": "Overleg aan tafel",
            "tags": 'samenwerking, "mens centraal"',
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>Een <b>eerste</b> alinea.</p>")),
                    (
                        "section",
                        {
                            "heading": "Glanzen en schuren",
                            "content": streamfield(
                                [
                                    ("paragraph", rich_text("<p>Wat goed ging.</p>")),
                                    (
                                        "quote",
                                        {"text": "Het werkt.", "name": "Jan de Wit", "role": "verbinder"},
                                    ),
                                    (
                                        "image",
                                        {
                                            "image": image.pk,
                                            "alt_text": "",
                                            "decorative": "on",
                                            "caption": "",
                                        },
                                    ),
                                ]
                            ),
                        },
                    ),
                    ("quote", {"text": "Samen sterker.", "name": "Els Bos", "role": "oud-directeur"}),
                ]
            ),
            "related_links": inline_formset([{"related_page": related.pk}]),
            "action-publish": "action-publish",
        }
    )


def test_editor_form_accepts_a_full_article(admin_client, news_index):
    related = ArticlePageFactory(parent=news_index, title="Ander nieuws")
    image = ImageFactory()
    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])

    response = admin_client.post(url, full_article_form(image, related))

    assert response.status_code == 302, response.context["form"].errors
    page = ArticlePage.objects.get(slug="samenwerken-loont")
    assert page.live
    assert [block.block_type for block in page.body] == ["paragraph", "section", "quote"]
    assert sorted(t.name for t in page.tags.all()) == ["mens centraal", "samenwerking"]
    assert [link.related_page for link in page.related_links.all()] == [related]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"intro": ""}, "intro"),
        ({"image_alt": ""}, "image_alt"),
    ],
)
def test_editor_form_points_at_the_missing_field(admin_client, news_index, change, field):
    related = ArticlePageFactory(parent=news_index)
    data = full_article_form(ImageFactory(), related) | change
    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not ArticlePage.objects.filter(slug="samenwerken-loont").exists()


def test_image_block_needs_alt_text_unless_decorative(admin_client, news_index):
    related = ArticlePageFactory(parent=news_index)
    data = full_article_form(ImageFactory(), related)
    data["body-1-value-content-2-value-decorative"] = ""
    url = reverse("wagtailadmin_pages:add", args=["news", "articlepage", news_index.pk])

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert "Geef een alternatieve tekst" in response.content.decode()
    assert not ArticlePage.objects.filter(slug="samenwerken-loont").exists()


@pytest.mark.parametrize("block_name", ["paragraph", "quote", "section", "image"])
def test_block_previews_show_a_realistic_example_in_the_site_style(admin_client, block_name):
    ImageFactory()
    block = ArticlePage._meta.get_field("body").stream_block.child_blocks[block_name]
    block_id = next(key for key, value in Block.definition_registry.items() if value is block)

    response = admin_client.get(reverse("wagtailadmin_block_preview"), {"id": block_id})

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/css/site.css" in html
    expected = {
        "paragraph": "schuldhulpverlening",
        "quote": "Marieke de Vries",
        "section": "Glanzen en schuren",
        "image": "Medewerkers van vier gemeenten",
    }[block_name]
    assert expected in html
