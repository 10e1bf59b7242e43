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


def test_only_names_inside_the_site_and_not_written_by_the_engine_are_removed(tmp_path):
    site, listed = tmp_path / "site", tmp_path / ".channel-files"
    outside, kept, odd = tmp_path / "outside.txt", site / "guide.pdf", site / "api" / "x.json"
    outside.write_text("mine")
    odd.parent.mkdir(parents=True)
    for file in (kept, odd):
        file.write_text("the engine wrote this one now")
    listed.write_text(f"../outside.txt\n{outside}\nguide.pdf\n./api/x.json\napi//x.json\nnul\0x\n\n", encoding="utf-8")
    site_files.write(site, {"llms.txt": b"x"}, {}, listed=listed, keep=frozenset({"guide.pdf"}))
    assert outside.read_text() == "mine" and kept.exists() and odd.exists()
    assert listed.read_text(encoding="utf-8") == "llms.txt\n"


def test_a_deleted_entitys_old_mirror_goes_even_where_a_page_of_the_docs_now_takes_its_url(tmp_path):
    """``keep`` is what the engine wrote into the site: a hand-written ``b/index.md`` becomes
    ``b/index.html`` there, so the old mirror ``b/index.md`` is the deleted entity's and goes."""
    site, listed = tmp_path / "site", tmp_path / ".channel-files"
    site_files.write(site, {"b/index.md": b"# b, the entity"}, {}, listed=listed)
    (site / "b" / "index.html").write_text("the hand-written page")
    site_files.write(site, {"llms.txt": b"x"}, {}, listed=listed, keep=frozenset({"b/index.html"}))
    assert not (site / "b" / "index.md").exists() and (site / "b" / "index.html").exists()


def test_an_unreadable_list_removes_nothing_and_is_replaced(tmp_path):
    site, listed = tmp_path / "site", tmp_path / ".channel-files"
    (site / "api").mkdir(parents=True)
    (site / "api" / "old.json").write_bytes(b"{}")
    listed.write_bytes(b"\xff\xfe not text")
    site_files.write(site, {"llms.txt": b"x"}, {}, listed=listed)
    assert (site / "api" / "old.json").exists() and listed.read_text(encoding="utf-8") == "llms.txt\n"


def test_removing_a_file_that_was_never_written_or_lies_outside_the_site_is_no_error(tmp_path):
    site = tmp_path / "site"
    (site / "a" / "b").mkdir(parents=True)
    (site / "a" / "b" / "page.html").write_text("x")
    (tmp_path / "outside.html").write_text("mine")
    site_files.remove_from(site, [site / "templates" / "never.html", site / "a" / "b" / "page.html",
                                  tmp_path / "outside.html"])
    assert not (site / "a").exists() and site.is_dir() and (tmp_path / "outside.html").exists()


def test_the_preview_forgets_the_last_outputs_first_so_a_failed_removal_is_not_repeated(tmp_path):
    from types import SimpleNamespace

    from pmmhub.engines.mkdocs_plugin import HubPlugin

    site = tmp_path / "site"
    site.mkdir()
    files = lambda *names: [SimpleNamespace(abs_dest_path=str(site / n), dest_uri=n) for n in names]  # noqa: E731
    plugin, config = HubPlugin(), SimpleNamespace(site_dir=str(site))
    plugin._remove_gone(files("templates/x", "a/index.html"), config)  # templates/x: excluded, never written
    (site / "a").mkdir()
    (site / "a" / "index.html").write_text("a")
    plugin._remove_gone(files("b/index.html"), config)
    assert not (site / "a").exists() and plugin.outputs == {str(site / "b/index.html")}


def test_without_a_list_nothing_is_removed(tmp_path):
    site = tmp_path / "site"
    (site / "api").mkdir(parents=True)
    (site / "api" / "old.json").write_bytes(b"{}")
    site_files.write(site, {"llms.txt": b"x"}, {})
    assert (site / "api" / "old.json").exists()
