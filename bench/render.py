"""In-process timing of one page under the production settings (DEBUG off, page cache off), without gunicorn
or wrk: Django's test client renders the page N times and the median and minimum are printed. Cheaper and
far less noisy than wrk on a loaded machine, and it can run another checkout's code on the same data:

    DATABASE_URL=sqlite:///bench-results/bench-10000.sqlite3 .venv/bin/python bench/render.py \\
        --url /nieuws/artikel-5000/ [--tree /path/to/other/checkout] [--profile out.prof] > /dev/null

--accept-encoding times the compressed answer a browser gets (the default sends none, as wrk does).
"""

import argparse
import cProfile
import os
import statistics
import sys
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="/nieuws/artikel-5000/")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--tree", default=str(Path(__file__).resolve().parent.parent), help="checkout to run")
    parser.add_argument("--accept-encoding", default="")
    parser.add_argument("--profile", help="write cProfile stats of the timed requests to this file")
    args = parser.parse_args()
    os.chdir(args.tree)
    sys.path.insert(0, args.tree)
    for key, value in {
        "DJANGO_SETTINGS_MODULE": "site_project.settings.production",
        "SECRET_KEY": "benchmark-only-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "PAGE_CACHE": "false",
    }.items():
        os.environ.setdefault(key, value)
    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING=args.accept_encoding)
    for _ in range(20):
        response = client.get(args.url)
        if response.status_code != 200:
            sys.exit(f"{args.url} answered {response.status_code}")
    profile = cProfile.Profile() if args.profile else None
    times = []
    for _ in range(args.requests):
        started = time.perf_counter()
        if profile:
            profile.enable()
        client.get(args.url)
        if profile:
            profile.disable()
        times.append((time.perf_counter() - started) * 1000)
    if profile:
        profile.dump_stats(args.profile)
    print(  # on stderr: stdout carries the request log lines, as in production (> /dev/null)
        f"{args.tree} {args.url}: median {statistics.median(times):.2f} ms, min {min(times):.2f} ms, "
        f"{len(response.content)} bytes {response.get('Content-Encoding', 'plain')}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
