import logging
import math
import os
from argparse import ArgumentTypeError

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from worker.runner import ResilientWorker


def seconds(value: str) -> float:
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise ArgumentTypeError("moet een getal van 0 of meer zijn")
    return number


def positive_int(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise ArgumentTypeError("moet groter dan 0 zijn")
    return number


class Command(db_worker.Command):
    help = (
        "Voert achtergrondtaken uit (zoals db_worker, met dezelfde opties). Blijft draaien als de database "
        "wegvalt en zet taken van een gestopte worker opnieuw in de wachtrij. Zie docs/worker.md."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--lease",
            type=seconds,
            default=120,
            help="Seconden zonder hartslag waarna een worker als gestopt geldt (standaard: %(default)s)",
        )
        parser.add_argument(
            "--heartbeat",
            type=seconds,
            default=10,
            help="Seconden tussen twee hartslagen; 0 zet hartslag en controle uit (standaard: %(default)s)",
        )
        parser.add_argument(
            "--max-attempts",
            type=positive_int,
            default=5,
            help="Zo vaak wordt een onderbroken taak geprobeerd; daarna geldt ze als mislukt (standaard: %(default)s)",
        )
        parser.add_argument(
            "--retry-delay",
            type=seconds,
            default=1,
            help="Eerste wachttijd in seconden als de database onbereikbaar is (standaard: %(default)s)",
        )
        parser.add_argument(
            "--max-retry-delay",
            type=seconds,
            default=60,
            help="De wachttijd verdubbelt tot hooguit zoveel seconden (standaard: %(default)s)",
        )

    def configure_logging(self, verbosity: int) -> None:
        super().configure_logging(verbosity)
        logger = logging.getLogger("worker")
        logger.setLevel(logging.CRITICAL if verbosity == 0 else logging.INFO)
        if not logger.hasHandlers():
            logger.addHandler(logging.StreamHandler(self.stderr))

    def handle(self, *, lease, heartbeat, max_attempts, retry_delay, max_retry_delay, **options):
        if heartbeat and lease < 3 * heartbeat:
            raise CommandError(
                f"--lease ({lease:g} s) moet minstens drie keer --heartbeat ({heartbeat:g} s) zijn, "
                "anders geldt een werkende worker al snel als gestopt."
            )
        if not retry_delay or max_retry_delay < retry_delay:
            raise CommandError("--retry-delay moet groter dan 0 zijn en --max-retry-delay minstens zo groot.")
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues kan alleen samen met --queue-name='*'.")
        self.configure_logging(options["verbosity"])
        worker = ResilientWorker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            lease=lease,
            heartbeat=heartbeat,
            max_attempts=max_attempts,
            retry_delay=retry_delay,
            max_retry_delay=max_retry_delay,
        )
        if options["reload"] and not options["batch"]:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only in the child that runs the tasks
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
