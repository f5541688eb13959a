from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page, Site

from demo.standard_pages import load_standard_pages
from home.models import HomePage
from news.import_writer import Writer
from news.importer import ImportFileError, read_file
from news.models import ArticlePage, NewsIndexPage

DEMO_FILE = Path(__file__).resolve().parents[2] / "content" / "articles.json"
LOCAL_HOSTNAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}
HOME_INTRO = (
    "<p>Nieuws uit de samenwerking van grote gemeenten in het sociaal domein: "
    "over schuldhulp, jeugd, zorg, werk en wat inwoners ervan merken.</p>"
)


class Command(BaseCommand):
    help = (
        "Zet de demosite neer: homepage, nieuwsoverzicht, demo-artikelen en de pagina's "
        "Toegankelijkheid, Privacy en Contact. Kan vaker draaien."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            home = self.home()
            index = self.news_index(home)
            try:
                specs = read_file(DEMO_FILE, index)
            except ImportFileError as error:
                raise CommandError("\n".join(error.problems)) from error
            counts = Writer(index, publish=True).write(specs)
            self.feature(home)
            pages = load_standard_pages(home)
        self.stdout.write(
            f"Demo-inhoud: created {counts.created}, updated {counts.updated}, unchanged {counts.unchanged}"
        )
        self.stdout.write(f"Standaardpagina's (toegankelijkheid, privacy, contact): {pages} nieuw")
        self.account()
        self.editorial_accounts()

    def home(self) -> HomePage:
        home = HomePage.objects.first()
        if home is None:
            home = Page.get_first_root_node().add_child(
                instance=HomePage(title="Nieuwsroom Sociaal Domein", slug="home")
            )
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        if not site.hostname or site.hostname in LOCAL_HOSTNAMES:
            # Links in pages, feeds, the sitemap and the API start with the Site's root: the demo's address.
            address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
            hostname = address.hostname or "localhost"
            site.hostname = f"[{hostname}]" if ":" in hostname else hostname
            site.port = address.port or (443 if address.scheme == "https" else 80)
        site.root_page = home
        site.site_name = site.site_name or "Nieuwsroom"
        site.save()
        self.stdout.write(f"Site: {site.root_url}")
        if not home.intro:
            home.intro = HOME_INTRO
            home.save_revision().publish()
        return home

    def news_index(self, home) -> NewsIndexPage:
        index = NewsIndexPage.objects.child_of(home).first()
        if index is None:
            index = home.add_child(
                instance=NewsIndexPage(
                    title="Nieuws",
                    slug="nieuws",
                    show_in_menus=True,
                    intro="Alle berichten over de samenwerking, het nieuwste eerst.",
                )
            )
            index.save_revision().publish()
        return index

    def feature(self, home):
        if home.featured_article_id:
            return
        home.featured_article = ArticlePage.objects.filter(slug="glanzen-en-schuren").first()
        if home.featured_article:
            home.save_revision().publish()

    def account(self):
        account = getattr(settings, "DEMO_ADMIN_ACCOUNT", None)
        if not account:
            return
        User = get_user_model()
        user = User.objects.filter(username=account["username"]).first()
        if user is None:
            User.objects.create_superuser(account["username"], "", account["password"])
        self.stdout.write(
            f"Beheer: {settings.WAGTAILADMIN_BASE_URL}/admin/ — gebruiker {account['username']}, "
            f"wachtwoord {account['password']}"
        )

    def editorial_accounts(self):
        """Demo members of the editorial groups (dev settings only); an existing account keeps its password."""
        accounts = getattr(settings, "DEMO_EDITORIAL_ACCOUNTS", None) or []
        groups = {
            group.name: group for group in Group.objects.filter(name__in=[a["group"] for a in accounts])
        }
        missing = sorted({a["group"] for a in accounts} - groups.keys())
        if missing:
            raise CommandError(
                f"Groep bestaat niet: {', '.join(missing)}; draai eerst 'python manage.py migrate'."
            )
        User = get_user_model()
        for account in accounts:
            group = groups[account["group"]]
            user = User.objects.filter(username=account["username"]).first()
            if user is None:
                user = User.objects.create_user(
                    account["username"],
                    account.get("email", ""),
                    account["password"],
                    first_name=account.get("first_name", ""),
                    last_name=account.get("last_name", ""),
                )
            user.groups.add(group)
            self.stdout.write(
                f"{account['group']}: gebruiker {account['username']}, wachtwoord {account['password']}"
            )
