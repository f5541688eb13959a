"""Withdrawal and gone articles.

A withdrawn article stays at its address with a notice and the reason (noindex) and leaves every listing,
related block, feed, search result, the sitemap and the API (ArticlePageQuerySet.visible). An article
that was live and is then unpublished or deleted answers 410 Gone at its last address: the address is
recorded (GoneUrl) and GoneMiddleware turns the 404 into the Dutch 410 page. An address that never held a
live article stays a 404.
"""

from django.db import models
from django.db.models.signals import pre_delete
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import MultiFieldPanel
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished


class WithdrawalFields(models.Model):
    withdrawn = models.BooleanField(
        _("ingetrokken"),
        default=False,
        help_text=_(
            "Aanvinken en publiceren om het bericht in te trekken: het blijft op zijn adres staan met een "
            "melding en de reden, maar verdwijnt uit overzichten, zoeken, feeds en de API. Er gaat geen "
            "nieuwsbrief uit."
        ),
    )
    withdrawal_reason = models.TextField(
        _("reden van intrekking"),
        max_length=1000,
        blank=True,
        help_text=_("Verplicht bij intrekken; staat voor iedereen zichtbaar bij de melding."),
    )
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    withdrawal_panel = MultiFieldPanel(
        ["withdrawn", "withdrawal_reason"], heading=_("Intrekken"), classname="collapsed"
    )

    def withdrawal_errors(self) -> dict:
        self.withdrawal_reason = self.withdrawal_reason.strip()
        if self.withdrawn and not self.withdrawal_reason:
            return {"withdrawal_reason": _("Geef de reden waarom het bericht wordt ingetrokken.")}
        return {}

    def note_withdrawal(self) -> None:
        """The moment of withdrawal is the first save (publication) with the box ticked."""
        if not self.withdrawn:
            self.withdrawn_at = None
        elif self.withdrawn_at is None:
            self.withdrawn_at = timezone.now()


class GoneUrl(models.Model):
    """An address where a live article was, until it was unpublished or deleted."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=1024)
    gone_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("verdwenen adres")
        verbose_name_plural = _("verdwenen adressen")
        constraints = [models.UniqueConstraint(fields=["site", "path"], name="news_goneurl_site_path")]

    def __str__(self):
        return self.path


def _address(page):
    parts = page.get_url_parts()
    return (parts[0], parts[2]) if parts else None


def record_gone(page) -> None:
    address = _address(page)
    if address:
        GoneUrl.objects.update_or_create(
            site_id=address[0], path=address[1], defaults={"gone_at": timezone.now()}
        )


def article_unpublished(sender, instance, **kwargs):
    record_gone(instance)


def article_deleted(sender, instance, **kwargs):
    if instance.live:
        record_gone(instance)


def article_published(sender, instance, **kwargs):
    """Live again (or a new article at a gone address): the address is no longer gone."""
    address = _address(instance)
    if address and instance.live:
        GoneUrl.objects.filter(site_id=address[0], path=address[1]).delete()


def connect(article_model) -> None:
    page_unpublished.connect(article_unpublished, sender=article_model, dispatch_uid="news-gone-unpublished")
    page_published.connect(article_published, sender=article_model, dispatch_uid="news-gone-published")
    pre_delete.connect(article_deleted, sender=article_model, dispatch_uid="news-gone-deleted")


def gone_response(request) -> HttpResponse:
    response = HttpResponse(render_to_string("410.html", request=request), status=410)
    response["Cache-Control"] = "no-cache"
    return response


class GoneMiddleware:
    """A 404 for an address that once held a live article becomes 410 Gone (one query, on 404s only)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        site = Site.find_for_request(request)
        if site is None or len(request.path) > 1024:
            return response
        if GoneUrl.objects.filter(site=site, path=request.path).exists():
            return gone_response(request)
        return response
