"""Every public page type passes the Nu Html Checker (vnu.jar) with zero errors."""

import json
import subprocess

import pytest

from tests.site_content import STATUS, build_public_site, newsletter_page_states
from tests.tools import VNU_JAR, java_path, require


@pytest.fixture
def pages(client, home):
    return {name: client.get(path) for name, path in build_public_site(home).items()}


def validate(tmp_path, documents: dict[str, bytes]) -> dict[str, list[str]]:
    """Run vnu once over all documents; return error messages per document name."""
    paths = []
    for name, content in documents.items():
        paths.append(tmp_path / f"{name}.html")
        paths[-1].write_bytes(content)
    result = subprocess.run(  # noqa: S603 - fixed command, our own files
        [java_path(), "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, paths)],
        capture_output=True,
        timeout=300,
        check=True,
    )
    errors = {name: [] for name in documents}
    for message in json.loads(result.stderr)["messages"]:
        if message["type"] == "error" or message.get("subType") == "fatal":
            name = message.get("url", "?").rsplit("/", 1)[-1].removesuffix(".html")
            errors.setdefault(name, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return errors


def test_public_pages_are_valid_html(pages, tmp_path):
    require("html")
    assert {name: response.status_code for name, response in pages.items()} == {
        name: STATUS.get(name, 200) for name in pages
    }

    errors = validate(tmp_path, {name: response.content for name, response in pages.items()})

    assert errors == {name: [] for name in pages}


def test_newsletter_pages_in_every_state_are_valid_html(client, settings, home, tmp_path):
    require("html")
    pages = newsletter_page_states(client, settings)

    errors = validate(
        tmp_path, {name.replace(" ", "-"): response.content for name, response in pages.items()}
    )

    assert errors == {name.replace(" ", "-"): [] for name in pages}


def test_error_pages_are_valid_html(tmp_path):
    from django.template.loader import render_to_string

    require("html")
    pages = {name: render_to_string(f"{name}.html").encode() for name in ("500", "503")}
    pages["lockout"] = render_to_string("security/lockout.html").encode()

    assert validate(tmp_path, pages) == {name: [] for name in pages}


def test_the_checker_reports_broken_html(tmp_path):
    require("html")
    broken = b"<!DOCTYPE html><html lang='nl'><head><title>x</title></head><body><p><div></p><img src=x></body></html>"

    errors = validate(tmp_path, {"broken": broken})

    assert len(errors["broken"]) >= 2
