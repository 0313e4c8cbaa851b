"""Bytes to text, refusing binary files and reporting undecodable bytes.

Policy: UTF-8 (a BOM is accepted and dropped). If that fails, Windows-1252 is accepted only
when every byte decodes to a defined character and the result has no control characters
(old French wire files are often cp1252; decoding them is lossless). Anything else is
reported with the offset of the first bad byte, never silently mangled.
"""
from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class DecodeError(ValueError):
    pass


def looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:65536]


def decode_text(data: bytes) -> str:
    """Decode a file's bytes, or raise DecodeError with a one-line reason."""
    if looks_binary(data):
        raise DecodeError("binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = None
        if text is None or _CONTROL.search(text):
            raise DecodeError(
                f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}) "
                "and not clean Windows-1252 text") from None
        return text
    bad = _CONTROL.search(text)
    if bad:
        raise DecodeError(f"not text (control character U+{ord(bad.group()):04X} "
                          f"at offset {bad.start()})")
    return text
