"""A cache of compiled name tables, keyed by the bytes of everything they come from.

Deriving variants and compiling the matcher for a large table takes minutes; loading
the compiled result takes seconds. The key is a SHA-256 of the library version and
source code, the Python version, the versions of the libraries that shape derivation,
and the name and bytes of every table and data file read, so a changed table (or new
code) gets a new key and a stale entry is never served. Entries are written
atomically; an unreadable or corrupt entry is ignored and rebuilt. Only the newest
few entries are kept, up to 2 GiB.

``NORMALIZE_CACHE_DIR`` moves the cache; ``NORMALIZE_CACHE=0`` switches it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_FORMAT = 1  # bump when the pickled layout changes
_KEEP = 8  # entries kept; older ones are removed when a new one is written
_KEEP_BYTES = 2 << 30  # and no more than this in all
_SHAPING_LIBRARIES = ("pypinyin", "pyahocorasick", "wordfreq", "regex", "unidecode")


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is switched off."""
    if os.environ.get("NORMALIZE_CACHE", "1").strip().lower() in ("0", "false", "no", "off"):
        return None
    configured = os.environ.get("NORMALIZE_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "normalize"


def content_key(files: Iterable[Path]) -> str:
    """A digest of the environment, of the library's own code, and of each file's name
    and bytes, in order."""
    from normalize import __version__  # the package imports this module first

    digest = hashlib.sha256()
    for part in (f"format {_FORMAT}", f"normalize {__version__}", sys.version,
                 *(f"{lib} {_version(lib)}" for lib in _SHAPING_LIBRARIES)):
        digest.update(part.encode() + b"\0")
    code = sorted(Path(__file__).parent.glob("*.py"))  # the code that compiles them
    for f in [*code, *files]:
        data = Path(f).read_bytes()
        digest.update(Path(f).name.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


def cached(key: str, build: Callable[[], T]) -> T:
    """The value stored under ``key``, or ``build()``, stored for next time."""
    folder = cache_dir()
    if folder is None:
        return build()
    entry = folder / f"{key}.pickle"
    value = _read(entry)
    if value is not None:
        return value
    value = build()
    _write(folder, entry, value)
    return value


def _read(entry: Path):
    try:
        with entry.open("rb") as f:
            value = pickle.load(f)
        os.utime(entry)  # recently used: kept longest by pruning
        return value
    except Exception:  # missing, truncated, corrupt or incompatible: build it anew
        return None


def _write(folder: Path, entry: Path, value: object) -> None:
    """Write atomically; a cache that cannot be written is simply not used."""
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".pickle", dir=folder)
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
        tmp = None
        _prune(folder)
    except OSError:
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _prune(folder: Path) -> None:
    """Keep the most recently used entries, at most ``_KEEP`` of them and ``_KEEP_BYTES``
    in all (the newest is always kept)."""
    entries = sorted(((p.stat(), p) for p in folder.glob("*.pickle")),
                     key=lambda e: e[0].st_mtime, reverse=True)
    total = 0
    for k, (stat, path) in enumerate(entries):
        total += stat.st_size
        if k and (k >= _KEEP or total > _KEEP_BYTES):
            path.unlink(missing_ok=True)


def _version(library: str) -> str:
    try:
        return version(library)
    except PackageNotFoundError:
        return "?"
