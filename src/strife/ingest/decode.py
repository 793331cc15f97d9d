"""Bytes to text: UTF-8 first (BOM or not), then a detected encoding; binary is refused."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes


class DecodeError(ValueError):
    """Content that is not text; the message is the one-line failure reason."""


# Control characters that do not occur in text files (everything below 0x20 except \t \n \r \f).
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13)) + b"\x7f"


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(bytes([c])) for c in _CONTROL)
    return controls > max(2, len(sample) // 100)


def decode(data: bytes) -> str:
    """Decode `data` to str or raise DecodeError("binary file" / "empty")."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError("binary file") from exc
            return _check_empty(text)
    if _looks_binary(data):
        raise DecodeError("binary file")
    try:
        return _check_empty(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("binary file")
    return _check_empty(str(best))


def _check_empty(text: str) -> str:
    if not text.strip():
        raise DecodeError("empty")
    return text
