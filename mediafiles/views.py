"""Uploaded images at MEDIA_URL, served by the app itself while SERVE_MEDIA is on (docs/media.md).

Only Wagtail's two image folders are served, and in them only the image types uploads allow, each with its
own content type and `nosniff`; anything else (documents/, which Wagtail serves itself after its privacy
check, a planted .html or .svg, a symlink, a path that climbs out) is a 404. The headers follow nginx
for static files: ETag and Last-Modified with 304, one byte range, and a year's cache for renditions whose
name is unique (mediafiles/storage.py), an hour otherwise.
"""

import os
import re
import stat

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from mediafiles.storage import RENDITIONS, UNIQUE_NAME

ORIGINALS = "original_images"  # Wagtail's folder for uploaded originals (AbstractImage.get_upload_to)
# What may be shown inline: the types uploads allow (WAGTAILIMAGES_EXTENSIONS), which renditions keep.
CONTENT_TYPES = {
    "avif": "image/avif",
    "gif": "image/gif",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
}
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=3600"
BYTE_RANGE = re.compile(r"bytes=(\d{0,18})-(\d{0,18})")


def media_file(path: str) -> tuple[str, os.stat_result, str]:
    """The regular file `path` names in an image folder, its stat and content type; Http404 for anything
    else. No symlink below MEDIA_ROOT is followed (as nginx's `disable_symlinks on from=MEDIA_ROOT`)."""
    folder, _, name = path.partition("/")
    if folder not in (ORIGINALS, RENDITIONS) or name.startswith(".") or any(c in name for c in "/\\\x00"):
        raise Http404  # with no separator and no leading dot in the name, nothing can climb out of the folder
    stem, dot, extension = name.rpartition(".")
    content_type = CONTENT_TYPES.get(extension.lower()) if stem and dot else None
    directory = os.path.join(settings.MEDIA_ROOT, folder)
    file_path = os.path.join(directory, name)
    try:
        folder_info, info = os.lstat(directory), os.lstat(file_path)
    except OSError:  # missing, unreadable or a name too long
        raise Http404 from None
    # lstat sees a symlink as itself: a symlinked folder or file is refused, and so are folders and fifos.
    if content_type is None or not stat.S_ISDIR(folder_info.st_mode) or not stat.S_ISREG(info.st_mode):
        raise Http404
    return file_path, info, content_type


def no_follow(path: str, flags: int) -> int:
    """An opener: no symlink either, should one have taken the file's place since media_file looked."""
    return os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK)


@csrf_exempt  # changes nothing: any other method gets 405 rather than a CSRF failure page
@require_safe
def serve(request, path):
    if not settings.SERVE_MEDIA:
        raise Http404
    file_path, info, content_type = media_file(path)
    unique = path.startswith(f"{RENDITIONS}/") and UNIQUE_NAME.search(path)
    headers = {
        "Cache-Control": IMMUTABLE if unique else REVALIDATE,
        "ETag": f'"{int(info.st_mtime):x}-{info.st_size:x}"',  # nginx's and whitenoise's form
        "Last-Modified": http_date(int(info.st_mtime)),
        "X-Content-Type-Options": "nosniff",
        "Accept-Ranges": "bytes",
    }
    # Django's own evaluation of If-None-Match / If-Modified-Since (used by @condition and
    # ConditionalGetMiddleware); given this stand-in, a 304 keeps the cache headers. tests/mediafiles cover it.
    stand_in = HttpResponse(headers=headers)
    answer = get_conditional_response(request, headers["ETag"], int(info.st_mtime), stand_in)
    if answer is not stand_in:
        return answer
    span = byte_range(request, info.st_size, headers)
    if span == "unsatisfiable":
        unsatisfiable = {
            "Content-Range": f"bytes */{info.st_size}",
            "Cache-Control": headers["Cache-Control"],
        }
        return HttpResponse(status=416, headers=unsatisfiable, content_type="text/plain; charset=utf-8")
    try:
        file = open(file_path, "rb", opener=no_follow)  # noqa: SIM115 - the response closes it
    except OSError:
        raise Http404 from None
    if span is None:
        return FileResponse(file, content_type=content_type, headers=headers)
    start, end = span
    file.seek(start)
    response = FileResponse(
        Part(file, end - start + 1), status=206, content_type=content_type, headers=headers
    )
    response["Content-Range"] = f"bytes {start}-{end}/{info.st_size}"
    response["Content-Length"] = end - start + 1
    return response


def byte_range(request, size: int, headers: dict) -> tuple[int, int] | str | None:
    """The one range asked for as (first, last byte), "unsatisfiable", or None for the whole file
    (no Range, several ranges, one not understood, or an If-Range for another version)."""
    match = BYTE_RANGE.fullmatch(request.headers.get("Range", "").strip())
    if_range = request.headers.get("If-Range")
    if not match or size == 0 or (if_range and if_range not in (headers["ETag"], headers["Last-Modified"])):
        return None
    first, last = match.groups()
    if first:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
        if last and int(last) < start:
            return None
    elif last:
        start, end = max(size - int(last), 0), size - 1
        if int(last) == 0:
            return "unsatisfiable"
    else:
        return None
    return "unsatisfiable" if start >= size else (start, end)


class Part:
    """`length` bytes of an open file from where it stands: the body of a 206."""

    def __init__(self, file, length: int):
        self.file, self.left = file, length

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(self.left if size < 0 else min(size, self.left))
        self.left -= len(data)
        return data

    def close(self):
        self.file.close()
