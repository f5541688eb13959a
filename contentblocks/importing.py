"""The import format of the documents, video and table blocks (news/importer.py calls these)."""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from wagtail.documents import get_document_model
from wagtail.utils.file import hash_filelike

from contentblocks.video import parse_video_url
from security.forms import content_matches

BLOCK_TYPES = {"documents", "video", "table"}
# Blocks whose values news/importer.py checks with the block's own clean() (documents are checked here).
SELF_CHECKED = {"documents"}


@dataclass
class DocumentSpec:
    path: Path
    title: str


def document(value, where, report, base_dir: Path) -> DocumentSpec | None:
    if not isinstance(value, dict) or not isinstance(value.get("file"), str):
        report(where, 'verwacht een object met "file" en "title"')
        return None
    title = value.get("title")
    if not isinstance(title, str) or not title.strip() or len(title) > 255:
        report(f"{where}.title", "verplicht, tekst van hoogstens 255 tekens")
        return None
    path = (base_dir / value["file"]).resolve()
    extension = path.suffix.lower().lstrip(".")
    if not path.is_relative_to(base_dir):
        report(f"{where}.file", "moet binnen de map van het JSON-bestand liggen")
    elif extension not in settings.WAGTAILDOCS_EXTENSIONS:
        report(f"{where}.file", f"geen toegestaan documenttype: {value['file']}")
    elif not path.is_file():
        report(f"{where}.file", f"bestand niet gevonden: {value['file']}")
    elif path.stat().st_size > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE:
        report(f"{where}.file", "groter dan 10 MB")
    else:
        with path.open("rb") as f:
            head = f.read(8192)
        if content_matches(extension, head):
            return DocumentSpec(path, title.strip())
        report(f"{where}.file", f"de inhoud past niet bij de extensie .{extension}: {value['file']}")
    return None


def validate(kind, value, where, report, base_dir: Path):
    """The block's value with files replaced by specs, or None after reporting what is wrong."""
    if kind == "documents":
        items = value.get("documents") if isinstance(value, dict) else None
        if not isinstance(items, list) or not 1 <= len(items) <= 20:
            report(where, 'verwacht een object met een lijst "documents" van 1 tot 20 documenten')
            return None
        if set(value) - {"documents"}:
            report(where, f"onbekende velden: {', '.join(sorted(set(value) - {'documents'}))}")
            return None
        specs = [document(item, f"{where}.documents[{i}]", report, base_dir) for i, item in enumerate(items)]
        return None if None in specs else {"documents": specs}
    if kind == "video":
        return video(value, where, report)
    if kind == "table":
        return table(value, where, report)
    return value


def table(value, where, report):
    """{"caption", "rows": [[...]], "header_row", "header_column"} as the table block stores it; the
    block's own clean() checks sizes and contents."""
    fields = {"caption", "rows", "header_row", "header_column"}
    if not isinstance(value, dict) or set(value) - fields or not isinstance(value.get("rows"), list):
        report(
            where,
            'een tabel verwacht een object met "caption", "rows" en eventueel "header_row" en "header_column"',
        )
        return None
    row, column = bool(value.get("header_row")), bool(value.get("header_column"))
    choice = {(True, True): "both", (True, False): "row", (False, True): "column"}.get(
        (row, column), "neither"
    )
    rows = [
        [
            ("" if cell is None else str(cell)) if isinstance(cell, str | int | float | None) else cell
            for cell in row
        ]
        if isinstance(row, list)
        else row
        for row in value["rows"]
    ]
    return {
        "data": rows,
        "table_caption": value.get("caption") if isinstance(value.get("caption"), str) else "",
        "table_header_choice": choice,
        "first_row_is_table_header": row,
        "first_col_is_header": column,
    }


def video(value, where, report):
    """The block's own clean() checks the rest; the provider and id are filled in from the address here."""
    fields = {"url", "title", "transcript"}
    if not isinstance(value, dict) or set(value) - fields:
        report(where, 'een video verwacht een object met "url", "title" en "transcript"')
        return None
    try:
        found = parse_video_url(value.get("url") if isinstance(value.get("url"), str) else "")
    except ValidationError as error:
        report(f"{where}.url", " ".join(error.messages))
        return None
    return {**value, "url": found.watch_url, "provider": found.provider, "video_id": found.video_id}


class DocumentStore:
    """Stores each imported file once: an identical file already uploaded is reused."""

    def __init__(self):
        self.by_hash = {}

    def get(self, spec: DocumentSpec):
        with spec.path.open("rb") as f:
            digest = hash_filelike(f)
        if digest not in self.by_hash:
            model = get_document_model()
            found = model.objects.filter(file_hash=digest).first()
            if found is None:
                with spec.path.open("rb") as f:
                    found = model(title=spec.title, file=File(f, name=spec.path.name))
                    found.file_size, found.file_hash = spec.path.stat().st_size, digest
                    found.save()
            self.by_hash[digest] = found
        return self.by_hash[digest]

    def resolve(self, kind, value):
        if kind == "documents":
            return {"documents": [self.get(spec).pk for spec in value["documents"]]}
        return value
