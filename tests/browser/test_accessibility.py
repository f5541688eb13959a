"""axe-core finds zero WCAG 2.1 A/AA violations on every public page type, on a phone and a desktop."""

import pytest

from tests.browser.conftest import WIDTHS, run_axe, screenshot
from tests.site_content import STATUS, build_public_site


@pytest.mark.parametrize("width_name", WIDTHS)
def test_every_public_page_has_no_wcag_violations(page, site_url, home, width_name):
    paths = build_public_site(home)
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    found = {}
    for name, path in paths.items():
        response = page.goto(site_url + path)
        assert response.status == STATUS.get(name, 200), name
        page.wait_for_load_state("load")
        found[name] = run_axe(page)
        screenshot(page, f"{name}-{width_name}")

    assert found == {name: [] for name in paths}


def test_axe_finds_violations_on_a_broken_page(page):
    page.set_content(
        "<html><head><title>kapot</title></head><body>"
        "<img src='data:,'><a href='#'></a><input type='text'>"
        "<p style='color:#bbb;background:#fff'>lichtgrijs</p></body></html>"
    )

    ids = {line.split(" ", 1)[0] for line in run_axe(page)}

    assert {"html-has-lang", "image-alt", "link-name", "label", "color-contrast"} <= ids


@pytest.mark.parametrize("width_name", WIDTHS)
def test_newsletter_form_with_errors_has_no_wcag_violations(page, site_url, home, width_name):
    page.set_viewport_size({"width": WIDTHS[width_name], "height": 900})
    page.goto(site_url + "/blijf-op-de-hoogte/")
    page.get_by_label("E-mailadres", exact=True).fill("geen adres")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")

    assert page.locator(".error-summary, .errorlist, [aria-invalid=true]").count() > 0
    assert run_axe(page) == []
    screenshot(page, f"newsletter_signup_errors-{width_name}")
