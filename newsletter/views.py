"""Signup, confirmation and unsubscribe pages.

The signup endpoint is CSRF-exempt: the form sits on pages a CDN caches for everyone, so it cannot carry a
token. It is protected by the honeypot, the minimum fill time, the rate limit per client address and the
double opt-in: a forged signup can do no more than trigger one confirmation request per address per day.
Confirm and unsubscribe links open a page whose button POSTs with a normal CSRF token (mail scanners
follow GET links); only the RFC 8058 one-click endpoint accepts a POST without one.
"""

import datetime
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from taggit.models import Tag

from newsletter import conf, tokens
from newsletter.forms import CONSENT_TEXT, LinkRequestForm, SignupForm, topic_choices
from newsletter.models import Subscriber, Withdrawal
from newsletter.tasks import CONFIRM, UNSUBSCRIBE_LINK, send_visitor_email
from security import ratelimit
from security.clientip import client_ip


def _private(response):
    """Token pages: never cached, never indexed, the token never leaks through Referer."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _over_limit(request, scope: str) -> bool:
    """Count this request; True once the address made more than RATE_LIMIT in the current window."""
    hits = ratelimit.hit(f"newsletter:rate:{scope}:{client_ip(request)}", conf.get("RATE_WINDOW"))
    return hits > conf.get("RATE_LIMIT")


def _too_many(request):
    window = conf.get("RATE_WINDOW")
    response = render(request, "newsletter/rate_limited.html", {"minutes": max(1, window // 60)}, status=429)
    response["Retry-After"] = str(window)
    return response


def _claim_visitor_email(subscriber: Subscriber) -> bool:
    """At most one visitor-triggered email per address per MAIL_INTERVAL_HOURS (atomic, race-free)."""
    now = timezone.now()
    cutoff = now - datetime.timedelta(hours=conf.get("MAIL_INTERVAL_HOURS"))
    return bool(
        Subscriber.objects.filter(pk=subscriber.pk)
        .filter(Q(last_mail_at__isnull=True) | Q(last_mail_at__lte=cutoff))
        .update(last_mail_at=now)
    )


def _enqueue_visitor_email(subscriber_id: int, kind: str) -> None:
    try:
        send_visitor_email.enqueue(subscriber_id, kind)
    except Exception:  # noqa: BLE001 - the queue is down: free the daily slot so the visitor can retry
        Subscriber.objects.filter(pk=subscriber_id).update(last_mail_at=None)


def register(email: str, topics: list[Tag]) -> None:
    """Record a signup and, at most once a day, ask the address to confirm. Says nothing about the address."""
    all_news = not topics
    choice = {"all_news": all_news, "topics": sorted(tag.pk for tag in topics)}
    with transaction.atomic():
        try:
            with transaction.atomic():
                subscriber, created = Subscriber.objects.get_or_create(
                    email=email, defaults={"consent_text": str(CONSENT_TEXT), "all_news": all_news}
                )
        except IntegrityError:  # the same address, submitted twice at once
            subscriber, created = Subscriber.objects.get(email=email), False
        if subscriber.is_confirmed:
            current = {
                "all_news": subscriber.all_news,
                "topics": sorted(t.pk for t in subscriber.topics.all()),
            }
            if current == choice:
                return  # nothing changes: nothing to confirm
            subscriber.pending_choice = choice
            subscriber.save(update_fields=["pending_choice"])
        else:
            if not created:
                subscriber.consent_text = str(CONSENT_TEXT)
                subscriber.save(update_fields=["consent_text"])
            subscriber.set_choice(all_news, topics)
        if _claim_visitor_email(subscriber):
            transaction.on_commit(partial(_enqueue_visitor_email, subscriber.pk, CONFIRM))


def _signup_page(request, form, status=200, stamp_error=False):
    chosen = form.data.getlist("topics") if form.is_bound else []
    response = render(
        request,
        "newsletter/signup_page.html",
        {
            "form": form,
            "topic_options": topic_choices(),
            "chosen_topics": chosen,
            "consent_text": CONSENT_TEXT,
            "stamp_error": stamp_error,
            "has_errors": stamp_error or (form.is_bound and bool(form.errors)),
        },
        status=status,
    )
    if form.is_bound:
        response["Cache-Control"] = "private, no-store"  # it shows what this visitor typed
    return response


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    if request.method != "POST":
        return _signup_page(request, SignupForm())
    if _over_limit(request, "signup"):
        return _too_many(request)
    form = SignupForm(request.POST)
    if form.is_bot:
        return redirect("newsletter:received", permanent=False)  # look like success; do nothing
    valid = form.is_valid()
    if not valid or not form.stamp_ok:
        return _signup_page(request, form, stamp_error=valid)
    register(form.cleaned_data["email"], list(form.cleaned_data["topics"]))
    return redirect("newsletter:received")


def message_page(request, title, text, status=200, extra=None):
    context = {"title": title, "text": text, **(extra or {})}
    return render(request, "newsletter/message.html", context, status=status)


def received(request):
    return message_page(
        request,
        _("Kijk in uw e-mail"),
        _(
            "Als dit adres nog niet is aangemeld, krijgt u binnen enkele minuten een e-mail met een link om "
            "uw aanmelding te bevestigen. Pas daarna sturen we u berichten. Geen e-mail gekregen? Kijk ook "
            "in de map met ongewenste e-mail."
        ),
    )


def _invalid_link(request, error: tokens.TokenError, purpose: str):
    expired = error.reason == "expired"
    if purpose == tokens.CONFIRM:
        title = (
            _("Deze bevestigingslink is verlopen")
            if expired
            else _("Deze bevestigingslink werkt niet (meer)")
        )
        text = _(
            "De link is al gebruikt, verlopen of niet volledig overgenomen. Heeft u al bevestigd? Dan hoeft u "
            "niets meer te doen. Anders kunt u zich opnieuw aanmelden."
        )
        extra = {"signup_link": True}
    else:
        title = _("Deze afmeldlink is verlopen") if expired else _("Deze afmeldlink werkt niet (meer)")
        text = _(
            "De link is al gebruikt, verlopen of niet volledig overgenomen. Bent u al afgemeld? Dan hoeft u "
            "niets meer te doen. Anders sturen we u een nieuwe afmeldlink."
        )
        extra = {"link_form": LinkRequestForm()}
    return _private(message_page(request, title, text, status=410 if expired else 404, extra=extra))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    if request.method == "POST":
        with transaction.atomic():
            try:
                subscriber = tokens.subscriber_for_token(token, tokens.CONFIRM, lock=True)
            except tokens.TokenError as error:
                return _invalid_link(request, error, tokens.CONFIRM)
            subscriber.confirm()
        return redirect("newsletter:confirmed")
    try:
        subscriber = tokens.subscriber_for_token(token, tokens.CONFIRM)
    except tokens.TokenError as error:
        return _invalid_link(request, error, tokens.CONFIRM)
    return _private(render(request, "newsletter/confirm.html", {"subscriber": subscriber}))


def confirmed(request):
    return message_page(
        request,
        _("Bevestigd"),
        _(
            "Dank u wel. Vanaf nu krijgt u een e-mail als er een nieuw artikel verschijnt over de onderwerpen "
            "die u koos. Afmelden kan altijd, met de link onder elke e-mail."
        ),
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    if request.method == "POST":
        with transaction.atomic():
            try:
                subscriber = tokens.subscriber_for_token(token, tokens.UNSUBSCRIBE, lock=True)
            except tokens.TokenError as error:
                return _invalid_link(request, error, tokens.UNSUBSCRIBE)
            subscriber.withdraw(Withdrawal.Source.LINK)
        return redirect("newsletter:unsubscribed")
    try:
        subscriber = tokens.subscriber_for_token(token, tokens.UNSUBSCRIBE)
    except tokens.TokenError as error:
        return _invalid_link(request, error, tokens.UNSUBSCRIBE)
    return _private(render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber}))


@csrf_exempt
@never_cache
def unsubscribe_one_click(request, token):
    """RFC 8058: the mail program POSTs `List-Unsubscribe=One-Click`; no page, no CSRF token, no cookie."""
    if request.method != "POST":
        if request.method in ("GET", "HEAD"):
            return redirect("newsletter:unsubscribe", token=token)
        return HttpResponseNotAllowed(["POST"])
    if request.POST.get("List-Unsubscribe") != "One-Click":
        return HttpResponse(_("Verwacht: List-Unsubscribe=One-Click."), status=400, content_type="text/plain")
    try:
        data = tokens.read_token(token, tokens.UNSUBSCRIBE)
    except tokens.TokenError:
        return HttpResponse(_("Deze afmeldlink werkt niet (meer)."), status=400, content_type="text/plain")
    with transaction.atomic():
        subscriber = (
            Subscriber.objects.select_for_update().filter(pk=data["s"], unsubscribe_nonce=data["n"]).first()
        )
        if subscriber is not None:
            subscriber.withdraw(Withdrawal.Source.ONE_CLICK)
    # Already gone is the same outcome: the address receives nothing more.
    return HttpResponse(_("U bent afgemeld."), content_type="text/plain; charset=utf-8")


def unsubscribed(request):
    return message_page(
        request,
        _("U bent afgemeld"),
        _(
            "U krijgt geen berichten meer van ons en uw e-mailadres is verwijderd. We bewaren alleen een "
            "onleesbare vingerafdruk van het adres en de datum, als bewijs dat u zich heeft afgemeld."
        ),
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_request(request):
    """Lost the email or the link expired: ask for a fresh unsubscribe link (same answer for any address)."""
    form = LinkRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if _over_limit(request, "link"):
            return _too_many(request)
        if form.is_valid():
            subscriber = Subscriber.objects.filter(email=form.cleaned_data["email"]).first()
            if subscriber is not None and _claim_visitor_email(subscriber):
                transaction.on_commit(partial(_enqueue_visitor_email, subscriber.pk, UNSUBSCRIBE_LINK))
            return redirect("newsletter:link_sent")
    return render(request, "newsletter/unsubscribe_request.html", {"form": form})


def link_sent(request):
    return message_page(
        request,
        _("Kijk in uw e-mail"),
        _(
            "Als dit adres bij ons bekend is, krijgt u binnen enkele minuten een e-mail met een link om u af "
            "te melden. Geen e-mail gekregen? Kijk ook in de map met ongewenste e-mail."
        ),
    )
