"""Playwright on Debian's Chromium against pytest-django's live_server.

Browser tests run in transactional databases (the live server has its own connection); migration data
(the home page, roles, workflow) is restored after each test by serialized rollback.
"""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.tools import ARTIFACTS, chromium_path, require

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")  # Playwright's sync API runs an event loop

WIDTHS = {"mobiel": 375, "desktop": 1280}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOTS = ARTIFACTS / "screenshots"


@pytest.hookimpl(tryfirst=True)  # before pytest-django orders transactional tests last
def pytest_collection_modifyitems(items):
    for item in items:
        if "/tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require("browser")
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path(),
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "timezone_id": "Europe/Amsterdam"}


@pytest.fixture
def site_url(live_server):
    return live_server.url


def run_axe(page) -> list[str]:
    """Run axe-core (bundled with axe-playwright-python, no CDN) for WCAG 2.1 A/AA; return readable violations."""
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} → {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
    ]


_taken = []


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    _taken.append(name)


def pytest_terminal_summary(terminalreporter):
    if _taken:
        terminalreporter.write_line(f"{len(_taken)} screenshots saved in {SCREENSHOTS}")
