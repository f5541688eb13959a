"""The dependency audit reads PyPI's project pages: a vulnerable pin fails it, an older pin is not called clean."""

import io
import urllib.error

import pytest
from django.core.management import CommandError, call_command

from security.management.commands import audit_dependencies

PYPI = {
    "django": {"info": {"version": "6.1.3"}, "vulnerabilities": []},
    "oldlib": {"info": {"version": "2.0"}, "vulnerabilities": []},
    "badlib": {"info": {"version": "1.0"}, "vulnerabilities": [{"id": "PYSEC-2026-1"}]},
}


@pytest.fixture
def pypi(monkeypatch):
    def project(name):
        name = name.lower()  # PyPI normalises project names
        if name not in PYPI:
            raise urllib.error.URLError("no route")
        return PYPI[name]

    monkeypatch.setattr(audit_dependencies, "project", project)


def audit(tmp_path, pins: str) -> str:
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("# pins\n" + pins)
    out = io.StringIO()
    call_command("audit_dependencies", str(requirements), stdout=out)
    return out.getvalue()


def test_newest_clean_pins_pass_and_older_pins_are_named_not_passed(pypi, tmp_path):
    out = audit(tmp_path, "Django==6.1.3\noldlib==1.5\n")

    assert "2 pins: 1 without known vulnerabilities, 0 vulnerable, 1 not checked" in out
    assert "oldlib 1.5 (newest 2.0)" in out


def test_a_vulnerable_pin_fails_with_its_advisory(pypi, tmp_path):
    with pytest.raises(CommandError, match="1 pinned package"):
        audit(tmp_path, "django==6.1.3\nbadlib[extra]==1.0\n")


def test_an_unreachable_registry_fails_instead_of_passing(pypi, tmp_path):
    with pytest.raises(CommandError, match="PyPI unreachable for: elders") as error:
        audit(tmp_path, "elders==1.0\n")
    assert error.value.returncode == 3  # not a finding: CI warns that the audit is incomplete


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="file not found"):
        call_command("audit_dependencies", str(tmp_path / "geen.txt"))
