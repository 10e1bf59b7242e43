"""A failed ``hub build`` exits non-zero, says why, and leaves the previous site byte for byte.

Each test starts from a real previous build (a copy of the canary hub's editions, see
tests/fixtures/publish), breaks one thing in a copy of the project — invalid data, a strict
warning, a leak — and runs ``hub build`` against the previous site.
"""
import hashlib
import os
import shutil
from pathlib import Path

import pytest
from fixtures.publish.builds import canary_editions, hub_build


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
    return sorted(p.name for p in where.iterdir() if ".building-" in p.name or ".old-" in p.name)


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
    assert f"search/search_index.json: contains internal text 'CANARY-battlecard-landmines 金丝雀机密' from {source}" in output


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
    from macros.publish import _mode

    umask = os.umask(0o022)
    try:
        assert _mode(site) == 0o755  # a new site is not left with mkdtemp's private 0700
    finally:
        os.umask(umask)
