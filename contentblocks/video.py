"""The video block: a YouTube or Vimeo video that loads only after the visitor asks for it.

The pasted address is parsed here (no oEmbed call); the block stores the provider and the video id. The
page shows a placeholder; static/contentblocks/video.js puts in the privacy-friendly player on a click.
Pages with a video allow the players' origin in frame-src (contentblocks/middleware.py).
"""

import re
from typing import NamedTuple
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

from sitewide import fragments

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
YOUTUBE_PATH = re.compile(r"/(?:embed|shorts|live|v)/([A-Za-z0-9_-]{11})/?")
VIMEO_PATH = re.compile(
    r"/(?:video/|channels/[\w-]+/|groups/[\w-]+/videos/)?(\d{1,12})(?:/([0-9a-f]{6,20}))?/?"
)
# Share buttons add these; they say nothing about the video and are dropped. Anything else is refused.
HARMLESS_PARAMETERS = {"si", "feature", "share"}
PLAYER_ORIGINS = {"youtube": "https://www.youtube-nocookie.com", "vimeo": "https://player.vimeo.com"}
# Noted again whenever a page part with a player is reused from sitewide/fragments.py.
fragments.carry_request_set("_video_player_origins")
PROVIDER_NAMES = {"youtube": "YouTube", "vimeo": "Vimeo"}


class Video(NamedTuple):
    provider: str
    video_id: str  # Vimeo: the number, and "/hash" for an unlisted video

    @property
    def embed_url(self) -> str:
        if self.provider == "youtube":
            return f"{PLAYER_ORIGINS['youtube']}/embed/{self.video_id}?autoplay=1&rel=0"
        number, _, secret = self.video_id.partition("/")
        return f"{PLAYER_ORIGINS['vimeo']}/video/{number}?dnt=1&autoplay=1" + (
            f"&h={secret}" if secret else ""
        )

    @property
    def watch_url(self) -> str:
        if self.provider == "youtube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://vimeo.com/{self.video_id}"

    @property
    def provider_name(self) -> str:
        return PROVIDER_NAMES[self.provider]


def parse_video_url(url: str) -> Video:
    """The video an address points to, or a ValidationError saying in Dutch what is wrong."""
    url = (url or "").strip()
    parts = urlsplit(url) if len(url) <= 500 else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            _("Dit is geen webadres van een video. Plak het adres van de video op YouTube of Vimeo.")
        )
    host = parts.hostname.lower()
    if parts.username or parts.password or parts.port:
        raise ValidationError(_("Plak het gewone adres van de video, zoals de adresbalk het toont."))
    if host not in YOUTUBE_HOSTS | VIMEO_HOSTS:
        raise ValidationError(
            _("Video's van %(host)s kunnen niet op de site. Alleen YouTube en Vimeo zijn mogelijk."),
            params={"host": host},
        )
    params = parse_qs(parts.query, keep_blank_values=True)
    extra = sorted(set(params) - HARMLESS_PARAMETERS - ({"v"} if host in YOUTUBE_HOSTS else set()))
    if extra:
        raise ValidationError(
            _(
                "Het adres bevat extra instellingen (%(params)s) die de site niet overneemt. "
                "Plak het adres van alleen de video, zonder het deel vanaf ‘&’ of ‘?’ dat die instellingen geeft."
            ),
            params={"params": ", ".join(extra)},
        )
    if host in YOUTUBE_HOSTS:
        if host == "youtu.be":
            video_id = parts.path.strip("/")
        elif parts.path in ("/watch", "/watch/"):
            video_id = (params.get("v") or [""])[0]
        else:
            match = YOUTUBE_PATH.fullmatch(parts.path)
            video_id = match.group(1) if match else ""
        if YOUTUBE_ID.fullmatch(video_id):
            return Video("youtube", video_id)
    else:
        match = VIMEO_PATH.fullmatch(parts.path)
        if match:
            return Video("vimeo", "/".join(filter(None, match.groups())))
    raise ValidationError(
        _("Dit adres wijst niet naar één video op %(provider)s. Kopieer het adres van de video zelf."),
        params={"provider": "YouTube" if host in YOUTUBE_HOSTS else "Vimeo"},
    )


def allow_players(request, provider: str) -> None:
    """Note on the request that its page shows this provider's player (read by the middleware)."""
    if request is not None:
        origins = request.__dict__.setdefault("_video_player_origins", set())
        origins.add(PLAYER_ORIGINS[provider])


class VideoValue(blocks.StructValue):
    @property
    def video(self) -> Video | None:
        provider, video_id = self.get("provider"), self.get("video_id")
        if provider in PLAYER_ORIGINS and video_id:
            return Video(provider, video_id)
        return None


class VideoBlock(blocks.StructBlock):
    """A YouTube or Vimeo video behind a placeholder, with a transcript or caption statement."""

    url = blocks.CharBlock(
        label=_("Adres van de video"),
        max_length=500,
        help_text=_(
            "Plak het adres van de video op YouTube of Vimeo, bijvoorbeeld "
            "https://www.youtube.com/watch?v=… of https://vimeo.com/…"
        ),
    )
    title = blocks.CharBlock(
        label=_("Titel"),
        max_length=150,
        help_text=_(
            "Waar de video over gaat; staat op de knop om de video af te spelen en in het speelvenster."
        ),
    )
    transcript = blocks.TextBlock(
        label=_("Uitgeschreven tekst of ondertiteling"),
        help_text=_(
            "Verplicht voor wie de video niet kan zien of horen: de uitgeschreven tekst van de video, "
            "of een verklaring als ‘De video is ondertiteld in het Nederlands.’"
        ),
    )
    # Filled in from the address on every save (clean); hidden in the editor (static/contentblocks/admin.css).
    provider = blocks.CharBlock(
        label=_("Aanbieder"),
        required=False,
        form_classname="video-block__derived",
        help_text=_("Wordt bij het opslaan ingevuld uit het adres."),
    )
    video_id = blocks.CharBlock(
        label=_("Video-id"),
        required=False,
        form_classname="video-block__derived",
        help_text=_("Wordt bij het opslaan ingevuld uit het adres."),
    )

    class Meta:
        icon = "media"
        template = "components/streamfield/video.html"
        label = _("Video")
        help_text = _(
            "Een video van YouTube of Vimeo. De video laadt pas als de bezoeker op de knop klikt; tot dan "
            "gaat er niets naar YouTube of Vimeo."
        )
        description = _("Een video van YouTube of Vimeo, met uitgeschreven tekst.")
        value_class = VideoValue
        form_classname = "struct-block video-block"

    def clean(self, value):
        value = super().clean(value)
        try:
            video = parse_video_url(value.get("url"))
        except ValidationError as error:
            raise StructBlockValidationError(block_errors={"url": error}) from None
        value["url"] = video.watch_url
        value["provider"], value["video_id"] = video.provider, video.video_id
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        if value.video:
            context["first_video"] = not getattr(request, "_video_player_origins", None)
            allow_players(request, value.video.provider)
        return context
