"""Build an edition of the portal into a temporary directory, check it, and only then
swap it in place of the published directory — a failed build never replaces a good site.

The checks scan the output for text it must not contain (``macros.leakcheck``): in the
public edition every text that exists only in internal content, in the internal edition
the names of anonymous customers. Dates come from ``SOURCE_DATE_EPOCH`` or, when it is
not set, from the last commit, so two builds of one commit are byte-identical.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .catalog import DATA_DIR, load
from .editions import edition
from .git import GitError, git
from .leakcheck import Leak, internal_only, scan


class BuildFailed(Exception):
    """The build or a check failed; the message says which and why."""


def source_date_epoch(root: Path) -> str | None:
    """``SOURCE_DATE_EPOCH`` if set, else the last commit's time, for reproducible output."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        return git("log", "-1", "--format=%ct", cwd=root).decode().strip() or None
    except GitError:  # no git, no repository or no commit yet
        return None


def build(config_file: Path, site_dir: Path, audience: str) -> Path:
    """Build ``audience`` into ``site_dir`` atomically; raise ``BuildFailed`` otherwise."""
    config_file, site_dir = config_file.resolve(), site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    try:
        _mkdocs_build(config_file, staging, audience)
        leaks = check_leaks(staging, hub_data_dir(config_file), audience)
        if leaks:
            raise BuildFailed(f"leak check of the {audience} edition failed:\n"
                              + "\n".join(f"  {leak}" for leak in leaks)
                              + "\n    hint: remove the text from the page or file named, or mark the page "
                                "`audience: internal`; an anonymous customer's name must appear nowhere")
        staging.chmod(_mode(site_dir))
        _swap(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return site_dir


def check_leaks(site: Path, data_dir: Path, audience: str = "public") -> list[Leak]:
    """Texts of ``data_dir`` that the ``audience`` edition built in ``site`` must not contain, found there."""
    catalog = load(data_dir)
    return scan(site, internal_only(catalog, edition(catalog, audience)))


def hub_data_dir(config_file: Path) -> Path:
    """The hub plugin's ``data_dir`` in ``config_file`` (default ``data``), next to the config:
    the check reads the same hub the build did."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, encoding="utf-8") as f:
        config = yaml_load(f) or {}
    options = {}
    for plugin in config.get("plugins") or ():
        if isinstance(plugin, dict) and "hub" in plugin:
            options = plugin["hub"] or {}
    return config_file.parent / options.get("data_dir", DATA_DIR)


def _mkdocs_build(config_file: Path, site: Path, audience: str) -> None:
    env = {"NO_MKDOCS_2_WARNING": "1", **os.environ, "HUB_AUDIENCE": audience}
    epoch = source_date_epoch(config_file.parent)
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    # not --quiet: it silences warnings before --strict can count them, and the build would pass
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(site)]
    result = subprocess.run(command, env=env, cwd=config_file.parent)
    if result.returncode != 0:
        raise BuildFailed(f"mkdocs build failed (exit {result.returncode}); the messages above say why")


def _mode(site_dir: Path) -> int:
    """The published directory's mode: the old one's, else what a new directory gets
    (``mkdtemp`` makes the staging directory private, a web server could not read it)."""
    if site_dir.is_dir():
        return site_dir.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def _swap(staging: Path, site_dir: Path) -> None:
    """Put ``staging`` where ``site_dir`` is; the old site is deleted only once the new one is in place."""
    if not site_dir.exists():
        os.rename(staging, site_dir)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
    try:
        os.rename(site_dir, old / "site")
    except BaseException:
        old.rmdir()
        raise
    try:
        os.rename(staging, site_dir)
    except BaseException:
        os.rename(old / "site", site_dir)  # put the old site back
        old.rmdir()
        raise
    shutil.rmtree(old, ignore_errors=True)
