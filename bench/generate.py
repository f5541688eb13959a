"""Generate a benchmark data set quickly: N live articles with M tags, bodies, images and related links.

Run through bench/run.py (it sets DJANGO_SETTINGS_MODULE and DATABASE_URL). Pages are written in bulk with
treebeard paths computed here, which is ~100× faster than one add_child() per article; the result is the
same tree Wagtail would build (checked by `manage.py fixtree` in the tests of this script's output).
"""

import argparse
import datetime
import io
import random
import sys
from pathlib import Path

import django

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.files.images import ImageFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image as PILImage  # noqa: E402
from taggit.models import Tag  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.models import Locale, Page, Site  # noqa: E402
from wagtail.utils.file import hash_filelike  # noqa: E402

from home.models import HomePage  # noqa: E402
from news.models import ArticlePage, ArticlePageTag, ArticleRelatedLink, NewsIndexPage  # noqa: E402

COMMON_TAG = "onderwerp-0"
WORDS = [
    "gemeente",
    "samenwerking",
    "inwoners",
    "schuldhulp",
    "jeugdzorg",
    "wijkteam",
    "mantelzorg",
    "armoede",
    "werk",
    "inkomen",
    "beleid",
    "uitvoering",
    "regio",
    "zorg",
    "welzijn",
    "ondersteuning",
    "aanpak",
    "loket",
    "budget",
    "evaluatie",
    "wethouder",
    "ervaringsdeskundige",
    "verbinding",
    "netwerk",
    "wachtlijst",
    "preventie",
    "maatwerk",
    "data",
    "privacy",
    "vertrouwen",
]


def sentence(rng, words=12):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def body(rng):
    def paragraph():
        return {"type": "paragraph", "value": "<p>" + " ".join(sentence(rng) for _ in range(4)) + "</p>"}

    quote = {"type": "quote", "value": {"text": sentence(rng), "name": "Anna de Vries", "role": "wethouder"}}
    return [
        paragraph(),
        {
            "type": "section",
            "value": {"heading": sentence(rng, 4)[:-1], "content": [paragraph(), quote, paragraph()]},
        },
        {
            "type": "section",
            "value": {"heading": sentence(rng, 3)[:-1], "content": [paragraph(), paragraph()]},
        },
    ]


def images(count=8):
    model = get_image_model()
    existing = list(model.objects.filter(title__startswith="Benchmark "))
    for n in range(len(existing), count):
        buffer = io.BytesIO()
        PILImage.new("RGB", (1600, 900), (30 + 20 * n, 60, 110)).save(buffer, "JPEG", quality=80)
        image = model(title=f"Benchmark {n}", description=f"Benchmark-afbeelding {n}")
        image.file = ImageFile(buffer, name=f"benchmark-{n}.jpg")
        image.file_size, image.file_hash = buffer.getbuffer().nbytes, hash_filelike(buffer)
        image.save()
        existing.append(image)
    return existing


@transaction.atomic
def generate(
    articles: int,
    tags: int,
    seed: int = 1,
    hostname: str | None = "127.0.0.1",
    append: bool = False,
    image_every: int = 3,
) -> None:
    """Add `articles` live articles under the news index (creating it if needed)."""
    rng = random.Random(seed)
    home = HomePage.objects.first()
    if hostname:
        site = Site.objects.get(is_default_site=True)
        site.hostname, site.port = hostname, 80
        site.save()
    index = NewsIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=NewsIndexPage(title="Nieuws", slug="nieuws", show_in_menus=True))
    first = ArticlePage.objects.child_of(index).count()
    if first and not append:
        print("Articles exist already; keeping the data set.")
        return
    tag_objs = Tag.objects.bulk_create(
        [Tag(name=f"onderwerp {n}", slug=f"onderwerp-{n}") for n in range(tags)], ignore_conflicts=True
    )
    tag_objs = list(Tag.objects.filter(slug__startswith="onderwerp-"))
    pics = images()
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    now = timezone.now()
    start = datetime.date(2026, 11, 1)
    created = []
    for n in range(first, first + articles):
        slug = f"artikel-{n + 1}"
        page = Page(
            title=sentence(rng, 6)[:-1],
            draft_title="",
            slug=slug,
            path=Page._get_path(index.path, index.depth + 1, n + 1),  # treebeard's path maths (contract)
            depth=index.depth + 1,
            numchild=0,
            url_path=f"{index.url_path}{slug}/",
            content_type=content_type,
            locale=locale,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
        )
        page.draft_title = page.title
        created.append(page)
    Page.objects.bulk_create(created, batch_size=500)
    for n, page in enumerate(Page.objects.filter(path__in=[p.path for p in created]).order_by("path")):
        image = pics[n % len(pics)] if n % image_every == 0 else None
        article = ArticlePage(
            page_ptr=page,
            date=start - datetime.timedelta(days=(first + n) // 3),
            intro=" ".join(sentence(rng) for _ in range(3)),
            image=image,
            image_alt="Benchmark-afbeelding" if image else "",
            body=body(rng),
        )
        article.__dict__.update({f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields})
        article.save_base(raw=True)  # the child row alone, as loaddata does (contract tested)
    ids = list(ArticlePage.objects.filter(path__in=[p.path for p in created]).values_list("pk", flat=True))
    # Random tags, and one tag on every tenth article: the tag listing the benchmark compares across data
    # set sizes then shows a full page of cards at 100 articles as at 10,000, not an empty one.
    common = next((tag for tag in tag_objs if tag.slug == COMMON_TAG), None)
    tagging = []
    for n, pk in enumerate(ids):
        chosen = set(rng.sample(tag_objs, rng.randint(1, 4)))
        if common is not None and (first + n) % 10 == 0:
            chosen.add(common)
        tagging += [ArticlePageTag(content_object_id=pk, tag=tag) for tag in chosen]
    ArticlePageTag.objects.bulk_create(tagging, batch_size=1000)
    ArticleRelatedLink.objects.bulk_create(
        [ArticleRelatedLink(page_id=pk, related_page_id=rng.choice(ids), sort_order=0) for pk in ids[::5]],
        batch_size=1000,
    )
    Page.objects.filter(pk=index.pk).update(numchild=first + articles)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # statistics for the planner now, not when autovacuum gets to it
    print(f"Generated {articles} articles with {len(tag_objs)} tags.")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--tags", type=int, default=200)
    args = parser.parse_args()
    generate(args.articles, args.tags)
    call_command("update_index", verbosity=0)
    if connection.vendor == "postgresql":
        # Measure the tables as autovacuum keeps them on a running site: the search index's GIN pending
        # lists merged and its pages marked all-visible (right after update_index search read 2× longer).
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


if __name__ == "__main__":
    main()
