"""A Redis that hangs, as a frozen host or a stopped process does: its port takes connections and nothing
ever answers. Until told to answer, it does not even accept them: the kernel completes each connection and
queues it, and `connection_attempts()` counts the queue without waiting for anything."""

import contextlib
import socket
import threading
import urllib.parse

from tests.servers import pipe


class FakeRedis:
    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.port = self.listener.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.connections = 0
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.answering = False

    def url_for(self, real_url: str) -> str:
        """This server's address with the real Redis's database number."""
        return f"redis://127.0.0.1:{self.port}{urllib.parse.urlsplit(real_url).path}"

    def connection_attempts(self) -> int:
        if not self.answering:
            self.listener.setblocking(False)
            while True:
                try:
                    connection, _ = self.listener.accept()
                except BlockingIOError:
                    break
                self._count(connection)
        with self.lock:
            return self.connections

    def answer_from(self, real_url: str) -> None:
        """From now on, pass every new connection on to a real Redis."""
        self.connection_attempts()
        self.answering = True
        self.listener.setblocking(True)
        parts = urllib.parse.urlsplit(real_url)
        threading.Thread(target=self._forward, args=(parts.hostname, parts.port or 6379), daemon=True).start()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the forwarding thread's accept()
        self.listener.close()
        with self.lock:
            for sock in self.sockets:
                sock.close()

    def _count(self, connection) -> None:
        with self.lock:
            self.connections += 1
            self.sockets.append(connection)

    def _forward(self, host, port) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            self._count(client)
            upstream = socket.create_connection((host, port))
            with self.lock:
                self.sockets.append(upstream)
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=pipe, args=(source, target), daemon=True).start()
