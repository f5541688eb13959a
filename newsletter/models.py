"""Subscribers, proof of withdrawal, and the one-time announcement of each article.

AVG: a subscriber row holds the address, the chosen topics, the consent sentence the visitor agreed to and
the dates of signup and confirmation: what is needed to send the emails and to prove the opt-in. Nothing
else (no IP address, no name). Unsubscribing deletes the row; see `Withdrawal` for what remains.
"""

import secrets

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag


def new_nonce() -> str:
    return secrets.token_urlsafe(18)


def normalise_email(address: str) -> str:
    """One spelling per mailbox: trimmed and lower-cased (case-insensitive in practice everywhere)."""
    return address.strip().lower()


def subscriber_label(pk) -> str:
    """How a subscriber is named where the name may outlive the row (audit log, messages): never the address."""
    return _("Abonnee #%(pk)s") % {"pk": pk}


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def interested_in(self, tag_ids):
        """Confirmed subscribers who chose all news or at least one of these tags."""
        topical = Subscriber.topics.through.objects.filter(tag_id__in=list(tag_ids)).values("subscriber_id")
        return self.confirmed().filter(Q(all_news=True) | Q(pk__in=topical))


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op bevestiging")
        CONFIRMED = "confirmed", _("bevestigd")

    email = models.EmailField(_("e-mailadres"), unique=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    all_news = models.BooleanField(
        _("al het nieuws"), default=True, help_text=_("Ontvangt bericht over elk nieuw artikel.")
    )
    topics = models.ManyToManyField(Tag, blank=True, related_name="+", verbose_name=_("onderwerpen"))
    pending_choice = models.JSONField(
        _("nog te bevestigen keuze"),
        null=True,
        blank=True,
        help_text=_("Een gewijzigde keuze van een bevestigde abonnee; geldt pas na bevestiging."),
    )
    consent_text = models.TextField(_("toestemming"), help_text=_("De zin waarmee de bezoeker instemde."))
    created_at = models.DateTimeField(_("aangemeld op"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    last_mail_at = models.DateTimeField(
        _("laatste e-mail op verzoek"),
        null=True,
        blank=True,
        help_text=_("Bevestigings- of afmeldmail; hooguit één per etmaal."),
    )
    # Tokens carry these; rotating confirm_nonce makes a used confirmation link worthless.
    confirm_nonce = models.CharField(max_length=32, default=new_nonce, editable=False)
    unsubscribe_nonce = models.CharField(max_length=32, default=new_nonce, editable=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("abonnee")
        verbose_name_plural = _("abonnees")
        ordering = ["-created_at"]

    def __str__(self):
        # Wagtail's audit log keeps str() as the label of every entry, also after the row is deleted.
        return subscriber_label(self.pk)

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    def topic_names(self) -> str:
        if self.all_news:
            return str(_("al het nieuws"))
        return ", ".join(sorted(tag.name for tag in self.topics.all()))

    topic_names.short_description = _("onderwerpen")

    def set_choice(self, all_news: bool, topics) -> None:
        self.all_news = all_news
        self.save(update_fields=["all_news"])
        self.topics.set([] if all_news else topics)

    def confirm(self) -> None:
        """Confirm the address (or a changed choice) and invalidate the link that was used."""
        with transaction.atomic():
            if self.pending_choice is not None:
                choice = self.pending_choice
                topics = Tag.objects.filter(pk__in=choice.get("topics", []))
                self.set_choice(bool(choice.get("all_news")) or not topics.exists(), topics)
                self.pending_choice = None
            if not self.is_confirmed:
                self.status = self.Status.CONFIRMED
                self.confirmed_at = timezone.now()
            self.confirm_nonce = new_nonce()
            self.save()

    def withdraw(self, source: str) -> None:
        """Delete the address. For a confirmed subscription keep only a proof of the withdrawal."""
        with transaction.atomic():
            if self.is_confirmed:
                Withdrawal.objects.create(
                    address_hash=Withdrawal.hash_address(self.email),
                    source=source,
                    subscribed_at=self.created_at,
                    confirmed_at=self.confirmed_at,
                )
            self.delete()


class Withdrawal(models.Model):
    """Proof that consent was withdrawn, without the address.

    AVG art. 7(1) and 5(2) ask us to be able to show that we honoured a withdrawal; art. 5(1)(c) and 17 ask
    us not to keep the address. A keyed hash (HMAC with the site's SECRET_KEY) lets an administrator check
    a complaint about a given address ("I unsubscribed on ..."), but cannot be reversed into a list of
    addresses. The rows are deleted after NEWSLETTER_WITHDRAWAL_RETENTION_DAYS by `purge_newsletter`.
    """

    class Source(models.TextChoices):
        LINK = "link", _("afmeldlink")
        ONE_CLICK = "one-click", _("afmelden met één klik (e-mailprogramma)")
        ADMIN = "admin", _("verwijderd door beheerder op verzoek")

    address_hash = models.CharField(_("vingerafdruk van het adres"), max_length=64, db_index=True)
    source = models.CharField(_("hoe"), max_length=16, choices=Source.choices)
    subscribed_at = models.DateTimeField(_("aangemeld op"), null=True)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True)
    withdrawn_at = models.DateTimeField(_("afgemeld op"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("afmelding")
        verbose_name_plural = _("afmeldingen")
        ordering = ["-withdrawn_at"]

    def __str__(self):
        return f"{self.address_hash[:12]}… {self.withdrawn_at:%d-%m-%Y}"

    @staticmethod
    def hash_address(address: str) -> str:
        return salted_hmac("newsletter.withdrawal", normalise_email(address), algorithm="sha256").hexdigest()


class ArticleMailing(models.Model):
    """The announcement of one article; created once, at its first publication."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("in de wachtrij")
        SENDING = "sending", _("bezig met verzenden")
        DONE = "done", _("verzonden")
        SKIPPED = "skipped", _("niet verzonden")

    article = models.OneToOneField(
        "news.ArticlePage",
        on_delete=models.CASCADE,
        related_name="newsletter_mailing",
        verbose_name=_("artikel"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.WAITING)
    note = models.CharField(_("toelichting"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("gepubliceerd op"), default=timezone.now)
    prepared_at = models.DateTimeField(_("ontvangers bepaald op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.article)


class Delivery(models.Model):
    """One email about one article to one subscriber; the unique constraint makes a second one impossible."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht")
        SENDING = "sending", _("wordt verzonden")
        SENT = "sent", _("verzonden")
        FAILED = "failed", _("mislukt")
        CANCELLED = "cancelled", _("geannuleerd")

    article = models.ForeignKey(
        "news.ArticlePage", on_delete=models.CASCADE, related_name="+", verbose_name=_("artikel")
    )
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("abonnee")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    last_error = models.CharField(_("laatste fout"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verzonden bericht")
        verbose_name_plural = _("verzonden berichten")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "subscriber"], name="newsletter_one_delivery_per_article"
            )
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="newsletter_delivery_due")]

    def __str__(self):
        return f"{self.article_id} → {self.subscriber_id}"
