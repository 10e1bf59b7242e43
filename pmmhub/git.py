"""Running git: one place that turns its failures into ``GitError`` with a readable message."""
from __future__ import annotations

import subprocess
from pathlib import Path


class GitError(Exception):
    """A revision or repository problem, said for people."""


def git(*args: str, cwd: Path) -> bytes:
    """``git args…`` run in ``cwd``; its standard output."""
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=True).stdout
    except FileNotFoundError as err:
        raise GitError("git is not installed") from err
    except OSError as err:  # cwd is not a directory
        raise GitError(str(err)) from err
    except subprocess.CalledProcessError as err:
        raise GitError(err.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed") from err


def toplevel(start: Path) -> Path:
    """The root of the git work tree holding ``start``."""
    return Path(git("rev-parse", "--show-toplevel", cwd=start).decode().strip()).resolve()
