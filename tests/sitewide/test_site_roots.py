"""Links start with the Site record's root: `check --database` (and `migrate`) report a root that is wrong."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from wagtail.models import Site


def check():
    call_command("check", databases=["default"], fail_level="WARNING", tags=["database"], stdout=StringIO())


def test_a_placeholder_site_behind_https_is_reported_until_it_is_configured(db, settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["nieuws.example.nl"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    with pytest.raises(SystemCheckError) as error:  # the migration's localhost, port 80
        check()
    assert "sitewide.W001" in str(error.value) and "sitewide.W002" in str(error.value)
    assert "http://localhost" in str(error.value)

    Site.objects.filter(is_default_site=True).update(hostname="nieuws.example.nl")
    with pytest.raises(SystemCheckError, match="sitewide.W002") as error:
        check()
    assert "sitewide.W001" not in str(error.value)

    Site.objects.filter(is_default_site=True).update(port=443)
    check()


def test_development_and_tests_need_no_configuration(db, settings):
    check()  # the test settings: localhost is allowed, no https
    settings.DEBUG, settings.ALLOWED_HOSTS = True, []
    Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=8000)
    check()
