"""Paths shared by the ingest tests."""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "000_2506c64e078a3585.txt"
