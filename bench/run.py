"""nieuwsroom benchmark: the site as in production (gunicorn, production settings, whitenoise) under wrk.

    python bench/run.py [--articles 1000] [--tags 200] [--duration 10] [--database-url URL
                        [--baseline-database-url URL]] [--redis-url URL] [--accept-encoding "gzip, br"]

Prints one table per mode (page cache off, page cache on) with req/s and p50/p99 latency at concurrency 1
and 8, errors, each page's req/s as a share of a trivial Django view's on the same server (uncached; the view
is mounted by bench/settings.py only) or of the static file's (cached), and SQL queries per page; then the
p50 of the scale pages (listings, article, search, feed, the API's ?search=) against a 100-article data set, the workers' memory, and the bytes each of home, index, article and feed
takes plain, with gzip and with brotli. Writes everything to bench-results/*.json.
Timings belong here, never in tests.

wrk opens its connections at once and keep-alive keeps each on the worker that accepted it; now and then one
worker accepts all 8, and the cell measures one core (~40% of the figure). Each run records every worker's
share of the CPU; a c8 run where one worker did more than SKEW_LIMIT of it is run again (up to RETRIES times)
and the first balanced run counts. A figure that never balanced is marked "*" in the table.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
PYTHON = sys.executable
TRIVIAL_PATH = "/_bench/trivial/"  # bench/urls.py
SCALE_PAGES = ["index", "index_last", "tag", "article", "search", "feed", "api_search"]
# Measured at c8 (2 workers, 2 cores): balanced runs 0.50-0.70, all connections on one worker 0.99-1.00.
SKEW_LIMIT = 0.85
RETRIES = 2
SIZE_PAGES = ["home", "index", "article", "feed"]
# wrk's Accept-Encoding (--accept-encoding): none by default, so figures compare with earlier runs; browsers
# send "gzip, deflate, br, zstd" and get compressed pages (compression/middleware.py).
ACCEPT_ENCODING = ""


def env_for(args, articles: int, page_cache: bool) -> dict:
    db = args.database_url or f"sqlite:///{RESULTS / f'bench-{articles}.sqlite3'}"
    if articles == getattr(args, "baseline", None) and getattr(args, "baseline_database_url", None):
        db = args.baseline_database_url
    env = {
        **os.environ,
        # The production settings plus the trivial view (bench/urls.py), which production never mounts.
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": db,
        "SECRET_KEY": "benchmark-only-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "MEDIA_ROOT": str(RESULTS / f"media-{articles}"),
        "SERVE_MEDIA": "true",  # the app serves /media/ itself (mediafiles/), as on one machine without a proxy
        "PAGE_CACHE": "true" if page_cache else "false",
        "PYTHONPATH": str(ROOT),
    }
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    return env


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, env=env, cwd=ROOT, check=True, **kwargs)  # noqa: S603 - our own commands


def prepare(args, articles: int) -> None:
    env = env_for(args, articles, page_cache=False)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([PYTHON, "bench/generate.py", "--articles", str(articles), "--tags", str(args.tags)], env)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)


def static_url() -> str:
    manifest = json.loads((ROOT / "staticfiles" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/site.css"]


def urls(articles: int, tags: int) -> dict[str, str]:
    last = (articles + 11) // 12
    return {
        "home": "/",
        "index": "/nieuws/",
        "index_last": f"/nieuws/?page={last}",
        "tag": "/nieuws/tag/onderwerp-0/",  # on every tenth article (bench/generate.py)
        "article": f"/nieuws/artikel-{articles // 2}/",
        "search": "/zoeken/?q=samenwerking",
        "api_search": "/api/v2/articles/?search=samenwerking",
        "feed": "/nieuws/feed/",
        "trivial": TRIVIAL_PATH,
        "static": static_url(),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, env, workers: int, threads: int):
        self.port = free_port()
        self.process = subprocess.Popen(  # noqa: S603
            [
                PYTHON,
                "-m",
                "gunicorn",
                "site_project.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--worker-class",
                "gthread",
                "--log-level",
                "warning",
                "--max-requests",
                "0",
            ],
            env=env,
            cwd=ROOT,
            start_new_session=True,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + "/", timeout=5)  # noqa: S310 - loopback only
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def worker_pids(self) -> list[str]:
        return subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        ).stdout.split()

    def worker_cpu_ticks(self) -> dict[str, int]:
        """utime + stime of each worker, all its threads, in clock ticks (fields 14 and 15 of /proc/<pid>/stat)."""
        ticks = {}
        for pid in self.worker_pids():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks[pid] = int(fields[11]) + int(fields[12])
        return ticks

    def worker_rss_mb(self) -> list[float]:
        sizes = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
        return sorted(round(s, 1) for s in sizes)

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def wrk(url: str, connections: int, duration: int) -> dict:
    out = subprocess.run(
        [
            "wrk",
            "-t",
            str(min(connections, 2)),
            "-c",
            str(connections),
            "-d",
            f"{duration}s",
            "--latency",
            *(["-H", f"Accept-Encoding: {ACCEPT_ENCODING}"] if ACCEPT_ENCODING else []),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    latency = {p: _ms(v) for p, v in re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M)}
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    errors += sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": latency.get("50"),
        "p99_ms": latency.get("99"),
        "errors": errors,
    }


def cell(server: Server, url: str, connections: int, duration: int) -> dict:
    """wrk with each worker's share of the CPU. A run with several connections where one worker did more
    than SKEW_LIMIT is run again, up to RETRIES times; the first balanced run is kept, the others are listed
    under "discarded", and a cell that never balanced keeps its last run with "balanced": false."""
    discarded = []
    while True:
        before = server.worker_cpu_ticks()
        result = wrk(url, connections, duration)
        after = server.worker_cpu_ticks()
        used = [after.get(pid, ticks) - ticks for pid, ticks in before.items()]
        result["worker_cpu_share"] = [round(u / (sum(used) or 1), 2) for u in used]
        result["attempts"] = len(discarded) + 1
        if connections == 1 or len(used) == 1:
            return result
        result["balanced"] = max(result["worker_cpu_share"]) <= SKEW_LIMIT
        if result["balanced"] or len(discarded) == RETRIES:
            return {**result, "discarded": discarded}
        discarded.append({"rps": result["rps"], "worker_cpu_share": result["worker_cpu_share"]})


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return round(float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit], 2)


def measure(server: Server, pages: dict, duration: int) -> dict:
    results = {}
    for name, path in pages.items():
        try:
            for _ in range(3):
                urllib.request.urlopen(server.base + path, timeout=30)  # noqa: S310 - warm renditions and caches
        except urllib.error.HTTPError as error:
            print(f"skipping {name} ({path}): HTTP {error.code}")
            continue
        results[name] = {f"c{c}": cell(server, server.base + path, c, duration) for c in (1, 8)}
    return results


def sizes(server: Server, pages: dict) -> dict:
    """Bytes of each body as sent: plain, gzip and brotli (urllib does not decompress)."""
    result = {}
    for name in SIZE_PAGES:
        result[name] = {}
        for coding in ("identity", "gzip", "br"):
            request = urllib.request.Request(server.base + pages[name], headers={"Accept-Encoding": coding})
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback only
                sent = response.headers.get("Content-Encoding", "identity")
                result[name][coding] = len(response.read()) if sent == coding else None
    return result


def sizes_table(found: dict) -> str:
    header = f"{'page':<11} {'plain':>8} {'gzip':>8} {'br':>8} {'saved gzip':>11} {'saved br':>9}"
    lines = ["\nBytes per response body, as a cached page is sent (None: not sent with that coding)", header]
    for name, row in found.items():
        plain, gz, br = row["identity"], row["gzip"], row["br"]
        saved = [f"{100 * (1 - n / plain):.0f}%" if n else "-" for n in (gz, br)]
        lines.append(f"{name:<11} {plain:>8} {gz!s:>8} {br!s:>8} {saved[0]:>11} {saved[1]:>9}")
    return "\n".join(lines)


def scale_ratios(args, rounds: int = 3) -> dict:
    """p50 at c1 of the scale pages on both data sets, measured in turns (large, small, large, …) with both
    servers up, so a machine that gets busier or quieter during the run moves both sides alike."""
    sides = {
        "large": (args.articles, {k: urls(args.articles, args.tags)[k] for k in SCALE_PAGES}),
        "small": (args.baseline, {k: urls(args.baseline, args.tags)[k] for k in SCALE_PAGES}),
    }
    servers = {}
    try:
        for side, (articles, pages) in sides.items():
            servers[side] = Server(env_for(args, articles, False), args.workers, args.threads)
            for path in pages.values():
                for _ in range(3):
                    urllib.request.urlopen(servers[side].base + path, timeout=30)  # noqa: S310 - warm up
        samples = {name: {"large": [], "small": []} for name in SCALE_PAGES}
        for _ in range(rounds):
            for name in SCALE_PAGES:
                for side, (_, pages) in sides.items():
                    result = wrk(servers[side].base + pages[name], 1, max(2, args.duration // 2))
                    samples[name][side].append(result["p50_ms"])
    finally:
        for server in servers.values():
            server.stop()
    ratios = {
        name: round(statistics.median(s["large"]) / statistics.median(s["small"]), 2)
        for name, s in samples.items()
    }
    return {"baseline_articles": args.baseline, "rounds": rounds, "p50_ms": samples, "p50_ratio": ratios}


def query_counts(args, articles: int, pages: dict) -> dict:
    env = env_for(args, articles, page_cache=False)
    out = run([PYTHON, "bench/queries.py", json.dumps(pages)], env, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def table(title: str, results: dict, queries: dict, reference: str) -> str:
    """One row per page; each page's req/s also as a share of `reference`'s (the trivial view without the
    page cache, the static file with it)."""
    ref = {c: results[reference][c]["rps"] for c in ("c1", "c8")}
    lines = [
        title,
        f"{'page':<11} {'req/s c1':>9} {'p50':>7} {'p99':>7} {'req/s c8':>9} {'p50':>7} {'p99':>7} "
        f"{'errors':>6} {'%' + reference + ' c1':>12} {'%' + reference + ' c8':>12} {'queries':>7}",
    ]
    for name, r in results.items():
        c1, c8 = r["c1"], r["c8"]
        q = queries.get(name, {}).get("queries", 0) if name != "static" else 0
        mark = "*" if c8.get("balanced") is False else " "
        lines.append(
            f"{name:<11} {c1['rps']:>9.1f} {c1['p50_ms']:>7} {c1['p99_ms']:>7} {c8['rps']:>9.1f}{mark}"
            f"{c8['p50_ms']:>7} {c8['p99_ms']:>7} {c1['errors'] + c8['errors']:>6} "
            f"{100 * c1['rps'] / ref['c1']:>11.1f}% {100 * c8['rps'] / ref['c8']:>11.1f}% {q:>7}"
        )
    repeated = [f"{name} {r['c8']['attempts']}x" for name, r in results.items() if r["c8"]["attempts"] > 1]
    if repeated:
        lines.append(f"c8 runs repeated (one worker did >{SKEW_LIMIT:.0%} of the CPU): {', '.join(repeated)}")
    if any(r["c8"].get("balanced") is False for r in results.values()):
        lines.append(f"* one worker did >{SKEW_LIMIT:.0%} of the CPU in every run: one core's figure")
    return "\n".join(lines)


def scale_table(scale: dict, articles: int) -> str:
    small = scale["baseline_articles"]
    lines = [
        f"\nScale: p50 (ms) at c1, uncached, {articles} vs {small} articles, median of {scale['rounds']} turns",
        f"{'page':<11} {small:>9} {articles:>9} {'ratio':>7}",
    ]
    for name, samples in scale["p50_ms"].items():
        large, base = statistics.median(samples["large"]), statistics.median(samples["small"])
        lines.append(f"{name:<11} {base:>9} {large:>9} {scale['p50_ratio'][name]:>7}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--tags", type=int, default=200)
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--baseline", type=int, default=100, help="articles in the data set for scale ratios")
    parser.add_argument("--database-url", help="default: a SQLite file per data set size in bench-results/")
    parser.add_argument(
        "--baseline-database-url", help="with --database-url: a second database for the baseline data set"
    )
    parser.add_argument("--redis-url", help="cache in Redis instead of each process's memory")
    parser.add_argument(
        "--accept-encoding", default="", help='wrk sends this Accept-Encoding, e.g. "gzip, deflate, br, zstd"'
    )
    args = parser.parse_args()
    global ACCEPT_ENCODING
    ACCEPT_ENCODING = args.accept_encoding
    if not shutil.which("wrk"):
        sys.exit("wrk not found: install it with `apt-get install wrk` (Debian/Ubuntu).")
    if args.database_url and args.baseline and not args.baseline_database_url:
        print("Note: with --database-url the scale baseline needs --baseline-database-url; skipped.")
        args.baseline = 0
    RESULTS.mkdir(exist_ok=True)

    report = {"articles": args.articles, "tags": args.tags, "duration_s": args.duration, "modes": {}}
    report["accept_encoding"] = ACCEPT_ENCODING
    prepare(args, args.articles)
    pages = urls(args.articles, args.tags)
    queries = query_counts(args, args.articles, pages)
    report["queries"] = queries
    output = []
    for mode, cached in (("uncached", False), ("cached", True)):
        server = Server(env_for(args, args.articles, cached), args.workers, args.threads)
        try:
            rss = {"start": server.worker_rss_mb()}
            results = measure(server, pages, args.duration)
            rss["after_run_1"] = server.worker_rss_mb()
            if not cached:
                measure(server, pages, max(2, args.duration // 2))
                rss["after_run_2"] = server.worker_rss_mb()
            else:
                report["sizes"] = sizes(server, pages)  # as a cached page is sent
        finally:
            server.stop()
        report["modes"][mode] = {"results": results, "worker_rss_mb": rss}
        title = f"\n{args.articles} articles, {args.tags} tags, page cache {mode.upper()}"
        output.append(table(title, results, queries, "static" if cached else "trivial"))
        output.append(f"worker RSS (MB): {rss}")

    if args.baseline:
        prepare(args, args.baseline)
        report["scale"] = scale_ratios(args)
        output.append(scale_table(report["scale"], args.articles))

    output.append(sizes_table(report["sizes"]))
    print("\n".join(output))
    engine = "-postgresql" if (args.database_url or "").startswith("postgres") else ""
    target = RESULTS / f"bench-{args.articles}{engine}.json"  # a PostgreSQL run keeps SQLite's figures
    target.write_text(json.dumps(report, indent=2))
    print(f"\nFigures written to {target}")


if __name__ == "__main__":
    main()
