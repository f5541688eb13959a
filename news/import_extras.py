"""The import's optional fields for items published elsewhere (`external`) and significant updates
(`updates`), checked and written as the page editor would (docs/import.md)."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

from news.external import validate_external_url
from news.updates import ArticleUpdate

FIELDS = {"external", "updates", "withdrawn"}
_EXTERNAL_KEYS = {"url", "source", "kind"}


def external(value, report) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        report("external", 'verwacht een object met "url", "source" en eventueel "kind"')
        return None
    for unknown in sorted(set(value) - _EXTERNAL_KEYS):
        report(f"external.{unknown}", "onbekend veld")
    url, source, kind = (" ".join(value.get(key, "").split()) for key in ("url", "source", "kind"))
    try:
        validate_external_url(url)
    except ValidationError:
        report("external.url", "verplicht: een volledig adres dat begint met https:// of http://")
    if len(url) > 500:
        report("external.url", "langer dan 500 tekens")
    if not source or len(source) > 100:
        report("external.source", "verplicht: de naam van de website, hoogstens 100 tekens")
    if len(kind) > 40:
        report("external.kind", "langer dan 40 tekens")
    return {"external_url": url, "source_name": source, "kind_label": kind}


def updates(value, report) -> list[tuple[datetime.datetime, str]]:
    if not isinstance(value, list):
        report("updates", 'verwacht een lijst met objecten {"date", "note"}')
        return []
    result = []
    for i, item in enumerate(value):
        where = f"updates[{i}]"
        if not isinstance(item, dict) or set(item) != {"date", "note"}:
            report(where, 'verwacht precies "date" en "note"')
            continue
        date, note = item["date"], item["note"]
        if not isinstance(date, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            report(f"{where}.date", "verwacht een datum als JJJJ-MM-DD")
            continue
        try:
            day = datetime.date.fromisoformat(date)
        except ValueError:
            report(f"{where}.date", f"bestaat niet: {date}")
            continue
        if not isinstance(note, str) or not note.strip() or len(note.strip()) > 500:
            report(f"{where}.note", "verplicht: tekst van hoogstens 500 tekens")
            continue
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
        result.append((moment, note.strip()))
    return result


def withdrawn(value, report) -> str:
    """The reason of a withdrawal ("" for none)."""
    if value is None:
        return ""
    reason = value.get("reason") if isinstance(value, dict) and set(value) == {"reason"} else None
    if not isinstance(reason, str) or not reason.strip() or len(reason.strip()) > 1000:
        report("withdrawn", 'verwacht {"reason": "..."}: de reden, hoogstens 1000 tekens')
        return ""
    return reason.strip()


def apply(draft, spec) -> None:
    fields = spec.external or {"external_url": "", "source_name": "", "kind_label": ""}
    for name, value in fields.items():
        setattr(draft, name, value)
    draft.updates.set([ArticleUpdate(date=date, note=note) for date, note in spec.updates])
    draft.withdrawn, draft.withdrawal_reason = bool(spec.withdrawn), spec.withdrawn


def state(page) -> dict:
    return {
        "external": (page.external_url, page.source_name, page.kind_label),
        "updates": [(u.date, u.note) for u in page.updates.all()],
        "withdrawn": page.withdrawal_reason if page.withdrawn else "",
    }
