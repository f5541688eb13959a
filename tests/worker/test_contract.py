"""What task_worker relies on in django_tasks_db beyond its public API; an upgrade that changes it fails here."""

import inspect

from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

UPGRADE = "django_tasks_db changed; worker/runner.py and worker/recovery.py must follow (see docs/worker.md)"


def test_the_worker_class_that_task_worker_extends():
    parameters = set(inspect.signature(db_worker.Worker.__init__).parameters) - {"self"}
    assert parameters == {
        "queue_names",
        "interval",
        "batch",
        "backend_name",
        "startup_delay",
        "max_tasks",
        "worker_id",
        "excluded_queue_names",
    }, UPGRADE
    assert list(inspect.signature(db_worker.Worker.run_task).parameters) == ["self", "db_task_result"], (
        UPGRADE
    )
    for method in ("run", "configure_signals", "shutdown"):
        assert callable(getattr(db_worker.Worker, method, None)), UPGRADE
    worker = db_worker.Worker(
        queue_names=["default"],
        interval=1,
        batch=True,
        backend_name="background",
        startup_delay=False,
        max_tasks=None,
        worker_id="contract",
        excluded_queue_names=[],
    )
    assert (worker.running, worker.running_task, worker.worker_id) == (True, False, "contract"), UPGRADE


def test_the_command_options_task_worker_reads():
    parser = db_worker.Command().create_parser("manage.py", "db_worker")
    destinations = {action.dest for action in parser._actions}
    assert {
        "queue_name",
        "exclude_queues",
        "interval",
        "batch",
        "reload",
        "backend_name",
        "startup_delay",
        "max_tasks",
        "worker_id",
    } <= destinations, UPGRADE


def test_the_task_records_recovery_reads_and_changes():
    fields = {field.name for field in DBTaskResult._meta.get_fields()}
    assert {
        "status",
        "started_at",
        "finished_at",
        "worker_ids",
        "run_after",
        "exception_class_path",
    } <= fields
    assert callable(DBTaskResultQuerySet.running) and callable(DBTaskResultQuerySet.get_locked), UPGRADE
