"""Where the built-in tables and rule files are: inside the wheel, or in a checkout."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def builtin_aliases_dir() -> Path:
    """``normalize/aliases`` in an installed wheel, else the checkout's ``aliases/``."""
    packaged = Path(str(files("normalize"))) / "aliases"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "aliases"


def data_file(name: str) -> Path:
    """A rule file shipped in ``normalize/data``."""
    return Path(str(files("normalize"))) / "data" / name
