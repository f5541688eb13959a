"""Page behaviour shared by every page type of the site: view restrictions and how a page presents itself."""

import html
import json
from urllib.parse import urljoin

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import PageViewRestriction, Site, get_page_models
from wagtail.query import PageQuerySet
from wagtail.search import index

from sitewide.restrictions import any_restrictions

META_DESCRIPTION_LIMIT = 200
SHARE_IMAGE_SPEC = "fill-1200x630"
# The same escapes as Django's json_script: the JSON can never close the <script> element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def site_root_url(request) -> str:
    """The visitor's site's root as its Site record gives it ("https://host", "http://host:port"), or "".

    Never the Host or X-Forwarded-* headers: responses are shared through the page cache and a CDN.
    """
    site = Site.find_for_request(request) if request is not None else None
    return site.root_url if site is not None else ""


def absolute_url(request, url: str) -> str:
    """`url` (a path, or already absolute) as an absolute URL under the site's root (`site_root_url`)."""
    if not url:
        return ""
    root = site_root_url(request)
    return urljoin(root + "/", url) if root else url


def plain_text(value) -> str:
    """Text of a (rich) text value: tags removed, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(strip_tags(str(value or ""))).split())


def shorten(text: str, limit: int = META_DESCRIPTION_LIMIT) -> str:
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def json_ld_script(data: dict):
    """A `<script type="application/ld+json">` element with the JSON escaped as `json_script` does."""
    payload = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


class PublicPageQuerySet(PageQuerySet):
    """`.public()` as a single SQL query: a page is private when a restricted page's path prefixes its own."""

    # Undocumented hook behind PageQuerySet.public()/private(): one EXISTS instead of a Q per restriction.
    def private_q(self):
        if not any_restrictions():
            return Q(pk__in=[])
        restricted = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        return Q(Exists(restricted))

    def of_type(self, model):
        """Wagtail's type(model) (the model and its subclasses), with the content types joined in the query
        instead of looked up beforehand (a query in a new process)."""
        of_type = Q()
        for page_model in get_page_models():
            if issubclass(page_model, model):
                meta = page_model._meta
                of_type |= Q(content_type__app_label=meta.app_label, content_type__model=meta.model_name)
        return self.filter(of_type) if of_type else self.none()


class SitePageMixin:
    """Mixed into every page model: one-query view restrictions, and the page's title, description,
    canonical URL and share image for search engines and social media (rendered by components/meta.html)."""

    og_type = "website"

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel(
                    "slug",
                    help_text=_("Het laatste deel van het webadres van deze pagina."),
                ),
                FieldPanel(
                    "seo_title",
                    help_text=_(
                        "Optioneel: de titel in zoekmachines en bij delen op sociale media, "
                        "als die anders moet zijn dan de paginatitel. Houd hem onder de 60 tekens."
                    ),
                ),
                FieldPanel(
                    "search_description",
                    help_text=_(
                        "Optioneel: de omschrijving in zoekmachines en bij delen op sociale media. "
                        "Leeg laten gebruikt de inleiding. Houd hem onder de 160 tekens."
                    ),
                ),
            ],
            heading=_("Voor zoekmachines en sociale media"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "show_in_menus",
                    help_text=_("Aanvinken om deze pagina in het hoofdmenu te tonen."),
                )
            ],
            heading=_("Voor het menu"),
        ),
    ]

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        if kwargs.get("update_fields") is None:
            # Wagtail indexes a page in post_save, before modelcluster has written its child relations
            # (the tags): index it again now that they are in the database.
            index.insert_or_update_object(self)
        return result

    # Wagtail's serve hook and admin ask this: one query instead of walking the ancestors (contract tested).
    def get_view_restrictions(self):
        if not any_restrictions():
            return PageViewRestriction.objects.none()
        if self.alias_of_id:
            return super().get_view_restrictions()
        steplen = self.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        # An alias ancestor uses its source page's restrictions; it cannot have its own.
        return PageViewRestriction.objects.filter(
            Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__aliases__path__in=paths)
        ).distinct()

    def get_meta_title(self) -> str:
        return (self.seo_title or "").strip() or self.title

    def get_meta_description(self) -> str:
        """The editor's search description, else the teaser or the (plain text of the) intro."""
        own = " ".join((self.search_description or "").split())
        if own:
            return own
        teaser = getattr(self, "teaser", "")
        return shorten(teaser or plain_text(getattr(self, "intro", "")))

    def get_meta_image(self):
        """(image, alt text) shown when the page is shared; (None, "") when it has none."""
        image = getattr(self, "image", None)
        return (image, getattr(self, "image_alt", "")) if image else (None, "")

    def get_canonical_url(self, request) -> str:
        return absolute_url(request, self.get_url(request))

    def get_structured_data(self, request, share_image=None) -> dict | None:
        """schema.org data for this page, or None."""
        return None
