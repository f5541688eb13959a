"""StreamField blocks of an article body: paragraph, quote, image and section."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from contentblocks.documents import DocumentsBlock
from contentblocks.language import LANGUAGES
from contentblocks.tables import DataTableBlock
from contentblocks.video import VideoBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "lang", "ol", "ul"]


class ParagraphBlock(blocks.RichTextBlock):
    """Running text with a deliberately small feature set."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "components/streamfield/paragraph.html"
        label = _("Alinea")
        help_text = _(
            "Lopende tekst: vet, cursief, links (ook naar documenten), opsommingen en woorden in een andere taal."
        )
        description = _("Een of meer alinea's lopende tekst.")
        preview_value = (
            "<p>Vier gemeenten bundelen hun kennis over <b>schuldhulpverlening</b>. "
            "Inwoners merken dat aan kortere wachttijden en één vast aanspreekpunt.</p>"
        )


class PersonChooserBlock(SnippetChooserBlock):
    """Chooses a Person; pages resolve the people of all their quotes through the cache (see people_by_id)."""

    def bulk_to_python(self, values):
        from news.people import people_by_id

        people = people_by_id(values)

        def resolve(value):
            if isinstance(value, self.target_model):
                return value
            return people.get(int(value)) if str(value).isdigit() else None

        return [resolve(value) for value in values]

    def get_searchable_content(self, value):
        """Search finds an article by the name and role of the people it quotes."""
        return [value.name, value.role] if value else []


class QuoteValue(blocks.StructValue):
    """The speaker comes from the chosen person (their current name and role) or from the typed text."""

    @property
    def speaker_name(self):
        person = self.get("person")
        return person.name if person else self.get("name", "")

    @property
    def speaker_role(self):
        person = self.get("person")
        return person.role if person else self.get("role", "")


class QuoteBlock(blocks.StructBlock):
    """A quotation from a person chosen from Personen, or from a name typed in."""

    text = blocks.TextBlock(
        label=_("Citaat"), help_text=_("De letterlijke uitspraak, zonder aanhalingstekens.")
    )
    person = PersonChooserBlock(
        "news.Person",
        label=_("Persoon"),
        required=False,
        help_text=_(
            "Kies wie dit zei: naam en functie komen dan uit Personen en blijven in alle artikelen gelijk. "
            "Staat de persoon er niet in, voeg hem toe of typ hieronder naam en functie."
        ),
    )
    name = blocks.CharBlock(
        label=_("Naam"),
        max_length=120,
        required=False,
        help_text=_("Alleen zonder gekozen persoon: voor- en achternaam van de spreker."),
    )
    role = blocks.CharBlock(
        label=_("Functie"),
        max_length=200,
        required=False,
        help_text=_("Alleen zonder gekozen persoon: bijvoorbeeld ‘wethouder Zorg, gemeente Utrecht’."),
    )
    language = blocks.ChoiceBlock(
        choices=LANGUAGES,
        required=False,
        label=_("Taal van het citaat"),
        help_text=_(
            "Alleen als het citaat niet in het Nederlands is: schermlezers spreken het dan goed uit."
        ),
    )

    class Meta:
        icon = "openquote"
        template = "components/streamfield/quote.html"
        label = _("Citaat")
        help_text = _("Een uitspraak van een persoon: kies de persoon of typ naam en functie.")
        description = _("Een uitspraak van een persoon, met naam en functie.")
        value_class = QuoteValue
        preview_value = {
            "text": "Samenwerken werkt pas als je elkaars taal leert spreken.",
            "name": "Marieke de Vries",
            "role": "programmamanager sociaal domein",
        }

    def clean(self, value):
        value = super().clean(value)
        typed = (value.get("name") or "").strip() or (value.get("role") or "").strip()
        if value.get("person") and typed:
            message = _("Kies een persoon óf typ naam en functie, niet allebei.")
            errors = {
                key: ValidationError(message) for key in ("name", "role") if (value.get(key) or "").strip()
            }
            raise StructBlockValidationError(block_errors=errors)
        if not value.get("person") and not (value.get("name") or "").strip():
            raise StructBlockValidationError(
                block_errors={"name": ValidationError(_("Kies een persoon of typ de naam van de spreker."))}
            )
        return value


class ImageBlock(blocks.StructBlock):
    """An image with alt text (or explicitly decorative) and an optional caption."""

    image = ImageChooserBlock(
        label=_("Afbeelding"),
        help_text=_("Kies een afbeelding of upload een nieuwe; liefst minstens 1440 pixels breed."),
    )
    alt_text = blocks.CharBlock(
        label=_("Alternatieve tekst"),
        max_length=250,
        required=False,
        help_text=_(
            "Beschrijf wat de afbeelding laat zien voor wie haar niet kan zien. "
            "Verplicht, tenzij de afbeelding puur decoratief is."
        ),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decoratief"),
        required=False,
        help_text=_(
            "Aanvinken als de afbeelding geen informatie toevoegt; schermlezers slaan haar dan over."
        ),
    )
    caption = blocks.CharBlock(
        label=_("Bijschrift"),
        max_length=250,
        required=False,
        help_text=_("Zichtbare toelichting of bronvermelding onder de afbeelding."),
    )

    class Meta:
        icon = "image"
        template = "components/streamfield/image.html"
        label = _("Afbeelding")
        help_text = _("Een afbeelding met alternatieve tekst en eventueel een bijschrift.")
        description = _("Een afbeelding met alternatieve tekst en eventueel een bijschrift.")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(_("Geef een alternatieve tekst, of vink ‘Decoratief’ aan."))
                }
            )
        return value

    def get_preview_value(self):
        image = get_image_model().objects.order_by("-created_at").first()
        return self.to_python(
            {
                "image": image.pk if image else None,
                "alt_text": "Medewerkers van vier gemeenten overleggen aan een lange tafel.",
                "caption": "Het regionale overleg in Amersfoort.",
            }
        )


class SectionContentBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    documents = DocumentsBlock()
    video = VideoBlock()
    table = DataTableBlock()


class SectionBlock(blocks.StructBlock):
    """A headed part of an article; its heading becomes an h2."""

    heading = blocks.CharBlock(
        label=_("Tussenkop"),
        max_length=150,
        help_text=_("Korte kop boven dit deel van het artikel."),
    )
    content = SectionContentBlock(
        label=_("Inhoud"), help_text=_("Alinea's, citaten en afbeeldingen onder deze kop.")
    )

    class Meta:
        icon = "title"
        template = "components/streamfield/section.html"
        label = _("Sectie met tussenkop")
        help_text = _("Een deel van het artikel met een eigen tussenkop.")
        description = _("Een deel van het artikel met een eigen tussenkop.")
        preview_value = {
            "heading": "Glanzen en schuren",
            "content": [
                (
                    "paragraph",
                    "<p>Waar de samenwerking glansde, was dat omdat mensen elkaar kenden. "
                    "Waar het schuurde, ontbraken afspraken.</p>",
                ),
            ],
        }


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    section = SectionBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    documents = DocumentsBlock()
    video = VideoBlock()
    table = DataTableBlock()
