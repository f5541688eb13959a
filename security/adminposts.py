"""The page editor's endpoints answer malformed data with 400 (or 404) and change nothing.

Wagtail's page views read posted data as its own editor writes it: a missing or garbled field (a StreamField's
`body-count`, an `overwrite_revision_id` that is not a number, a chooser's id, `new_parent_page` on copy,
`workflow-action-extra-data` that is not JSON, a bulk action's `?id=abc`) raises KeyError, ValueError or
TypeError deep inside and answers 500, sometimes after a revision was already saved. Every page view is
routed through the page viewset registered for `Page` (Wagtail 8's PageViewSet); ours wraps each view, and
the page bulk actions get the same guard: a POST runs in one transaction, and such an error rolls it back
and answers 400 (a missing object: 404). The traceback is logged as a warning.

Other admin forms read posted data the same way; the views in GUARDED_VIEWS get the same guard, wrapped
into the admin URLconf by `guard_admin_views` (site_project/urls.py).
"""

import contextlib
import functools
import logging

from django.core.exceptions import BadRequest, ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import NoReverseMatch, URLResolver
from wagtail.admin.viewsets.pages import PageViewSet

logger = logging.getLogger(__name__)

# What reading a garbled form raises: a missing key, a number or JSON that does not parse, a wrong type,
# a `next` that is not a path (Django's redirect() takes "nieuws" for a view name).
MALFORMED = (KeyError, ValueError, TypeError, ValidationError, NoReverseMatch)

# Admin form views outside the page editor that answered malformed posts with 500, by URL name.
GUARDED_VIEWS = {
    "wagtailsettings:edit": "the site settings' StreamField: a missing or garbled `social_links-count`",
    "wagtailadmin_workflows:add": "the tasks' inline formset: a task's `workflow_tasks-N-id` missing",
    "wagtailadmin_workflows:edit": "the same",
    "wagtailredirects:add": "a `redirect_page` id that is not a number",
    "wagtailredirects:edit": "the same",
    "wagtailredirects:process_import": "no `input_format`",
    "wagtailsites:add": "a `root_page` id that is not a number",
    "wagtailsites:edit": "the same",
}


def answer_malformed_input(view, request, *args, **kwargs):
    """Run the view; a POST in one transaction. Malformed input: 400, a missing object: 404."""
    try:
        with transaction.atomic() if request.method == "POST" else contextlib.nullcontext():
            response = view(request, *args, **kwargs)
            if not getattr(response, "is_rendered", True):
                response.render()  # a template that trips over the posted data fails here, not later
            return response
    except ObjectDoesNotExist as error:
        raise Http404 from error
    except MALFORMED as error:
        logger.warning("Malformed %s to %s answered 400", request.method, request.path, exc_info=True)
        raise BadRequest("Malformed admin form data.") from error


def guarded(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        return answer_malformed_input(view, request, *args, **kwargs)

    wrapper.guards_malformed_input = True
    return wrapper


def guard_admin_views(urlpatterns, names=GUARDED_VIEWS, namespace=""):
    """Guard the views with these URL names, in place (as Wagtail's own decorate_urlpatterns adds its
    login check to every admin view)."""
    for pattern in urlpatterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            guard_admin_views(pattern.url_patterns, names, inner)
        elif f"{namespace}{pattern.name}" in names:
            pattern.callback = guarded(pattern.callback)
    return urlpatterns


class PageEditorViewSet(PageViewSet):
    """Wagtail's views for every page type, each guarded. A page type that gets a viewset of its own should
    subclass this one."""

    def construct_view(self, view_class, **kwargs):
        return guarded(super().construct_view(view_class, **kwargs))


def guarded_bulk_action(action_class):
    """The bulk action (publish, move, … on selected pages) with the same guard."""

    class Guarded(action_class):
        def dispatch(self, request, *args, **kwargs):
            return answer_malformed_input(super().dispatch, request, *args, **kwargs)

    Guarded.__name__ = Guarded.__qualname__ = f"Guarded{action_class.__name__}"
    return Guarded
