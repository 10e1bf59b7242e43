"""The leak scanner finds a secret however the output spells it (fast: no build)."""
import gzip
import json
from pathlib import Path

import material
from datahelpers import entity, write_hub
from fixtures.publish.builds import DATA

from pmmhub.relate.catalog import load
from pmmhub.relate.editions import edition
from pmmhub.publish.leakcheck import internal_only, scan

SECRET = "价格底线请先找区域总监确认"
ENGLISH = "Ask the regional director before going below the floor price"
SECRETS = {SECRET: "data/products/x.yml: internal_notes", ENGLISH: "data/products/x.yml: pricing.model"}


def site_with(tmp_path: Path, name: str, content: str | bytes) -> Path:
    file = tmp_path / "site" / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return tmp_path / "site"


def found(site: Path) -> list[str]:
    return [str(leak) for leak in scan(site, SECRETS)]


def test_a_secret_in_a_page_is_named_with_file_and_source(tmp_path):
    site = site_with(tmp_path, "a/index.html", f"<p>{SECRET}</p>")
    assert found(site) == [f"a/index.html: contains internal text '{SECRET}' from data/products/x.yml: internal_notes"]


def test_the_search_index_spelling_is_seen_through(tmp_path):
    # Material's search index: Chinese segmented with zero-width spaces, written with \\u escapes
    segmented = "\u200b".join(["价格", "底线", "请", "先找", "区域", "总监", "确认"])
    index = json.dumps({"docs": [{"location": "a/", "text": f"<p>\u200b{segmented}\u200b</p>"}]})
    assert "价格" not in index
    assert found(site_with(tmp_path, "search/search_index.json", index)) != []


def test_markup_escapes_line_breaks_and_gzip_are_seen_through(tmp_path):
    variants = {
        "inline.html": "<p>价格<strong>底线</strong>请先找区域总监确认</p>",
        "escaped.html": "<p>" + "".join(f"&#x{ord(c):x};" for c in SECRET) + "</p>",
        "wrapped.html": "<p>Ask the regional director\n    before going below the floor price</p>",
        "sitemap.xml.gz": gzip.compress(f"<loc>{SECRET}</loc>".encode()),
        "attachment.bin": b"\x00\x01" + SECRET.encode() + b"\xff",
    }
    for name, content in variants.items():
        assert found(site_with(tmp_path / name, name, content)) != [], name


def test_files_shipped_unchanged_by_the_theme_are_skipped_changed_ones_are_not(tmp_path):
    shipped = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "bundle.*.min.js"
    bundle = next(shipped.parent.glob(shipped.name))
    secrets = {"function": "theme code"}  # occurs in the bundle, but the bundle is Material's own
    site = site_with(tmp_path, f"assets/javascripts/{bundle.name}", bundle.read_bytes())
    assert scan(site, secrets) == []
    (site / "assets" / "javascripts" / bundle.name).write_bytes(bundle.read_bytes() + b"\n// function")
    assert [leak.file for leak in scan(site, secrets)] == [f"assets/javascripts/{bundle.name}"]


def test_in_the_internal_edition_the_only_secret_is_an_anonymous_customer_name():
    catalog = load(DATA)
    secrets = internal_only(catalog, edition(catalog, "internal"))
    assert list(secrets) == ["CANARY-anonymous-customer 金丝雀匿名客户"]
    assert secrets["CANARY-anonymous-customer 金丝雀匿名客户"].endswith("case-studies/open-case-study.yml: customer.name")


def test_text_that_public_content_also_uses_is_not_a_secret(tmp_path):
    shared = "私有化部署与混合云"
    product = entity("product", visibility="public", summary=f"支持{shared}两种方式")
    card = entity("battlecard", landmines=[shared, "升级要停机多久才能完成"])
    catalog = load(write_hub(tmp_path, {"product": product, "battlecard": card}))
    secrets = internal_only(catalog, edition(catalog, "public"))
    assert shared not in secrets and "升级要停机多久才能完成" in secrets
