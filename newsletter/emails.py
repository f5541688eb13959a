"""The emails, each in plain text and HTML, with an unsubscribe link and RFC 8058 one-click headers."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Site

from newsletter import conf, tokens
from newsletter.models import Subscriber
from sitewide.models import SiteSettings


def absolute_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.NEWSLETTER_BASE_URL}{path}"


def site_name() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).organisation_name if site else settings.WAGTAIL_SITE_NAME


def unsubscribe_urls(subscriber: Subscriber) -> tuple[str, str]:
    """The visible link (a page with a button) and the one-click endpoint for mail programs."""
    token = tokens.make_token(subscriber, tokens.UNSUBSCRIBE)
    return (
        absolute_url(reverse("newsletter:unsubscribe", args=[token])),
        absolute_url(reverse("newsletter:unsubscribe_one_click", args=[token])),
    )


def build(subscriber: Subscriber, template: str, subject: str, context: dict) -> EmailMultiAlternatives:
    page_url, one_click_url = unsubscribe_urls(subscriber)
    context = {
        "site_name": context.get("site_name") or site_name(),
        "email": subscriber.email,
        "unsubscribe_url": page_url,
        "signup_url": absolute_url(reverse("newsletter:signup")),
        **context,
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"newsletter/email/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{one_click_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string(f"newsletter/email/{template}.html", context), "text/html")
    return message


def confirmation_message(subscriber: Subscriber) -> EmailMultiAlternatives:
    """The double opt-in request; for a confirmed subscriber, the request to confirm a changed choice."""
    name = site_name()
    token = tokens.make_token(subscriber, tokens.CONFIRM)
    change = subscriber.is_confirmed
    if change:
        subject = _("Bevestig uw gewijzigde keuze – %(site)s") % {"site": name}
    else:
        subject = _("Bevestig uw aanmelding – %(site)s") % {"site": name}
    return build(
        subscriber,
        "confirm",
        subject,
        {
            "site_name": name,
            "confirm_url": absolute_url(reverse("newsletter:confirm", args=[token])),
            "is_change": change,
            "valid_days": conf.get("CONFIRM_DAYS"),
        },
    )


def unsubscribe_link_message(subscriber: Subscriber) -> EmailMultiAlternatives:
    name = site_name()
    return build(
        subscriber, "unsubscribe_link", _("Uw afmeldlink – %(site)s") % {"site": name}, {"site_name": name}
    )


def notification_message(
    subscriber: Subscriber, article, article_url: str, name: str
) -> EmailMultiAlternatives:
    if subscriber.all_news:
        matched = []
    else:
        article_tags = {tag.pk for tag in article.tags.all()}
        matched = sorted(tag.name for tag in subscriber.topics.all() if tag.pk in article_tags)
    return build(
        subscriber,
        "notification",
        _("Nieuw artikel: %(title)s") % {"title": article.title},
        {"site_name": name, "article": article, "article_url": article_url, "topics": matched},
    )


def send(message: EmailMultiAlternatives, connection=None) -> None:
    """Send one message; errors propagate to the caller, which decides about retries."""
    (connection or mailers.default).send_messages([message])
