"""Bytes to text: UTF-8 first (BOM or not), then a detected encoding; binary is refused."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes


class DecodeError(ValueError):
    """Content that is not text; the message is the one-line failure reason."""


_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.I)
PREFERRED_ON_TIE = ("cp1252", "latin_1", "iso8859_15")

# Control characters that do not occur in text files (everything below 0x20 except \t \n \r \f).
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13)) + b"\x7f"


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(bytes([c])) for c in _CONTROL)
    return controls > max(2, len(sample) // 100)


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The encoding the document declares: HTTP charset, <meta charset>, or the XML declaration."""
    sources = [content_type.encode("ascii", "ignore")] if content_type else []
    sources.append(data[:4096])
    for source in sources:
        match = _DECLARED.search(source)
        if match:
            name = match.group(1).decode("ascii")
            try:
                codec = codecs.lookup(name).name
            except LookupError:
                continue
            # As browsers do (WHATWG): pages labelled latin-1/ASCII are really windows-1252.
            return "cp1252" if codec in ("iso8859-1", "ascii", "latin-1") else codec
    return None


def decode(data: bytes, content_type: str | None = None) -> str:
    """Decode `data` to str or raise DecodeError("binary file" / "empty").

    UTF-8 first (BOM or not), then the declared charset, then charset-normalizer's guess.
    """
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
    declared = declared_charset(data, content_type)
    if declared and declared not in ("utf-8", "utf-16", "utf-32"):
        try:
            return _check_empty(data.decode(declared))
        except UnicodeDecodeError:
            pass
    matches = list(from_bytes(data))
    if not matches:
        raise DecodeError("binary file")
    best = matches[0]
    # Short Western European texts fit cp1250/cp1257 as well as cp1252; charset-normalizer
    # then picks one arbitrarily (à becomes ŕ). cp1252 is by far the commonest legacy
    # encoding of news text, so it wins such ties.
    for match in matches:
        if (
            match.encoding in PREFERRED_ON_TIE
            and match.chaos <= best.chaos + 0.01
            and match.coherence >= best.coherence - 0.05
        ):
            best = match
            break
    return _check_empty(str(best))


def _check_empty(text: str) -> str:
    if not text.strip():
        raise DecodeError("empty")
    return text
