"""Every URL the admin registers, with its path parameters filled from real objects.

`admin_urls(objects)` walks Django's URL resolver below /admin/ and returns (route, url) for each pattern, or
raises `Unfilled` naming the patterns whose parameters it does not know: a new Wagtail view with a new kind
of parameter makes the walk fail rather than pass it by.
"""

import io
import re
import zipfile

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Parameters with one meaning wherever they occur: the name of the object in `objects` that fills them.
BY_PARAMETER = {
    "page_id": "article",
    "page_pk": "article",
    "page_to_move_id": "article",
    "parent_page_id": "news_index",
    "destination_id": "home",
    "revision_id": "revision",
    "revision_id_a": "earliest_revision",
    "revision_id_b": "revision",
    "task_state_id": "task_state",
    "task_id": "task",
    "workflow_state_id": "workflow_state",
    "workflow_pk": "workflow",
    "collection_id": "collection",
    "redirect_id": "redirect",
    "document_id": "document",
    "doc_id": "document",
    "image_id": "image",
    "uploaded_file_id": "uploaded_file",
    "session_id": "editing_session",
    "object_id": "subscriber",
    "uidb64": "uidb64",
    "token": "reset_token",
}

# Parameters whose meaning depends on the view: (url name or namespace prefix, parameter) -> object.
BY_VIEW = {
    ("wagtailadmin_api:pages:", "pk"): "article",
    ("wagtailadmin_api:documents:", "pk"): "document",
    ("wagtailadmin_api:images:", "pk"): "image",
    ("wagtailadmin_pages:revisions_compare", "pk"): "article",
    ("wagtailadmin_collections:", "pk"): "collection",
    ("wagtailadmin_workflows:edit_task", "pk"): "task",
    ("wagtailadmin_workflows:enable_task", "pk"): "task",
    ("wagtailadmin_workflows:disable_task", "pk"): "task",
    ("wagtailadmin_workflows:", "pk"): "workflow",
    ("wagtailsettings:", "pk"): "site",
    ("wagtailsnippets_news_person:", "pk"): "person",
    ("wagtailsnippetchoosers_news_person:", "pk"): "person",
    ("wagtailsites:", "pk"): "site",
    ("wagtailusers_users:", "pk"): "other_user",
    ("signin_reset_user", "user_id"): "other_user",
    ("wagtailusers_groups:", "pk"): "group",
    ("wagtaildocs_chooser:", "pk"): "document",
    ("wagtailimages_chooser:", "pk"): "image",
    ("newsletter_subscriber_modeladmin_", "instance_pk"): "subscriber",
    ("newsletter_articlemailing_modeladmin_", "instance_pk"): "mailing",
    # A model named in the path: the one whose data is at stake where the view accepts any model.
    ("wagtail_bulk_action", "app_label"): "=newsletter",
    ("wagtail_bulk_action", "model_name"): "=subscriber",
    ("wagtail_bulk_action", "action"): "=delete",
    ("wagtailadmin_editing_sessions:ping", "app_label"): "=newsletter",
    ("wagtailadmin_editing_sessions:ping", "model_name"): "=subscriber",
    ("wagtailadmin_pages:choose_parent", "app_label"): "=news",
    ("wagtailadmin_pages:choose_parent", "model_name"): "=articlepage",
    ("wagtailadmin_pages:", "content_type_app_name"): "=news",
    ("wagtailadmin_pages:", "content_type_model_name"): "=articlepage",
    ("wagtailadmin_pages:workflow_action", "action_name"): "=approve",
    ("wagtailadmin_pages:collect_workflow_action_data", "action_name"): "=approve",
    ("wagtailadmin_api:pages:action", "action_name"): "=copy",
    ("wagtailadmin_workflows:add_task", "app_label"): "=wagtailcore",
    ("wagtailadmin_workflows:add_task", "model_name"): "=groupapprovaltask",
    ("wagtailadmin_tag_model_autocomplete", "app_name"): "=taggit",
    ("wagtailadmin_tag_model_autocomplete", "model_name"): "=tag",
    ("wagtailsettings:", "app_name"): "=sitewide",
    ("wagtailsettings:", "model_name"): "=sitesettings",
    ("wagtailimages:preview", "filter_spec"): "=fill-100x100",
}

# Patterns without a name cannot be reversed: the address each is requested at.
UNNAMED = {
    "admin/test404/": "/admin/test404/",
    "admin/^.*/$": "/admin/bestaat-niet/",  # Wagtail's catch-all for unknown admin paths
}


class Unfilled(AssertionError):
    pass


def admin_patterns():
    """(route, full url name, parameter names) of every pattern below /admin/."""

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                name = namespace + pattern.name if pattern.name else None
                yield route, name, parameters(route)

    return [row for row in walk(get_resolver().url_patterns, "", "") if row[0].startswith("admin/")]


def parameters(route: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)


def value_for(name: str, parameter: str, objects: dict):
    for (prefix, param), source in BY_VIEW.items():
        if param == parameter and (
            name == prefix or (prefix.endswith((":", "_")) and name.startswith(prefix))
        ):
            return source[1:] if source.startswith("=") else objects[source]
    if parameter in BY_PARAMETER:
        return objects[BY_PARAMETER[parameter]]
    raise KeyError(parameter)


def admin_urls(objects: dict) -> list[tuple[str, str]]:
    urls, unfilled = [], []
    for route, name, params in admin_patterns():
        if name is None:
            if route in UNNAMED:
                urls.append((route, UNNAMED[route]))
            else:
                unfilled.append(f"{route} (no name)")
            continue
        try:
            kwargs = {param: str(value_for(name, param, objects)) for param in params}
        except KeyError as missing:
            unfilled.append(f"{route} ({name}: no value for {missing})")
            continue
        urls.append((route, reverse(name, kwargs=kwargs)))
    if unfilled:
        raise Unfilled("admin URLs the walk cannot fill:\n" + "\n".join(unfilled))
    return urls


def readable(response) -> str:
    """Everything a response shows: headers and body; a streamed download and the files in an XLSX."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    parts = [f"{key}: {value}" for key, value in response.items()]
    if raw.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts += [archive.read(member).decode(errors="replace") for member in archive.namelist()]
    else:
        parts.append(raw.decode(errors="replace"))
    return "\n".join(parts)
