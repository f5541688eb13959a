"""Import articles from JSON: validate the whole file here, then write everything in one transaction
(news/import_writer.py).

The file format is documented in docs/import.md. Problems are reported as
``article N ("slug"): field: what is wrong`` and nothing is written while any remain.
"""

import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from PIL import Image as PILImage
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from contentblocks import importing
from news import import_extras
from news.blocks import PARAGRAPH_FEATURES
from news.models import ArticlePage, NewsIndexPage
from news.tags import normalise_tags

ARTICLE_FIELDS = {"slug", "title", "date", "intro", "tags", "image", "body", "related", *import_extras.FIELDS}
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
MAX_IMAGE_BYTES = 10 * 1024 * 1024
_DANGEROUS_ELEMENTS = ["script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math"]
_BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


class ImportFileError(Exception):
    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ImageSpec:
    path: Path
    alt: str
    decorative: bool = False


@dataclass
class ArticleSpec:
    slug: str
    title: str
    date: datetime.date
    intro: str
    tags: list = field(default_factory=list)
    image: ImageSpec | None = None
    body: list = field(default_factory=list)  # raw blocks; image blocks hold an ImageSpec
    related: list = field(default_factory=list)
    external: dict | None = None  # news/import_extras.py
    updates: list = field(default_factory=list)
    withdrawn: str = ""  # the reason


@dataclass
class ImportCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list = field(default_factory=list)


def clean_rich_text(html: str) -> str:
    """Reduce HTML to what the paragraph block's editor allows, exactly as the editor would store it."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(_DANGEROUS_ELEMENTS):
        element.decompose()
    # The editor's own converters (admin internals, contract tested): no public API cleans rich text.
    whitelisted = EditorHTMLConverter(features=PARAGRAPH_FEATURES).to_database_format(str(soup))
    converter = ContentstateConverter(PARAGRAPH_FEATURES)
    canonical = converter.to_database_format(converter.from_database_format(whitelisted))
    return _BLOCK_KEY.sub("", canonical)


def _messages(error) -> list[str]:
    """Flatten a (nested) block ValidationError into 'path: message' strings."""
    result = []
    block_errors = getattr(error, "block_errors", None) or {}
    items = block_errors.items() if isinstance(block_errors, dict) else enumerate(block_errors)
    for key, child in items:
        result += [f"{key}.{m}" if ": " in m else f"{key}: {m}" for m in _messages(child)]
    for child in getattr(error, "non_block_errors", None) or []:
        result += getattr(child, "messages", [str(child)])
    return result or list(getattr(error, "messages", [str(error)]))


class Validator:
    """Checks a decoded import file and turns it into ArticleSpecs, collecting every problem."""

    def __init__(self, base_dir: Path, index: NewsIndexPage):
        self.base_dir = base_dir.resolve()
        self.index = index
        self.problems = []
        self.stream_block = ArticlePage._meta.get_field("body").stream_block

    def run(self, data) -> list[ArticleSpec]:
        if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
            raise ImportFileError(['bestand: verwacht een object met een lijst "articles"'])
        specs = []
        seen = set()
        for number, item in enumerate(data["articles"], start=1):
            spec = self.article(number, item)
            if spec is None:
                continue
            if spec.slug in seen:
                self.problem(number, spec.slug, "slug", "komt meer dan eens voor in het bestand")
            seen.add(spec.slug)
            specs.append((number, spec))
        existing = set(ArticlePage.objects.child_of(self.index).values_list("slug", flat=True))
        for number, spec in specs:
            for slug in spec.related:
                if slug == spec.slug:
                    self.problem(
                        number, spec.slug, "related", "een artikel kan niet aan zichzelf gerelateerd zijn"
                    )
                elif slug not in seen and slug not in existing:
                    self.problem(number, spec.slug, "related", f'onbekend artikel "{slug}"')
        if self.problems:
            raise ImportFileError(self.problems)
        return [spec for _, spec in specs]

    def problem(self, number, slug, field_name, message):
        self.problems.append(f'article {number} ("{slug}"): {field_name}: {message}')

    def article(self, number, item) -> ArticleSpec | None:
        if not isinstance(item, dict):
            self.problem(number, "", "artikel", "verwacht een object")
            return None
        slug = item.get("slug")
        label = slug if isinstance(slug, str) else ""
        before = len(self.problems)

        def report(field_name, message):
            self.problem(number, label, field_name, message)

        for unknown in sorted(set(item) - ARTICLE_FIELDS):
            report(unknown, "onbekend veld")
        if not isinstance(slug, str) or not slug:
            report("slug", "verplicht")
        else:
            try:
                validate_slug(slug)
            except ValidationError:
                report("slug", "alleen letters, cijfers, - en _ zijn toegestaan")
            if len(slug) > 255:
                report("slug", "langer dan 255 tekens")
        title = self.text(item, "title", report, max_length=255)
        intro = self.text(item, "intro", report, max_length=ArticlePage._meta.get_field("intro").max_length)
        if intro and BeautifulSoup(intro, "html.parser").find():
            report("intro", "moet platte tekst zijn, zonder HTML")
        date = self.date(item.get("date"), report)
        tags = self.tags(item.get("tags", []), report)
        image = self.image(item["image"], report, "image") if item.get("image") is not None else None
        body = self.body(item.get("body", []), report)
        related = item.get("related", [])
        if not isinstance(related, list) or not all(isinstance(s, str) for s in related):
            report("related", "verwacht een lijst met slugs")
            related = []
        external = import_extras.external(item.get("external"), report)
        updates = import_extras.updates(item.get("updates", []), report)
        withdrawn = import_extras.withdrawn(item.get("withdrawn"), report)
        if len(self.problems) > before:
            return None
        related = list(dict.fromkeys(related))
        return ArticleSpec(slug, title, date, intro, tags, image, body, related, external, updates, withdrawn)

    def text(self, item, name, report, max_length):
        value = item.get(name)
        if not isinstance(value, str) or not value.strip():
            report(name, "verplicht, verwacht tekst")
            return ""
        value = value.strip()
        if len(value) > max_length:
            report(name, f"langer dan {max_length} tekens ({len(value)})")
        return value

    def date(self, value, report):
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            report("date", "verplicht, verwacht een datum als JJJJ-MM-DD")
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            report("date", f"bestaat niet: {value}")
            return None

    def tags(self, value, report):
        if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
            report("tags", "verwacht een lijst met teksten")
            return []
        tags = normalise_tags(value)
        for tag in tags:
            if len(tag) > 100:
                report("tags", f'tag langer dan 100 tekens: "{tag[:40]}…"')
        return tags

    def image(self, value, report, name, alt_key="alt"):
        if not isinstance(value, dict) or not isinstance(value.get("file"), str):
            report(name, 'verwacht een object met "file" en "alt"')
            return None
        alt = value.get(alt_key, value.get("alt", ""))
        if not isinstance(alt, str) or not alt.strip():
            if not value.get("decorative"):
                report(f"{name}.alt", "verplicht: beschrijf wat de afbeelding laat zien")
            alt = ""
        path = (self.base_dir / value["file"]).resolve()
        if not path.is_relative_to(self.base_dir):
            report(f"{name}.file", "moet binnen de map van het JSON-bestand liggen")
            return None
        if path.suffix.lower() not in IMAGE_EXTENSIONS:
            report(f"{name}.file", f"geen toegestaan afbeeldingstype: {value['file']}")
            return None
        if not path.is_file():
            report(f"{name}.file", f"bestand niet gevonden: {value['file']}")
            return None
        if path.stat().st_size > MAX_IMAGE_BYTES:
            report(f"{name}.file", "groter dan 10 MB")
            return None
        try:
            with PILImage.open(path) as img:
                img.verify()
        except Exception:  # noqa: BLE001 - Pillow raises many types for broken files
            report(f"{name}.file", f"geen leesbare afbeelding: {value['file']}")
            return None
        return ImageSpec(path, alt.strip(), bool(value.get("decorative")))

    def body(self, value, report):
        if not isinstance(value, list):
            report("body", "verwacht een lijst met blokken")
            return []
        blocks = [self.block(block, f"body[{i}]", report, top=True) for i, block in enumerate(value)]
        return [b for b in blocks if b is not None]

    def block(self, raw, where, report, top=False):
        allowed = {"paragraph", "quote", "image", *importing.BLOCK_TYPES, *(["section"] if top else [])}
        if not isinstance(raw, dict) or raw.get("type") not in allowed:
            report(where, f"verwacht een blok van type {', '.join(sorted(allowed))}")
            return None
        kind, value = raw["type"], raw.get("value")
        if kind == "paragraph":
            if not isinstance(value, str) or not value.strip():
                report(where, "een alinea verwacht HTML-tekst")
                return None
            value = clean_rich_text(value)
        elif kind == "image":
            spec = self.image(value, report, where, alt_key="alt_text")
            if spec is None:
                return None
            value = {
                "image": spec,
                "alt_text": spec.alt,
                "decorative": bool(value.get("decorative")),
                "caption": value.get("caption") or "",
            }
        elif kind == "section":
            if not isinstance(value, dict) or not isinstance(value.get("content", []), list):
                report(where, 'een sectie verwacht "heading" en een lijst "content"')
                return None
            content = [
                self.block(b, f"{where}.content[{i}]", report) for i, b in enumerate(value.get("content", []))
            ]
            if any(b is None for b in content):
                return None
            value = {"heading": value.get("heading"), "content": content}
        elif kind in importing.BLOCK_TYPES:
            value = importing.validate(kind, value, where, report, self.base_dir)
            if value is None:
                return None
        if not self.check_block(kind, value, where, report):
            return None
        return {"type": kind, "value": value}

    def check_block(self, kind, value, where, report) -> bool:
        """Run the block's own validation, with images and nested content checked separately."""
        block = self.stream_block.child_blocks[kind]
        if kind == "image" or kind in importing.SELF_CHECKED:
            return True
        if kind == "section":
            block, value = block.child_blocks["heading"], value["heading"]
            where = f"{where}.heading"
        if kind == "quote" and isinstance(value, dict):
            unknown = set(value) - {"text", "name", "role", "language"}
            if unknown:
                report(where, f"onbekende velden: {', '.join(sorted(unknown))}")
                return False
        elif kind == "quote":
            report(where, 'een citaat verwacht "text", "name" en "role"')
            return False
        try:
            block.clean(block.to_python(value))
        except ValidationError as error:
            for message in _messages(error):
                report(where, message)
            return False
        return True


def read_file(path: Path, index: NewsIndexPage) -> list[ArticleSpec]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ImportFileError([f"bestand: kan {path} niet lezen ({error.strerror})"]) from error
    except UnicodeDecodeError as error:
        raise ImportFileError(["bestand: geen geldige UTF-8"]) from error
    except json.JSONDecodeError as error:
        raise ImportFileError(
            [f"bestand: geen geldige JSON (regel {error.lineno}, kolom {error.colno}: {error.msg})"]
        ) from error
    return Validator(path.parent, index).run(data)
