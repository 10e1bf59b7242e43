"""The channel files and the search index are made while the engine builds the pages (on the
other core), and a clash with a docs file still fails the build with the file's name."""
import pytest
from conftest import build, make_project
from datahelpers import hub_cli

CLASH = "docs/ has llms.txt, where the hub writes its channel files"


@pytest.mark.build
def test_mkdocs_build_names_a_docs_file_where_a_channel_file_goes(tmp_path):
    project = make_project(tmp_path / "project", pages={"llms.txt": "a hand-written file\n"})
    done = build(project)
    assert done.returncode != 0
    assert CLASH in done.output and "hint: rename or remove the file" in done.output
    assert done.output.count(CLASH) == 1  # said once, by the build, not also by the child
    assert "Traceback" not in done.output


@pytest.mark.build
def test_hub_build_names_it_too_and_publishes_nothing(tmp_path):
    project = make_project(tmp_path / "project", pages={"llms.txt": "a hand-written file\n"})
    done = hub_cli("build", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert done.returncode != 0
    assert CLASH in done.stderr + done.stdout and "Traceback" not in done.stderr
    assert not (tmp_path / "site").exists()


def test_a_full_build_has_every_channel_file_and_the_index(portal_build):
    site = portal_build.site
    for rel in ("llms.txt", "llms-full.txt", "api/v1/index.json", "hub-search/meta.json", "products/lanyun/index.md"):
        assert (site / rel).is_file(), rel


def test_a_full_build_keeps_its_generated_pages_in_memory(portal_build):
    """The plain build's rendered tree has only what came from docs/ (the pages MkDocs built came
    from memory), and it is not the preview's: a preview running beside it keeps its tree."""
    project = portal_build.project
    tree = project / "build" / "plain" / "internal" / "docs"
    docs = {p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*") if p.is_file()}
    written = {p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_file()} - {".hub-rendered"}
    assert written == docs
    assert (portal_build.site / "products" / "lanyun" / "index.html").is_file()
    assert not (project / "build" / "serve").exists()


@pytest.mark.build
def test_a_full_build_leaves_a_previews_tree_alone(tmp_path):
    project = make_project(tmp_path / "project")
    preview = project / "build" / "serve" / "internal" / "docs"
    preview.mkdir(parents=True)
    (preview / ".hub-rendered").write_text("rendered by `hub render`\n")
    (preview / "products").mkdir()
    (preview / "products" / "lanyun.md").write_text("the preview's page\n")
    assert build(project).returncode == 0
    assert (preview / "products" / "lanyun.md").read_text() == "the preview's page\n"
