"""People quoted in articles: one record per person keeps their name and role the same everywhere."""

from django.db import models
from django.db.models.functions import Lower
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from sitewide import versions


def normalise_name(text: str) -> str:
    return " ".join((text or "").split())


class Person(index.Indexed, models.Model):
    name = models.CharField(
        _("naam"),
        max_length=120,
        help_text=_("Voor- en achternaam, zoals die onder elk citaat van deze persoon staat."),
    )
    role = models.CharField(
        _("functie"),
        max_length=200,
        blank=True,
        help_text=_(
            "Functie en organisatie, bijvoorbeeld ‘wethouder Zorg, gemeente Utrecht’. "
            "Een wijziging hier verschijnt meteen onder alle citaten van deze persoon."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("role")]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
    ]

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        ordering = ["name", "role"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                Lower("role"),
                name="news_person_unique_name_role",
                violation_error_message=_("Deze persoon met deze functie bestaat al."),
            )
        ]

    def __str__(self):
        return f"{self.name}, {self.role}" if self.role else self.name

    def clean(self):
        self.name = normalise_name(self.name)
        self.role = normalise_name(self.role)

    def save(self, *args, **kwargs):
        self.name = normalise_name(self.name)
        self.role = normalise_name(self.role)
        super().save(*args, **kwargs)


def people_by_id(ids) -> dict:
    """Persons for quotes, from the cache where possible: a quote on a page costs no query once shown.

    Kept under the content version, which saving or deleting a person moves on (signals below).
    """
    return versions.cached_by_id(
        "news:person",
        ids,
        fetch=Person.objects.in_bulk,
        to_entry=lambda person: (person.name, person.role),
        from_entry=lambda pk, entry: Person(pk=pk, name=entry[0], role=entry[1]),
    )


for signal in (post_save, post_delete):
    signal.connect(versions.saved, sender=Person, dispatch_uid=f"versions-person-{id(signal)}")


class PersonMatcher:
    """Links an imported quote's name and role to a Person; the rules are in docs/import.md.

    1. a person with the same name and role: that person;
    2. otherwise exactly one person with that name: that person (their current role is shown);
    3. otherwise nobody with that name: a new person is created;
    4. otherwise (several people share the name, none with this role): the quote keeps the typed text.
    Names and roles are compared without regard to case or repeated spaces.
    """

    def __init__(self):
        self.by_name: dict[str, list[Person]] | None = None
        self.notes: list[str] = []

    def _load(self):
        self.by_name = {}
        for person in Person.objects.all():
            self.by_name.setdefault(person.name.casefold(), []).append(person)

    def match(self, name: str, role: str) -> Person | None:
        if self.by_name is None:
            self._load()
        name, role = normalise_name(name), normalise_name(role)
        candidates = self.by_name.get(name.casefold(), [])
        for person in candidates:
            if person.role.casefold() == role.casefold():
                return person
        if len(candidates) == 1:
            person = candidates[0]
            note = f"let op: citaat van {name} toont de functie uit Personen (‘{person.role}’), niet ‘{role}’"
            if note not in self.notes:
                self.notes.append(note)
            return person
        if candidates:
            return None
        person = Person.objects.create(name=name, role=role)
        self.by_name[name.casefold()] = [person]
        return person

    def link_quote(self, value: dict) -> dict:
        """An imported quote's block value: the matching person, or the typed name and role."""
        person = self.match(value.get("name", ""), value.get("role") or "")
        typed = (
            {"name": "", "role": ""} if person else {"name": value["name"], "role": value.get("role") or ""}
        )
        return {"text": value["text"], "person": person.pk if person else None, **typed}


class PersonChooserViewSet(SnippetChooserViewSet):
    form_fields = ["name", "role"]
    create_action_label = _("Persoon toevoegen")
    creation_tab_label = _("Nieuwe persoon")


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Personen")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "role"]
    list_per_page = 50
    search_fields = ["name", "role"]
    ordering = ["name"]
    chooser_viewset_class = PersonChooserViewSet


register_snippet(PersonViewSet)
