"""Uploaded images at MEDIA_URL: how renditions are named on disk, and serving them (docs/media.md)."""
