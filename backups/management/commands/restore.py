from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, bucket_warning, restore, verify


class Command(BaseCommand):
    help = "Zet een back-up terug: vervangt de database en de media. Controleert eerst de hele back-up."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="Map van de back-up (met manifest.json)")
        parser.add_argument("--yes", action="store_true", help="Niet om bevestiging vragen")

    def handle(self, *args, folder, yes, **options):
        try:
            manifest = verify(folder)
            if warning := bucket_warning():
                # The database will name files as they were then; the bucket is left as it is now.
                self.stdout.write(self.style.WARNING(warning.replace("deze back-up", "de back-up")))
            if not yes:
                answer = input(
                    f"Database en media vervangen door de back-up van {manifest['created']}? [ja/nee] "
                )
                if answer.strip().lower() != "ja":
                    raise CommandError("Afgebroken; er is niets veranderd.")
            restore(folder)
        except BackupError as error:
            raise CommandError(f"{error}; er is niets veranderd.") from error
        self.stdout.write(f"Teruggezet: {folder}")
