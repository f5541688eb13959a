"""Print, as JSON, the SQL queries each benchmark URL costs an anonymous visitor without the page cache.

run.py starts this with the page cache switched off; the menu and site settings stay cached across
requests, as on a running server, so the second request of each URL is the one measured.
"""

import json
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main(urls):
    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    for name, url in urls.items():
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            status = client.get(url).status_code
        counts[name] = {"queries": len(ctx.captured_queries), "status": status}
    print(json.dumps(counts))


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
