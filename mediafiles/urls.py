import re
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import re_path

from mediafiles.views import serve

# MEDIA_URL on this site (as "/media/"): the app answers it, with a 404 while SERVE_MEDIA is off. A MEDIA_URL
# on another host (object storage, a CDN) is not ours to answer.
urlpatterns = []
if not urlsplit(settings.MEDIA_URL).netloc:
    urlpatterns.append(
        re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)\Z", serve, name="media")
    )
