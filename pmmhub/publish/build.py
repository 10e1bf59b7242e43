"""Build an edition of the portal into a staging folder, check it, and only then swap it in
place of the published folder — a failed or interrupted build never replaces a good site
and leaves nothing behind.

Before anything is written, ``pmmhub.publish.guard`` refuses a site folder the build may
not delete and sources the engine could not read. The build holds the folder's lock
(``pmmhub.publish.lock``), removes what killed builds of it left (staging and old-site
folders next to it), and treats SIGTERM and SIGHUP like Ctrl-C: the engine is stopped and
the staging folder removed. The checks scan the output for text it must not contain
(``pmmhub.publish.leakcheck``). Dates come from ``SOURCE_DATE_EPOCH`` or, when it is not
set, from the last commit, so two builds of one commit are byte-identical.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from pmmhub import one_shot
from pmmhub.engines.config import ConfigError
from pmmhub.engines.run import WORK, Built, EngineFailed, build_with
from pmmhub.git import GitError, git
from pmmhub.problems import HubDataError
from pmmhub.publish import guard, lock
from pmmhub.publish.leakcheck import Leak, copy_files, copy_leaks, customer_secrets, internal_only, scan
from pmmhub.publish.shipping import unexpected
from pmmhub.relate.catalog import load
from pmmhub.relate.editions import edition
from pmmhub.render.producers.customer_copies import is_copy

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
WAIT = 600.0  # seconds a build waits for another build of the same folder


class BuildFailed(Exception):
    """The build or a check failed; the message says which and why."""


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP arrived; raised like Ctrl-C's KeyboardInterrupt so cleanup runs."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def source_date_epoch(root: Path) -> str | None:
    """``SOURCE_DATE_EPOCH`` if set, else the last commit's time, for reproducible output."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        return git("log", "-1", "--format=%ct", cwd=root).decode().strip() or None
    except GitError:  # no git, no repository or no commit yet
        return None


def build(config_file: Path, site_dir: Path, audience: str, wait: float = WAIT,
          say: Callable[[str], None] = _stderr, engine: str = "mkdocs") -> Path:
    """Build ``audience`` with ``engine`` into ``site_dir`` atomically; raise ``BuildFailed`` otherwise.
    What the build loads is frozen for the garbage collector (``one_shot.keep``): a program that
    builds again and again in one process calls ``gc.unfreeze()`` after each build."""
    config_file = config_file.resolve()
    try:
        with signals_raise():
            return _build(config_file, site_dir, audience, wait, say, engine)
    except (guard.Refused, lock.Busy) as err:
        raise BuildFailed(str(err)) from None
    except OSError as err:
        where = err.filename or site_dir
        raise BuildFailed(f"{where}: {err.strerror or err}\n    hint: check that the folder exists, is writable "
                          f"and its disk has room, then build again") from None


def _build(config_file: Path, given: Path, audience: str, wait: float, say: Callable[[str], None],
           engine: str) -> Path:
    site_dir = guard.site_dir(config_file, given, audience)
    guard.check_sources(config_file)
    created = _make_parents(site_dir)
    try:
        with lock.held(site_dir, wait, say), _work_lock(config_file, wait, say):
            sweep(site_dir, say)
            guard.contents(site_dir, audience, f"--site-dir {given}")  # it may have changed while we waited
            staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
            try:
                _publish(config_file, staging, site_dir, audience, say, engine)
            except BaseException:
                with uninterrupted():
                    remove(staging, say)
                raise
    except BaseException:
        for folder in created:  # folders made for the site, if nothing else went there
            try:
                folder.rmdir()
            except OSError:
                break
        raise
    return site_dir


def _publish(config_file: Path, staging: Path, site_dir: Path, audience: str, say: Callable[[str], None],
             engine: str) -> None:
    built = _engine_build(config_file, staging, audience, engine)
    one_shot.keep()  # the loaded hub stays to the end: the checks' collections need not walk it
    if audience != "internal":
        prepared = built.prepared
        extra = unexpected(staging, prepared.tree.files, prepared.tree.pages, prepared.site.ctx.directory_urls,
                           channels=built.channels)
        if extra:
            raise BuildFailed(f"the {audience} edition would ship files no published page uses:\n"
                              + "\n".join(f"  {rel}" for rel in extra)
                              + "\n    hint: link the file from a public page, or mark it internal "
                                "(`internal_files` of the hub plugin in mkdocs.yml)")
    guard.stamp(staging, audience)
    leaks = leaks_in(staging, built.prepared.site.full, audience)
    if leaks:
        raise BuildFailed(f"leak check of the {audience} edition failed:\n"
                          + "\n".join(f"  {leak}" for leak in leaks)
                          + "\n    hint: remove the text from the page or file named, or mark the page "
                            "`audience: internal`; an anonymous customer's name must appear nowhere")
    copies = []
    if audience == "internal":  # the customer copies: the producer's pages, each of them built
        site = built.prepared.site
        files, missing = copy_files(staging, [p.src for p in site.pages if is_copy(p.src)], site.ctx.directory_urls)
        if missing:
            raise BuildFailed("the engine did not build these customer copies, so they cannot be leak-checked:\n"
                              + "\n".join(f"  {src}" for src in missing))
        copies = copy_leaks(staging, site.full, files)
    if copies:
        raise BuildFailed("leak check of the customer copies failed (they must hold only what the public "
                          "edition shows):\n" + "\n".join(f"  {leak}" for leak in copies))
    staging.chmod(_mode(site_dir))
    with uninterrupted():
        _swap(staging, site_dir, say)


def check_leaks(site: Path, data_dir: Path, audience: str = "public") -> list[Leak]:
    """Texts of ``data_dir`` that the ``audience`` edition built in ``site`` must not contain, found there."""
    return leaks_in(site, load(data_dir), audience)


def leaks_in(site: Path, catalog, audience: str) -> list[Leak]:
    """Texts of the whole hub ``catalog`` that its ``audience`` edition built in ``site`` must not contain."""
    if audience == "internal":
        return scan(site, internal_only(catalog, edition(catalog, audience)))
    return scan(site, customer_secrets(catalog))


def _engine_build(config_file: Path, site: Path, audience: str, engine: str) -> Built:
    """The site engine (MkDocs + Material or Zensical), strict, into ``site``: the one place that runs it."""
    epoch = source_date_epoch(config_file.parent)
    env = {"SOURCE_DATE_EPOCH": epoch} if epoch else {}
    day = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch else dt.date.today()
    try:
        return build_with(engine, config_file, audience, site, day=day, env=env)
    except HubDataError as err:
        raise BuildFailed(f"the hub has errors:\n{err}") from None
    except (EngineFailed, ConfigError) as err:
        raise BuildFailed(str(err)) from None


def sweep(site_dir: Path, say: Callable[[str], None]) -> None:
    """Remove the staging and old-site folders killed builds of ``site_dir`` left; put back
    an old site a build killed mid-swap left without a successor. Call with the lock held."""
    for leftover in sorted(site_dir.parent.glob(f".{glob_escape(site_dir.name)}.*-*")):
        kind = leftover.name[len(site_dir.name) + 2:].split("-", 1)[0]
        if kind not in ("building", "old") or not leftover.is_dir() or leftover.is_symlink():
            continue
        if kind == "old" and not site_dir.exists() and guard.stamped(leftover):
            os.rename(leftover, site_dir)
            say(f"put back {site_dir}, which an interrupted build had moved to {leftover.name}")
            continue
        say(f"removing {leftover.name}, left by an interrupted build of {site_dir.name}")
        remove(leftover, say)


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def remove(folder: Path, say: Callable[[str], None]) -> None:
    """Delete ``folder`` even where a subfolder is read-only; say so if it cannot be deleted."""
    def writable_then_retry(function, path, _exc_info):
        try:
            os.chmod(os.path.dirname(path), 0o700)
            function(path)
        except OSError:
            pass

    shutil.rmtree(folder, onerror=writable_then_retry)
    if os.path.lexists(folder):
        say(f"warning: could not remove {folder}; remove it yourself (rm -rf {folder})")


def _mode(site_dir: Path) -> int:
    """The published directory's mode: the old one's, else what a new directory gets
    (``mkdtemp`` makes the staging directory private, a web server could not read it)."""
    if site_dir.is_dir():
        return site_dir.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def _work_lock(config_file: Path, wait: float, say: Callable[[str], None]):
    """The lock of the project's work folder (``build/``), where every build renders its edition."""
    work = config_file.parent / WORK
    return lock.held(work, wait, say, f"another build of the project {config_file.parent} (it shares {WORK}/)")


def _make_parents(site_dir: Path) -> list[Path]:
    """Create the folders above ``site_dir``; the ones created, deepest first."""
    missing = [p for p in site_dir.parents if not p.exists()]
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    return missing


def _swap(staging: Path, site_dir: Path, say: Callable[[str], None]) -> None:
    """Put ``staging`` where ``site_dir`` is; the old site is deleted only once the new one is in place.
    Both renames stay in the folder's parent, so a read-only site folder moves too."""
    if not os.path.lexists(site_dir):
        os.rename(staging, site_dir)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
    try:
        os.rename(site_dir, old)  # replaces the empty folder
    except BaseException:
        old.rmdir()
        raise
    try:
        os.rename(staging, site_dir)
    except BaseException:
        os.rename(old, site_dir)  # put the old site back
        raise
    remove(old, say)


@contextmanager
def signals_raise() -> Iterator[None]:
    """Within the block, Ctrl-C, SIGTERM and SIGHUP raise once (``KeyboardInterrupt``,
    ``Interrupted``); later ones are ignored so that the cleanup they started finishes."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, _frame):
        for each in SIGNALS:
            signal.signal(each, signal.SIG_IGN)
        raise KeyboardInterrupt() if signum == signal.SIGINT else Interrupted(signum)

    previous = {signum: signal.signal(signum, interrupt) for signum in SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def uninterrupted() -> Iterator[None]:
    """Hold off Ctrl-C, SIGTERM and SIGHUP until the block (a swap, a cleanup) is done."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
