"""`manage.py check` names sign-in settings that would only fail at someone's sign-in."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from tests.signin.provider import Provider


def check_ids(capsys) -> str:
    try:
        call_command("check", "--fail-level", "WARNING")
    except SystemCheckError as error:
        return str(error)
    return capsys.readouterr().err


@pytest.mark.django_db
def test_a_complete_configuration_passes(settings, capsys):
    settings.ADMIN_2FA_REQUIRED = "roles"
    with Provider() as running:
        for name, value in running.settings().items():
            setattr(settings, name, value)
        settings.OIDC_GROUP_MAPPING = {"redactie": "Redacteuren"}
        settings.AUTHENTICATION_BACKENDS = [
            *settings.AUTHENTICATION_BACKENDS,
            "signin.oidc.GroupMappingBackend",
        ]
        assert "signin." not in check_ids(capsys)


@pytest.mark.django_db
def test_incomplete_single_sign_on_and_an_unknown_requirement_are_reported(settings, capsys):
    settings.ADMIN_2FA_REQUIRED = "soms"
    settings.OIDC_RP_CLIENT_ID = "nieuwsroom"
    settings.OIDC_OP_TOKEN_ENDPOINT = ""
    settings.OIDC_GROUP_MAPPING = {}
    report = check_ids(capsys)
    for problem in ("signin.W001", "signin.E001", "signin.W002", "signin.E002", "OIDC_OP_TOKEN_ENDPOINT"):
        assert problem in report


def test_a_mapping_that_is_not_json_stops_the_start_with_a_clear_message():
    environment = {
        **os.environ,
        "OIDC_GROUP_MAPPING": "{redactie: Redacteuren}",
        "DJANGO_SETTINGS_MODULE": "",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import site_project.settings.base"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "OIDC_GROUP_MAPPING is not JSON" in result.stderr
