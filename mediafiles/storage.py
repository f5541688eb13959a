"""The storage for uploads, with a name no file had before for every rendition (docs/media.md).

Wagtail names a rendition after its original's file name, the filter and the focal point, not after the
pixels. When an image is deleted, or its file replaced twice, a later upload with the same file name gets
the same rendition names with other pixels. A browser that kept the old one for a year would keep showing
a photo that was taken down. Here every new rendition gets a random tail, `~` and 12 characters, so a
rendition's URL always means the same bytes and may be cached for a year: by mediafiles/views.py on the file
system (MediaStorage), by the bucket's Cache-Control with object storage (mediafiles/s3.py).
"""

import posixpath
import re
import string

from django.core.files.storage import FileSystemStorage
from django.utils.crypto import get_random_string

RENDITIONS = "images"  # Wagtail's folder for renditions (AbstractRendition.get_upload_to)
TOKEN_CHARS = string.ascii_lowercase + string.digits
# Django's get_valid_name removes "~" from every uploaded or generated name before this storage sees it,
# so only names this storage wrote end like this; older renditions never do.
UNIQUE_NAME = re.compile(r"~[a-z0-9]{12}\.[a-z0-9]+\Z")


class UniqueRenditionNames:
    """For a storage class: every new rendition gets a random tail; other names as the storage gives them."""

    def get_available_name(self, name, max_length=None):
        folder, filename = posixpath.split(str(name).replace("\\", "/"))
        if folder != RENDITIONS:
            return super().get_available_name(name, max_length)
        stem, extension = posixpath.splitext(filename)
        while True:
            tail = f"~{get_random_string(12, TOKEN_CHARS)}{extension}"
            room = max(0, (max_length or 255) - len(folder) - 1 - len(tail))
            candidate = f"{folder}/{stem[:room]}{tail}"
            if not self.exists(candidate):
                return candidate


class MediaStorage(UniqueRenditionNames, FileSystemStorage):
    """MEDIA_ROOT on the file system (the default)."""
