"""Compiled Jinja templates kept on disk between builds, so a build compiles only what changed.

A build's process is new each time, and compiling the portal's and the theme's templates (some
120) costs it most of a second on the critical path. ``attach(env, folder)`` gives ``env`` a
bytecode cache in a subfolder of ``folder`` (the project's git-ignored ``build/jinja/``) named
by everything that changes what a template compiles to (Jinja's version, the environment's
syntax and options), so environments that compile differently never share one. Jinja checks
each entry against the template's source and the Python version and compiles again when they
differ. A cache that cannot be read or written is no cache: the build goes on without it.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

CACHE = Path("build") / "jinja"  # under the project, like the rendered tree


class _QuietCache(FileSystemBytecodeCache):
    """A file cache whose failures only cost a compile: an entry that cannot be read or is cut
    short (Jinja lets a truncated one raise), a folder that cannot be written."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - any unreadable entry is compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def fingerprint(env: jinja2.Environment) -> str:
    """What decides the code ``env`` compiles a template to, as a short hash."""
    def name(value) -> str:
        return getattr(value, "__qualname__", None) or repr(value) if callable(value) else repr(value)

    parts = [jinja2.__version__, sorted(env.extensions), env.block_start_string, env.block_end_string,
             env.variable_start_string, env.variable_end_string, env.comment_start_string, env.comment_end_string,
             env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
             env.newline_sequence, env.keep_trailing_newline, env.optimized, env.is_async,
             name(env.autoescape), name(env.finalize), name(env.undefined)]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def attach(env: jinja2.Environment, folder: Path) -> None:
    """Keep ``env``'s compiled templates in ``folder`` (its subfolder for this kind of environment)."""
    target = Path(folder) / fingerprint(env)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    if os.access(target, os.W_OK | os.X_OK):
        env.bytecode_cache = _QuietCache(str(target))
