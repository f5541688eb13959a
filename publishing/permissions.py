"""Page rules that Wagtail's group permissions cannot express; the full table is in docs/roles.md.

* Deleting: a page that is online, or has online pages under it, only by an administrator. With the
  permission to publish (Eindredacteuren) any other page; without it (Redacteuren) only their own pages
  that have never been online and are not scheduled to go online.
* Privacy (view restrictions: adding, changing, removing) only by an administrator; that includes moving a
  page to a place where other restrictions apply.

Every path of the admin asks a page's permission tester (delete and bulk delete, the privacy dialog and
its toggle in the editor, move, and whether their buttons show), so the rules live in one tester that
every page type of the site returns (wired in `use_editorial_rules`, called from PublishingConfig.ready).
"""

from wagtail.models import Page, PagePermissionTester, Revision, get_page_models


class EditorialPagePermissionTester(PagePermissionTester):
    def can_delete(self, ignore_bulk=False):
        if not super().can_delete(ignore_bulk=ignore_bulk):
            return False
        if self.user.is_superuser:
            return True
        if self.page.is_leaf():  # most pages: decided without a query
            return self.may_delete(self.page)
        return all(self.may_delete(page) for page in self.page.get_descendants(inclusive=True))

    def may_delete(self, page) -> bool:
        if page.live:
            return False
        if "publish" in self.permissions:
            return True
        return (
            page.owner_id == self.user.pk
            and page.first_published_at is None
            and not Revision.objects.page_revisions()
            .filter(object_id=str(page.pk), approved_go_live_at__isnull=False)
            .exists()
        )

    def can_move(self):
        # Moving keeps Wagtail's own rule (it would otherwise follow the stricter delete rule above).
        return super().can_delete(ignore_bulk=True)

    def can_move_to(self, destination):
        if not super().can_move_to(destination):
            return False
        return self.user.is_superuser or not self.moving_changes_privacy(destination)

    def moving_changes_privacy(self, destination) -> bool:
        """Whether the page would fall under other view restrictions (its own move with it)."""
        parent = self.page.get_parent()
        if parent is None or parent.pk == destination.pk:
            return False
        return restriction_ids(parent) != restriction_ids(destination)

    def can_set_view_restrictions(self):
        return self.user.is_superuser and super().can_set_view_restrictions()


def restriction_ids(page) -> set[int]:
    return set(page.specific_deferred.get_view_restrictions().values_list("pk", flat=True))


def permissions_for_user(page, user):
    return EditorialPagePermissionTester(user, page)


def use_editorial_rules():
    """Every page type of the site returns the editorial tester.

    Wagtail lets a page type override Page.permissions_for_user (the base method hands over to the
    specific type's); it is set here for every page type, so no model needs to remember it. A page type
    that defines its own is left alone, and tests/publishing/test_page_rules.py notices it.
    """
    for model in get_page_models():
        if model is not Page and model.permissions_for_user is Page.permissions_for_user:
            model.permissions_for_user = permissions_for_user
