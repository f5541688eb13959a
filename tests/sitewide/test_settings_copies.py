"""Each caller of the site settings gets its own copy: what one caller changes without saving (a form bound to
them, Wagtail's `for_request` setting its request on them) never shows to another visitor."""

from bs4 import BeautifulSoup
from django.test import RequestFactory

from sitewide import sites
from sitewide.models import SiteSettings


def header_and_profiles(client):
    response = client.get("/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    name = soup.select_one(".site-header__name").get_text(strip=True)
    return name, [a["href"] for a in soup.select("footer.site-footer a[href^='https://']")]


def test_settings_changed_but_not_saved_show_to_nobody(client, home):
    settings = SiteSettings.for_site(home.get_site())
    settings.social_links = [("profile", {"network": "mastodon", "url": "https://social.example/@nieuws"})]
    settings.save()
    before = header_and_profiles(client)  # the process now holds the settings with its sites
    assert before == ("Nieuwsroom Sociaal Domein", ["https://social.example/@nieuws"])

    request = RequestFactory().get("/", HTTP_HOST="localhost")
    sites.site_for(request)  # as the site middleware does: the process's own site, settings brought along
    mine = SiteSettings.for_request(request)
    mine.organisation_name = "Niet opgeslagen"
    mine.social_links.append(("profile", {"network": "linkedin", "url": "https://linkedin.example/x"}))
    mine.social_links[0].value["url"] = "https://elders.example/"

    assert header_and_profiles(client) == before
