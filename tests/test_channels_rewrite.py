"""The preview writes the channel files into one site again and again (``site_files.write`` with
``listed``): what the last write made and this one does not is removed, and nothing else."""
from pmmhub.channels import site_files


def test_a_channel_file_the_next_write_does_not_make_is_removed_with_its_empty_folder(tmp_path):
    site, listed = tmp_path / "site", tmp_path / ".channel-files"
    first = {"api/v1/battlecards/a.json": b"{}", "api/v1/battlecards/b.json": b"{}", "b/index.md": b"# b"}
    site_files.write(site, first, {}, listed=listed)
    site_files.write(site, {"api/v1/battlecards/a.json": b'{"a": 1}'}, {}, listed=listed)
    assert (site / "api/v1/battlecards/a.json").read_bytes() == b'{"a": 1}'
    assert not (site / "api/v1/battlecards/b.json").exists() and not (site / "b").exists()
    assert listed.read_text(encoding="utf-8") == "api/v1/battlecards/a.json\n"


def test_only_names_inside_the_site_and_not_in_the_docs_tree_are_removed(tmp_path):
    site, listed = tmp_path / "site", tmp_path / ".channel-files"
    outside, kept = tmp_path / "outside.txt", site / "guide.md"
    outside.write_text("mine")
    kept.parent.mkdir(parents=True)
    kept.write_text("a page of the docs tree now")
    listed.write_text(f"../outside.txt\n{outside}\nguide.md\n\n", encoding="utf-8")
    site_files.write(site, {"llms.txt": b"x"}, {}, listed=listed, keep=frozenset({"guide.md"}))
    assert outside.read_text() == "mine" and kept.exists()


def test_without_a_list_nothing_is_removed(tmp_path):
    site = tmp_path / "site"
    (site / "api").mkdir(parents=True)
    (site / "api" / "old.json").write_bytes(b"{}")
    site_files.write(site, {"llms.txt": b"x"}, {})
    assert (site / "api" / "old.json").exists()
