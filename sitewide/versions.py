"""The content version: one token, in one database row, that changes whenever what visitors see may change.

Every app server reads the same row, so a cache keyed on the token is right in every process at once, even
when each process keeps its own cache (local memory) and never hears of another's changes. Keyed on it:
the site settings, the menu and footer links and "is anything private?" (sitewide), and the routing to
news pages, the listings' counts, the related blocks and quoted people (news).

The token changes, once the change's transaction commits, when a page is saved (other than Wagtail's
draft and lock bookkeeping), published, unpublished, moved or deleted; when a view restriction, a tag, an
image (other than its lazily filled hash and size), a site, the site settings or a quoted person are saved
or deleted; after migrations; and after a restore. Drafts of pages that were never published change nothing.
It is read at most once per request, only by what needs it; with CONTENT_VERSION_PUSH, PostgreSQL pushes it
to each process instead (version_push.py).
"""

import logging
import time
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, models, transaction
from django.dispatch import Signal
from wagtail.models import Page, PageViewRestriction, Site

from sitewide import version_push

SINGLETON = 1
FORMAT = 1  # part of every key: raise it when what is cached under the token changes shape
ATTEMPTS = 3
TIMEOUT = 24 * 3600  # for what is cached under a token: old tokens' entries expire on their own
# Saved while editing, locking or filling in an image: nothing a visitor sees changes.
BOOKKEEPING = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    "file_hash",
    "file_size",
}
logger = logging.getLogger(__name__)
_request_token: ContextVar[list | None] = ContextVar("content_version", default=None)
# Sent after the token moved on, with `objects`: what changed (None: everything, after a migrate or restore).
content_changed = Signal()


def new_token() -> str:
    return uuid.uuid4().hex


class ContentVersion(models.Model):
    token = models.CharField(max_length=32, default=new_token)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return self.token


def read() -> str:
    """The token in the database (plain SQL: this runs on most page requests). Empty if the row or its table
    is missing (code deployed before `migrate`, an old backup): every cache keyed on it is then skipped."""
    table = _table()
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT token FROM {table} WHERE id = %s", [SINGLETON])  # noqa: S608 - our table
            row = cursor.fetchone()
    except DatabaseError:
        logger.exception("The content version cannot be read; caches keyed on it are skipped")
        return ""
    return row[0] if row else ""


def current() -> str:
    """The token for this request, read on first use; outside a request, read every time. An empty token
    means "unknown": callers then neither read nor write their caches."""
    memo = _request_token.get()
    if memo is None:
        return read()
    if not memo:
        memo.append(pushed() or read())
    return memo[0]


def pushed() -> str:
    """The token as PostgreSQL last pushed it to this process, with CONTENT_VERSION_PUSH (version_push.py)."""
    if not version_push.enabled():
        return ""
    return version_push.listener.current(_table())


def _table() -> str:
    return connection.ops.quote_name(ContentVersion._meta.db_table)


def key(*parts) -> str:
    return ":".join(str(part) for part in (f"v{FORMAT}", current(), *parts))


def cached(name: str, build, timeout: int = TIMEOUT):
    """`build()`, kept in the cache under the content version (built every time while it is unknown).
    The key is taken before building, so a change made meanwhile gives a newer key. None is not kept."""
    if not current():
        return build()
    full_key = key(name)
    value = cache.get(full_key)
    if value is None:
        value = build()
        if value is not None:
            cache.set(full_key, value, timeout)
    return value


_MISSING = ()  # cached for an id that has no row, so it is not looked up again


def cached_by_id(name: str, ids, fetch, to_entry, from_entry) -> dict:
    """{id: object} for `ids` (ints or digit strings), each kept in the cache under the content version as
    `to_entry(object)`, rebuilt with `from_entry(pk, entry)`; `fetch(ids)` ({id: object}) reads all the
    misses in one query."""
    wanted = {int(pk) for pk in ids if isinstance(pk, int) or (isinstance(pk, str) and pk.isdigit())}
    if not wanted:
        return {}
    if not current():
        return fetch(wanted)
    keys = {pk: key(name, pk) for pk in wanted}
    cached_entries = cache.get_many(list(keys.values()))
    found, missing = {}, set()
    for pk in wanted:
        entry = cached_entries.get(keys[pk])
        if entry is None:
            missing.add(pk)
        elif entry != _MISSING:
            found[pk] = from_entry(pk, entry)
    if missing:
        fetched = fetch(missing)
        found.update(fetched)
        entries = {keys[pk]: to_entry(fetched[pk]) if pk in fetched else _MISSING for pk in missing}
        cache.set_many(entries, timeout=TIMEOUT)
    return found


def _move_on() -> None:
    token = new_token()
    for attempt in range(ATTEMPTS):
        try:
            # One transaction: listening processes hear of the tokens in the order the row took them.
            with transaction.atomic():
                if not ContentVersion.objects.filter(pk=SINGLETON).update(token=token):
                    row, _ = ContentVersion.objects.get_or_create(pk=SINGLETON, defaults={"token": token})
                    token = row.token
                with connection.cursor() as cursor:
                    version_push.notify(cursor, token)
            break
        except DatabaseError:
            if attempt == ATTEMPTS - 1:
                raise  # logged by on_commit(robust=True); the caches then serve the old version for a while
            time.sleep(0.2 * (attempt + 1))
    version_push.listener.moved()
    memo = _request_token.get()
    if memo:  # the rest of this request (which made the change) sees it too
        memo[0] = token


class _Change:
    """The on-commit callback of one transaction: moves the token on once, then tells `content_changed`
    listeners (the CDN purge) what the transaction changed."""

    def __init__(self, objects=()):
        self.objects = list(objects)

    def __call__(self):
        _move_on()
        content_changed.send(sender=ContentVersion, objects=self.objects)


def changed(instance=None, **kwargs) -> None:
    """Move the token on once this transaction commits (at once outside one), once per transaction. Tests,
    which run inside a transaction that never commits, move it at once (CONTENT_VERSION_AFTER_COMMIT)."""
    objects = [] if instance is None else [instance]
    if not getattr(settings, "CONTENT_VERSION_AFTER_COMMIT", True) or not connection.in_atomic_block:
        _Change(objects)()
        return
    # Django keeps the callbacks of the open transaction here; pinned by tests/contracts.
    pending = next((func for _, func, _ in connection.run_on_commit if isinstance(func, _Change)), None)
    if pending is None:
        transaction.on_commit(_Change(objects), robust=True)
    else:
        pending.objects.extend(objects)


def saved(sender, instance=None, update_fields=None, created=False, **kwargs) -> None:
    if update_fields and set(update_fields) <= BOOKKEEPING:
        return
    if isinstance(instance, Page) and not instance.live:
        return  # a draft (Wagtail autosaves new pages whole); unpublishing sends page_unpublished
    if created and not isinstance(instance, Page | Site | PageViewRestriction):
        return  # a new tag, image or person is on no page yet; new site settings hold the defaults shown
    changed(instance)


class RequestMiddleware:
    """Gives each request its own memo of the token, so it is read at most once per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reset = _request_token.set([])
        try:
            return self.get_response(request)
        finally:
            _request_token.reset(reset)


def connect() -> None:
    from django.db.models.signals import post_delete, post_migrate, post_save
    from taggit.models import Tag
    from wagtail.images import get_image_model
    from wagtail.signals import page_published, page_unpublished, post_page_move

    def page_saved(sender, instance=None, **kwargs):
        if isinstance(instance, Page):
            saved(sender, instance, **kwargs)

    post_save.connect(page_saved, dispatch_uid="versions-page-saved", weak=False)
    post_delete.connect(page_saved, dispatch_uid="versions-page-deleted", weak=False)
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(changed, dispatch_uid=f"versions-{id(signal)}")
    for model in (PageViewRestriction, Tag, get_image_model(), Site):
        for signal in (post_save, post_delete):
            signal.connect(saved, sender=model, dispatch_uid=f"versions-{model.__name__}-{id(signal)}")
    post_migrate.connect(migrated, dispatch_uid="versions-migrated")


def migrated(sender, app_config=None, **kwargs) -> None:
    """After `migrate` (a deploy): pages cached under the old token may have been built by older code."""
    if app_config is not None and app_config.name == "sitewide":
        everything_changed()


def everything_changed() -> None:
    """After a migration or a restore: move on now, if the database has the row's table yet."""
    if ContentVersion._meta.db_table in connection.introspection.table_names():
        _move_on()
        content_changed.send(sender=ContentVersion, objects=None)
