"""gunicorn started by a test: the production settings as a hosting party runs them, on a free port."""

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager

from tests.tools import ROOT


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pipe(source: socket.socket, target: socket.socket) -> None:
    """Copy bytes from `source` to `target` until either closes (one direction of a TCP relay)."""
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (source, target):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


@contextmanager
def gunicorn(
    env: dict, ready_path: str = "/robots.txt", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
):
    """Yields (process, base URL) once `ready_path` answers; stops the server afterwards."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own app, fixed arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "site_project.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        env=env,
        cwd=ROOT,
        stdout=stdout,
        stderr=stderr,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + ready_path, timeout=2)  # noqa: S310 - loopback
                break
            except OSError:
                time.sleep(0.2)
        yield process, base
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=20)
