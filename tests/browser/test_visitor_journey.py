"""A visitor reads the news with a mouse, and once with the keyboard only."""

import re

from playwright.sync_api import expect

from tests.site_content import build_public_site


def test_visitor_journey_from_home_to_page_two(page, site_url, home):
    build_public_site(home)

    page.goto(site_url + "/")
    expect(page.locator("h1")).to_have_text("Nieuwsroom Sociaal Domein")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Nieuws").click()
    expect(page).to_have_url(site_url + "/nieuws/")
    expect(page.locator("main .card")).to_have_count(12)

    page.locator("main .card").get_by_role("link", name="samenwerking", exact=True).first.click()
    expect(page).to_have_url(site_url + "/nieuws/tag/samenwerking/")
    expect(page.locator("h1")).to_have_text("Nieuws over samenwerking")

    page.get_by_role("link", name="Tien jaar samenwerking: wat glansde en wat schuurde").first.click()
    expect(page).to_have_url(re.compile(r"/nieuws/tien-jaar-samenwerking/$"))
    related = page.get_by_role("region", name="Gerelateerd nieuws")
    expect(related.locator(".card")).to_have_count(3)

    first_title = related.locator(".card__title").first.inner_text()
    related.get_by_role("link", name=re.compile(r"^lees meer")).first.click()
    expect(page.locator("h1")).to_have_text(first_title)

    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name="Nieuws").click()
    page.get_by_role("navigation", name="Paginering").get_by_role("link", name="Volgende pagina").click()
    expect(page).to_have_url(site_url + "/nieuws/?page=2")
    expect(page.locator("main .card")).to_have_count(5)


def test_keyboard_only_reaches_skip_link_main_and_every_link(page, site_url, home):
    paths = build_public_site(home)
    page.goto(site_url + paths["article_full"])

    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.className, document.activeElement.textContent]")
    assert focused == ["skip-link", "Naar de inhoud"]
    assert page.locator(".skip-link").is_visible()

    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "inhoud"
    page.keyboard.press("Tab")
    first_in_main = page.evaluate("() => document.activeElement.closest('main') !== null")
    assert first_in_main, "the first Tab after the skip link lands inside the main content"

    page.goto(site_url + paths["article_full"])
    every_link = page.evaluate(
        "() => [...document.querySelectorAll('a[href]')].map(a => a.href + '|' + a.textContent.trim())"
    )
    controls = page.evaluate("() => document.querySelectorAll('input, button, select, textarea').length")
    reached = []
    for _ in range(len(every_link) + controls + 5):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "() => { const a = document.activeElement; return a.href ? a.href + '|' + a.textContent.trim() : a.tagName }"
            )
        )
        outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        if reached[-1] != "BODY":
            assert outline != "none", f"no visible focus on {reached[-1]}"
    assert set(every_link) <= set(reached)
