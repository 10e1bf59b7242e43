"""The last build's site is set aside before MkDocs empties it and removed by the channel child
(``engines.previous_site``): the built site is what a build into an empty folder makes, hidden
files stay, and nothing set aside is left behind, not even after a failed build."""
import os

import pytest

from conftest import build, built, make_project
from pmmhub.engines import previous_site


def test_what_mkdocs_would_remove_is_set_aside_and_hidden_entries_stay(tmp_path):
    site = tmp_path / "site"
    (site / "products" / "a").mkdir(parents=True)
    (site / "products" / "a" / "index.html").write_text("old")
    (site / "old.html").write_text("old")
    (site / ".nojekyll").write_text("")
    (site / ".git").mkdir()
    previous_site.set_aside(site, "1")
    assert sorted(os.listdir(site)) == [".git", ".hub-previous-1", ".nojekyll"]
    assert (site / ".hub-previous-1" / "products" / "a" / "index.html").read_text() == "old"
    previous_site.remove(site)
    assert sorted(os.listdir(site)) == [".git", ".nojekyll"]


def test_no_site_or_an_empty_one_sets_nothing_aside(tmp_path):
    previous_site.set_aside(tmp_path / "missing", "1")
    assert not (tmp_path / "missing").exists()
    (tmp_path / "empty").mkdir()
    previous_site.set_aside(tmp_path / "empty", "1")
    assert os.listdir(tmp_path / "empty") == []


def test_links_are_treated_as_mkdocs_treats_them_and_what_they_point_to_is_kept(tmp_path):
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "precious.txt").write_text("mine")
    site = tmp_path / "site"
    site.mkdir()
    (site / "folder-link").symlink_to(keep, target_is_directory=True)  # MkDocs keeps it
    (site / "file-link").symlink_to(keep / "precious.txt")  # MkDocs unlinks it
    previous_site.set_aside(site, "1")
    previous_site.remove(site)
    assert os.listdir(site) == ["folder-link"] and (keep / "precious.txt").read_text() == "mine"


def test_when_nothing_can_be_set_aside_the_entries_stay_for_mkdocs(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text("old")
    (site / ".hub-previous-1").write_text("a file where the folder goes")
    previous_site.set_aside(site, "1")
    assert sorted(os.listdir(site)) == [".hub-previous-1", "a.html"]


def test_a_build_into_an_old_site_makes_the_site_a_fresh_build_makes(tmp_path):
    project = make_project(tmp_path / "p")
    fresh = built(build(project, "into an empty folder", site=tmp_path / "fresh")).site
    site = tmp_path / "site"
    (site / "products" / "gone").mkdir(parents=True)
    (site / "products" / "gone" / "index.html").write_text("a deleted entity's page")
    (site / "stale.html").write_text("old")
    (site / ".nojekyll").write_text("")
    (site / ".hub-previous-99").mkdir()  # what a stopped build set aside
    (site / ".hub-previous-99" / "x.html").write_text("old")
    built(build(project, "into the last site", site=site))
    files = {p.relative_to(site) for p in site.rglob("*") if p.name != ".nojekyll"}
    assert files == {p.relative_to(fresh) for p in fresh.rglob("*")}
    assert (site / ".nojekyll").exists() and not list(site.glob(".hub-previous-*"))


@pytest.mark.parametrize("page, text, said", [
    ("broken.md", "{{ no_such_macro() }}\n", ("no_such_macro",)),  # a page fails, after the site was emptied
    ("llms.txt", "a hand-written file where the hub writes its own\n", ("llms.txt", "channel files")),  # the child fails
])
def test_a_failed_build_leaves_nothing_set_aside(page, text, said, tmp_path):
    project = make_project(tmp_path / "p", pages={page: text})
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old")
    failed = build(project, f"a build that fails ({page})", site=site)
    assert failed.returncode != 0 and all(words in failed.output for words in said)
    assert not list(site.glob(".hub-previous-*")) and not (site / "old.html").exists()


def test_a_planted_link_named_like_the_folder_set_aside_is_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "canary.txt").write_text("mine")
    site = tmp_path / "site"
    site.mkdir()
    (site / ".hub-previous-evil").symlink_to(outside, target_is_directory=True)
    previous_site.remove(site)
    assert (outside / "canary.txt").read_text() == "mine"
