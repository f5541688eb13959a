import datetime

import factory
import wagtail_factories
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Collection

from home.models import StandardPage
from news.models import ArticlePage, ArticleRelatedLink, NewsIndexPage
from newsletter.forms import CONSENT_TEXT
from newsletter.models import Subscriber


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"Afbeelding {n}")
    file = factory.django.ImageField(width=1600, height=900, color="navy")
    collection = factory.LazyFunction(Collection.get_first_root_node)


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "Nieuws"
    slug = "nieuws"
    show_in_menus = True


class ArticlePageFactory(wagtail_factories.PageFactory):
    """An article; `tags=[...]` and `related=[pages]` are set after creation, as an editor would."""

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Artikel {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    date = factory.Sequence(lambda n: datetime.date(2024, 1, 1) + datetime.timedelta(days=n))
    intro = "Gemeenten werken samen aan betere hulp. Inwoners merken dat meteen. Een derde zin."

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.add(*extracted)
            if create:
                self.save()

    @factory.post_generation
    def related(self, create, extracted, **kwargs):
        if extracted:
            self.related_links.set([ArticleRelatedLink(related_page=page) for page in extracted])
            if create:
                self.save()


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Pagina {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title))
    intro = "Wat u op deze pagina vindt. Een tweede zin."


def tag(name: str) -> Tag:
    return Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]


def make_subscriber(email, *, confirmed=True, topics=(), **fields) -> Subscriber:
    subscriber = Subscriber.objects.create(
        email=email,
        status=Subscriber.Status.CONFIRMED if confirmed else Subscriber.Status.PENDING,
        confirmed_at=timezone.now() if confirmed else None,
        consent_text=str(CONSENT_TEXT),
        all_news=not topics,
        **fields,
    )
    subscriber.topics.set([tag(name) for name in topics])
    return subscriber
