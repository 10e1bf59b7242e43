"""`hub render`: the edition's docs tree on disk, written incrementally, with the edition's rules."""
import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import BUILD_DAY, REPO, epoch, make_project
from datahelpers import hub_cli



def render(project: Path, *args: str) -> subprocess.CompletedProcess:
    return hub_cli("render", *args, cwd=project, env={"SOURCE_DATE_EPOCH": epoch(BUILD_DAY)})


def counts(done: subprocess.CompletedProcess) -> tuple[int, int, int]:
    found = re.search(r"(\d+) written, (\d+) removed, (\d+) unchanged", done.stdout)
    assert found, done.stdout + done.stderr
    return tuple(int(n) for n in found.groups())


def snapshot(tree: Path) -> dict[str, int]:
    return {p.relative_to(tree).as_posix(): p.stat().st_mtime_ns for p in tree.rglob("*") if p.is_file()}


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "project")


def test_the_tree_holds_every_generated_and_hand_written_page(project):
    done = render(project, "--out", "tree")
    assert done.returncode == 0, done.stderr
    tree = project / "tree"
    for kind_folder in ("products", "personas", "battlecards", "case-studies", "solutions", "launches"):
        for data_file in (project / "data" / kind_folder).glob("*.yml"):
            assert (tree / kind_folder / f"{data_file.stem}.md").is_file(), data_file
        assert (tree / kind_folder / "index.md").is_file() and (tree / kind_folder / "finder.json").is_file()
    for page in ("index.md", "whatsnew.md", "portfolio.md", "roles/index.md", "industries/index.md", "authoring.md",
                 "assets/hub.css", "robots.txt"):
        assert (tree / page).is_file(), page
    card = (tree / "battlecards" / "xingyao.md").read_text(encoding="utf-8")
    assert card.startswith("---\nedit_url: \"https://git.chengchao.example/pmm/hub/-/edit/main/data/battlecards/xingyao.yml\"\n")


def test_a_second_render_writes_nothing(project):
    first = render(project, "--out", "tree")
    written, removed, unchanged = counts(first)
    assert written > 30 and removed == 0 and unchanged == 0
    before = snapshot(project / "tree")
    again = render(project, "--out", "tree")
    assert counts(again) == (0, 0, written)
    assert snapshot(project / "tree") == before  # not one file touched


def test_an_edit_to_one_battle_card_rewrites_only_the_pages_that_show_it(project):
    render(project, "--out", "tree")
    before = snapshot(project / "tree")
    card = project / "data" / "battlecards" / "xingyao.yml"
    card.write_text(card.read_text(encoding="utf-8").replace("\nsummary: ", "\nsummary: 改过的一句话：", 1), encoding="utf-8")
    done = render(project, "--out", "tree")
    after = snapshot(project / "tree")
    changed = {path for path in after if after[path] != before.get(path)}
    written, removed, _ = counts(done)
    assert written == len(changed) and removed == 0
    assert "battlecards/xingyao.md" in changed and "battlecards/finder.json" in changed
    shown_in = {path for path in changed if "改过的一句话" in (project / "tree" / path).read_text(encoding="utf-8")}
    assert shown_in == changed  # every rewritten page shows the new summary
    assert len(changed) < len(after) / 4  # and most of the site was left alone
    assert "products/lanyun.md" not in changed and "docs/index.md" not in changed


def test_a_removed_entity_loses_its_page(project):
    render(project, "--out", "tree")
    files = sorted((project / "data").rglob("*.yml"))
    case = next(c for c in sorted((project / "data" / "case-studies").glob("*.yml"))  # one nobody cites
                if not any(c.stem in f.read_text(encoding="utf-8") for f in files if f != c))
    case.unlink()
    again = render(project, "--out", "tree")
    _, removed, _ = counts(again)
    assert removed == 1 and not (project / "tree" / "case-studies" / f"{case.stem}.md").exists()


def test_render_refuses_a_folder_it_did_not_make(project):
    (project / "mine").mkdir()
    (project / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    done = render(project, "--out", "mine")
    assert done.returncode == 1 and "not made by `hub render`" in done.stderr and "Traceback" not in done.stderr
    assert (project / "mine" / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_the_public_tree_ships_only_files_its_pages_use(project):
    (project / "docs" / "assets" / "unused.pdf").write_bytes(b"%PDF internal price list")
    (project / "docs" / "guide.md").write_text("# 指南\n\n![图](assets/diagram.png)\n", encoding="utf-8")
    (project / "docs" / "assets" / "diagram.png").write_bytes(b"\x89PNG public diagram")
    done = render(project, "--audience", "public", "--out", "public")
    assert done.returncode == 0, done.stderr
    tree = project / "public"
    assert (tree / "assets" / "diagram.png").is_file()  # used by a public page
    assert (tree / "assets" / "hub.css").is_file() and (tree / "assets" / "finder.js").is_file()  # the config's
    assert not (tree / "assets" / "unused.pdf").exists()  # used by no page
    assert not (tree / "assets" / "screenshots").exists()  # internal_files in mkdocs.yml
    assert not (tree / "authoring.md").exists()  # audience: internal
    assert not (tree / "robots.txt").exists() and not (tree / "battlecards").exists()
    internal = render(project, "--audience", "internal", "--out", "internal")
    assert internal.returncode == 0 and (project / "internal" / "assets" / "unused.pdf").is_file()


def test_a_public_page_linking_an_internal_file_is_refused(project):
    (project / "docs" / "guide.md").write_text("# 指南\n\n[截图](assets/screenshots/home.png)\n", encoding="utf-8")
    done = render(project, "--audience", "public", "--out", "public")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "docs/guide.md:1:1: links assets/screenshots/home.png, which is marked internal" in done.stderr


@pytest.mark.parametrize("value", ["Internal", "internal ", "secret", "yes"])
def test_an_unknown_audience_is_an_error_with_page_and_line(project, value):
    (project / "docs" / "brief.md").write_text(f"---\ntitle: 简报\naudience: \"{value}\"\n---\n\n# 简报\n", encoding="utf-8")
    done = render(project, "--audience", "public", "--out", "public")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert re.search(r"docs/brief\.md:3:\d+: audience: expected internal or public; found '" + re.escape(value),
                     done.stderr), done.stderr
    assert not (project / "public" / "brief.md").exists()


def test_a_symbolic_link_in_docs_is_refused(project):
    os.symlink(REPO / "README.md", project / "docs" / "readme.md")
    done = render(project, "--out", "tree")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "docs/readme.md:1:1: a symbolic link" in done.stderr


def test_a_first_render_writes_in_place_and_later_ones_replace_whole_files(tmp_path):
    """Every file of a tree is readable by all (0644) however it was written; a changed file of an
    existing tree is renamed into place (its inode changes), a new tree's files are written in place."""
    from pmmhub.render.write import STAMP, sync

    out = tmp_path / "docs"
    first = sync(out, {"a.md": b"one", "b/c.md": b"two"})
    assert first.written == ["a.md", "b/c.md"] and (out / STAMP).is_file()
    assert {oct((out / rel).stat().st_mode & 0o777) for rel in ("a.md", "b/c.md")} == {"0o644"}
    inode = (out / "a.md").stat().st_ino
    again = sync(out, {"a.md": b"changed", "b/c.md": b"two", "d.md": b"new"})
    assert again.written == ["a.md", "d.md"] and again.unchanged == 1
    assert (out / "a.md").read_bytes() == b"changed" and (out / "a.md").stat().st_ino != inode
    assert oct((out / "d.md").stat().st_mode & 0o777) == "0o644"
    assert sorted(p.name for p in out.rglob("*") if p.name.startswith(".tmp-")) == []
