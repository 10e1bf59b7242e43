"""The JSON API, llms.txt and the Markdown mirrors of both canary editions (``hub build``):
they follow their edition's schemas, list every entity the edition has pages for, and say
where each is; the internal edition also who keeps it and how fresh it is."""
import csv
import io
import json
import re

import jsonschema
import pytest
from fixtures.publish.builds import COMMIT_DAY, SITE_URL, canary_editions

from pmmhub.channels import channel_files
from pmmhub.channels.records import INTERNAL_ONLY, schemas
from pmmhub.model import KINDS
from pmmhub.render.site import load

API = "api/v1"


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    return canary_editions(tmp_path_factory)


def read(site, rel):
    return json.loads((site / rel).read_text(encoding="utf-8"))


def entity_pages(site) -> set[tuple[str, str]]:
    """(kind, id) of every entity page the built site has."""
    out = set()
    for kind in KINDS.values():
        folder = site / kind.folder
        for page in folder.glob("*/index.html") if folder.is_dir() else ():
            if page.parent.name != "page" and '<div class="hub-header" data-hub-id="' in page.read_text(encoding="utf-8"):
                out.add((kind.name, page.parent.name))  # an entity's page (not a dashboard of the kind)
    return out


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_every_api_file_follows_its_schema(editions, audience):
    site = editions.site(audience)
    shipped = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in (site / API / "schema").glob("*.json")}
    index = read(site, f"{API}/index.json")
    kinds = [k["kind"] for k in index["kinds"]]
    assert set(shipped) == {"index.schema.json", *(f"{k}.schema.json" for k in kinds)}
    assert shipped == schemas(kinds, audience)  # the shipped schemas are the edition's models' schemas
    jsonschema.Draft202012Validator(shipped["index.schema.json"]).validate(index)
    checked = 0
    for entry in index["entities"]:
        record = read(site, entry["file"])
        jsonschema.Draft202012Validator(shipped[f"{entry['kind']}.schema.json"]).validate(record)
        checked += 1
    assert checked == len(index["entities"]) >= 6


def test_a_record_that_breaks_its_schema_is_caught(editions):
    site = editions.internal
    schema = read(site, f"{API}/schema/product.schema.json")
    record = read(site, f"{API}/products/open-product.json")
    record["data"]["lifecycle"]["stage"] = "sunset"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(record)


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_every_entity_page_is_in_the_api_llms_txt_the_mirrors_and_the_csv_and_nothing_else(editions, audience):
    site = editions.site(audience)
    pages = entity_pages(site)
    index = read(site, f"{API}/index.json")
    assert {(e["kind"], e["id"]) for e in index["entities"]} == pages
    files = {p.relative_to(site / API).as_posix() for p in (site / API).rglob("*.json")} - {"index.json"}
    assert {f for f in files if not f.startswith("schema/")} == {f"{KINDS[k].folder}/{i}.json" for k, i in pages}
    llms = (site / "llms.txt").read_text(encoding="utf-8")
    full = (site / "llms-full.txt").read_text(encoding="utf-8")
    links = set(re.findall(r"^- \[[^\]]+\]\(([^)]+)\): ", llms, re.M))
    assert links == {f"{SITE_URL}{KINDS[k].folder}/{i}/" for k, i in pages}
    for entry in index["entities"]:
        mirror = (site / entry["mirror"]).read_text(encoding="utf-8")
        assert mirror.startswith("# ") and entry["url"] in mirror and entry["url"] in full
        assert entry["mirror"] == entry["path"] + "index.md"
    rows = {}
    for kind in index["kinds"]:
        text = (site / kind["csv"]).read_bytes().decode("utf-8-sig")
        rows[kind["kind"]] = {row["id"] for row in csv.DictReader(io.StringIO(text))}
    assert {(k, i) for k, ids in rows.items() for i in ids} == pages


def test_llms_txt_follows_the_llmstxt_format(editions):
    text = (editions.public / "llms.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# ") and lines[0].count("# ") == 1
    assert lines[2].startswith("> ")  # the summary right under the title
    headings = [line[3:] for line in lines if line.startswith("## ")]
    assert headings == ["产品", "买家画像", "客户案例", "解决方案", "上市计划"]  # one per kind it has, no battle cards
    assert "竞争卡片" not in text and "battle cards" not in text


def test_the_public_api_has_no_battle_cards_and_public_entities_only(editions):
    index = read(editions.public, f"{API}/index.json")
    assert index["edition"] == "public" and "battlecard" not in [k["kind"] for k in index["kinds"]]
    assert not (editions.public / API / "battlecards").exists()
    assert not (editions.public / API / "battlecards.csv").exists()
    for entry in index["entities"]:
        record = read(editions.public, entry["file"])
        assert record["edition"] == "public" and "internal_notes" not in record["data"]
    internal = read(editions.internal, f"{API}/index.json")
    assert "battlecard" in [k["kind"] for k in internal["kinds"]]
    assert read(editions.internal, f"{API}/products/open-product.json")["data"]["internal_notes"]


def test_records_carry_urls_relations_both_ways_and_freshness(editions):
    site = editions.internal
    product = read(site, f"{API}/products/open-product.json")
    assert product["path"] == "products/open-product/" and product["url"] == SITE_URL + "products/open-product/"
    names = {(r["kind"], r["id"]): r for r in product["relations"]["names"]}
    named_by = {(r["kind"], r["id"]): r for r in product["relations"]["named_by"]}
    assert ("battlecard", "canary-battlecard") in names  # it names its competitor…
    case = read(site, f"{API}/case-studies/open-case-study.json")
    assert ("product", "open-product") in {(r["kind"], r["id"]) for r in case["relations"]["names"]}
    assert ("case-study", "open-case-study") in named_by  # …and the reverse link is computed
    assert named_by[("case-study", "open-case-study")]["url"] == SITE_URL + "case-studies/open-case-study/"
    assert named_by[("case-study", "open-case-study")]["fields"] == ["products[0]"]
    public = read(editions.public, f"{API}/products/open-product.json")
    assert all(r["id"].startswith("open-") for r in public["relations"]["names"] + public["relations"]["named_by"])
    fresh = product["freshness"]
    assert fresh["reviewed"] == product["reviewed"] and fresh["checked"] == COMMIT_DAY
    assert set(fresh) == {"reviewed", "review_every", "due", "age_days", "stale", "checked"}
    assert read(site, f"{API}/index.json")["generated"] == COMMIT_DAY


def properties(schema) -> set[str]:
    """Every property name a JSON Schema defines, at any depth."""
    if isinstance(schema, list):
        return {p for item in schema for p in properties(item)}
    if not isinstance(schema, dict):
        return set()
    return set(schema.get("properties", {})) | {p for value in schema.values() for p in properties(value)}


def test_the_public_api_has_no_owner_freshness_or_visibility_and_its_schemas_say_so(editions):
    index = read(editions.public, f"{API}/index.json")
    assert set(index["entities"][0]) == {"kind", "id", "name", "summary", "path", "url", "file", "mirror"}
    launch = read(editions.public, f"{API}/launches/open-launch.json")
    assert set(launch) == {"kind", "id", "name", "summary", "path", "url", "file", "mirror", "edition", "facets",
                           "relations", "data"}
    priced = read(editions.public, f"{API}/products/open-priced.json")["data"]
    assert priced["pricing"]["tiers"] and "visibility" not in priced["pricing"] and "owner" not in priced
    for name in ("index", "product", "launch"):
        assert not properties(read(editions.public, f"{API}/schema/{name}.schema.json")) & INTERNAL_ONLY, name
        assert {"owner", "reviewed", "freshness"} <= properties(read(editions.internal, f"{API}/schema/{name}.schema.json"))
    assert INTERNAL_ONLY <= properties(read(editions.internal, f"{API}/schema/product.schema.json"))
    internal = read(editions.internal, f"{API}/products/open-priced.json")
    assert internal["owner"] == "@open" and internal["visibility"] == "public"
    assert internal["data"]["pricing"]["visibility"] == "public" and internal["freshness"]["stale"] is False


def test_llms_txt_says_when_each_entity_was_verified_in_the_internal_edition_only(editions):
    line = ("- [开放数据平台 OpenPlatform](https://hub.example/products/open-product/): "
            "面向制造企业的开放数据平台 PUBLIC-product-summary")
    internal = (editions.internal / "llms.txt").read_text(encoding="utf-8")
    public = (editions.public / "llms.txt").read_text(encoding="utf-8")
    assert f"{line} (verified 2026-11-01)\n" in internal and "Each line says when it was last verified" in internal
    assert f"{line}\n" in public and "verified" not in public
    assert "verified" not in (editions.public / "llms-full.txt").read_text(encoding="utf-8")


def test_an_anonymous_customer_is_named_as_on_its_page_and_aliases_are_nowhere(editions):
    for site in (editions.public, editions.internal):
        customer = read(site, f"{API}/case-studies/open-case-study.json")["data"]["customer"]
        assert customer["name"] == "某制造客户（匿名）" and "aliases" not in customer


def test_the_built_files_are_the_channel_files_of_the_build_day_and_repeatable(editions):
    import datetime as dt

    day = dt.date.fromisoformat(COMMIT_DAY)
    site = load(editions.project / "data", day=day, audience="public")
    files = channel_files(site, SITE_URL)
    assert files == channel_files(load(editions.project / "data", day=day, audience="public"), SITE_URL)
    for rel, data in files.items():
        assert (editions.public / rel).read_bytes() == data, rel
    relative = channel_files(site)  # without a site URL: site-relative paths
    entry = json.loads(relative[f"{API}/index.json"])["entities"][0]
    assert entry["url"] == entry["path"] and "://" not in relative["llms.txt"].decode()


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_every_api_file_is_indented_json_as_pythons_own_encoder_writes_it(editions, audience):
    """The API's files are written by orjson; a consumer diffing them sees json.dumps(indent=2) exactly."""
    site = editions.site(audience)
    files = sorted((site / API).rglob("*.json"))
    assert len(files) > 10  # the index, every record, the schemas
    for file in files:
        raw = file.read_bytes()
        assert raw == (json.dumps(json.loads(raw), ensure_ascii=False, indent=2) + "\n").encode(), file


def test_the_api_dump_matches_json_dumps_on_text_numbers_and_nesting():
    from pmmhub.channels.api import dump

    data = {"名称": "数衡科技 MetricOne", "price": 39800.0, "ratio": 0.125, "count": 3, "empty": [], "none": None,
            "nested": [{"a": True, "b": "引号\"与\\反斜杠\n换行"}, {}], "emoji": "✅"}
    assert dump(data) == (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()
