"""A compiled cache of a loaded pack, so that start-up does not parse YAML every time.

The cache is keyed by the tutor's own source files and every pack file (path, size, modification
time): any change to either builds afresh. It lives in the user's cache directory
($XDG_CACHE_HOME/bone-tutor), which only that user writes; set TUTOR_NO_CACHE=1 to bypass it.
A cache that cannot be read or written is ignored: it is only ever a shortcut.
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
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    result = build()
    _store(path, result)
    return result


def _store(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("pack-*.pickle"):
            old.unlink(missing_ok=True)  # one pack version at a time
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass
