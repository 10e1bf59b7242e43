"""The last build's site, set aside so that the channel child removes it on the other core.

Before a full ``mkdocs build`` MkDocs empties the site folder (every entry whose name does not
start with a dot), one file at a time: at 1,000 entities, half a second of the build's critical
path. ``set_aside`` moves those same entries into one hidden folder inside the site (a rename
each; MkDocs leaves hidden entries alone), so MkDocs finds the site empty, and ``remove`` deletes
what was set aside, in the child that writes the channel files meanwhile. An entry that cannot be
moved stays for MkDocs to remove, as it would have; a link to a folder stays, as MkDocs leaves
it. A failed or interrupted build removes what it set aside itself; what a killed one left is
removed by the next build.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

PREFIX = ".hub-previous-"


def set_aside(site_dir: Path, name: str) -> None:
    """Move the entries of ``site_dir`` that MkDocs would remove into its hidden folder ``PREFIX + name``."""
    try:  # MkDocs keeps a link to a folder (its removal fails, silently): so does this
        entries = [entry for entry in os.listdir(site_dir) if not entry.startswith(".")
                   and not (os.path.islink(site_dir / entry) and os.path.isdir(site_dir / entry))]
    except OSError:  # no site yet (or not a folder): MkDocs has nothing to empty, or says what is wrong
        return
    if not entries:
        return
    aside = site_dir / (PREFIX + name)
    try:
        aside.mkdir()
        for entry in entries:
            os.rename(site_dir / entry, aside / entry)
    except OSError:  # not allowed here: MkDocs removes what is left, as it would have
        pass


def remove(site_dir: Path) -> None:
    """Delete every folder ``set_aside`` made in ``site_dir`` (this build's, and a stopped one's)."""
    try:
        entries = [entry for entry in os.listdir(site_dir) if entry.startswith(PREFIX)]
    except OSError:
        return
    for entry in entries:
        shutil.rmtree(site_dir / entry, ignore_errors=True)
