"""The public edition's channel files (JSON API, llms.txt, Markdown mirrors, CSV) carry no
internal text, no owner and no freshness, and the build's checks cover them: the leak check
finds a canary planted in any of them, the shipped-files check allows exactly the computed files."""
import csv
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from fixtures.publish.builds import SITE_URL, canary_editions, output_texts

from pmmhub.channels import channel_files
from pmmhub.channels.records import INTERNAL_ONLY
from pmmhub.publish.build import check_leaks
from pmmhub.publish.guard import STAMP
from pmmhub.publish.shipping import unexpected
from pmmhub.render.site import load

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
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text("{}", encoding="utf-8")  # the theme's index is not made
    assert unexpected(site, prepared.tree.files, prepared.tree.pages, channels=channels) == ["search/search_index.json"]


# owners and freshness ---------------------------------------------------------------

# How owners and freshness read in the text channels: llms.txt lines, the Markdown facts
# (the owner's label, the reviewed date with its interval or "待复核")
FRESHNESS_TEXT = ("(verified ", "STALE", "**Reviewed:**", "**负责人:**", "复核")


def owners(data: Path) -> set[str]:
    """Every owner a hub's data names: each entity's and each launch readiness item's."""
    found: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            found.update(v for k, v in node.items() if k == "owner" and isinstance(v, str))
            node = list(node.values())
        if isinstance(node, list):
            for item in node:
                walk(item)

    for file in sorted(data.glob("*/*.yml")):
        walk(yaml.safe_load(file.read_text(encoding="utf-8")))
    return found


def keys(node) -> set[str]:
    """Every key of a JSON document, at any depth (a schema's property names among them)."""
    if isinstance(node, dict):
        return set(node) | {k for v in node.values() for k in keys(v)}
    if isinstance(node, list):
        return {k for v in node for k in keys(v)}
    return set()


def freshness_in(files: dict[str, bytes]) -> list[str]:
    """Where owners, freshness or visibility show in channel files: JSON keys, CSV columns, text."""
    out = []
    for name, data in files.items():
        text = data.decode("utf-8-sig")
        if name.endswith(".json"):
            out += [f"{name}: {k}" for k in sorted(keys(json.loads(text)) & INTERNAL_ONLY)]
        elif name.endswith(".csv"):
            head = next(csv.reader(io.StringIO(text)))
            out += [f"{name}: {c}" for c in head if c.split(".")[-1] in {*INTERNAL_ONLY, "review_due", "stale"}]
        elif name.endswith((".md", ".txt")):
            out += [f"{name}: {t}" for t in FRESHNESS_TEXT if t in text]
    return out


def site_channels(site: Path) -> dict[str, bytes]:
    return {name: (site / name).read_bytes() for name in channel_texts(site)}


def test_the_public_channels_name_no_owner_and_say_nothing_of_freshness(editions):
    names = owners(editions.project / "data")
    assert {"@open", "@canary", "CANARY-launch-readiness-owner 金丝雀机密"} <= names
    public = channel_texts(editions.public)
    assert [f"{n}: {o}" for n, text in public.items() for o in names if o in text] == []
    assert freshness_in(site_channels(editions.public)) == []


def test_the_internal_channels_still_name_every_owner_and_their_freshness(editions):
    internal = channel_texts(editions.internal)
    assert {o for o in owners(editions.project / "data") if not any(o in text for text in internal.values())} == set()
    found = freshness_in(site_channels(editions.internal))
    for expected in ("api/v1/index.json: freshness", "api/v1/index.json: owner",
                     "api/v1/schema/product.schema.json: owner",
                     "api/v1/products/open-priced.json: visibility", "api/v1/products.csv: review_due",
                     "api/v1/products.csv: pricing.visibility", "llms.txt: (verified ",
                     "products/open-product/index.md: **负责人:**"):
        assert expected in found


def sample_hub(root: Path) -> Path:
    """A copy of the sample hub in ``data/`` with a launch and its product made public (so the
    public edition has launch readiness items and their owners)."""
    data = root / "data"
    shutil.copytree(REPO / "data", data)
    product = data / "products" / "tideinsight.yml"
    product.write_text(re.sub(r"^visibility: internal$", "visibility: public", product.read_text(encoding="utf-8"),
                              count=1, flags=re.M), encoding="utf-8")
    launch = data / "launches" / "tideinsight-ga-2027.yml"
    launch.write_text(launch.read_text(encoding="utf-8") + "\nvisibility: public\n", encoding="utf-8")
    return data


def test_no_owner_of_the_sample_hub_is_in_its_public_channels(tmp_path):
    data = sample_hub(tmp_path)
    names = owners(data)
    day = dt.date(2026, 12, 1)
    public = channel_files(load(data, day=day, audience="public"), SITE_URL)
    mirror = public["launches/tideinsight-ga-2027/index.md"].decode()
    assert "上市准备" in mirror and "客户洞察报告与卖点排序" in mirror  # readiness items, without their owners
    assert "solutions/retail-member-growth/index.md" in public and len(names) >= 10
    assert [f"{n}: {o}" for n, d in public.items() for o in names if o in d.decode("utf-8-sig")] == []
    assert freshness_in(public) == []
    internal = channel_files(load(data, day=day), SITE_URL)
    assert {o for o in names if not any(o in d.decode("utf-8-sig") for d in internal.values())} == set()
    assert "- **负责人:** @chen-yuqing" in internal["solutions/retail-member-growth/index.md"].decode()
