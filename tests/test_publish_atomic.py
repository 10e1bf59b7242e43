"""A failed or interrupted ``hub build`` exits non-zero, says why, and leaves the previous site
byte for byte, with no staging folder behind.

Each test starts from a real previous build (a copy of the canary hub's editions, see
tests/fixtures/publish), breaks one thing in a copy of the project — invalid data, a strict
warning, a leak — or sends a real signal to a real ``hub build`` once its staging folder and
its engine process exist, and checks the previous site.
"""
import hashlib
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from fixtures.publish.builds import HUB, canary_editions, hub_build


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    return canary_editions(tmp_path_factory)


def previous(editions, audience: str, where: Path) -> tuple[Path, Path]:
    """A copy of the canary project and of its built ``audience`` edition under ``where``."""
    project = where / "project"
    shutil.copytree(editions.project, project, ignore=shutil.ignore_patterns(".git"))
    site = where / ("site" if audience == "internal" else "site-public")
    shutil.copytree(editions.site(audience), site)
    site.chmod(0o755)
    return project, site


def snapshot(site: Path) -> dict:
    """Every file and folder under ``site`` with its bytes' digest, its mode and its mtime; the folder's inode."""
    tree = {p.relative_to(site).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir",
                                             p.stat().st_mode, p.stat().st_mtime_ns)
            for p in sorted(site.rglob("*"))}
    return {"inode": site.stat().st_ino, "mode": site.stat().st_mode, "tree": tree}


def leftovers(where: Path) -> list[str]:
    """Staging, old-site and lock files of hub build in ``where``."""
    return sorted(p.name for p in where.iterdir() if any(k in p.name for k in (".building-", ".old-", ".build-lock")))


def add_page(project: Path, name: str, body: str) -> None:
    (project / "docs" / name).write_text(f"---\ntitle: {name}\n---\n\n# {name}\n\n{body}\n", encoding="utf-8")


def failed(done, site: Path, before: dict) -> str:
    """The build's messages, after checking that it failed and changed nothing."""
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Traceback" not in output
    assert f"{site.name} was left as it was." in done.stderr
    assert snapshot(site) == before
    assert leftovers(site.parent) == []
    return output


def test_invalid_data_fails_and_leaves_the_previous_site(editions, tmp_path):
    project, site = previous(editions, "internal", tmp_path)
    file = project / "data" / "launches" / "open-launch.yml"
    file.write_text(file.read_text(encoding="utf-8").replace("decision: go", "decision: maybe"), encoding="utf-8")
    before = snapshot(site)
    output = failed(hub_build(project, "internal", site), site, before)
    assert "data/launches/open-launch.yml:" in output and "checkpoints[0].decision" in output


def test_a_strict_warning_fails_and_leaves_the_previous_site(editions, tmp_path):
    project, site = previous(editions, "public", tmp_path)
    add_page(project, "broken.md", "[见定价](no-such-page.md)")
    before = snapshot(site)
    output = failed(hub_build(project, "public", site), site, before)
    assert "no-such-page.md" in output and "mkdocs build failed" in output


def test_a_planted_leak_fails_the_public_build_naming_the_file_and_the_source_field(editions, tmp_path):
    project, site = previous(editions, "public", tmp_path)
    add_page(project, "quoted.md", "竞品地雷：CANARY-battlecard-landmines 金丝雀机密")  # a public page quoting a battle card
    before = snapshot(site)
    output = failed(hub_build(project, "public", site), site, before)
    source = "data/battlecards/canary-battlecard.yml: landmines[0]"
    assert f"quoted/index.html: contains internal text 'CANARY-battlecard-landmines 金丝雀机密' from {source}" in output
    assert re.search(rf"hub-search/\S+: contains internal text 'CANARY-battlecard-landmines 金丝雀机密' from {re.escape(source)}", output)


def test_an_anonymous_customer_named_anywhere_fails_the_internal_build(editions, tmp_path):
    project, site = previous(editions, "internal", tmp_path)
    add_page(project, "call-notes.md", "客户 CANARY-anonymous-customer 金丝雀匿名客户 同意做推荐。")
    before = snapshot(site)
    output = failed(hub_build(project, "internal", site), site, before)
    assert ("call-notes/index.html: contains internal text 'CANARY-anonymous-customer 金丝雀匿名客户' "
            "from data/case-studies/open-case-study.yml: customer.name") in output


def test_a_good_build_replaces_the_site_keeps_its_mode_and_leaves_nothing_behind(editions, tmp_path):
    project, site = previous(editions, "public", tmp_path)
    add_page(project, "news.md", "本周新增 PUBLIC-news。")
    site.chmod(0o750)
    done = hub_build(project, "public", site)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "PUBLIC-news" in (site / "news" / "index.html").read_text(encoding="utf-8")
    assert site.stat().st_mode & 0o777 == 0o750
    assert leftovers(tmp_path) == []


def test_a_first_build_is_readable_by_a_web_server(editions, tmp_path):
    project, _ = previous(editions, "internal", tmp_path)
    file = project / "data" / "hub.yml"
    file.write_text(file.read_text(encoding="utf-8") + "bogus: 1\n", encoding="utf-8")  # fails fast, at load
    site = tmp_path / "fresh"
    done = hub_build(project, "internal", site)
    assert done.returncode == 1 and "data/hub.yml" in done.stderr and "nothing was written to" in done.stderr
    assert not site.exists() and leftovers(tmp_path) == []
    from pmmhub.publish.build import _mode

    umask = os.umask(0o022)
    try:
        assert _mode(site) == 0o755  # a new site is not left with mkdtemp's private 0700
    finally:
        os.umask(umask)


def started(project: Path, site: Path, **popen) -> tuple[subprocess.Popen, list[int]]:
    """A ``hub build`` of ``site`` in ``project``, once its staging folder and its engine process exist."""
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    process = subprocess.Popen([str(HUB), "build", "--site-dir", str(site)], cwd=project, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        children = engine_processes(process.pid)
        if children and any(".building-" in p.name for p in site.parent.iterdir()):
            return process, children
        time.sleep(0.05)
    raise AssertionError(f"the build never reached its engine:\n{process.communicate()}")


def engine_processes(pid: int) -> list[int]:
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in children if b"mkdocs" in Path(f"/proc/{c}/cmdline").read_bytes()]


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_stops_the_build_and_its_engine_and_leaves_the_old_site_and_nothing_else(editions, tmp_path,
                                                                                           signum):
    project, site = previous(editions, "internal", tmp_path)
    before = snapshot(site)
    process, engines = started(project, site)
    process.send_signal(signum)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, out + err
    assert f"interrupted ({signal.Signals(signum).name})" in err and "Traceback" not in out + err
    deadline = time.monotonic() + 5  # the kernel's death signal reaches a busy machine's engine late
    while any(alive(pid) for pid in engines) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in engines)
    assert snapshot(site) == before
    assert leftovers(tmp_path) == [] and leftovers(project) == [], err


def test_the_build_after_a_kill_9_removes_what_the_killed_build_left(editions, tmp_path):
    project, site = previous(editions, "internal", tmp_path)
    before = snapshot(site)
    process, _ = started(project, site, start_new_session=True)
    os.killpg(process.pid, signal.SIGKILL)  # the build and its engine: nothing can clean up
    process.communicate(timeout=60)
    left = [name for name in leftovers(tmp_path) if ".building-" in name]
    assert left and snapshot(site) == before
    done = hub_build(project, "internal", site)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"removing {left[0]}, left by an interrupted build of site" in done.stderr
    assert leftovers(tmp_path) == [] and leftovers(project) == []


def test_a_site_a_killed_build_moved_aside_is_put_back_even_when_the_next_build_fails(editions, tmp_path):
    project, site = previous(editions, "internal", tmp_path)
    before = snapshot(site)
    moved = tmp_path / ".site.old-k1ll3d"
    site.rename(moved)  # where a build killed between the two renames of its swap leaves the old site
    file = project / "data" / "hub.yml"
    file.write_text(file.read_text(encoding="utf-8") + "bogus: 1\n", encoding="utf-8")
    done = hub_build(project, "internal", site)
    assert done.returncode == 1 and "data/hub.yml" in done.stderr, done.stdout + done.stderr
    assert "put back" in done.stderr and not moved.exists()
    assert snapshot(site)["tree"] == before["tree"]
    assert leftovers(tmp_path) == []


def test_gitignore_covers_the_staging_old_site_and_lock_names(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(Path(__file__).resolve().parents[1] / ".gitignore", repo / ".gitignore")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    names = [".site.building-x1y2", ".site-public.old-abc", ".site.build-lock", ".build.build-lock",
             "out/.site.building-q"]
    done = subprocess.run(["git", "check-ignore", "--no-index", *names], cwd=repo, capture_output=True, text=True)
    assert done.stdout.split() == names
    kept = subprocess.run(["git", "check-ignore", "--no-index", "docs/building-blocks.md", "data/old-x.yml"],
                          cwd=repo, capture_output=True, text=True)
    assert kept.stdout == ""
