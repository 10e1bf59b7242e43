"""The finders' JSON index (<folder>/finder.json): every entity of the edition, facet ids, links.

The browser side (docs/assets/finder.js) is tested in test_browser_finder.py.
"""
import json
import urllib.parse

import pytest
from conftest import BUILD_DAY, FIXTURE_DATA, REPO

from pmmhub.model import KINDS
from pmmhub.render.producers.listings import FINDER, finder_index
from pmmhub.render.site import load
from pmmhub.render.pages import PAGE_SIZE, ordered


@pytest.fixture(scope="module")
def sample():
    return load(REPO / "data", day=BUILD_DAY)


def index(site, kind):
    return json.loads(finder_index(site, kind))


def test_the_finders_facets_are_the_contracts_field_names():
    keys = {kind.name: [f.key for f in kind.facets] for kind in KINDS.values()}
    assert keys["case-study"] == ["industry", "region", "size", "product", "persona", "displaced", "deal_type",
                                  "results", "reference_calls"]
    assert keys["battlecard"][:2] == ["threat", "product"]
    assert {"industry", "scenario", "function"} <= set(keys["solution"])
    assert all(keys.values()), "every kind has facets"


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_entity_is_in_its_kinds_index_in_listing_order(sample, kind):
    found = index(sample, kind)
    assert found["kind"] == kind
    assert [item["id"] for item in found["items"]] == [r.id for r in ordered(sample.catalog, kind)]
    for item in found["items"]:
        record = sample.catalog.get(kind, item["id"])
        assert (item["name"], item["summary"]) == (record.entity.name, record.entity.summary)
        page = urllib.parse.urljoin(f"http://site/{KINDS[kind].folder}/{FINDER}", item["url"])
        assert page == f"http://site/{KINDS[kind].folder}/{item['id']}/"


def test_case_study_facet_values_are_ids_and_labelled(sample):
    found = index(sample, "case-study")
    facets = {f["key"]: dict(f["values"]) for f in found["facets"]}
    hub = sample.catalog.hub
    assert facets["industry"].items() <= hub.industries.items()
    assert facets["displaced"] == {i: sample.catalog.get("battlecard", i).entity.name for i in facets["displaced"]}
    for item in found["items"]:
        e = sample.catalog.get("case-study", item["id"]).entity
        assert item["f"]["industry"] == [e.customer.industry]
        assert item["f"].get("product", []) == e.products
        assert item["f"].get("displaced", []) == e.displaced
        assert item["f"]["reference_calls"] == ["yes" if e.approvals.reference_calls else "no"]
        for key, ids in item["f"].items():
            assert set(ids) <= set(facets[key]), (item["id"], key)


def test_a_facet_lists_only_values_that_occur(sample):
    found = index(sample, "case-study")
    used = {(k, v) for item in found["items"] for k, vs in item["f"].items() for v in vs}
    listed = {(f["key"], v) for f in found["facets"] for v, _ in f["values"]}
    assert listed == used


def test_the_index_covers_every_page_of_a_paginated_listing(tmp_path):
    from hubdev.synth import generate

    counts = generate(tmp_path, 160, seed=3, today=BUILD_DAY)
    assert counts["case-study"] > PAGE_SIZE  # the listing has more than one page
    site = load(tmp_path / "data", day=BUILD_DAY)
    assert len(index(site, "case-study")["items"]) == counts["case-study"]


def test_the_public_index_has_only_public_entities_and_fields():
    public, internal = load(FIXTURE_DATA, day=BUILD_DAY, audience="public"), load(FIXTURE_DATA, day=BUILD_DAY)
    for kind in KINDS:
        text = finder_index(public, kind)
        ids = [item["id"] for item in json.loads(text)["items"]]
        assert ids == [r.id for r in ordered(public.catalog, kind)]
        for record in internal.catalog.all(kind):
            if public.catalog.get(kind, record.id) is None:
                assert f'"{record.id}"' not in text and record.entity.name not in text, (kind, record.id)
    assert json.loads(finder_index(public, "battlecard"))["items"] == []
    for card in internal.catalog.all("battlecard"):  # no competitor is named in the public case-study index
        assert card.entity.name not in finder_index(public, "case-study")


def test_the_built_listing_has_a_finder_and_its_index(built_site):
    for kind in KINDS:
        folder = KINDS[kind].folder
        html = (built_site / folder / "index.html").read_text(encoding="utf-8")
        assert 'class="hub-finder" data-hub-listing="./" data-search-exclude hidden' in html, kind
        assert json.loads((built_site / folder / FINDER).read_text(encoding="utf-8"))["kind"] == kind


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_facet_title_and_value_label_exists(lang):
    from pmmhub.render.i18n import labels

    table = labels(lang)
    assert all(table.has(f.label) for kind in KINDS.values() for f in kind.facets)
    assert table.has("finder.yes") and table.has("finder.no")
    for key in ("filters", "clear", "shown", "no_match", "load_failed", "copy", "copied", "copy_failed", "print"):
        assert table.has(f"js.{key}"), key  # the finder's and copy buttons' words, handed to the page


def test_only_yes_no_facets_are_flagged(sample):
    found = index(sample, "case-study")
    flagged = {f["key"] for f in found["facets"] if f.get("flag")}
    assert flagged == {"reference_calls"}  # "has metrics" too, were a case study without metrics
    assert all(v[0] in ("yes", "no") for f in found["facets"] if f["key"] in flagged for v in f["values"])


def test_a_facet_that_narrows_nothing_is_left_out(sample):
    cases = ordered(sample.catalog, "case-study")
    assert all(r.entity.results for r in cases)  # every sample case study has metrics: "有量化成效" filters nothing
    found = index(sample, "case-study")
    assert "results" not in {f["key"] for f in found["facets"]}
    assert all("results" not in item["f"] for item in found["items"])


@pytest.mark.parametrize("held, useful", [
    ([["yes"], ["yes"], ["yes"]], False),  # every entity the same value
    ([["a", "b"], ["a", "b"]], False),  # every entity every value
    ([[], []], False),  # no values at all
    ([["yes"], ["no"]], True),
    ([["a"], []], True),  # choosing "a" leaves one out
    ([["a", "b"], ["a"]], True),
])
def test_whether_a_facet_narrows(held, useful):
    from pmmhub.render.producers.listings import narrows

    assert narrows(held) is useful


def test_a_facet_comes_back_when_its_values_differ(tmp_path):
    import shutil

    shutil.copytree(REPO / "data", tmp_path / "data")
    case = next(iter(sorted((tmp_path / "data" / "case-studies").glob("*.yml"))))
    text = case.read_text(encoding="utf-8")
    assert "\nresults:" in text
    head, _, tail = text.partition("\nresults:")
    rest = tail.split("\n")
    keep = next(i for i, line in enumerate(rest[1:], 1) if line and not line.startswith((" ", "-")))
    case.write_text(head + "\n" + "\n".join(rest[keep:]), encoding="utf-8")  # one case study without metrics
    site = load(tmp_path / "data", day=BUILD_DAY)
    facet = next(f for f in index(site, "case-study")["facets"] if f["key"] == "results")
    assert dict(facet["values"]) == {"yes": "是", "no": "否"} and facet["flag"] is True


def test_items_carry_their_listing_row_and_sort_keys(sample):
    for kind in KINDS:
        for item in index(sample, kind)["items"]:
            record = sample.catalog.get(kind, item["id"])
            assert item["row"].startswith(f'<tr data-hub-id="{item["id"]}"') and item["row"].endswith("</tr>")
            assert item["row"].count("<tr") == 1
            assert f'<a href="{item["url"]}">' in item["row"]
            assert item["due"] == sample.ctx.fresh(record).due.isoformat()
            own = {"case-study": "date", "launch": "launch_date"}.get(kind)
            own = getattr(record.entity, own) if own else record.entity.lifecycle.ga if kind == "product" else None
            assert item["date"] == (own or record.entity.reviewed).isoformat(), (kind, item["id"])


def test_the_rows_are_the_listing_pages_rows(built_site, sample):
    html = (built_site / "case-studies" / "index.html").read_text(encoding="utf-8")
    for item in index(sample, "case-study")["items"]:
        assert item["row"] in html, item["id"]


def test_the_public_index_and_listing_carry_no_freshness():
    """Review dates, staleness and visibility are an internal rule: no public row, item or header shows one."""
    from pmmhub.render.pages import render_listing

    public = load(REPO / "data", day=BUILD_DAY, audience="public")
    for kind in ("product", "case-study", "solution"):
        found = index(public, kind)
        assert found["items"], kind
        for item in found["items"]:
            assert "due" not in item
            record = public.catalog.get(kind, item["id"])
            assert item.get("date") != record.entity.reviewed.isoformat(), (kind, item["id"])  # "newest" is not "verified"
            assert ("date" in item) == (kind != "solution"), (kind, item["id"])  # solutions have no date of their own
            assert "data-stale" not in item["row"] and "data-visibility" not in item["row"]
            record = public.catalog.get(kind, item["id"])
            assert record.entity.reviewed.isoformat() not in item["row"], (kind, item["id"])
        listing = render_listing(public.catalog, kind, public.ctx)
        assert public.ctx.t("listing.freshness") not in listing and "hub-age" not in listing, kind
    internal = index(load(REPO / "data", day=BUILD_DAY), "case-study")
    assert all("due" in item and "hub-age" in item["row"] for item in internal["items"])
