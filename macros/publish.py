"""Build an edition of the portal into a temporary directory, check it, and only then
swap it in place of the published directory — a failed build never replaces a good site.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .catalog import load
from .editions import edition
from .leakcheck import Leak, internal_only, scan


class BuildFailed(Exception):
    """The build or a check failed; the message says which and why."""


def source_date_epoch(root: Path) -> str | None:
    """``SOURCE_DATE_EPOCH`` if set, else the last commit's time, for reproducible output."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True)
    return result.stdout.strip() or None if result.returncode == 0 else None


def build(config_file: Path, site_dir: Path, audience: str, data_dir: Path) -> Path:
    """Build ``audience`` into ``site_dir`` atomically; raise ``BuildFailed`` otherwise."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))
    try:
        _mkdocs_build(config_file, staging, audience)
        if audience == "public":
            leaks = check_leaks(staging, data_dir)
            if leaks:
                raise BuildFailed("leak check failed:\n" + "\n".join(f"  {leak}" for leak in leaks))
        _swap(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return site_dir


def check_leaks(site: Path, data_dir: Path) -> list[Leak]:
    catalog = load(data_dir)
    return scan(site, internal_only(catalog, edition(catalog, "public")))


def _mkdocs_build(config_file: Path, site: Path, audience: str) -> None:
    env = {**os.environ, "HUB_AUDIENCE": audience}
    epoch = source_date_epoch(config_file.parent)
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config_file), "-d", str(site)]
    result = subprocess.run(command, env=env, cwd=config_file.parent)
    if result.returncode != 0:
        raise BuildFailed(f"mkdocs build failed (exit {result.returncode}); the messages above say why")


def _swap(staging: Path, site_dir: Path) -> None:
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
        os.rename(site_dir, old / "site")
    os.rename(staging, site_dir)
    if old:
        shutil.rmtree(old, ignore_errors=True)
