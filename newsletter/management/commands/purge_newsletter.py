import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from newsletter import conf, erasure
from newsletter.mailings import release_stale_claims
from newsletter.models import Delivery, Subscriber, Withdrawal


class Command(BaseCommand):
    help = (
        "Verwijdert wat niet langer bewaard mag worden: onbevestigde aanmeldingen (na NEWSLETTER_CONFIRM_DAYS), "
        "niet bevestigde wijzigingen, oude verzendgegevens en oude afmeldbewijzen; haalt adressen van "
        "abonnees uit het logboek (Sitegeschiedenis). Draai dit dagelijks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Alleen tellen, niets verwijderen.")

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        confirm_cutoff = now - datetime.timedelta(days=conf.get("CONFIRM_DAYS"))
        unconfirmed = Subscriber.objects.filter(
            status=Subscriber.Status.PENDING, created_at__lt=confirm_cutoff
        )
        stale_choices = Subscriber.objects.filter(
            status=Subscriber.Status.CONFIRMED, pending_choice__isnull=False, last_mail_at__lt=confirm_cutoff
        )
        deliveries = Delivery.objects.filter(
            created_at__lt=now - datetime.timedelta(days=conf.get("DELIVERY_RETENTION_DAYS"))
        ).exclude(status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING])
        withdrawals = Withdrawal.objects.filter(
            withdrawn_at__lt=now - datetime.timedelta(days=conf.get("WITHDRAWAL_RETENTION_DAYS"))
        )
        counts = {
            "onbevestigde aanmeldingen": unconfirmed.count(),
            "niet bevestigde wijzigingen": stale_choices.count(),
            "oude verzendgegevens": deliveries.count(),
            "oude afmeldbewijzen": withdrawals.count(),
            "adressen in het logboek": len(erasure.leaked(erasure.subscriber_log_entries())),
        }
        if not dry_run:
            with transaction.atomic():
                counts["onbevestigde aanmeldingen"] = unconfirmed.delete()[1].get("newsletter.Subscriber", 0)
                counts["niet bevestigde wijzigingen"] = stale_choices.update(pending_choice=None)
                counts["oude verzendgegevens"] = deliveries.delete()[0]
                counts["oude afmeldbewijzen"] = withdrawals.delete()[0]
                # Entries from before the log kept only "Abonnee #<nummer>", or from a restored back-up
                # (those of the signups deleted above were redacted with them, so count before).
                erasure.redact_all()
                stale = release_stale_claims()
            if stale:
                self.stderr.write(f"{stale} onderbroken verzending(en) gemarkeerd als mislukt.")
        verb = "te verwijderen" if dry_run else "verwijderd"
        self.stdout.write(", ".join(f"{label}: {n}" for label, n in counts.items()) + f" ({verb})")
