import pytest

from tests.worker.harness import WorkerProcess, task_queue  # noqa: F401 - a fixture


@pytest.fixture
def workers(tmp_path):
    """Start worker processes with `workers(database_url, worker_id, *args, **env)`; all end with the test."""
    started = []

    def start(database_url, worker_id, *args, **env):
        process = WorkerProcess(database_url, tmp_path, worker_id, *args, **env)
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()
