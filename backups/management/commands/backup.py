from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, bucket_warning, create


class Command(BaseCommand):
    help = "Maak een back-up van de database en de geüploade media in een nieuwe map."

    def add_arguments(self, parser):
        parser.add_argument(
            "--to", type=Path, default=None, help="Map voor back-ups (standaard: var/backups)"
        )

    def handle(self, *args, to, **options):
        root = to or Path(getattr(settings, "BACKUP_ROOT", settings.BASE_DIR / "var" / "backups"))
        try:
            folder = create(root)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Back-up gemaakt: {folder}")
        if warning := bucket_warning():
            self.stdout.write(self.style.WARNING(warning))
