"""A rendition's URL always means the same pixels, so browsers may keep it for a year."""

from urllib.parse import urlsplit

from tests.factories import ArticlePageFactory, ImageFactory
from tests.mediafiles.conftest import image_urls


def share_image(client, page) -> str:
    return urlsplit(image_urls(client, page.url)["og:image"][0]).path


def test_a_photo_taken_down_and_replaced_by_one_with_the_same_name_gets_new_urls(
    visitor, news_index, media, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(
        parent=news_index,
        title="Buurthuis open",
        image=ImageFactory(file__filename="foto.jpg", file__color="red"),
        image_alt="Het buurthuis",
    )
    old_url = share_image(visitor, article)
    old_pixels = b"".join(visitor.get(old_url).streaming_content)

    with django_capture_on_commit_callbacks(execute=True):  # Wagtail deletes the files after the commit
        article.image.delete()
    article.refresh_from_db()
    article.image = ImageFactory(file__filename="foto.jpg", file__color="blue")
    article.save_revision().publish()
    new_url = share_image(visitor, article)
    new = visitor.get(new_url)

    assert new_url != old_url
    assert new.status_code == 200 and new["Cache-Control"] == "public, max-age=31536000, immutable"
    assert b"".join(new.streaming_content) != old_pixels
    assert visitor.get(old_url).status_code == 404
