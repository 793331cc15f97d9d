"""`strife serve` as a user runs it: a real process on a free port, over a DuckDB file."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from strife.cli import app

from .sample import TOKEN, fill


def test_serve_help_lists_its_options() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--token", "--open-reads", "--no-open-reads"):
        assert option in result.output


def test_closed_reads_without_a_token_is_refused() -> None:
    result = CliRunner().invoke(app, ["serve", "--no-open-reads"], env={"STRIFE_API_TOKEN": ""})
    assert result.exit_code != 0
    assert "token" in result.output.lower()


@pytest.mark.slow
def test_serve_process_answers_reads_and_guards_writes(tmp_path: Path) -> None:
    from strife.store import open_store

    db = tmp_path / "demo.duckdb"
    with open_store(str(db)) as store:
        fill(store)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "STRIFE_API_TOKEN": TOKEN}
    code = "from strife.cli import main; main()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--db", str(db), "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # until the socket answers (or the process dies)
            if proc.poll() is not None:
                pytest.fail(f"strife serve exited: {proc.stdout.read().decode() if proc.stdout else ''}")
            try:
                response = httpx.get(f"{base}/api/events", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            pytest.fail("strife serve did not answer")
        assert response.json()["total"] == 4
        assert 'id="map"' in httpx.get(f"{base}/").text
        assert httpx.post(f"{base}/api/articles", json={"text": "x"}).status_code == 401
    finally:
        proc.terminate()
        proc.wait(timeout=20)
