"""``hub mcp`` end to end, driven through the MCP SDK's own stdio client as an assistant would:
every tool on both canary editions (freshness and owners on the internal one only), errors for
what does not exist, and the refusal to serve a public site that holds anything internal."""
import concurrent.futures
import json
import shutil
import subprocess
import sys
from pathlib import Path

import anyio
import pytest
from fixtures.publish.builds import SITE_URL, canary_editions

from pmmhub.channels.search import normal, score

HUB = Path(sys.executable).parent / "hub"
TOOLS = {"search", "get_entity", "list_entities", "answer_objection"}


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    return canary_editions(tmp_path_factory)


def session(site: Path, calls: list[tuple[str, dict]]):
    """Start ``hub mcp --site SITE``, list its tools, make ``calls``: (tools, [(is_error, payload)])."""
    from mcp.client.session import ClientSession  # here: the SDK takes a second to import
    from mcp.client.stdio import StdioServerParameters, stdio_client

    async def run():
        params = StdioServerParameters(command=str(HUB), args=["mcp", "--site", str(site)])
        with open(Path(site).parent / f"{Path(site).name}.mcp.log", "w") as errlog:
            async with stdio_client(params, errlog=errlog) as (read, write):
                async with ClientSession(read, write) as client:
                    await client.initialize()
                    tools = (await client.list_tools()).tools
                    results = []
                    for name, arguments in calls:
                        result = await client.call_tool(name, arguments)
                        text = result.content[0].text
                        results.append((result.is_error, text if result.is_error else json.loads(text)))
                    return tools, results
    # in a thread of its own: Playwright's sync API may hold an event loop in this one (same worker)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(anyio.run, run).result()


def test_the_server_offers_four_read_only_tools(editions):
    tools, _ = session(editions.public, [])
    assert {t.name for t in tools} == TOOLS
    assert all(t.annotations.read_only_hint and not t.annotations.destructive_hint for t in tools)


def test_only_the_internal_edition_lists_by_freshness(editions):
    for site, filters in ((editions.internal, {"stale"}), (editions.public, set())):
        tools, _ = session(site, [])
        listing = next(t for t in tools if t.name == "list_entities")
        assert set(listing.input_schema["properties"]) == {"kind", "industry", "product", "competitor", "deal_type",
                                                           "limit", *filters}
        get = next(t for t in tools if t.name == "get_entity")
        assert ("freshness" in get.description) == bool(filters)


def test_each_tool_answers_on_the_internal_edition_with_urls_and_freshness(editions):
    _, results = session(editions.internal, [
        ("search", {"query": "CANARY-battlecard-competitor-name"}),
        ("get_entity", {"id": "open-product"}),
        ("list_entities", {"kind": "case-study", "industry": "manufacturing"}),
        ("list_entities", {"competitor": "CANARY-battlecard-competitor-name 金丝雀机密"}),
        ("answer_objection", {"objection": "CANARY-battlecard-objections-objection", "competitor": "canary-battlecard"}),
    ])
    assert not any(error for error, _ in results), results
    found, product, cases, rivals, answer = (payload for _, payload in results)
    top = found["results"][0]
    assert (top["kind"], top["id"], top["matched_in"]) == ("battlecard", "canary-battlecard", "title")
    assert top["url"] == SITE_URL + "battlecards/canary-battlecard/" and top["freshness"]["stale"] is False
    assert product["url"] == SITE_URL + "products/open-product/"
    assert ("case-study", "open-case-study") in {(r["kind"], r["id"]) for r in product["relations"]["named_by"]}
    assert {"reviewed", "stale", "due"} <= set(product["freshness"])
    assert cases["count"] == len(cases["results"]) >= 2
    assert all(r["kind"] == "case-study" for r in cases["results"])
    assert "open-case-study" in [r["id"] for r in cases["results"]]
    assert {r["id"] for r in rivals["results"]} >= {"canary-battlecard", "canary-product"}
    assert rivals["filters"]["competitor"] == "canary-battlecard"  # a competitor's name resolves to its card
    best = answer["answers"][0]
    assert best["question"].startswith("CANARY-battlecard-objections-objection")
    assert best["response"].startswith("CANARY-battlecard-objections-response")
    assert best["source"]["url"] == SITE_URL + "battlecards/canary-battlecard/"
    assert "canary-case-study" in [p["id"] for p in answer["proof"]]
    assert all(p["url"].startswith(SITE_URL) and "freshness" in p for p in answer["proof"])


def test_the_public_edition_answers_with_public_content_only(editions):
    _, results = session(editions.public, [
        ("search", {"query": "PUBLIC"}),
        ("list_entities", {}),
        ("get_entity", {"id": "open-case-study"}),
    ])
    assert not any(error for error, _ in results)
    found, listed, case = (payload for _, payload in results)
    assert found["results"] and all(r["id"].startswith("open-") for r in found["results"])
    assert {r["id"] for r in listed["results"]} == {"open-product", "open-priced", "open-persona", "open-case-study",
                                                    "open-solution", "open-launch"}
    text = json.dumps(results, ensure_ascii=False)
    assert "CANARY" not in text and "金丝雀" not in text and "@open" not in text  # nor the owner's handle
    for key in ("freshness", "warning", "owner", "reviewed", "visibility"):
        assert f'"{key}"' not in text, key
    assert case["data"]["customer"]["name"] == "某制造客户（匿名）" and case["url"] == SITE_URL + "case-studies/open-case-study/"


def test_unknown_ids_and_filters_are_error_results_not_crashes(editions):
    _, results = session(editions.public, [
        ("get_entity", {"id": "open-prodct"}),
        ("get_entity", {"id": "canary-battlecard"}),
        ("list_entities", {"kind": "battlecard"}),
        ("list_entities", {"industry": "mining"}),
        ("answer_objection", {"objection": "too expensive", "competitor": "canary-battlecard"}),
        ("search", {"query": "  "}),
        ("get_entity", {}),
        ("search", {"query": "PUBLIC"}),  # still serving after all that
    ])
    errors = [error for error, _ in results]
    assert errors == [True] * 7 + [False]
    messages = [payload for _, payload in results[:7]]
    assert "no entity with id 'open-prodct'" in messages[0] and "did you mean open-product" in messages[0]
    assert "no entity with id 'canary-battlecard' in the public edition" in messages[1]
    assert "has no battle cards" in messages[2] and "has no battle cards" in messages[4]
    assert "no industry 'mining'" in messages[3] and "manufacturing" in messages[3]
    assert "empty" in messages[5] and "id" in messages[6]


def refuse(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(HUB), "mcp", "--site", str(site)], stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=60)


def public_copy(editions, tmp_path) -> Path:
    site = tmp_path / "site-public"
    shutil.copytree(editions.public, site)
    return site


def edit_json(file: Path, change) -> None:
    data = json.loads(file.read_text(encoding="utf-8"))
    change(data)
    file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_it_refuses_a_public_site_with_an_internal_record_planted_in_it(editions, tmp_path):
    site = public_copy(editions, tmp_path)
    internal = json.loads((editions.internal / "api/v1/products/canary-product.json").read_text(encoding="utf-8"))
    (site / "api/v1/products/canary-product.json").write_text(json.dumps(internal, ensure_ascii=False), encoding="utf-8")
    edit_json(site / "api/v1/index.json", lambda d: d["entities"].append({k: internal[k] for k in (
        "kind", "id", "name", "summary", "path", "url", "owner", "reviewed", "freshness", "file", "mirror")}))
    done = refuse(site)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "refusing to serve it: the public edition must hold public content only" in done.stderr
    assert "canary-product.json: the product 'canary-product' is internal" in done.stderr
    assert "made for the internal edition" in done.stderr and "has internal_notes" in done.stderr
    assert "canary-product.json: holds owner, reviewed, freshness, data.owner" in done.stderr  # internal fields
    assert "index.json: holds entities." in done.stderr


@pytest.mark.parametrize("tamper, reason", [
    ("unlisted", "not listed in api/v1/index.json"),
    ("relabelled", "is internal"),
    ("notes", "has internal_notes"),
    ("internal-part", "pricing.visibility is marked internal"),
    ("unapproved", "is not approved for publishing (approvals.public_story)"),
    ("stamp", "edition 'public' but .hub-site says 'internal'"),
    ("broken", "not valid JSON"),
])
def test_it_refuses_every_way_a_public_site_can_hold_internal_content(editions, tmp_path, tamper, reason):
    site = public_copy(editions, tmp_path)
    product = site / "api/v1/products/open-priced.json"
    if tamper == "unlisted":
        shutil.copy(editions.internal / "api/v1/battlecards/canary-battlecard.json", product.parent / "x.json")
        (site / "api/v1/battlecards").mkdir()
        shutil.copy(editions.internal / "api/v1/battlecards/canary-battlecard.json", site / "api/v1/battlecards")
    elif tamper == "relabelled":
        edit_json(product, lambda d: d["data"].update(visibility="internal"))
    elif tamper == "notes":
        edit_json(product, lambda d: d["data"].update(internal_notes="底价 8 折"))
    elif tamper == "internal-part":
        edit_json(product, lambda d: d["data"]["pricing"].update(visibility="internal"))
    elif tamper == "unapproved":
        edit_json(site / "api/v1/case-studies/open-case-study.json",
                  lambda d: d["data"]["approvals"].update(public_story=False))
    elif tamper == "stamp":
        (site / ".hub-site").write_text("hub build: internal edition\n", encoding="utf-8")
    elif tamper == "broken":
        product.write_text("{", encoding="utf-8")
    done = refuse(site)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert reason in done.stderr


def test_it_refuses_a_folder_that_is_not_a_hub_build(tmp_path):
    from datahelpers import hub_cli  # the real command in this process: it refuses before serving anything

    done = hub_cli("mcp", "--site", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 1 and "not a site `hub build` made" in done.stderr
    done = hub_cli("mcp", "--site", str(tmp_path / "missing"), cwd=tmp_path)
    assert done.returncode == 1 and "no such folder" in done.stderr


# ranking (the search the tools use) -------------------------------------------------

def fields(title="", summary="", text=""):
    return {"title": normal(title), "summary": normal(summary), "text": normal(text)}


def test_a_name_match_ranks_above_a_summary_match_above_a_body_match():
    name, summary, body = (score("PeakChart", f) for f in (
        fields(title="峰图 BI（PeakChart）"), fields(summary="replaces PeakChart reports"), fields(text="PeakChart")))
    assert name.key < summary.key < body.key
    assert (name.where, summary.where, body.where) == ("title", "summary", "text")


def test_a_whole_word_ranks_above_part_of_a_word_and_more_terms_above_fewer():
    assert score("crm", fields(title="Tide CRM")).key < score("crm", fields(title="TideCRM")).key
    both = score("数据 中台", fields(summary="一站式数据中台"))
    one = score("数据 中台", fields(title="数据平台"))
    assert both.matched == 2 and one.matched == 1 and both.key < one.key
    assert score("价格太贵", fields(text="客户觉得价格太贵")).matched >= 1  # Chinese is segmented
    assert score("nothing", fields(title="TideCRM")).matched == 0
