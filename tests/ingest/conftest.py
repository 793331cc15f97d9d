"""Fixtures for the ingest tests: fixture paths and a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .helpers import FIXTURES

# Longest any handler stalls: the server thread never outlives a test run by more.
SLOW_SECONDS = 2.0


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/plain", headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        try:
            self._answer(self.path)
        except ConnectionError:
            pass  # the client gave up (timeout, size cap): expected in these tests

    def _answer(self, path: str) -> None:
        if path == "/article":
            self._send(200, (FIXTURES / "article.html").read_bytes(), "text/html; charset=utf-8")
        elif path == "/feed":
            self._send(200, (FIXTURES / "rss.xml").read_bytes(), "application/rss+xml")
        elif path == "/plain":
            body = "Curfew imposed in harbour town after night of unrest\nThe mayor ordered shops to close early."
            self._send(200, body.encode(), "text/plain; charset=utf-8")
        elif path == "/missing":
            self._send(404, b"not here")
        elif path == "/error":
            self._send(500, b"boom")
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, b"too late", "text/plain")
        elif path == "/big":
            self._send(200, b"word " * 4000, "text/plain")
        elif path == "/big-chunked":
            # No Content-Length: the cap must hold while streaming.
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"word " * 100)
        elif path == "/redirect":
            self._send(302, b"", headers={"Location": "/article"})
        elif path == "/loop":
            self._send(302, b"", headers={"Location": "/loop"})
        elif path == "/to-ftp":
            self._send(302, b"", headers={"Location": "ftp://127.0.0.1/file.txt"})
        else:
            self._send(404, b"unknown")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """Base URL of a throwaway HTTP server, shut down after the module's tests."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
