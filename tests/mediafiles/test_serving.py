"""/media/ under production's settings: an article's images are served with their type and cache headers;
nothing else in MEDIA_ROOT is (documents, planted pages, paths that climb out)."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from tests.factories import ImageFactory
from tests.mediafiles.conftest import image_urls

pytestmark = pytest.mark.django_db

A_YEAR = "public, max-age=31536000, immutable"
AN_HOUR = "public, max-age=3600"


def on_disk(media: Path, url: str) -> bytes:
    path = urlsplit(url).path
    assert path.startswith("/media/")
    return (media / path.removeprefix("/media/")).read_bytes()


def test_every_image_of_an_article_is_served_inline_and_kept_for_a_year(visitor, article, media):
    urls = image_urls(visitor, article.url)

    share = urlsplit(urls["og:image"][0])
    assert f"{share.scheme}://{share.netloc}" == article.get_site().root_url  # the site's own origin
    assert len(set(urls["img"])) == 3 and all(url.startswith("/media/images/") for url in urls["img"])
    for url in urls["og:image"] + urls["img"]:
        response = visitor.get(urlsplit(url).path)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/jpeg"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == A_YEAR
        assert response["ETag"] and response["Last-Modified"]
        assert b"".join(response.streaming_content) == on_disk(media, url)


def test_the_page_policy_allows_its_images(visitor, article):
    """The images come from the page's own origin, which the CSP's img-src allows."""
    response = visitor.get(article.url)
    img_src = next(
        d for d in response["Content-Security-Policy"].split(";") if d.strip().startswith("img-src")
    )

    assert "'self'" in img_src.split()
    origin = urlsplit(article.get_site().root_url).netloc
    assert all(
        urlsplit(url).netloc in ("", origin)
        for urls in image_urls(visitor, article.url).values()
        for url in urls
    )


@pytest.mark.parametrize("filename", ["origineel.jpg", "CAMERA.JPG"])
def test_an_original_is_served_with_a_short_cache(visitor, media, filename):
    """Originals keep the uploaded name, which a later upload can get again: revalidated after an hour."""
    image = ImageFactory(file__filename=filename)

    response = visitor.get(image.file.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == AN_HOUR
    assert b"".join(response.streaming_content) == (media / image.file.name).read_bytes()


def test_a_rendition_named_before_unique_names_is_revalidated(visitor, media):
    """Renditions made before this storage have Wagtail's own names, which can come back with other pixels."""
    (media / "images").mkdir(parents=True)
    (media / "images" / "foto.2e16d0ba.fill-640x360.jpg").write_bytes(b"\xff\xd8\xff\xe0oud")

    response = visitor.get("/media/images/foto.2e16d0ba.fill-640x360.jpg")

    assert response.status_code == 200
    assert response["Cache-Control"] == AN_HOUR


def test_a_browser_that_has_the_image_gets_304_with_the_cache_headers(visitor, article):
    url = urlsplit(image_urls(visitor, article.url)["og:image"][0]).path
    first = visitor.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]

    for headers in ({"HTTP_IF_NONE_MATCH": etag}, {"HTTP_IF_MODIFIED_SINCE": modified}):
        again = visitor.get(url, **headers)
        assert again.status_code == 304, headers
        assert again.content == b""
        assert (again["ETag"], again["Cache-Control"]) == (etag, A_YEAR)
    for headers in (
        {"HTTP_IF_NONE_MATCH": '"ander-1"'},
        {"HTTP_IF_MODIFIED_SINCE": "Mon, 01 Jan 2001 00:00:00 GMT"},
    ):
        assert visitor.get(url, **headers).status_code == 200, headers


def test_head_gives_the_headers_without_the_body(visitor, article, media):
    url = urlsplit(image_urls(visitor, article.url)["img"][0]).path

    response = visitor.head(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert int(response["Content-Length"]) == len(on_disk(media, url))
    assert response["Cache-Control"] == A_YEAR
    assert b"".join(response.streaming_content) == b""


def test_one_byte_range_is_served(visitor, article, media):
    url = urlsplit(image_urls(visitor, article.url)["og:image"][0]).path
    data = on_disk(media, url)
    etag = visitor.head(url)["ETag"]

    for asked, part in [("bytes=0-9", data[:10]), ("bytes=-16", data[-16:]), ("bytes=100-", data[100:])]:
        response = visitor.get(url, HTTP_RANGE=asked)
        assert response.status_code == 206, asked
        assert b"".join(response.streaming_content) == part
        assert int(response["Content-Length"]) == len(part)
        assert response["Content-Range"].endswith(f"/{len(data)}")
    assert visitor.get(url, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=etag).status_code == 206
    unsatisfiable = visitor.get(url, HTTP_RANGE=f"bytes={len(data)}-")
    assert (unsatisfiable.status_code, unsatisfiable["Content-Range"]) == (416, f"bytes */{len(data)}")
    for whole in ({"HTTP_RANGE": "bytes=0-1,5-9"}, {"HTTP_RANGE": "bytes=0-9", "HTTP_IF_RANGE": '"oud-1"'}):
        response = visitor.get(url, **whole)
        assert response.status_code == 200, whole
        assert b"".join(response.streaming_content) == data


@pytest.fixture
def planted(media, tmp_path):
    """Files an attacker or a careless copy could leave behind, and one outside MEDIA_ROOT."""
    secret = tmp_path / "geheim.jpg"
    secret.write_bytes(b"GEHEIM buiten MEDIA_ROOT")
    for folder in ("images", "original_images", "documents"):
        (media / folder).mkdir(parents=True, exist_ok=True)
    (media / "documents" / "intern.jpg").write_bytes(b"GEHEIM document")
    (media / "images" / "buiten.jpg").symlink_to(secret)
    (media / "images" / "document.jpg").symlink_to(media / "documents" / "intern.jpg")
    (media / "images" / "echt.jpg").write_bytes(b"\xff\xd8\xff\xe0GEHEIM via een link")
    (media / "images" / "naast.jpg").symlink_to(media / "images" / "echt.jpg")
    (media / "images" / "map.jpg").mkdir()
    os.mkfifo(media / "images" / "pijp.jpg")
    (media / "losse.jpg").write_bytes(b"GEHEIM in de root")
    (media / "images" / ".verborgen.jpg").write_bytes(b"GEHEIM verborgen")
    return media


@pytest.mark.parametrize(
    "path",
    [
        "/media/images/../../geheim.jpg",
        "/media/images/%2e%2e/%2e%2e/geheim.jpg",
        "/media/images/..%2f..%2fgeheim.jpg",
        "/media/images/..%5c..%5cgeheim.jpg",
        "/media/images%5c..%5closse.jpg",
        "/media//tmp/geheim.jpg",
        "/media/images/buiten.jpg",
        "/media/images/document.jpg",
        "/media/images/naast.jpg",
        "/media/images/map.jpg",
        "/media/images/pijp.jpg",
        "/media/images/.verborgen.jpg",
        "/media/losse.jpg",
        "/media/documents/intern.jpg",
        "/media/images/",
        "/media/images",
        "/media/",
        "/media/images/bestaat-niet.jpg",
    ],
)
def test_what_is_not_an_image_in_an_image_folder_is_a_dutch_404(visitor, planted, path):
    response = visitor.get(path)

    assert response.status_code == 404, path
    assert response["Content-Type"].startswith("text/html")
    assert "Pagina niet gevonden" in response.content.decode()
    assert b"GEHEIM" not in response.content


def test_a_symlinked_image_folder_is_not_followed(visitor, media, tmp_path):
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    (elsewhere / "foto.jpg").write_bytes(b"\xff\xd8\xff\xe0GEHEIM elders")
    media.mkdir(parents=True)
    (media / "original_images").symlink_to(elsewhere)

    response = visitor.get("/media/original_images/foto.jpg")

    assert response.status_code == 404
    assert b"GEHEIM" not in response.content


def test_a_nul_byte_is_refused_before_any_file_is_looked_for(visitor, planted):
    response = visitor.get("/media/images/buiten.jpg%00.jpg")

    assert response.status_code == 400  # security.middleware.RejectNullBytesMiddleware


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("aanval.html", b"<html><script>alert(1)</script></html>"),
        ("aanval.HTML", b"<html><script>alert(1)</script></html>"),
        ("aanval.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("aanval.jpg.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("aanval.js", b"alert(1)"),
        ("aanval.pdf", b"%PDF-1.7"),
        ("jpg", b"<html><script>alert(1)</script></html>"),
    ],
)
@pytest.mark.parametrize("folder", ["images", "original_images"])
def test_a_planted_file_that_is_no_image_type_is_never_served(visitor, media, folder, name, content):
    (media / folder).mkdir(parents=True)
    (media / folder / name).write_bytes(content)

    response = visitor.get(f"/media/{folder}/{name}")

    assert response.status_code == 404
    assert b"alert(1)" not in response.content


def test_a_page_dressed_as_an_image_is_only_ever_an_image(visitor, media):
    (media / "images").mkdir(parents=True)
    (media / "images" / "vermomd.jpg").write_bytes(b"<html><script>alert(1)</script></html>")

    response = visitor.get("/media/images/vermomd.jpg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"  # so no browser takes it for HTML


def test_a_private_document_is_only_reachable_through_wagtails_check(visitor, media):
    private = Collection.get_first_root_node().add_child(name="Vertrouwelijk")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="geheim-wachtwoord"
    )
    document = get_document_model().objects.create(
        title="Intern verslag",
        file=ContentFile(b"%PDF-1.7\nGEHEIM verslag\n", name="verslag.pdf"),
        collection=private,
    )
    assert (media / document.file.name).exists()

    through_wagtail = visitor.get(document.url)
    direct = visitor.get(f"/media/{document.file.name}")

    assert through_wagtail.status_code == 200 and 'name="password"' in through_wagtail.content.decode()
    assert direct.status_code == 404
    assert b"GEHEIM" not in direct.content


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_get_and_head_are_answered_and_nothing_changes(visitor, article, media, method):
    url = urlsplit(image_urls(visitor, article.url)["og:image"][0]).path
    before = on_disk(media, url)

    response = getattr(visitor, method)(url)

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert on_disk(media, url) == before


def test_with_serve_media_off_the_app_serves_no_file(visitor, article, settings):
    url = urlsplit(image_urls(visitor, article.url)["og:image"][0]).path
    settings.SERVE_MEDIA = False

    assert visitor.get(url).status_code == 404


def test_production_serves_media_and_leaves_it_out_of_the_page_cache(production_values):
    assert production_values["SERVE_MEDIA"] is True
    assert production_values["DEBUG"] is False
    assert production_values["MEDIA_URL"] in production_values["PAGE_CACHE_EXCLUDED_PATHS"]
