from django.core.management.base import BaseCommand

from newsletter.mailings import run_due_mailings


class Command(BaseCommand):
    help = (
        "Verstuurt berichten over nieuwe artikelen die nog wachten: nieuwe verzendingen die de wachtrij "
        "niet bereikten en nieuwe pogingen na een storing van de mailserver. Draai dit elke paar minuten."
    )

    def handle(self, *args, **options):
        count = run_due_mailings()
        self.stdout.write(f"{count} verzending(en) verwerkt.")
