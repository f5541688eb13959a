"""The "Gerelateerd nieuws" block: the editor's choices first, then articles sharing the most tags."""

import datetime

import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone
from taggit.models import Tag
from wagtail.images.rect import Rect
from wagtail.models import PageViewRestriction

from news.models import ArticleRelatedLink
from tests.factories import ArticlePageFactory, ImageFactory


def related_titles(client, article):
    soup = BeautifulSoup(client.get(article.url).content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select("section.related .card__title")]


def article(index, title, day, tags=(), **kwargs):
    return ArticlePageFactory(
        parent=index, title=title, date=datetime.date(2024, 5, day), tags=list(tags), **kwargs
    )


def test_manual_choices_keep_the_editors_order(client, news_index):
    a = article(news_index, "A", 1)
    b = article(news_index, "B", 2)
    c = article(news_index, "C", 3)
    main = article(news_index, "Hoofd", 4, related=[b, c, a])

    assert related_titles(client, main) == ["B", "C", "A"]


def test_fill_up_by_most_shared_tags_then_newest(client, news_index):
    main = article(news_index, "Hoofd", 10, tags=["zorg", "jeugd", "wijk"])
    article(news_index, "Eén gedeeld, oud", 1, tags=["zorg"])
    article(news_index, "Eén gedeeld, nieuw", 9, tags=["jeugd"])
    article(news_index, "Twee gedeeld", 2, tags=["zorg", "wijk"])
    article(news_index, "Geen gedeeld", 11, tags=["sport"])
    chosen = article(news_index, "Gekozen", 3)
    main.related_links.set([ArticleRelatedLink(related_page=chosen)])
    main.save()

    assert related_titles(client, main) == ["Gekozen", "Twee gedeeld", "Eén gedeeld, nieuw"]


def test_never_itself_never_twice_at_most_three(client, news_index):
    main = article(news_index, "Hoofd", 10, tags=["zorg"])
    others = [article(news_index, f"Ander {n}", n, tags=["zorg"]) for n in range(1, 6)]
    main.related_links.set([ArticleRelatedLink(related_page=p) for p in (others[0], others[0], main)])
    main.save()

    titles = related_titles(client, main)
    assert titles == ["Ander 1", "Ander 5", "Ander 4"]


def test_drafts_and_private_articles_never_appear(client, news_index):
    draft = article(news_index, "Concept", 1, tags=["zorg"], live=False)
    private = article(news_index, "Besloten", 2, tags=["zorg"])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    shown = article(news_index, "Openbaar", 3)
    main = article(news_index, "Hoofd", 10, tags=["zorg"], related=[draft, private, shown])

    assert related_titles(client, main) == ["Openbaar"]  # chosen or sharing a tag: only what is visible


def test_no_tags_and_no_choices_means_no_block(client, news_index):
    article(news_index, "Ander", 1, tags=["zorg"])
    main = article(news_index, "Hoofd", 10)

    response = client.get(main.url)
    assert response.status_code == 200
    assert "Gerelateerd nieuws" not in response.content.decode()
    assert BeautifulSoup(response.content, "html.parser").select_one("section.related") is None


# The block is cached per version of the listings: every change a visitor would see shows at once.


def tag_names(client, page):
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".article__footer a")]


def publish(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def test_a_published_change_to_a_related_article_shows_at_once(
    client, news_index, django_capture_on_commit_callbacks
):
    main = article(news_index, "Hoofd", 10, tags=["zorg"])
    other = article(news_index, "Oude titel", 1, tags=["zorg"])
    assert related_titles(client, main) == ["Oude titel"]

    other.title = "Nieuwe titel"
    publish(other, django_capture_on_commit_callbacks)
    assert related_titles(client, main) == ["Nieuwe titel"]

    newer = article(news_index, "Nog een", 5, live=False)
    newer.tags.add("zorg")
    publish(newer, django_capture_on_commit_callbacks)
    assert related_titles(client, main) == ["Nog een", "Nieuwe titel"]

    newer.refresh_from_db()
    newer.unpublish()
    assert related_titles(client, main) == ["Nieuwe titel"]


def test_a_related_article_made_private_or_deleted_leaves_at_once(client, news_index):
    main = article(news_index, "Hoofd", 10, tags=["zorg"])
    private = article(news_index, "Besloten", 2, tags=["zorg"])
    gone = article(news_index, "Verwijderd", 1, tags=["zorg"])
    assert related_titles(client, main) == ["Besloten", "Verwijderd"]

    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert related_titles(client, main) == ["Verwijderd"]
    gone.delete()
    assert related_titles(client, main) == []


def test_a_related_article_passing_its_expiry_time_leaves_without_any_job(client, news_index):
    main = article(news_index, "Hoofd", 10, tags=["zorg"])
    article(news_index, "Verloopt", 2, tags=["zorg"], expire_at=timezone.now() + datetime.timedelta(hours=1))
    article(news_index, "Blijft", 1, tags=["zorg"])
    assert related_titles(client, main) == ["Verloopt", "Blijft"]

    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1, seconds=1)):
        assert related_titles(client, main) == ["Blijft"]


def test_renamed_tags_and_recropped_images_show_at_once(client, news_index):
    image = ImageFactory()
    main = article(news_index, "Hoofd", 10, tags=["zorg"])
    article(news_index, "Met foto", 1, tags=["zorg"], image=image, image_alt="Een foto")
    assert tag_names(client, main) == ["zorg"]
    before = BeautifulSoup(client.get(main.url).content, "html.parser").select_one("section.related img")[
        "src"
    ]

    tag = Tag.objects.get(name="zorg")
    tag.name = "Zorg en welzijn"
    tag.save()
    image.set_focal_point(Rect(0, 0, 100, 100))
    image.save()

    assert tag_names(client, main) == ["Zorg en welzijn"]
    after = BeautifulSoup(client.get(main.url).content, "html.parser").select_one("section.related img")[
        "src"
    ]
    assert after != before
