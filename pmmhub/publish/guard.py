"""What ``hub build`` refuses before it touches anything.

A build replaces its whole site folder, so the folder must be one it may delete: not the
project, an ancestor of it, the filesystem root or the home folder, not a folder that holds
sources (or lies inside one), and, when it is not empty, a site an earlier ``hub build``
made (it carries the ``STAMP`` file). The internal edition never replaces a public site.

The sources the engine reads (docs, theme overrides) must be readable regular files, and
symlinks among them must resolve inside the project: a broken symlink, an unreadable file,
a FIFO or a link to ``~/.ssh`` is refused with its path, all of them in one run.
"""
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

STAMP = ".hub-site"  # at the root of every site hub build made: "hub build: <audience> edition"
_STAMP_TEXT = "hub build: {} edition\n"
_SYSTEM = ("bin", "boot", "dev", "etc", "home", "lib", "lib64", "media", "mnt", "opt", "proc", "root", "run",
           "sbin", "srv", "sys", "tmp", "usr", "var", "Users", "Volumes")
_HINT = "choose a folder of its own, e.g. the default (leave --site-dir out) or --site-dir site-out"


class Refused(Exception):
    """The site folder or a source may not be used; the message says which and why."""


def read_config(config_file: Path) -> dict:
    """The MkDocs config as MkDocs reads it (``!ENV``, ``INHERIT``); a broken file is refused."""
    from pmmhub.engines.config import ConfigError, read

    try:
        return read(config_file)
    except ConfigError as err:
        raise Refused(str(err)) from None


def sources(config_file: Path) -> dict[Path, str]:
    """Every folder a build reads or that holds the project's work (real path -> what it is)."""
    import macros
    import pmmhub
    from pmmhub.engines.config import data_dir
    from pmmhub.engines.run import WORK

    config, root = read_config(config_file), config_file.parent
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    named = {
        data_dir(config_file, config): "the hub's data folder",
        root / str(config.get("docs_dir") or "docs"): "the docs folder, docs_dir",
        root / str(theme.get("custom_dir") or "overrides"): "the theme overrides, theme.custom_dir",
        root / WORK: "the hub's work folder, where editions are rendered",
        root / ".git": "the git repository",
        root / "tests": "the tests folder",
        root / "pmmhub": "the hub engine pmmhub",
        root / "macros": "the hub engine macros",
        Path(pmmhub.__file__).parent: "the installed hub engine pmmhub",
        Path(macros.__file__).parent: "the installed hub engine macros",
        Path(sys.prefix): "the Python environment",
    }
    return {path.resolve(): what for path, what in named.items()}


def site_dir(config_file: Path, given: Path, audience: str) -> Path:
    """The real path of the site folder ``given``, once it is safe to replace; else ``Refused``."""
    target = given.resolve()
    label = f"--site-dir {given}" + (f" ({target})" if str(target) != str(given) else "")
    reason = _protected(config_file.resolve(), target)
    if reason:
        raise Refused(f"{label}: refusing to build there: it is {reason}; a build replaces the whole "
                      f"folder, so it would delete it\n    hint: {_HINT}")
    contents(target, audience, label)
    writable(target, label)
    return target


def _protected(config_file: Path, target: Path) -> str | None:
    """Why ``target`` may not be replaced, or None."""
    root = config_file.parent
    places = {Path(target.anchor): "the filesystem root", _home(): "the home folder",
              **{Path(target.anchor, name): "a system folder" for name in _SYSTEM},
              Path.cwd().resolve(): "the current folder", root: "the project folder"}
    folders = sources(config_file)
    for place, what in {**places, **folders}.items():
        if target == place:
            return f"{what} ({place})"
    for place, what in places.items():
        if place.is_relative_to(target):
            return f"an ancestor of {what} ({place})"
    for place, what in folders.items():
        if target.is_relative_to(place):
            return f"inside {what} ({place})"
        if place.is_relative_to(target):
            return f"a folder that holds {what} ({place})"
    return None


def _home() -> Path:
    try:
        return Path.home().resolve()
    except (KeyError, RuntimeError):  # no HOME and no passwd entry
        return Path("/")


def contents(target: Path, audience: str, label: str) -> None:
    """Refuse a non-empty ``target`` that is not a hub site, or a public site the internal edition would replace."""
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise Refused(f"{label}: refusing to build there: it is not a folder\n    hint: {_HINT}")
    if not target.exists():
        return
    try:
        entries = sorted(p.name for p in target.iterdir())
    except OSError as err:
        raise Refused(f"{label}: cannot list the folder: {err.strerror}\n    hint: {_HINT}") from None
    if not entries:
        return
    edition = stamped(target)
    if edition is None:
        shown = ", ".join(entries[:3]) + (", …" if len(entries) > 3 else "")
        raise Refused(f"{label}: refusing to build there: the folder is not empty ({len(entries)} "
                      f"{'entry' if len(entries) == 1 else 'entries'}: {shown}) and is not a site hub build made (it has no {STAMP} file), so a build "
                      f"would delete what it holds\n    hint: if it is an old build, remove it yourself "
                      f"(rm -r {target}); otherwise {_HINT}")
    if edition == "public" and audience != "public":
        raise Refused(f"{label}: refusing to build the {audience} edition there: the folder holds the public "
                      f"edition ({STAMP}), and whatever serves it would publish internal content\n"
                      f"    hint: build the internal edition elsewhere (the default is site/), or remove "
                      f"the public site first (rm -r {target})")


def stamped(site: Path) -> str | None:
    """The edition named by the stamp of ``site``, or None when it carries no valid stamp."""
    stamp = site / STAMP
    try:
        if not stat.S_ISREG(stamp.lstat().st_mode):
            return None
        text = stamp.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    for audience in ("internal", "public"):
        if text == _STAMP_TEXT.format(audience):
            return audience
    return None


def stamp(site: Path, audience: str) -> None:
    """Mark ``site`` as the ``audience`` edition built by ``hub build``."""
    (site / STAMP).write_text(_STAMP_TEXT.format(audience), encoding="utf-8")


def writable(target: Path, label: str) -> None:
    """Refuse a read-only site folder, or a read-only folder where it is to be created."""
    if target.exists() and not os.access(target, os.W_OK | os.X_OK):
        raise Refused(f"{label}: the site folder is read-only, so the build cannot replace it\n"
                      f"    hint: make it writable (chmod u+w {target}) or {_HINT}")
    parent = next(p for p in target.parents if p.exists())
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        raise Refused(f"{label}: cannot write in {parent}, where the new site is built before it is swapped "
                      f"in\n    hint: make {parent} writable or {_HINT}")


def check_sources(config_file: Path) -> None:
    """Refuse the build when a docs or override file cannot be read, listing every such file."""
    config_file = config_file.resolve()
    root = config_file.parent
    problems: list[str] = []
    for folder, what in sources(config_file).items():
        if what.startswith(("the docs", "the theme")) and folder.is_dir():
            problems += _unreadable(folder, root)
    if problems:
        raise Refused(f"{len(problems)} source file(s) cannot be read:\n" + "\n".join(f"  {p}" for p in problems))


def _unreadable(folder: Path, root: Path) -> list[str]:
    """Each entry under ``folder`` the engine could not read, with why and a hint."""
    problems: list[str] = []
    seen: set[Path] = set()

    def walk_error(err: OSError) -> None:
        problems.append(f"{_shown(Path(err.filename), root)}: cannot read the folder: {err.strerror}\n"
                        f"    hint: chmod u+rx it, or remove it")

    for where, dirs, files in os.walk(folder, onerror=walk_error, followlinks=True):
        here = Path(where)
        real = here.resolve()
        if real in seen:  # a symlinked folder met twice
            dirs[:] = []
            continue
        seen.add(real)
        for name in sorted(dirs) + sorted(files):
            problem = _entry(here / name, root, folder)
            if problem:
                problems.append(problem)
                if name in dirs:
                    dirs.remove(name)
    return problems


def _entry(path: Path, root: Path, folder: Path) -> str | None:
    shown = _shown(path, root)
    if path.is_symlink():
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return (f"{shown}: broken symlink (to {os.readlink(path)!r})\n"
                    f"    hint: point it at an existing file in the project, or remove it")
        if not (real.is_relative_to(root) or real.is_relative_to(folder.resolve())):
            return (f"{shown}: symlink to {real}, outside the project; the build would publish it\n"
                    f"    hint: copy the file into the project instead, or remove the link")
        if path.parent.resolve().is_relative_to(real):
            return f"{shown}: symlink to its own ancestor folder {real}, a loop\n    hint: remove the link"
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            os.listdir(path)
            return None
        if not stat.S_ISREG(mode):
            return f"{shown}: not a regular file (a FIFO, socket or device)\n    hint: remove it"
        os.close(os.open(path, os.O_RDONLY | os.O_NONBLOCK))
    except OSError as err:
        return f"{shown}: cannot read it: {err.strerror}\n    hint: chmod u+r it, or remove it"
    return None


def _shown(path: Path, root: Path) -> str:
    """``path`` relative to the project when it is inside it."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
