"""Uploads in an S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is set (mediafiles/s3.py, docs/media.md).

Pure functions of the environment, so the settings stay importable without boto3. The access key is not read
here: boto3 finds it itself (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a profile, an instance role).
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}


def s3_storage(environ) -> tuple[dict | None, str | None]:
    """STORAGES["default"] for the bucket and the origin its image URLs start with; (None, None) without
    a bucket."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return None, None
    endpoint = environ.get("AWS_S3_ENDPOINT_URL", "").strip().rstrip("/") or None
    region = environ.get("AWS_S3_REGION_NAME", "").strip() or None
    domain = environ.get("AWS_S3_CUSTOM_DOMAIN", "").strip().strip("/") or None
    protocol = environ.get("AWS_S3_URL_PROTOCOL", "https:").strip()
    # Path style on an own endpoint (MinIO, Ceph, moto and most Dutch providers accept only that), the
    # bucket as host name at Amazon.
    style = environ.get("AWS_S3_ADDRESSING_STYLE", "").strip() or ("path" if endpoint else "virtual")
    if style not in ("path", "virtual"):
        raise ImproperlyConfigured("AWS_S3_ADDRESSING_STYLE must be path or virtual.")
    if protocol not in ("https:", "http:"):
        raise ImproperlyConfigured("AWS_S3_URL_PROTOCOL must be https: or http:.")
    if endpoint and not (urlsplit(endpoint).scheme in ("http", "https") and urlsplit(endpoint).netloc):
        raise ImproperlyConfigured("AWS_S3_ENDPOINT_URL must be a URL such as https://s3.example.nl.")
    if not endpoint and not region:
        raise ImproperlyConfigured("Set AWS_S3_REGION_NAME (e.g. eu-central-1) or AWS_S3_ENDPOINT_URL.")
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": region,
        "custom_domain": domain,
        "url_protocol": protocol,
        "addressing_style": style,
        "object_acls": environ.get("AWS_S3_OBJECT_ACLS", "true").strip().lower() in TRUE,
    }
    storage = {"BACKEND": "mediafiles.s3.S3MediaStorage", "OPTIONS": options}
    return storage, bucket_origin(options)


def bucket_origin(options: dict) -> str:
    """Where the storage's URLs point (tests/mediafiles/test_s3_settings.py checks this against boto3)."""
    if options["custom_domain"]:
        return f"{options['url_protocol']}//{options['custom_domain'].split('/')[0]}"
    if options["endpoint_url"]:
        endpoint = urlsplit(options["endpoint_url"])
        host = endpoint.netloc
    else:
        endpoint = urlsplit("https://")
        region = options["region_name"]
        host = "s3.amazonaws.com" if region == "us-east-1" else f"s3.{region}.amazonaws.com"  # boto3's choice
    if options["addressing_style"] == "virtual":
        host = f"{options['bucket_name']}.{host}"
    return f"{endpoint.scheme}://{host}"
