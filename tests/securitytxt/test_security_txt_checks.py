"""`manage.py check --deploy` warns about a missing, expired or nearly expired security.txt, and stays quiet
where there is no database to look in (`make deploy-check`, CI)."""

import datetime
import io
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Site

from sitewide.models import SiteSettings

CONTACT = "mailto:security@voorbeeld.example"


def deploy_check() -> dict[str, str]:
    """Our messages of `manage.py check --deploy`, by id (Django's own deploy warnings are left out)."""
    out, err = io.StringIO(), io.StringIO()
    call_command("check", "--deploy", "--tag", "security", stdout=out, stderr=err)
    return dict(re.findall(r"\((sitewide\.[EWI]\d{3})\) (.*)", out.getvalue() + err.getvalue()))


@pytest.fixture
def site(home):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "nieuws.example.nl", 443
    site.save()
    return site


def configure(site, **fields):
    settings = SiteSettings.for_site(site)
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()


def test_missing_file_warns_and_the_check_writes_nothing(site):
    messages = deploy_check()

    assert list(messages) == ["sitewide.W011"]
    assert messages["sitewide.W011"].startswith("nieuws.example.nl: er staat geen security.txt op de site")
    assert not SiteSettings.objects.exists()


def test_contact_without_expiry_counts_as_missing(site):
    configure(site, security_contact=CONTACT)

    assert list(deploy_check()) == ["sitewide.W011"]


def test_expired_file_warns(site):
    configure(site, security_contact=CONTACT, security_expires=timezone.now() - datetime.timedelta(hours=1))

    messages = deploy_check()

    assert list(messages) == ["sitewide.W012"]
    assert "security.txt is verlopen op" in messages["sitewide.W012"]


@pytest.mark.parametrize(("days", "expected"), [(1, ["sitewide.W013"]), (29, ["sitewide.W013"]), (31, [])])
def test_warns_within_thirty_days_of_the_expiry(site, days, expected):
    configure(site, security_contact=CONTACT, security_expires=timezone.now() + datetime.timedelta(days=days))

    assert list(deploy_check()) == expected


def test_a_site_without_https_warns_that_canonical_is_left_out(site):
    site.port = 80
    site.save()
    configure(site, security_contact=CONTACT, security_expires=timezone.now() + datetime.timedelta(days=90))

    messages = deploy_check()

    assert list(messages) == ["sitewide.W014"]
    assert messages["sitewide.W014"].startswith("nieuws.example.nl: security.txt heeft geen Canonical-regel")


def test_each_site_is_checked(site, home):
    configure(site, security_contact=CONTACT, security_expires=timezone.now() + datetime.timedelta(days=90))
    Site.objects.create(hostname="tweede.example.nl", port=443, root_page=home)

    messages = deploy_check()

    assert list(messages) == ["sitewide.W011"]
    assert messages["sitewide.W011"].startswith("tweede.example.nl:")


def test_deploy_check_stays_green_on_an_empty_database():
    """What `make deploy-check` runs: production settings, an in-memory database without tables."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "site_project.settings.production",
        "DATABASE_URL": "sqlite:///:memory:",
        "SECRET_KEY": "deploy-check-" + "k3Xq9" * 12,
        "ALLOWED_HOSTS": "nieuws.example.nl",
        "CSRF_TRUSTED_ORIGINS": "https://nieuws.example.nl",
    }
    env.pop("REDIS_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests in this process; never deployed
    result = subprocess.run(  # noqa: S603 - our own manage.py with a fixed argument list
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "sitewide." not in result.stdout + result.stderr
