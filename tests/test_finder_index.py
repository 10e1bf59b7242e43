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
        assert item["f"]["results"] == ["yes" if e.results else "no"]
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
    assert flagged == {"results", "reference_calls"}
    assert all(v[0] in ("yes", "no") for f in found["facets"] if f["key"] in flagged for v in f["values"])
