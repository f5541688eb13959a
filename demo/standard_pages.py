"""Demo content for the standard pages (Toegankelijkheid, Privacy, Contact) and the footer settings.

Used by `load_demo`: a page that already exists (by slug below the home page) is left as the editors
made it, and settings that are already filled in are not overwritten.
"""

from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import Site
from wagtail.rich_text import RichText

from home.models import StandardPage
from sitewide.models import SiteSettings

EMAIL = "redactie@nieuwsroom-sociaal-domein.example"
ACCESSIBILITY_EMAIL = "toegankelijkheid@nieuwsroom-sociaal-domein.example"
PHONE = "030 123 45 67"
ADDRESS = "Nieuwsroom Sociaal Domein\nPostbus 1234\n3500 AB Utrecht"


def _p(*paragraphs: str) -> list:
    return [("paragraph", RichText("".join(f"<p>{text}</p>" for text in paragraphs)))]


def _section(heading: str, html: str) -> tuple:
    return ("section", {"heading": heading, "content": [("paragraph", RichText(html))]})


def accessibility_page(statement_date: str, contact_id: int | None) -> dict:
    contact_link = (
        f'<a linktype="page" id="{contact_id}">contactpagina</a>' if contact_id else "contactpagina"
    )
    return {
        "title": "Toegankelijkheid",
        "slug": "toegankelijkheid",
        "intro": (
            "Wij willen dat iedereen deze website kan gebruiken, ook mensen met een beperking. "
            "In deze toegankelijkheidsverklaring staat hoe ver we zijn en wat nog niet goed gaat."
        ),
        "body": [
            *_p(
                "De Nieuwsroom Sociaal Domein streeft ernaar dat deze website toegankelijk is volgens het "
                "Besluit digitale toegankelijkheid overheid. Dat besluit verwijst naar de Europese norm "
                "EN 301 549, die gelijk is aan de <b>Web Content Accessibility Guidelines (WCAG) 2.1, "
                "niveau AA</b>."
            ),
            _section(
                "Status: voldoet gedeeltelijk",
                "<p>Deze website <b>voldoet gedeeltelijk</b> aan de eisen. Dat weten we uit een eigen "
                "onderzoek: automatische controles van elke paginasoort en een handmatige controle met "
                "alleen het toetsenbord, met een schermlezer (NVDA) en met 200% vergroting. Een onderzoek "
                "door een onafhankelijke partij is gepland maar nog niet gedaan.</p>",
            ),
            _section(
                "Wat nog niet goed is",
                "<p>Deze problemen zijn bekend. We lossen ze op vóór de volgende herziening van deze "
                "verklaring.</p><ul>"
                "<li>Afbeeldingen in oudere, geïmporteerde artikelen hebben soms een alternatieve tekst "
                "die te algemeen is, zoals ‘foto’ (WCAG 1.1.1 Niet-tekstuele content).</li>"
                "<li>Sommige oudere artikelen bevatten links met een weinig zeggende linktekst, zoals "
                "‘lees hier’ (WCAG 2.4.4 Linkdoel).</li>"
                "<li>Documenten die bij artikelen horen, zoals rapporten van partners, zijn niet altijd "
                "toegankelijke PDF-bestanden (WCAG 1.3.1 Info en relaties). Vraag ons gerust om een "
                "toegankelijke versie.</li></ul>",
            ),
            _section(
                "Waar deze verklaring over gaat",
                "<p>Deze verklaring gaat over deze website: alle pagina’s, de nieuwsartikelen, het "
                "zoeken en de nieuwsbrief. De RSS- en Atom-feeds en de API voor partnerorganisaties "
                "zijn bedoeld voor software en vallen er niet onder. Websites waarnaar we linken, "
                "zoals die van de deelnemende gemeenten, hebben een eigen verklaring.</p>",
            ),
            _section(
                "Datum",
                f"<p>Deze verklaring is opgesteld op {statement_date}. We herzien haar minstens één "
                "keer per jaar en na elke grote wijziging van de website.</p>",
            ),
            _section(
                "Een probleem melden",
                "<p>Kunt u iets op deze website niet gebruiken, of mist u informatie? Laat het ons "
                f'weten via <a href="mailto:{ACCESSIBILITY_EMAIL}">{ACCESSIBILITY_EMAIL}</a> of bel '
                f"{PHONE} (werkdagen van 9.00 tot 17.00 uur). Meer manieren staan op de {contact_link}."
                "</p><p>U krijgt binnen 5 werkdagen een ontvangstbevestiging. Binnen 2 weken hoort u "
                "wat we met uw melding doen en wanneer het probleem is opgelost. Hebt u de informatie "
                "sneller nodig, zeg het dan: we sturen haar u dan op een andere manier.</p>",
            ),
            _section(
                "Niet tevreden?",
                "<p>Bent u niet tevreden over hoe we met uw melding zijn omgegaan? Dan kunt u een "
                "klacht indienen bij de Nationale ombudsman, via "
                '<a href="https://www.nationaleombudsman.nl">www.nationaleombudsman.nl</a> of het '
                "gratis telefoonnummer 0800 335 55 55.</p>",
            ),
        ],
    }


def privacy_page() -> dict:
    return {
        "title": "Privacy",
        "slug": "privacy",
        "intro": (
            "Op deze website volgen we u niet. We verwerken alleen de persoonsgegevens die nodig zijn "
            "om de website te laten werken en om u de nieuwsbrief te sturen als u daarom vraagt."
        ),
        "body": [
            _section(
                "Geen cookies, geen volgsoftware",
                "<p>De website plaatst geen cookies bij bezoekers en gebruikt geen software die "
                "bijhoudt wat u leest. Er staan geen knoppen of ingesloten berichten van sociale "
                "media op die u volgen.</p>",
            ),
            _section(
                "Welke gegevens we wel verwerken",
                "<ul><li><b>Serverlogboeken</b>: bij elk bezoek legt de server het IP-adres, het "
                "tijdstip en de opgevraagde pagina vast. We gebruiken dat alleen om storingen en "
                "misbruik op te sporen en bewaren het 30 dagen.</li>"
                "<li><b>Nieuwsbrief</b>: meldt u zich aan, dan bewaren we uw e-mailadres en de "
                "onderwerpen die u kiest, tot u zich afmeldt. Afmelden kan met de link onder elke "
                "nieuwsbrief.</li>"
                "<li><b>Berichten aan de redactie</b>: mailt u ons, dan bewaren we uw bericht zolang "
                "nodig is om het af te handelen, en hooguit een jaar.</li></ul>",
            ),
            _section(
                "Uw rechten",
                "<p>U mag de gegevens inzien die we over u hebben, ze laten verbeteren of laten "
                f'verwijderen. Mail daarvoor naar <a href="mailto:{EMAIL}">{EMAIL}</a>; u krijgt binnen '
                "een maand antwoord. Bent u het niet eens met hoe we met uw gegevens omgaan, dan kunt "
                'u een klacht indienen bij de <a href="https://www.autoriteitpersoonsgegevens.nl">'
                "Autoriteit Persoonsgegevens</a>.</p>",
            ),
        ],
    }


def contact_page() -> dict:
    return {
        "title": "Contact",
        "slug": "contact",
        "intro": "Een vraag, een tip voor een artikel of een fout gezien? De redactie hoort het graag.",
        "body": [
            _section(
                "Redactie",
                f'<p>E-mail: <a href="mailto:{EMAIL}">{EMAIL}</a></p><p>Telefoon: {PHONE} (werkdagen '
                "van 9.00 tot 17.00 uur)</p><p>We beantwoorden e-mail binnen 3 werkdagen.</p>",
            ),
            _section(
                "Postadres",
                "<p>Nieuwsroom Sociaal Domein, Postbus 1234, 3500 AB Utrecht</p>",
            ),
            _section(
                "Pers",
                "<p>Journalisten kunnen de redactie ook buiten kantoortijd bereiken via "
                f'<a href="mailto:{EMAIL}">{EMAIL}</a>; zet ‘pers’ in de onderwerpregel.</p>',
            ),
        ],
    }


def _ensure(home, spec: dict) -> tuple[StandardPage, bool]:
    page = StandardPage.objects.child_of(home).filter(slug=spec["slug"]).first()
    if page is not None:
        return page, False
    page = home.add_child(
        instance=StandardPage(title=spec["title"], slug=spec["slug"], intro=spec["intro"], body=spec["body"])
    )
    page.save_revision().publish()
    return page, True


def load_standard_pages(home) -> int:
    """Create the missing standard pages and fill the empty footer settings; returns how many pages were made."""
    contact, made_contact = _ensure(home, contact_page())
    privacy, made_privacy = _ensure(home, privacy_page())
    statement_date = date_format(timezone.localdate(), "j F Y")
    accessibility, made_accessibility = _ensure(home, accessibility_page(statement_date, contact.pk))

    site = Site.objects.filter(root_page=home).first()
    if site is not None:
        settings = SiteSettings.objects.get_or_create(site=site)[0]
        defaults = {
            "accessibility_page": accessibility,
            "privacy_page": privacy,
            "contact_page": contact,
            "contact_email": EMAIL,
            "contact_phone": PHONE,
            "contact_address": ADDRESS,
        }
        changed = [name for name, value in defaults.items() if not getattr(settings, name)]
        for name in changed:
            setattr(settings, name, defaults[name])
        if not settings.social_links:
            settings.social_links = [
                ("profile", {"network": "mastodon", "url": "https://social.example/@nieuwsroom"})
            ]
            changed.append("social_links")
        if changed:
            settings.save()
    return sum([made_contact, made_privacy, made_accessibility])
