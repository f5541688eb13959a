"""Uploads in an S3-compatible bucket (django-storages), configured from the environment (docs/media.md).

The bucket itself stays private. Each object gets its own access when it is written: the two image folders
are public-read, because pages and the API link straight to them; everything else (documents/, the
readiness probe's test file) is private and only reachable through the app, documents after Wagtail's
privacy check (WAGTAILDOCS_SERVE_METHOD = "serve_view" streams them from the bucket). Images carry the same
Cache-Control as the app gives them on the file system: a year for renditions with a unique name.
"""

import posixpath

from storages.backends.s3 import S3Storage

from mediafiles.storage import RENDITIONS, UNIQUE_NAME, UniqueRenditionNames
from mediafiles.views import IMMUTABLE, ORIGINALS, REVALIDATE

PUBLIC_FOLDERS = (ORIGINALS, RENDITIONS)


def is_public(name: str) -> bool:
    folder, _, filename = str(name).replace("\\", "/").partition("/")
    return folder in PUBLIC_FOLDERS and bool(filename) and "/" not in filename


class S3MediaStorage(UniqueRenditionNames, S3Storage):
    """`object_acls=False` for a bucket where ACLs are switched off ("bucket owner enforced"): then a bucket
    policy must make only the two image folders readable (docs/media.md)."""

    # Class attributes win over django-storages' AWS_* settings (storages.base.BaseStorage).
    # Never overwrite: two uploads named foto.jpg must both keep their own original.
    file_overwrite = False
    # Plain, lasting URLs for the public images; documents never use theirs (the app serves them).
    querystring_auth = False
    default_acl = None

    def __init__(self, object_acls: bool = True, **settings):
        self.object_acls = object_acls
        super().__init__(**settings)

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        key = posixpath.normpath(str(name).replace("\\", "/"))
        if is_public(key):
            unique = key.startswith(f"{RENDITIONS}/") and UNIQUE_NAME.search(key)
            params.setdefault("CacheControl", IMMUTABLE if unique else REVALIDATE)
            if self.object_acls:
                params["ACL"] = "public-read"
        elif self.object_acls:
            params["ACL"] = "private"
        return params
