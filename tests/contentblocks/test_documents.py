"""The documents block: download links with type and size, a request for an accessible version, uploads
checked by content, and documents that only a live, public page makes reachable."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction, Site

from sitewide.models import SiteSettings
from tests.contentblocks.helpers import PDF, documents_block, make_document, office_file
from tests.factories import ArticlePageFactory
from tests.publishing.users import make_user
from tests.queries import query_counts


@pytest.fixture
def contact(db):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = "toegankelijkheid@example.nl"
    settings.save()
    return settings.contact_email


@pytest.fixture
def admin_client(client, db):
    client.force_login(make_user("beheerder", superuser=True))
    return client


def links(response) -> list:
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        (a.get_text(" ", strip=True).replace("\xa0", " "), a["href"]) for a in soup.select(".documents a")
    ]


def test_each_document_is_a_link_with_type_and_size_and_a_request_for_an_accessible_version(
    client, news_index, contact
):
    report = make_document("Jaarverslag 2018", "jaarverslag.pdf", PDF * 1000)
    figures = make_document("Cijfers", "cijfers.csv", b"gemeente;aantal\nUtrecht;12\n")
    article = ArticlePageFactory(parent=news_index, body=[documents_block(report, figures)])

    found = links(client.get(article.url))

    assert found == [
        ("Jaarverslag 2018 (PDF, 1,2 MB)", report.url),
        (
            "Toegankelijke versie aanvragen van Jaarverslag 2018",
            "mailto:toegankelijkheid@example.nl?subject=Toegankelijke%20versie%20van%20Jaarverslag%202018",
        ),
        ("Cijfers (CSV, 27 bytes)", figures.url),
        (
            "Toegankelijke versie aanvragen van Cijfers",
            "mailto:toegankelijkheid@example.nl?subject=Toegankelijke%20versie%20van%20Cijfers",
        ),
    ]
    assert client.get(report.url).status_code == 200


def test_without_a_contact_address_there_is_no_request_link(client, news_index):
    article = ArticlePageFactory(parent=news_index, body=[documents_block(make_document())])

    assert [text for text, _ in links(client.get(article.url))] == ["Jaarverslag 2018 (PDF, 1,2 KB)"]


def test_documents_cost_the_same_queries_one_or_twelve_and_nested_in_a_section(client, news_index, contact):
    one = ArticlePageFactory(parent=news_index, body=[documents_block(make_document())])
    many_docs = [make_document(f"Bijlage {i}", f"bijlage-{i}.pdf") for i in range(12)]
    many = ArticlePageFactory(
        parent=news_index,
        body=[
            documents_block(*many_docs[:6]),
            {
                "type": "section",
                "value": {"heading": "Bijlagen", "content": [documents_block(*many_docs[6:])]},
            },
            documents_block(*many_docs[:3]),
        ],
    )
    plain = ArticlePageFactory(parent=news_index)

    assert len(links(client.get(many.url))) == 30
    base, small, large = (query_counts(client, page.url) for page in (plain, one, many))
    assert large.warm == small.warm == base.warm  # from the cache: no query at all
    assert large.cold == small.cold + 1 <= base.cold + 2  # one query per stream level, never per document


def test_a_document_link_in_rich_text_points_at_the_document(client, news_index):
    document = make_document()
    article = ArticlePageFactory(
        parent=news_index,
        body=[("paragraph", f'<p>Lees het <a linktype="document" id="{document.pk}">jaarverslag</a>.</p>')],
    )

    soup = BeautifulSoup(client.get(article.url).content, "html.parser")

    assert soup.select_one(".rich-text a")["href"] == document.url
    assert client.get(document.url).status_code == 200


def test_a_document_of_a_draft_unpublished_or_private_page_is_not_found_by_visitors(client, news_index):
    draft_only = make_document("Concept", "concept.pdf")
    ArticlePageFactory(parent=news_index, live=False, body=[documents_block(draft_only)])
    unlinked = make_document("Los", "los.pdf")
    withdrawn = make_document("Ingetrokken", "ingetrokken.pdf")
    ArticlePageFactory(parent=news_index, body=[documents_block(withdrawn)]).unpublish()
    expired = make_document("Verlopen", "verlopen.pdf")
    ArticlePageFactory(parent=news_index, body=[documents_block(expired)], expire_at=timezone.now())
    private = make_document("Intern", "intern.pdf")
    private_page = ArticlePageFactory(parent=news_index, body=[documents_block(private)])
    PageViewRestriction.objects.create(page=private_page, restriction_type="login")

    for document in (draft_only, unlinked, withdrawn, expired, private):
        response = client.get(document.url)
        assert response.status_code == 404, document.title
        assert PDF not in response.getvalue()

    client.force_login(make_user("beheerder", superuser=True))
    assert client.get(draft_only.url).status_code == 200  # editors see what they are working on


def test_a_document_becomes_reachable_once_its_page_is_published(client, news_index):
    document = make_document()
    article = ArticlePageFactory(parent=news_index, live=False, body=[documents_block(document)])
    assert client.get(document.url).status_code == 404

    article.save_revision().publish()

    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("extension", ["docx", "xlsx", "pptx", "odt", "ods", "odp"])
def test_office_documents_are_accepted(admin_client, extension):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Bijlage",
            "file": SimpleUploadedFile(f"bijlage.{extension}", office_file(extension)),
            "collection": 1,
        },
    )

    assert response.status_code == 302
    assert get_document_model().objects.get().file_extension == extension


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("jaarverslag.pdf", b"<html><script>alert(1)</script></html>", "past niet bij de extensie .pdf"),
        ("notulen.docx", office_file("odt"), "past niet bij de extensie .docx"),
        ("begroting.xlsx", b"PK\x03\x04" + b"\x00" * 200, "past niet bij de extensie .xlsx"),
        ("lijst.txt", b"gewone tekst", "Bestandsextensie"),
        ("pagina.html", b"<html></html>", "Bestandsextensie"),
    ],
)
def test_a_document_whose_content_lies_about_its_type_is_refused_in_dutch(
    admin_client, name, content, message
):
    response = admin_client.post(
        reverse("wagtaildocs:add"), {"title": "x", "file": SimpleUploadedFile(name, content), "collection": 1}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_document_model().objects.exists()
