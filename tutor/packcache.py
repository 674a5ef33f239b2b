"""A compiled cache of a loaded pack, so that start-up does not parse YAML every time.

The cache is keyed by the tutor's own source files and every pack file (path, size, modification
time): any change to either builds afresh. It lives in the user's cache directory
($XDG_CACHE_HOME/bone-tutor), which only that user writes; set TUTOR_NO_CACHE=1 to bypass it.
A cache that cannot be read or written is ignored: it is only ever a shortcut. Several packs (or
versions of one) are kept, the least recently used dropped first, so switching packs does not rebuild.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Callable, TypeVar

__all__ = ["cached", "cache_dir"]

T = TypeVar("T")
_CODE = Path(__file__).resolve().parent
KEEP = 8  # compiled packs kept in the cache directory


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "bone-tutor"


def _fingerprint(folders: list[Path]) -> str:
    digest = hashlib.sha256(f"{sys.version}\0{pickle.HIGHEST_PROTOCOL}\n".encode())
    for folder in [_CODE, *folders]:
        for path in sorted(p for p in folder.rglob("*") if p.suffix in (".py", ".yaml", ".yml") and p.is_file()):
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def cached(folders: list[Path], build: Callable[[], T]) -> T:
    """`build()`'s result, from the cache when nothing it was built from has changed."""
    if os.environ.get("TUTOR_NO_CACHE"):
        return build()
    try:
        path = cache_dir() / f"pack-{_fingerprint(folders)}.pickle"
    except OSError:
        return build()
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
        _touch(path)
        return value
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    result = build()
    _store(path, result)
    return result


def _store(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
        _evict(path.parent, keep=KEEP)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass


def _touch(path: Path) -> None:
    """Mark a cache file as just used (its modification time orders the eviction)."""
    try:
        os.utime(path)
    except OSError:
        pass


def _evict(folder: Path, keep: int) -> None:
    """Drop all but the `keep` most recently used compiled packs."""
    def used(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    for old in sorted(folder.glob("pack-*.pickle"), key=used, reverse=True)[keep:]:
        old.unlink(missing_ok=True)
