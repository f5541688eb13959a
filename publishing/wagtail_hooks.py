from wagtail import hooks

from publishing import admin_views
from publishing.content_checks import use_site_content_checker
from publishing.dashboard import add_panels

admin_views.register()
hooks.register("construct_homepage_panels", add_panels)
hooks.register("construct_wagtail_userbar", use_site_content_checker)
