"""`make backup` and `make restore` never install packages, even when requirements.txt changed since the last
install (a nightly back-up must not need the network). Runs make on a copy of the Makefile with a fake venv."""

import os
import shutil
import subprocess
import time

import pytest

from tests.tools import ROOT

pytestmark = pytest.mark.skipif(not shutil.which("make"), reason="make not installed")

LOGGING_TOOL = '#!/bin/sh\necho "$(basename "$0") $*" >> "{log}"\n'


@pytest.fixture
def project(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "requirements.txt").write_text("Django==6.1.3\n")
    (tmp_path / "requirements-dev.txt").write_text("")
    return tmp_path


def fake(path, log):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(LOGGING_TOOL.format(log=log))
    path.chmod(0o755)


def make(project, *args):
    # PYTHON: what `make` would create a virtualenv with; a fake, so nothing real is ever installed here.
    return subprocess.run(  # noqa: S603
        ["make", "--no-print-directory", f"PYTHON={project / 'system-python'}", *args],  # noqa: S607
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


BACKUP = "BACKUP=var/backups/nieuwsroom-20261127-040000"


@pytest.mark.parametrize(
    ("target", "expected_call"),
    [
        (["backup"], "python manage.py backup"),
        (["restore", BACKUP], "python manage.py restore var/backups/nieuwsroom-20261127-040000"),
    ],
)
def test_with_newer_requirements_backup_and_restore_run_without_installing(project, target, expected_call):
    log = project / "calls.log"
    for tool in ["python", "pip"]:
        fake(project / ".venv" / "bin" / tool, log)
    fake(project / "system-python", log)
    marker = project / ".venv" / ".installed"
    marker.touch()
    an_hour_ago = time.time() - 3600
    os.utime(marker, (an_hour_ago, an_hour_ago))  # requirements.txt changed after the last install

    result = make(project, *target)

    assert result.returncode == 0, result.stderr
    assert log.read_text().splitlines() == [expected_call]  # no pip, no new virtualenv


@pytest.mark.parametrize("target", ["backup", "restore"])
def test_without_a_virtualenv_they_stop_with_a_clear_message(project, target):
    log = project / "calls.log"
    fake(project / "system-python", log)

    result = make(project, target, "BACKUP=x")

    assert result.returncode != 0
    assert "make install" in result.stderr
    assert not log.exists()  # no virtualenv created, nothing installed
    assert not (project / ".venv").exists()
