"""Parts of pages rendered once per content version and reused: the main menu, the footer, a page's meta tags,
an article's own text and the "Blijf op de hoogte" block.

They are the same for every visitor of a site until content changes, which moves the content version on
(sitewide/versions.py). Each process keeps the HTML it rendered in memory under a key made of that version,
the name, the site, the host, the language and what else the part depends on (`vary`), at most `ENTRIES`
of them (least recently used first out). Every process reads the version once per request, so the first
request after a change anywhere renders afresh, in every process.

What differs per request stays out of them, or is a hole: a part rendered inside a fragment that calls
`hole(name)` leaves a marker there, filled in on every use by the function registered under that name
(the newsletter form's time stamp). What rendering a fragment notes on the request for later (the video
players a page shows, for its Content-Security-Policy) is kept with it and noted again on every use:
register the request attribute (a set) with `carry_request_set`. Previews of unsaved changes are always
rendered afresh.
"""

import threading
from collections import OrderedDict
from contextvars import ContextVar

from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from sitewide import versions

ENTRIES = 2000
_lock = threading.Lock()
_entries: OrderedDict = OrderedDict()  # key: (html, {request attribute: set added})
_holes: dict = {}  # name: function giving the text for this request
_carried: set = set()
_building: ContextVar[bool] = ContextVar("building_fragment", default=False)


def _marker(name: str) -> str:
    # A comment: text from editors or visitors is escaped (&lt;) before it reaches a page, so it never
    # forms one; rich text is sanitised by Wagtail's editor. A forged marker would only get a stamp.
    return f"<!--fragment-hole:{name}-->"


def register_hole(name: str, value) -> None:
    _holes[name] = value


def hole(name: str) -> str:
    """The text for this request, or the marker while a fragment is being rendered."""
    return mark_safe(_marker(name)) if _building.get() else _holes[name]()  # noqa: S308 - our own marker


def carry_request_set(attribute: str) -> None:
    _carried.add(attribute)


def usable(request) -> bool:
    return (
        request is not None
        and not getattr(request, "is_preview", False)
        and getattr(request, "_wagtail_site", None) is not None
        and bool(versions.current())
    )


def render(request, name: str, vary: tuple, build) -> str:
    """`build()` (HTML) for this request, from memory when it was rendered under this content version."""
    if not usable(request):
        return build()
    key = versions.key("fragment", name, request._wagtail_site.pk, request.get_host(), get_language(), *vary)
    with _lock:
        entry = _entries.get(key)
        if entry is not None:
            _entries.move_to_end(key)
    if entry is None:
        entry = _build(request, build)
        with _lock:
            _entries[key] = entry
            while len(_entries) > ENTRIES:
                _entries.popitem(last=False)
    html, noted = entry
    for attribute, values in noted.items():
        request.__dict__.setdefault(attribute, set()).update(values)
    if _building.get():  # inside another fragment: its holes are filled with the outer one's
        return mark_safe(html)  # noqa: S308 - rendered by our templates, escaped there
    for hole_name in _holes:
        marker = _marker(hole_name)
        if marker in html:
            html = html.replace(marker, str(_holes[hole_name]()))
    return mark_safe(html)  # noqa: S308 - rendered by our templates, escaped there


def _build(request, build) -> tuple[str, dict]:
    before = {attribute: set(getattr(request, attribute, ())) for attribute in _carried}
    token = _building.set(True)
    try:
        html = str(build())
    finally:
        _building.reset(token)
    noted = {}
    for attribute, values in before.items():
        added = set(getattr(request, attribute, ())) - values
        if added:
            noted[attribute] = frozenset(added)
    return html, noted


def render_template(context, template_name: str, values: dict) -> str:
    """What an inclusion tag renders, for tags that keep their output as a fragment: the template with
    `values` (and the page's autoescape settings)."""
    return context.template.engine.get_template(template_name).render(context.new(values))


def forget() -> None:
    """Forget every fragment (tests, which roll the content version back)."""
    with _lock:
        _entries.clear()
