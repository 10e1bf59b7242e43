"""``hub build`` refuses a site folder it may not replace, sources it cannot read, and waits
for another build of the same folder; each time with a located message, a non-zero exit,
and nothing changed or left behind.

Refusals happen before any rendering, so most tests run ``hub build`` against a plain copy
of the portal project. Permission cases run the build as ``nobody`` when the tests run as
root (root reads and writes everything), so the kernel really says "permission denied".
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from conftest import make_project
from fixtures.publish.builds import DATA, canary_project

from pmmhub.publish import lock
from pmmhub.publish.guard import STAMP

HUB = Path(sys.executable).parent / "hub"
NOBODY = 65534


def hub(project: Path, *args: str, env: dict | None = None, user: bool = False) -> subprocess.CompletedProcess:
    """``hub build ARGS`` in ``project`` (as ``nobody`` when ``user`` and running as root)."""
    prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if user and os.geteuid() == 0 else []
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run([*prefix, str(HUB), "build", *args], cwd=project, env=full_env, capture_output=True, text=True)


def tree(folder: Path) -> dict:
    """Every entry under ``folder`` (dot-files included) with its bytes' digest."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*")) if not p.is_symlink()}


def refused(done, *expected: str) -> str:
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Traceback" not in output
    for text in expected:
        assert text in output, output
    return output


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "project", data=DATA)


@pytest.fixture
def shared(tmp_path):
    """A folder every user can enter (pytest's own temp folders are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="hub-guard-"))
    folder.chmod(0o755)
    yield folder
    subprocess.run(["chmod", "-R", "u+rwx", str(folder)], check=True)
    shutil.rmtree(folder)


def owned_by_nobody(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chown", "-R", f"{NOBODY}:{NOBODY}", str(path)], check=True)


@pytest.mark.parametrize("site_dir, reason", [
    ("data", "it is the hub's data folder"),
    ("data/products", "it is inside the hub's data folder"),
    (".", "it is the project folder"),
    ("..", "it is an ancestor of the project folder"),
    ("docs", "it is the docs folder, docs_dir"),
    ("docs/assets/out", "it is inside the docs folder, docs_dir"),
    ("overrides", "it is the theme overrides, theme.custom_dir"),
    (".git", "it is the git repository"),
    ("tests", "it is the tests folder"),
    ("build", "it is the hub's work folder"),
    ("/", "it is the filesystem root"),
])
def test_a_site_dir_that_holds_or_is_a_source_is_refused_and_nothing_changes(project, site_dir, reason):
    (project / ".git").mkdir()
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (project / "tests").mkdir()
    (project / "build").mkdir()
    (project / "notes.txt").write_text("uncommitted work\n")
    before = tree(project.parent)
    existed = (project / site_dir).is_dir()
    output = refused(hub(project, "--site-dir", site_dir), f"--site-dir {site_dir}", "refusing to build there",
                     reason, "hint:", "was left as it was." if existed else "nothing was written to")
    assert "would delete it" in output
    assert tree(project.parent) == before


def test_the_folders_a_config_names_are_sources_too(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("custom_dir: overrides", "custom_dir: theme")
                      .replace("data_dir: data", "data_dir: content") + "\ndocs_dir: pages\n", encoding="utf-8")
    for old, new in (("overrides", "theme"), ("data", "content"), ("docs", "pages")):
        (project / old).rename(project / new)
    for site_dir, reason in (("theme", "theme overrides"), ("content", "data folder"), ("pages/x", "inside the docs")):
        refused(hub(project, "--site-dir", site_dir), reason)


def test_a_symlink_to_the_project_and_the_home_folder_are_refused(project, tmp_path):
    (tmp_path / "link").symlink_to(project)
    before = tree(project)
    refused(hub(project, "--site-dir", str(tmp_path / "link")), "it is the project folder")
    home = tmp_path / "home"
    home.mkdir()
    refused(hub(project, "--site-dir", str(home), env={"HOME": str(home)}), "it is the home folder")
    refused(hub(project, "--site-dir", str(tmp_path), env={"HOME": str(home)}), "an ancestor of")
    assert tree(project) == before and list(home.iterdir()) == []


def test_a_non_empty_folder_without_the_stamp_is_refused_with_what_it_holds(project, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.docx").write_text("a file someone needs")
    (out / ".hidden").write_text("x")
    refused(hub(project, "--site-dir", str(out)), "the folder is not empty (2 entries: .hidden, report.docx)",
            f"no {STAMP} file", f"rm -r {out}")
    assert sorted(p.name for p in out.iterdir()) == [".hidden", "report.docx"]
    (out / STAMP).write_text("made by hand\n")  # not the stamp hub build writes
    refused(hub(project, "--site-dir", str(out)), "is not a site hub build made")


def test_a_build_stamps_its_site_rebuilds_it_and_the_internal_edition_never_replaces_a_public_site(tmp_path):
    project = canary_project(tmp_path / "project")
    public = tmp_path / "public"
    done = hub(project, "--audience", "public", "--site-dir", str(public))
    assert done.returncode == 0, done.stdout + done.stderr
    assert (public / STAMP).read_text(encoding="utf-8") == "hub build: public edition\n"
    before = tree(public)
    output = refused(hub(project, "--audience", "internal", "--site-dir", str(public)),
                     "refusing to build the internal edition there", "holds the public edition")
    assert "publish internal content" in output and tree(public) == before
    done = hub(project, "--audience", "public", "--site-dir", str(public))  # its own edition: replaced
    assert done.returncode == 0, done.stdout + done.stderr
    assert (public / STAMP).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "public"]


def test_unreadable_sources_are_all_listed_before_anything_is_built(project, tmp_path):
    (project / "docs" / "gone.md").symlink_to("nowhere.md")
    (project / "overrides" / "partials").mkdir(exist_ok=True)
    (project / "overrides" / "partials" / "no-footer.html").symlink_to("missing.html")
    secret = tmp_path / "id_rsa"
    secret.write_text("PRIVATE KEY")
    (project / "docs" / "assets" / "key.txt").symlink_to(secret)
    (project / "docs" / "loop").symlink_to(project / "docs")
    os.mkfifo(project / "docs" / "pipe.md")
    site = tmp_path / "site"
    output = refused(hub(project, "--site-dir", str(site)), "5 source file(s) cannot be read",
                     "docs/gone.md: broken symlink (to 'nowhere.md')",
                     "overrides/partials/no-footer.html: broken symlink (to 'missing.html')",
                     f"docs/assets/key.txt: symlink to {secret}, outside the project",
                     "docs/loop: symlink to its own ancestor folder",
                     "docs/pipe.md: not a regular file", "nothing was written to")
    assert "hint: point it at an existing file" in output
    assert not site.exists() and not (project / "build").exists()


def test_an_unreadable_file_or_folder_is_named(shared):
    project = make_project(shared / "project", data=DATA)
    (project / "docs" / "locked.md").write_text("# locked\n")
    (project / "docs" / "locked.md").chmod(0o000)
    (project / "overrides" / "private").mkdir()
    (project / "overrides" / "private" / "x.html").write_text("x")
    owned_by_nobody(shared)
    (project / "overrides" / "private").chmod(0o000)
    refused(hub(project, "--site-dir", str(shared / "site"), user=True),
            "docs/locked.md: cannot read it: Permission denied",
            "overrides/private: cannot read", "Permission denied")
    assert not (shared / "site").exists()


def test_a_read_only_site_folder_or_parent_is_refused(shared):
    project = make_project(shared / "project", data=DATA)
    site = shared / "site"
    site.mkdir()
    (site / STAMP).write_text("hub build: internal edition\n")
    locked = shared / "locked"
    locked.mkdir()
    owned_by_nobody(shared)
    site.chmod(0o555)
    refused(hub(project, "--site-dir", str(site), user=True), "the site folder is read-only", "chmod u+w")
    locked.chmod(0o555)
    refused(hub(project, "--site-dir", str(locked / "deep" / "site"), user=True), f"cannot write in {locked}")
    assert list(locked.iterdir()) == [] and sorted(p.name for p in site.iterdir()) == [STAMP]


def test_a_second_build_waits_for_the_lock_and_fails_clearly_after_the_timeout(project, tmp_path):
    site = tmp_path / "site"
    with lock.held(site.resolve(), 0, print):
        output = refused(hub(project, "--site-dir", str(site), "--wait", "1"),
                         f"waiting for another build of {site}", "still running after 1 s", "--wait SECONDS")
    assert "nothing was written to" in output and not site.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]


def test_a_waiting_build_goes_on_once_the_other_build_is_done(tmp_path):
    project = canary_project(tmp_path / "project")
    site = tmp_path / "site"
    with lock.held(site.resolve(), 0, print):
        waiting = subprocess.Popen([str(HUB), "build", "--site-dir", str(site)], cwd=project,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        assert waiting.poll() is None and not site.exists()
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, out + err
    assert "waiting for another build of" in err and (site / STAMP).is_file()


def test_two_builds_racing_for_one_site_both_succeed_one_after_the_other(tmp_path):
    project = canary_project(tmp_path / "project")
    site = tmp_path / "site"
    results = []

    def run():
        results.append(hub(project, "--site-dir", str(site)))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for done in results:
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stdout + done.stderr
    assert any("waiting for" in done.stderr for done in results)
    assert (site / STAMP).is_file() and (site / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == [".git", ".gitignore"]
