"""Every page type (HomePage, StandardPage, NewsIndexPage, ArticlePage): where it may live, that an editor
creates it from a complete form, and that it routes and renders. Wagtail's own page-type assertions."""

from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from home.models import HomePage, StandardPage
from news.models import ArticlePage, NewsIndexPage
from tests.factories import ArticlePageFactory, ImageFactory, NewsIndexPageFactory, StandardPageFactory


def paragraph(html):
    return ("paragraph", rich_text(html))


def image_block(image, alt="", decorative=False):
    return (
        "image",
        {"image": image.pk, "alt_text": alt, "decorative": "on" if decorative else "", "caption": ""},
    )


class PageTypesTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root = Page.get_first_root_node()
        cls.home = Site.objects.get(is_default_site=True).root_page.specific
        cls.image = ImageFactory()

    def setUp(self):
        self.login()  # a superuser: the admin offers every page type the tree allows

    def test_where_each_page_type_may_live(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        # Wagtail's base Page is allowed anywhere, but is not creatable: editors never see it offered.
        self.assertAllowedSubpageTypes(HomePage, {Page, NewsIndexPage, StandardPage})
        self.assertFalse(Page.is_creatable)
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {ArticlePage})
        self.assertAllowedParentPageTypes(ArticlePage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())

        self.assertCanCreateAt(Page, HomePage)
        self.assertCanCreateAt(HomePage, NewsIndexPage)
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanCreateAt(NewsIndexPage, ArticlePage)
        for parent, child in [
            (Page, NewsIndexPage),
            (Page, ArticlePage),
            (HomePage, ArticlePage),
            (HomePage, HomePage),
            (StandardPage, ArticlePage),
            (StandardPage, NewsIndexPage),
            (NewsIndexPage, StandardPage),
            (NewsIndexPage, NewsIndexPage),
            (ArticlePage, ArticlePage),
        ]:
            self.assertCanNotCreateAt(parent, child)

    def test_one_home_page_and_one_news_index(self):
        add_index = reverse("wagtailadmin_pages:add", args=["news", "newsindexpage", self.home.pk])
        self.assertEqual(self.client.get(add_index).status_code, 200)
        NewsIndexPageFactory(parent=self.home)

        self.assertFalse(NewsIndexPage.can_create_at(self.home))
        self.assertNotEqual(self.client.get(add_index).status_code, 200)
        self.assertFalse(HomePage.can_create_at(self.root))
        add_home = reverse("wagtailadmin_pages:add", args=["home", "homepage", self.root.pk])
        self.assertNotEqual(self.client.get(add_home).status_code, 200)

    def test_an_editor_creates_a_home_page_on_a_new_site(self):
        Page.objects.get(pk=self.home.pk).delete()
        featured = {"featured_article": ""}
        data = {"title": "Nieuwsroom", "slug": "start", "intro": rich_text("<p>Nieuws uit de regio.</p>")}

        self.assertCanCreate(self.root, HomePage, nested_form_data(data | featured))

        home = HomePage.objects.get(slug="start")
        self.assertTrue(home.live)
        self.assertIn("Nieuws uit de regio.", home.intro)

    def test_an_editor_creates_a_standard_page(self):
        data = {
            "title": "Privacy",
            "slug": "privacy",
            "intro": "Wij volgen u niet.",
            "body": streamfield(
                [
                    paragraph("<p>Geen cookies.</p>"),
                    (
                        "section",
                        {"heading": "Uw rechten", "content": streamfield([paragraph("<p>Inzage.</p>")])},
                    ),
                    image_block(self.image, alt="Het kantoor"),
                ]
            ),
        }

        self.assertCanCreate(self.home, StandardPage, nested_form_data(data))

        page = StandardPage.objects.get(slug="privacy")
        self.assertTrue(page.live)
        self.assertEqual([block.block_type for block in page.body], ["paragraph", "section", "image"])
        self.assertIn("Geen cookies.", str(page.body[0].value))
        self.assertEqual(page.body[2].value["alt_text"], "Het kantoor")

    def test_an_editor_creates_the_news_index(self):
        data = {"title": "Nieuws", "slug": "nieuws", "intro": "Alle berichten, het nieuwste eerst."}

        self.assertCanCreate(self.home, NewsIndexPage, nested_form_data(data))

        index = NewsIndexPage.objects.get(slug="nieuws")
        self.assertEqual((index.live, index.intro), (True, "Alle berichten, het nieuwste eerst."))

    def test_an_editor_creates_a_complete_article(self):
        index = NewsIndexPageFactory(parent=self.home)
        related = ArticlePageFactory(parent=index, title="Ander nieuws")
        section = streamfield(
            [
                paragraph("<p>Wat goed ging.</p>"),
                ("quote", {"text": "Het werkt.", "person": "", "name": "Jan de Wit", "role": "verbinder"}),
                image_block(self.image, decorative=True),
            ]
        )
        data = {
            "title": "Samenwerken loont",
            "slug": "samenwerken-loont",
            "date": "2024-03-14",
            "intro": "Vier gemeenten delen hun kennis. Inwoners merken het.",
            "image": self.image.pk,
            "image_alt": "Overleg aan tafel",
            "tags": 'samenwerking, "mens centraal"',
            "body": streamfield(
                [
                    paragraph("<p>Een <b>eerste</b> alinea.</p>"),
                    ("section", {"heading": "Glanzen en schuren", "content": section}),
                    (
                        "quote",
                        {"text": "Samen sterker.", "person": "", "name": "Els Bos", "role": "oud-directeur"},
                    ),
                ]
            ),
            "related_links": inline_formset([{"related_page": related.pk}]),
            "updates": inline_formset([]),
        }

        self.assertCanCreate(index, ArticlePage, nested_form_data(data))

        page = ArticlePage.objects.get(slug="samenwerken-loont")
        self.assertTrue(page.live)
        self.assertEqual([block.block_type for block in page.body], ["paragraph", "section", "quote"])
        self.assertEqual(
            [block.block_type for block in page.body[1].value["content"]], ["paragraph", "quote", "image"]
        )
        self.assertEqual(sorted(page.tags.names()), ["mens centraal", "samenwerking"])
        self.assertEqual([link.related_page for link in page.related_links.all()], [related])
        self.assertEqual((page.image, page.image_alt), (self.image, "Overleg aan tafel"))

    def test_every_page_type_routes_and_renders(self):
        index = NewsIndexPageFactory(parent=self.home)
        article = ArticlePageFactory(parent=index, tags=["zorg"])
        standard = StandardPageFactory(parent=self.home, title="Contact", slug="contact")
        nested = StandardPageFactory(parent=standard, title="Route", slug="route")

        for page in (self.home, index, article, standard, nested):
            self.assertPageIsRoutable(page)
            self.assertPageIsRenderable(page)
        for route in ("tag/zorg/", "feed/", "atom/", "tag/zorg/feed/", "tag/zorg/atom/"):
            self.assertPageIsRoutable(index, route)
            self.assertPageIsRenderable(index, route)
