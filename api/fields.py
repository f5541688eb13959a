"""Serializer fields of the articles API: absolute URLs everywhere, rich text as finished HTML."""

from urllib.parse import urljoin

from bs4 import BeautifulSoup
from rest_framework.fields import Field
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import expand_db_html

from news.blocks import QuoteBlock
from pagebase.mixins import absolute_url, site_root_url

IMAGE_SPEC = "fill-1280x720"
THUMBNAIL_SPEC = "fill-800x450"
BODY_IMAGE_SPEC = "width-1440"


def rendition_data(image, spec: str, request) -> dict:
    rendition = image.get_rendition(spec)
    return {"url": absolute_url(request, rendition.url), "width": rendition.width, "height": rendition.height}


def absolute_html(html: str, request) -> str:
    """Rich text HTML with internal links expanded and every link and image made absolute."""
    html = expand_db_html(html)
    base = site_root_url(request)
    if not base or ("href=" not in html and "src=" not in html):
        return html
    base += "/"
    soup = BeautifulSoup(html, "html.parser")
    for element, attribute in [(a, "href") for a in soup.find_all("a", href=True)] + [
        (img, "src") for img in soup.find_all("img", src=True)
    ]:
        element[attribute] = urljoin(base, element[attribute])
    return str(soup)


def block_data(block, value, context):
    """A block value as JSON: streams as lists of {type, value, id}, structs as objects,
    rich text as HTML and images as absolute rendition URLs."""
    request = context.get("request")
    if isinstance(block, blocks.StreamBlock):
        return [
            {"type": child.block.name, "value": block_data(child.block, child.value, context), "id": child.id}
            for child in value or []
        ]
    if isinstance(block, QuoteBlock):
        # The speaker as readers see it: the chosen person's current name and role, or the typed ones.
        return {"text": value.get("text", ""), "name": value.speaker_name, "role": value.speaker_role}
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_data(child, value.get(name), context) for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        return [block_data(block.child_block, item, context) for item in value]
    if isinstance(block, blocks.RichTextBlock):
        return absolute_html(value.source, request) if value else ""
    if isinstance(block, ImageChooserBlock):
        return {"id": value.pk, **rendition_data(value, BODY_IMAGE_SPEC, request)} if value else None
    return block.get_api_representation(value, context)


class StreamBodyField(Field):
    def to_representation(self, value):
        return block_data(value.stream_block, value, self.context)


class ArticleImageField(Field):
    """The article's image with its alt text, in a large and a card size; null without an image."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        if page.image is None:
            return None
        request = self.context.get("request")
        return {
            "alt": page.image_alt,
            **rendition_data(page.image, IMAGE_SPEC, request),
            "thumbnail": rendition_data(page.image, THUMBNAIL_SPEC, request),
        }


class TagListField(Field):
    """Tags as {name, slug}; the slug is what `?tag=` filters on. Uses the prefetched tags."""

    def to_representation(self, manager):
        return [
            {"name": tag.name, "slug": tag.slug}
            for tag in sorted(manager.all(), key=lambda t: t.name.lower())
        ]


class AbsoluteHtmlUrlField(Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        if page.external_url:  # published elsewhere (news/external.py): the page is there
            return page.external_url
        request = self.context.get("request")
        return absolute_url(request, page.get_url(request))


class AbsoluteDetailUrlField(Field):
    """The article's API address, absolute under the site's root (`site_root_url`)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        path = self.context["router"].get_object_detail_urlpath(type(page), page.pk)
        return absolute_url(self.context.get("request"), path)


class ExternalField(Field):
    """Where an item published elsewhere is: {url, source, kind}; null for the site's own articles."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        if not page.external_url:
            return None
        return {"url": page.external_url, "source": page.source_name, "kind": page.kind_label}
