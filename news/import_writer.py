"""Writing validated import specs (news/importer.py) as articles: everything in one transaction, an unchanged
article left as it is, images found again by their content."""

import json
import re

from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.blocks import StreamValue
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

from contentblocks import importing
from news import import_extras
from news.importer import ArticleSpec, ImageSpec, ImportCounts
from news.models import ArticlePage, ArticleRelatedLink, NewsIndexPage
from news.people import PersonMatcher


class Writer:
    def __init__(self, index: NewsIndexPage, publish: bool, user=None):
        self.index = index
        self.publish = publish
        self.user = user
        self.images = {}
        self.people = PersonMatcher()
        self.documents = importing.DocumentStore()
        self.stream_block = ArticlePage._meta.get_field("body").stream_block

    def image(self, spec: ImageSpec):
        with spec.path.open("rb") as f:
            digest = hash_filelike(f)  # as Wagtail's file_hash: finds an earlier upload (contract tested)
        if digest not in self.images:
            model = get_image_model()
            image = model.objects.filter(file_hash=digest).first()
            if image is None:
                with spec.path.open("rb") as f:
                    image = model(title=spec.alt or spec.path.stem, description=spec.alt)
                    image.file = ImageFile(f, name=spec.path.name)
                    image.file_size, image.file_hash = spec.path.stat().st_size, digest
                    image.save()
            self.images[digest] = image
        return self.images[digest]

    def resolve(self, blocks):
        """Replace ImageSpecs by image ids in raw body blocks."""
        resolved = []
        for block in blocks:
            value = block["value"]
            if block["type"] == "image":
                value = {**value, "image": self.image(value["image"]).pk}
            elif block["type"] == "quote":
                value = {**self.people.link_quote(value), "language": value.get("language") or ""}
            elif block["type"] == "section":
                value = {**value, "content": self.resolve(value["content"])}
            else:
                value = self.documents.resolve(block["type"], value)
            resolved.append({"type": block["type"], "value": value})
        return resolved

    def normalised_body(self, body) -> list:
        raw = (
            body.get_prep_value()
            if isinstance(body, StreamValue)
            else self.stream_block.get_prep_value(self.stream_block.to_python(body))
        )
        return json.loads(re.sub(r'"id": "[^"]*", ', "", json.dumps(raw, sort_keys=True)))

    def state(self, page) -> dict:
        return {
            "title": page.title,
            "date": page.date,
            "intro": page.intro,
            "image": page.image_id,
            "image_alt": page.image_alt,
            "image_decorative": page.image_decorative,
            "tags": sorted(t.name for t in page.tags.all()),
            "body": self.normalised_body(page.body),
            "related": [link.related_page_id for link in page.related_links.all()],
            **import_extras.state(page),
        }

    def write(self, specs: list[ArticleSpec]) -> ImportCounts:
        counts = ImportCounts()
        with transaction.atomic():
            pages = {p.slug: p for p in ArticlePage.objects.child_of(self.index)}
            new = set()
            for spec in specs:
                if spec.slug not in pages:
                    page = ArticlePage(
                        title=spec.title, slug=spec.slug, date=spec.date, intro=spec.intro, live=False
                    )
                    self.index.add_child(instance=page)
                    pages[spec.slug] = page
                    new.add(spec.slug)
            for spec in specs:
                page = pages[spec.slug]
                changed = self.apply(page, spec, pages, is_new=spec.slug in new)
                if spec.slug in new:
                    counts.created += 1
                elif changed:
                    counts.updated += 1
                else:
                    counts.unchanged += 1
        counts.notes = list(self.people.notes)
        return counts

    def apply(self, page, spec: ArticleSpec, pages, is_new) -> bool:
        draft = page if is_new else page.get_latest_revision_as_object()
        before = None if is_new else self.state(draft)
        draft.title = spec.title
        draft.date = spec.date
        draft.intro = spec.intro
        draft.image = self.image(spec.image) if spec.image else None
        draft.image_alt = spec.image.alt if spec.image else ""
        draft.image_decorative = spec.image.decorative if spec.image else False
        draft.body = self.resolve(spec.body)
        draft.tags.set(spec.tags)
        draft.related_links.set([ArticleRelatedLink(related_page=pages[slug]) for slug in spec.related])
        import_extras.apply(draft, spec)
        content_changed = is_new or self.state(draft) != before
        needs_publish = self.publish and (not page.live or page.has_unpublished_changes)
        if not content_changed and not needs_publish:
            return False
        revision = (
            draft.save_revision(user=self.user, log_action=True) if content_changed else page.latest_revision
        )
        if self.publish:
            revision.publish(user=self.user)
        return True
