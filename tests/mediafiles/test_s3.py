"""Uploads in an S3-compatible bucket (moto's server on 127.0.0.1): what editors upload in the admin lands in
the bucket, pages link to the public images there, and no document is ever readable from the bucket."""

import io
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.contentblocks.helpers import documents_block
from tests.factories import ArticlePageFactory
from tests.mediafiles.conftest import image_urls
from tests.mediafiles.s3 import BUCKET, anonymous_get, keys

PDF = b"%PDF-1.7\nGEHEIM verslag van het overleg\n"


def png(color: str) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (640, 360), color).save(buffer, "PNG")
    return buffer.getvalue()


def upload_image(admin_client, name: str, color: str):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": name, "file": SimpleUploadedFile(name, png(color), "image/png")},
    )
    assert response.status_code == 302, response.content[:2000]
    return get_image_model().objects.filter(title=name).latest("pk")


def upload_document(admin_client, title: str, collection: Collection):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "collection": collection.pk,
            "file": SimpleUploadedFile("verslag.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return get_document_model().objects.get(title=title)


@pytest.fixture
def private_collection(db):
    private = Collection.get_first_root_node().add_child(name="Vertrouwelijk")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="geheim-wachtwoord"
    )
    return private


def test_an_uploaded_image_and_its_renditions_are_public_in_the_bucket_where_the_page_links_them(
    bucket, admin_client, client, news_index, moto_endpoint, settings
):
    image = upload_image(admin_client, "brug.png", "red")
    article = ArticlePageFactory(
        parent=news_index, title="De brug is open", image=image, image_alt="Een brug"
    )
    client.logout()

    urls = image_urls(client, article.url)
    page = client.get(article.url)

    prefix = f"{moto_endpoint}/{BUCKET}/images/"
    assert urls["og:image"] and urls["img"]
    for url in urls["og:image"] + urls["img"]:
        assert url.startswith(prefix), url  # the bucket, not /media/
        status, headers, body = anonymous_get(url)
        assert status == 200, url
        assert headers["Content-Type"] == "image/png"
        assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert PillowImage.open(io.BytesIO(body)).size[0] > 0
    shared = client.get("/api/v2/articles/").json()["items"][0]["image"]  # partner sites get the same
    assert shared["url"].startswith(prefix) and anonymous_get(shared["url"])[0] == 200
    original = anonymous_get(image.file.url)
    assert original[0] == 200 and original[2] == png("red")
    assert f"original_images/{urlsplit(image.file.url).path.rsplit('/', 1)[1]}" in keys(bucket)
    assert {urlsplit(url).path.removeprefix(f"/{BUCKET}/") for url in urls["img"]} <= keys(bucket)
    img_src = next(d for d in page["Content-Security-Policy"].split(";") if d.strip().startswith("img-src"))
    assert moto_endpoint in img_src.split()  # browsers may load them
    assert not settings.MEDIA_ROOT.exists()  # nothing was written next to the app


def test_documents_are_never_public_read_and_only_reach_visitors_through_the_privacy_check(
    bucket, admin_client, client, private_collection, news_index
):
    private = upload_document(admin_client, "Intern verslag", private_collection)
    public = upload_document(admin_client, "Openbaar verslag", Collection.get_first_root_node())
    # Visitors reach a document through a live page that offers it (contentblocks/documents.py).
    ArticlePageFactory(parent=news_index, body=[documents_block(private, public)])
    client.logout()

    for document in (private, public):
        assert document.file.name in keys(bucket)
        status, _, body = anonymous_get(document.file.url)  # the bucket's own URL: refused
        assert status == 403 and b"GEHEIM" not in body
        grants = bucket.get_object_acl(Bucket=BUCKET, Key=document.file.name)["Grants"]
        assert all("URI" not in grant["Grantee"] for grant in grants)  # no AllUsers/AuthenticatedUsers

    asked = client.get(private.url)
    assert asked.status_code == 200 and 'name="password"' in asked.content.decode()
    assert b"GEHEIM" not in asked.content
    served = client.get(public.url)  # the site streams it from the bucket
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF
    assert served["Content-Disposition"].startswith("attachment")


def test_a_photo_replaced_by_one_with_the_same_name_gets_new_urls_in_the_bucket(
    bucket, admin_client, client, news_index, django_capture_on_commit_callbacks
):
    first = upload_image(admin_client, "foto.png", "red")
    article = ArticlePageFactory(parent=news_index, title="Buurthuis", image=first, image_alt="Het buurthuis")
    client.logout()
    old_original = first.file.url
    old_share = image_urls(client, article.url)["og:image"][0]

    with django_capture_on_commit_callbacks(execute=True):  # Wagtail deletes the files after the commit
        first.delete()
    article.refresh_from_db()
    article.image = upload_image(admin_client, "foto.png", "blue")
    article.save_revision().publish()
    client.logout()
    new_share = image_urls(client, article.url)["og:image"][0]

    assert new_share != old_share
    assert anonymous_get(new_share)[0] == 200
    assert anonymous_get(old_share)[0] in (403, 404)  # gone from the bucket
    # The original keeps the uploaded name, as on the file system (hence its hour's cache), with the new pixels.
    assert anonymous_get(old_original)[2] == png("blue")


def test_two_originals_with_the_same_name_both_stay(bucket, admin_client):
    red = upload_image(admin_client, "logo.png", "red")
    blue = upload_image(admin_client, "logo.png", "blue")

    assert red.file.name != blue.file.name
    assert anonymous_get(red.file.url)[2] == png("red")
    assert anonymous_get(blue.file.url)[2] == png("blue")


def test_the_admin_shows_the_images_from_the_bucket(bucket, admin_client, moto_endpoint):
    image = upload_image(admin_client, "kade.png", "green")

    response = admin_client.get(reverse("wagtailimages:edit", args=[image.pk]))

    sources = [img["src"] for img in BeautifulSoup(response.content, "html.parser").select("img[src]")]
    assert any(src.startswith(f"{moto_endpoint}/{BUCKET}/images/") for src in sources), sources
    assert moto_endpoint in response["Content-Security-Policy"]
