"""The page templates' compiled code, kept between processes as Python keeps compiled modules.

Jinja compiles every template to Python code: 0.4 s for the portal's templates in each build at
1,000 entities. ``cache()`` is Jinja's own ``FileSystemBytecodeCache`` in the package's
``__pycache__``, where Python keeps the hub's compiled modules; Jinja keys each template by its
name and checks its source. What Jinja also folds in at compile time (filters, tests and
``finalize`` applied to constants, ``autoescape``, the syntax settings) comes from the hub's own
code and the libraries its filters use, so the folder's name is a digest of those: a change to any
of them, or to Python, starts a new folder (and the old ones are removed). Where the folder cannot
be written, the templates are compiled in each process, as before.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import shutil
import sys
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

PACKAGE = Path(__file__).resolve().parent.parent
# the libraries that decide what the templates' filters and finalize return
LIBRARIES = ("jinja2", "markupsafe", "markdown", "nh3", "pymdown-extensions")


class _Cache(FileSystemBytecodeCache):
    """Jinja's cache that never fails a render: a file it cannot read or write is compiled again."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged file (pickle and marshal raise many kinds)
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def fingerprint(options: dict) -> str:
    """A digest of what the compiled code depends on besides each template's source: Python, the
    libraries, every source file of the hub (by size and time, as Python checks its compiled
    modules) and ``options`` (the environment's settings; functions by name)."""
    settings = sorted((key, getattr(value, "__qualname__", value)) for key, value in options.items())
    lines = [sys.version, repr(settings)] + [f"{name}={_version(name)}" for name in LIBRARIES]
    for source in sorted(PACKAGE.rglob("*.py")):
        if not source.name.startswith("."):  # an editor's lock or temporary file
            stat = source.lstat()
            lines.append(f"{source.relative_to(PACKAGE).as_posix()} {stat.st_size} {stat.st_mtime_ns}")
    return hashlib.blake2b("\n".join(lines).encode(), digest_size=8).hexdigest()


def cache(name: str, options: dict) -> FileSystemBytecodeCache | None:
    """The bytecode cache of the environment ``name`` made with ``options`` (None where it cannot be kept)."""
    root = PACKAGE / "__pycache__"
    prefix = f"jinja-{name}-{sys.implementation.cache_tag}-"  # as Python names its compiled modules
    try:
        folder = root / f"{prefix}{fingerprint(options)}"
        if not folder.is_dir():
            for old in root.glob(f"{prefix}*"):
                if old != folder:
                    shutil.rmtree(old, ignore_errors=True)
            folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _Cache(str(folder))


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "-"
