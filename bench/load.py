"""Load test: visitors browsing for minutes while someone signs up for the newsletter every second.

    python bench/load.py [--visitors 50] [--duration 180] [--articles 1000] [--database-url URL]

The site runs as in production (gunicorn, production settings, page cache on). wrk plays the visitors,
each request a random page from a realistic mix; a thread posts one newsletter signup per second, each
from its own client address (through X-Forwarded-For, as behind a proxy). Prints requests, errors and
p50/p95/p99 for both, and exits non-zero when there are errors or p95 is 500 ms or more.
"""

import argparse
import json
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import RESULTS, Server, env_for, prepare  # noqa: E402

LUA = """
local paths = {%(paths)s}
math.randomseed(42)
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + summary.errors.status
  io.write(string.format("RESULT %%d %%d %%.2f %%.2f %%.2f\\n", summary.requests, errors,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def page_mix(articles: int) -> list[str]:
    last = (articles + 11) // 12
    paths = ["/", "/nieuws/", "/nieuws/?page=2", f"/nieuws/?page={last}", "/zoeken/?q=gemeente+zorg"]
    paths += [f"/nieuws/tag/onderwerp-{n}/" for n in range(0, 40, 3)]
    paths += [f"/nieuws/artikel-{n}/" for n in range(1, articles + 1, max(1, articles // 60))]
    paths += ["/nieuws/feed/", "/sitemap.xml", "/blijf-op-de-hoogte/"]
    return paths


class Signups(threading.Thread):
    """One signup per second; each fetches the form first and submits it after the minimum fill time."""

    def __init__(self, base: str, duration: int):
        super().__init__(daemon=True)
        self.base, self.duration = base, duration
        self.latencies, self.errors, self.lock = [], [], threading.Lock()

    def run(self):
        workers, end, n = [], time.time() + self.duration, 0
        while time.time() < end:
            n += 1
            worker = threading.Thread(target=self.one, args=(n,), daemon=True)
            worker.start()
            workers.append(worker)
            time.sleep(1)
        for worker in workers:
            worker.join(timeout=60)

    def one(self, n: int):
        client_ip = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"
        headers = {"X-Forwarded-For": client_ip}
        try:
            form = self.fetch("/blijf-op-de-hoogte/", headers)
            stamp = re.search(r'name="stamp" value="([^"]+)"', form).group(1)
            time.sleep(4)  # a person filling in the form
            data = {"email": f"lezer{n}@example.nl", "consent": "ja", "stamp": stamp, "website": ""}
            started = time.perf_counter()
            self.fetch("/blijf-op-de-hoogte/", headers, data)
            with self.lock:
                self.latencies.append((time.perf_counter() - started) * 1000)
        except (urllib.error.URLError, AttributeError, TimeoutError) as error:
            with self.lock:
                self.errors.append(f"{n}: {error}")

    def fetch(self, path, headers, data=None):
        body = urllib.parse.urlencode(data).encode() if data else None
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read().decode()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))], 2) if ordered else 0.0


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--visitors", type=int, default=50)
    parser.add_argument("--duration", type=int, default=180, help="seconds")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--tags", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--database-url", help="default: a SQLite file (WAL) in bench-results/")
    parser.add_argument("--redis-url")
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    prepare(args, args.articles)
    env = {
        **env_for(args, args.articles, page_cache=True),
        "CLIENT_IP_HEADER": "X-Forwarded-For",
        "TRUSTED_PROXY_COUNT": "1",
    }
    database = "PostgreSQL" if args.database_url else "SQLite (WAL)"
    server = Server(env, args.workers, args.threads)
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(LUA % {"paths": ", ".join(json.dumps(p) for p in page_mix(args.articles))})
        signups = Signups(server.base, args.duration)
        signups.start()
        out = subprocess.run(
            [
                "wrk",
                "-t",
                "2",
                "-c",
                str(args.visitors),
                "-d",
                f"{args.duration}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                server.base,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        signups.join(timeout=args.duration + 120)
        rss = server.worker_rss_mb()
    finally:
        server.stop()
    requests, errors, p50, p95, p99 = re.search(
        r"RESULT (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", out
    ).groups()
    report = {
        "database": database,
        "visitors": args.visitors,
        "duration_s": args.duration,
        "browsing": {
            "requests": int(requests),
            "errors": int(errors),
            "p50_ms": float(p50),
            "p95_ms": float(p95),
            "p99_ms": float(p99),
        },
        "signups": {
            "requests": len(signups.latencies) + len(signups.errors),
            "errors": len(signups.errors),
            "p50_ms": percentile(signups.latencies, 50),
            "p95_ms": percentile(signups.latencies, 95),
            "p99_ms": percentile(signups.latencies, 99),
        },
        "worker_rss_mb": rss,
    }
    print(
        f"\nLoad: {args.visitors} visitors for {args.duration} s + 1 signup/s, {database}, {args.articles} articles"
    )
    print(f"{'':10} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name in ("browsing", "signups"):
        r = report[name]
        print(
            f"{name:10} {r['requests']:>9} {r['errors']:>7} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['p99_ms']:>8}"
        )
    print(f"worker RSS (MB): {rss}")
    for line in signups.errors[:5]:
        print("signup error:", line)
    target = RESULTS / f"load-{'postgresql' if args.database_url else 'sqlite'}.json"
    target.write_text(json.dumps(report, indent=2))
    print(f"Figures written to {target}")
    ok = all(report[k]["errors"] == 0 and report[k]["p95_ms"] < 500 for k in ("browsing", "signups"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
