"""A shorter way from an empty screen to an article waiting for approval (docs/redactie.md).

* "Nieuw artikel" on the dashboard and above the news listing, instead of a "+" in the page tree;
* for those who cannot publish, the first (visible) button of the editor submits for approval;
* the eindredacteur's comment on top of the editor when changes were asked; a confirmation after asking
  for changes or approving, with the time a scheduled article goes live;
* in the editor (publishing/static/publishing/js/editor.js): the image's "Omschrijving" as the alt text, and
  live character counters for the title and the search engine description.
"""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, json_script
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.ui.components import Component
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.images import get_image_model
from wagtail.models import Page, TaskState, WorkflowState

from news.models import ArticlePage, NewsIndexPage
from security.adminposts import PageEditorViewSet

TITLE_LENGTH, DESCRIPTION_LENGTH = 70, 160


def news_index_for(user):
    """The news index where `user` may add articles, or None."""
    for index in NewsIndexPage.objects.all().order_by("path"):
        if index.permissions_for_user(user).can_add_subpage():
            return index
    return None


class NewArticlePanel(Component):
    name = "new_article"
    template_name = "publishing/dashboard/new_article.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        index = news_index_for(request.user)
        url = reverse("wagtailadmin_pages:add_subpage", args=[index.pk]) if index else ""
        return {"add_url": url, "request": request}


def add_new_article_panel(request, panels):
    panels.insert(0, NewArticlePanel())


def submit_first(menu_items, request, context):
    """For those who cannot publish, the visible button submits for approval (Wagtail hides it in a menu)."""
    names = [item.name for item in menu_items]
    if "action-publish" in names or "action-submit" not in names:
        return
    menu_items.insert(0, menu_items.pop(names.index("action-submit")))


def when(moment) -> str:
    return date_format(timezone.localtime(moment), _("j F Y \\o\\m H:i"))


def show_requested_changes(request, page):
    """On opening the editor: the comment of the eindredacteur who asked for changes."""
    if request.method != "GET":
        return
    state = page.current_workflow_state
    if not state or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return
    task_state = state.current_task_state
    who = task_state.finished_by
    name = (who.get_full_name() or who.get_username()) if who else _("de eindredactie")
    comment = (task_state.comment or "").strip()
    if comment:
        text = _("%(name)s vraagt om wijzigingen: “%(comment)s” Pas het artikel aan en bied het opnieuw aan.")
    else:
        text = _(
            "%(name)s vraagt om wijzigingen (zonder opmerking). Pas het artikel aan en bied het opnieuw aan."
        )
    messages.warning(request, text % {"name": name, "comment": comment})


def confirm_workflow_action(request, page, task_state):
    """After asking for changes or approving: what happened, and when a scheduled article goes live."""
    title = page.get_admin_display_title()
    if task_state.status == TaskState.STATUS_REJECTED:
        requester = task_state.workflow_state.requested_by
        name = (requester.get_full_name() or requester.get_username()) if requester else ""
        messages.success(
            request,
            _(
                "Wijzigingen gevraagd voor ‘%(title)s’. %(name)s ziet je opmerking in de editor en krijgt een e-mail."
            )
            % {"title": title, "name": name or _("De redacteur")},
        )
    elif task_state.status == TaskState.STATUS_APPROVED:
        page = Page.objects.get(pk=page.pk).specific
        scheduled = page.scheduled_revision
        if scheduled and scheduled.approved_go_live_at:
            text = _("‘%(title)s’ is goedgekeurd en gaat online op %(when)s.")
            messages.success(request, text % {"title": title, "when": when(scheduled.approved_go_live_at)})
        elif page.live:
            messages.success(request, _("‘%(title)s’ is goedgekeurd en staat nu online.") % {"title": title})


def after_workflow_action_in_editor(request, page):
    """after_edit_page: the editor's own Goedkeuren / Wijzigingen aanvragen buttons get the confirmation too."""
    if request.method != "POST" or not request.POST.get("workflow-action-name"):
        return
    latest = (
        TaskState.objects.filter(
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
            workflow_state__object_id=str(page.pk),
            finished_by=request.user,
        )
        .select_related("workflow_state")
        .order_by("-finished_at")
        .first()
    )
    if latest:
        confirm_workflow_action(request, page, latest)


class ConfirmingWorkflowActionView(WorkflowActionView):
    """Wagtail's workflow action (the dashboard's Goedkeuren / Wijzigingen aanvragen) with a confirmation."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        task_state = TaskState.objects.filter(pk=self.task_state.pk).select_related("workflow_state").first()
        if task_state and task_state.finished_by_id == request.user.pk:
            confirm_workflow_action(request, self.object, task_state)
        return response


class ArticleEditorViewSet(PageEditorViewSet):
    """The page views for articles: the site's guarded ones, with the confirming workflow action."""

    model = ArticlePage
    workflow_action_view_class = ConfirmingWorkflowActionView


def admin_urls():
    return [
        path(
            "nieuws/afbeelding/<int:image_id>/omschrijving/", image_description, name="news_image_description"
        ),
    ]


def image_description(request, image_id):
    """The "Omschrijving" of an image, which the editor copies into an empty alt text field."""
    image = get_image_model().objects.filter(pk=image_id).only("description").first()
    return JsonResponse({"description": image.description if image else ""})


EDITOR_STRINGS = {
    "count": gettext_lazy("%(count)s van ongeveer %(limit)s tekens"),
    "tooLong": gettext_lazy("%(count)s tekens: langer dan %(limit)s, zoekmachines korten dit af"),
    "altFromDescription": gettext_lazy(
        "Overgenomen uit de omschrijving van de afbeelding; pas aan waar nodig."
    ),
    "pasted": gettext_lazy("Geplakt, maar niet alles past in deze tekst:"),
    "headings": gettext_lazy(
        "Koppen (%(count)s) zijn gewone tekst geworden. Maak van een tussenkop een ‘Sectie met tussenkop’."
    ),
    "tables": gettext_lazy(
        "Tabellen (%(count)s) zijn losse regels tekst geworden. Controleer de tekst of maak er een opsomming van."
    ),
    "images": gettext_lazy(
        "Afbeeldingen (%(count)s) zijn weggelaten. Voeg ze toe met het blok ‘Afbeelding’."
    ),
}


def editor_js():
    config = {
        "strings": {key: str(value) for key, value in EDITOR_STRINGS.items()},
        "limits": {"title": TITLE_LENGTH, "search_description": DESCRIPTION_LENGTH},
        "descriptionUrl": reverse("news_image_description", args=[0]),
    }
    return format_html(
        '{}<script src="{}"></script>',
        json_script(config, "nr-editor-config"),
        versioned_static("publishing/js/editor.js"),
    )
