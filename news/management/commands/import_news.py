from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from news.import_writer import Writer
from news.importer import ImportFileError, read_file
from news.models import NewsIndexPage


class Command(BaseCommand):
    help = "Importeer artikelen uit een JSON-bestand (zie docs/import.md). Schrijft niets als het bestand fouten bevat."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Pad naar het JSON-bestand")
        parser.add_argument("--draft", action="store_true", help="Opslaan als concept, niet publiceren")
        parser.add_argument("--dry-run", action="store_true", help="Alleen controleren, niets opslaan")

    def handle(self, *args, file, draft, dry_run, **options):
        index = NewsIndexPage.objects.first()
        if index is None:
            raise CommandError("Er is geen nieuwsoverzicht (NewsIndexPage) om artikelen onder te plaatsen.")
        try:
            specs = read_file(file, index)
        except ImportFileError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"{len(error.problems)} fout(en) gevonden; er is niets geïmporteerd."
            ) from error
        if dry_run:
            self.stdout.write(
                f"{len(specs)} artikel(en) gecontroleerd, geen fouten; er is niets opgeslagen (--dry-run)."
            )
            return
        counts = Writer(index, publish=not draft).write(specs)
        for note in counts.notes:
            self.stdout.write(note)
        self.stdout.write(f"created {counts.created}, updated {counts.updated}, unchanged {counts.unchanged}")
