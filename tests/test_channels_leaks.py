"""The public edition's channel files (JSON API, llms.txt, Markdown mirrors, CSV) carry no
internal text, and the build's checks cover them: the leak check finds a canary planted in
any of them, the shipped-files check allows exactly the computed files."""
import shutil

import pytest
from fixtures.publish.builds import canary_editions, output_texts

from pmmhub.publish.build import check_leaks
from pmmhub.publish.guard import STAMP
from pmmhub.publish.shipping import unexpected

MARKERS = ("CANARY", "金丝雀")
ANONYMOUS = ("CANARY-anonymous-customer", "金丝雀匿名客户")
CHANNELS = ("api/", "llms.txt", "llms-full.txt", ".md", ".csv")


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    return canary_editions(tmp_path_factory)


def channel_texts(site):
    return {name: text for name, text in output_texts(site).items()
            if name.startswith(CHANNELS[0]) or name in CHANNELS[1:3] or name.endswith(CHANNELS[3:])}


def test_no_canary_in_any_channel_file_of_the_public_edition(editions):
    files = channel_texts(editions.public)
    assert "api/v1/index.json" in files and "llms.txt" in files and "api/v1/products.csv" in files
    assert "products/open-product/index.md" in files
    assert [f"{n}: {m}" for n, text in files.items() for m in (*MARKERS, "intranet.example") if m in text] == []


def test_the_internal_channels_show_the_canaries_but_never_the_anonymous_name(editions):
    files = channel_texts(editions.internal)
    for name in ("llms-full.txt", "api/v1/battlecards/canary-battlecard.json", "api/v1/battlecards.csv",
                 "battlecards/canary-battlecard/index.md"):
        assert "CANARY-battlecard" in files[name], name
    assert [n for n, text in files.items() if any(a in text for a in ANONYMOUS)] == []


@pytest.mark.parametrize("rel", ["llms.txt", "llms-full.txt", "api/v1/index.json", "api/v1/products.csv",
                                 "products/open-product/index.md", "api/v1/products/open-product.json"])
def test_the_leak_check_finds_internal_text_planted_in_a_channel_file(editions, tmp_path, rel):
    site = tmp_path / "site"
    shutil.copytree(editions.public, site)
    data = editions.project / "data"
    assert check_leaks(site, data, "public") == []
    file = site / rel
    text = file.read_text(encoding="utf-8")
    planted = "CANARY-battlecard-quick_take-one_liner 金丝雀机密"
    if rel.endswith(".json"):
        text = text.replace('"summary": "', f'"summary": "{planted} ', 1)
    else:
        text += f"\n{planted}\n"
    file.write_text(text, encoding="utf-8")
    leaks = check_leaks(site, data, "public")
    assert {leak.file for leak in leaks} == {rel}
    assert any("battlecards/canary-battlecard.yml" in leak.source for leak in leaks)


def test_shipping_allows_exactly_the_channel_files(editions, tmp_path):
    import datetime as dt

    from fixtures.publish.builds import COMMIT_DAY, SITE_URL

    from pmmhub.channels import channel_files
    from pmmhub.engines.config import hub_options, read
    from pmmhub.render.edition import prepare
    from pmmhub.search.index import index_files

    project = editions.project
    config = read(project / "mkdocs.yml")
    prepared = prepare(project, config, plugin_options={**hub_options(config), "audience": "public"},
                       out=tmp_path / "docs", day=dt.date.fromisoformat(COMMIT_DAY))
    channels = {**channel_files(prepared.site, SITE_URL), **index_files(prepared)}  # and the search index
    site = tmp_path / "site"
    shutil.copytree(editions.public, site)
    (site / STAMP).unlink()  # written after the check
    assert unexpected(site, prepared.tree.files, prepared.tree.pages, channels=channels) == []
    assert "llms.txt" in unexpected(site, prepared.tree.files, prepared.tree.pages)  # without them: refused
    changed = {**channels, "llms.txt": channels["llms.txt"] + b"x"}
    assert unexpected(site, prepared.tree.files, prepared.tree.pages, channels=changed) == ["llms.txt"]
