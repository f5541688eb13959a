"""Tags in the article editor that behave (docs/redactie.md, "Tags").

* The chips show the tag as typed, without the quotes Wagtail puts around tags with spaces; a tag with
  spaces is still one tag (news.tags.parse_tags splits on commas only).
* Enter and comma add the typed tag even while the suggestion list is open (news/static/news/admin/tags.js).
* Suggestions are the tags that articles use, never an abandoned one.
* Autosave does not create tags: it keeps the tags that exist, the person's own save adds the new ones.
"""

import json

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.forms.tags import TagField
from wagtail.admin.widgets import AdminTagWidget

from news.tags import normalise_tag, parse_tags

SUGGESTIONS = 10


class ArticleTagWidget(AdminTagWidget):
    """Wagtail's tag widget driven by the site's controller (nr-tag) instead of Wagtail's (w-tag)."""

    class Media:
        js = ["news/admin/tags.js"]

    def format_value(self, value):
        if value is not None and not isinstance(value, str):
            names = [tag.name for tag in value]
            return ", ".join(f'"{name}"' if "," in name else name for name in sorted(names, key=str.casefold))
        return value

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        attrs = context["widget"]["attrs"]
        options = json.loads(attrs.pop("data-w-tag-options-value"))
        attrs.pop("data-w-tag-url-value")
        attrs.pop("data-w-tag-delay-value")
        attrs["data-controller"] = "nr-tag"
        attrs["data-nr-tag-url-value"] = reverse("news_tag_suggestions")
        attrs["data-nr-tag-options-value"] = json.dumps(options)
        context["widget"]["help_text"] = _(
            "Typ een onderwerp en druk op Enter of typ een komma; een tag mag uit meer woorden bestaan. "
            "Kies een suggestie met de pijltjestoetsen om bestaande tags te hergebruiken."
        )
        return context


def form_field_override(db_field):
    return {"form_class": TagField, "tag_model": db_field.related_model, "widget": ArticleTagWidget}


def used_tags():
    from news.models import ArticlePageTag

    return Tag.objects.filter(Exists(ArticlePageTag.objects.filter(tag=OuterRef("pk"))))


def suggestions(request):
    """The tag names an article uses that start with ?term=, for the tag field's suggestion list."""
    term = normalise_tag(request.GET.get("term", ""))
    tags = used_tags()
    if term:
        tags = tags.filter(name__istartswith=term)
    return JsonResponse(
        list(tags.order_by(Lower("name")).values_list("name", flat=True)[:SUGGESTIONS]), safe=False
    )


def admin_urls():
    return [path("nieuws/tags/", suggestions, name="news_tag_suggestions")]


def is_autosave(request) -> bool:
    # Wagtail's editor autosaves with a request that asks for JSON (EditView.expects_json_response).
    return request.method == "POST" and not request.accepts("text/html")


def keep_existing_tags(request):
    """An autosave keeps only the tags that exist; new ones are created by the person's own save."""
    if not is_autosave(request) or "tags" not in request.POST:
        return
    names = parse_tags(request.POST["tags"])
    same_name = Q(pk__in=[])
    for name in names:
        same_name |= Q(name__iexact=name)
    existing = {name.casefold() for name in Tag.objects.filter(same_name).values_list("name", flat=True)}
    post = request.POST.copy()
    post["tags"] = ", ".join(f'"{n}"' if "," in n else n for n in names if n.casefold() in existing)
    request.POST = post


def before_edit_page(request, page):
    keep_existing_tags(request)


def before_create_page(request, parent_page, page_class):
    keep_existing_tags(request)
