"""Reading inputs: bytes to text without losing or inventing anything.

UTF-8 is the default. A byte-order mark decides instead when there is one: a UTF-8 BOM
is dropped (it is not part of the text), UTF-16 with a BOM is read as UTF-16. Clean
text is always written as UTF-8 without a BOM. A file with a NUL byte is binary and
refused. Invalid UTF-8 is an error naming the byte offset, unless the caller asks to
replace it, in which case every replacement is counted.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass


class InputError(ValueError):
    """An input that cannot be read as text; ``str()`` says why, in one line."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    replaced: int = 0  # invalid bytes replaced by U+FFFD (only with errors="replace")
    first_replaced: int = -1  # byte offset of the first one


def decode(data: bytes, *, errors: str = "strict") -> Decoded:
    """Text of ``data`` as described in the module docstring.

    >>> decode(b"\\xef\\xbb\\xbfYin Xilie").text
    'Yin Xilie'
    >>> decode("Hanhe".encode("utf-16")).text
    'Hanhe'
    >>> decode(b"caf\\xe9", errors="replace").replaced
    1
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_utf16(data)
    encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(f"binary file (NUL byte at {nul}), not text")
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as err:
        if errors != "replace":
            raise InputError(f"not valid UTF-8 at byte {err.start} "
                             f"(use --errors replace to replace bad bytes)") from None
        return _replace_invalid(data, encoding, err.start)


def _decode_utf16(data: bytes) -> Decoded:
    try:
        return Decoded(data.decode("utf-16"), "utf-16")
    except UnicodeDecodeError as err:
        raise InputError(f"not valid UTF-16 at byte {err.start}") from None


def _replace_invalid(data: bytes, encoding: str, first: int) -> Decoded:
    """Decode with U+FFFD for each invalid sequence, and count them (minus any U+FFFD
    the input already held)."""
    text = data.decode(encoding, errors="replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    return Decoded(text, encoding, replaced, first)
