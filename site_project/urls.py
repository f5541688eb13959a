from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from crawlers.views import robots_txt, sitemap_xml
from security.adminposts import guard_admin_views
from security.pagepasswords import document_password, page_password
from securitytxt.views import security_txt, security_txt_legacy

urlpatterns = [
    # Wagtail's password forms with a limit on wrong guesses; before Wagtail's own patterns, same paths and names.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path(
        "documenten/authenticate_with_password/<int:restriction_id>/",
        document_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    # Two-factor sign-in (signin/): before Wagtail's admin patterns, which would take these paths.
    path("admin/tweestapsverificatie/", include("signin.urls")),
    path("oidc/", include("signin.urls_sso")),  # single sign-on, 404 unless configured
    # Some admin forms answered malformed posts with 500; these answer 400 (security/adminposts.py).
    path("admin/", include(guard_admin_views(wagtailadmin_urls.urlpatterns))),
    path("documenten/", include(wagtaildocs_urls)),
    path("zoeken/", include("search.urls")),
    path("api/v2/", include("api.urls")),
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path("security.txt", security_txt_legacy),
    path("blijf-op-de-hoogte/", include("newsletter.urls")),
]

# Uploaded images at MEDIA_URL, in every environment while SERVE_MEDIA is on (docs/media.md).
urlpatterns += [path("", include("mediafiles.urls"))]

urlpatterns += [path("", include(wagtail_urls))]

handler500 = "site_project.errors.server_error"
