"""Where bytes come from: files, folders, stdin and http(s) URLs, each with a size cap."""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import httpx

from strife.ingest.common import failure
from strife.schema import ReadFailure

DEFAULT_MAX_BYTES = 50_000_000
MAX_REDIRECTS = 5
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://")
USER_AGENT = "strife/0.1 (conflict event coder)"


def size_text(n: int) -> str:
    """'51 MB', '2.5 MB', or bytes for caps under a megabyte (tests use small caps)."""
    if n < 1_000_000:
        return f"{n} bytes"
    return f"{n / 1_000_000:.1f}".rstrip("0").rstrip(".") + " MB"


def too_large(size: int, max_bytes: int) -> str:
    if max_bytes >= 1_000_000:
        shown = size_text(size)
        if shown == size_text(max_bytes):  # 50.04 MB must not read "50 MB > 50 MB"
            shown = f"{size / 1_000_000:.3f} MB"
        return f"too large ({shown} > {size_text(max_bytes)})"
    return f"too large ({size} bytes > {max_bytes} bytes)"


def url_scheme(source: str) -> str | None:
    """The scheme of a URL-looking source ('http', 'ftp', 'file'), else None."""
    match = _SCHEME.match(source)
    return match.group(1).lower() if match else None


def walk(root: Path) -> Iterator[Path | ReadFailure]:
    """Files under `root`, recursively, in name order (a folder's files where its name sorts),
    skipping hidden files and folders and not following symlinked folders (no loops).
    An unreadable subfolder is a failure of its own; the walk goes on."""
    try:
        entries = sorted(root.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield failure(str(root), f"could not list folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.is_symlink():
                yield from walk(entry)
        elif entry.is_file():
            yield entry


def read_file(path: Path, max_bytes: int) -> bytes | ReadFailure:
    """The bytes of a file, refused (without reading it) when over the cap."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return failure(origin, too_large(size, max_bytes))
        with path.open("rb") as handle:
            return _read_capped(handle, origin, max_bytes)
    except FileNotFoundError:
        return failure(origin, "no such file or directory")
    except PermissionError:
        return failure(origin, "permission denied")
    except OSError as exc:
        return failure(origin, f"could not read: {exc.strerror or exc}")


def _read_capped(handle: BinaryIO, origin: str, max_bytes: int) -> bytes | ReadFailure:
    # Files can grow after stat() and stdin has no size: read one byte past the cap to know.
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        return failure(origin, f"too large (more than {size_text(max_bytes)})")
    return data


def read_stdin(max_bytes: int, stream: BinaryIO | None = None) -> bytes | ReadFailure:
    stream = stream if stream is not None else sys.stdin.buffer
    try:
        return _read_capped(stream, "<stdin>", max_bytes)
    except OSError as exc:
        return failure("<stdin>", f"could not read stdin: {exc}")


def make_client(timeout: float) -> httpx.Client:
    return httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        headers={"User-Agent": USER_AGENT},
    )


class Fetched:
    """A successful download: body bytes, its content type and the final URL after redirects."""

    def __init__(self, data: bytes, content_type: str | None, url: str) -> None:
        self.data = data
        self.content_type = content_type
        self.url = url


def fetch(client: httpx.Client, url: str, max_bytes: int, timeout: float) -> Fetched | ReadFailure:
    """GET `url` with the size cap enforced while streaming and an overall deadline."""
    scheme = url_scheme(url)
    if scheme not in ("http", "https"):
        return failure(url, f"unsupported URL scheme {scheme!r} (only http and https)")
    # Read timeouts are per chunk; a server trickling bytes is stopped by this deadline.
    deadline = time.monotonic() + 3 * timeout
    try:
        with client.stream("GET", url) as response:
            if not response.is_success:
                reason = response.reason_phrase or ""
                return failure(url, f"HTTP {response.status_code} {reason}".strip())
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                return failure(url, too_large(int(declared), max_bytes))
            chunks: list[bytes] = []
            received = 0
            for chunk in response.iter_bytes():
                received += len(chunk)
                if received > max_bytes:
                    return failure(url, f"too large (more than {size_text(max_bytes)})")
                if time.monotonic() > deadline:
                    return failure(url, f"timed out: download took over {3 * timeout:g} s")
                chunks.append(chunk)
            return Fetched(b"".join(chunks), response.headers.get("content-type"), str(response.url))
    except httpx.TimeoutException as exc:
        kind = {
            httpx.ConnectTimeout: "connect ", httpx.ReadTimeout: "read ", httpx.PoolTimeout: "pool ",
            httpx.WriteTimeout: "write ",
        }.get(type(exc), "")
        return failure(url, f"timed out ({kind}timeout {timeout:g} s)")
    except httpx.TooManyRedirects:
        return failure(url, f"too many redirects (more than {MAX_REDIRECTS})")
    except httpx.UnsupportedProtocol as exc:
        return failure(url, f"unsupported URL: {exc}")
    except httpx.ConnectError as exc:
        return failure(url, f"connection failed: {exc}")
    except httpx.HTTPError as exc:
        return failure(url, f"HTTP error: {type(exc).__name__}: {exc}")
    except httpx.InvalidURL as exc:
        return failure(url, f"invalid URL: {exc}")
