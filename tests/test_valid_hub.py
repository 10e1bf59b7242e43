"""The baseline every kind test breaks: a small hub with one valid entity per kind."""
from datahelpers import IDS, problems, write_hub

from pmmhub.relate.catalog import load
from pmmhub.model import KINDS


def test_baseline_hub_is_clean(tmp_path):
    assert problems(write_hub(tmp_path)) == []


def test_every_kind_is_loaded(tmp_path):
    catalog = load(write_hub(tmp_path))
    assert {r.key for r in catalog} == {(k, IDS[k]) for k in KINDS}


def test_reverse_relations_are_computed_not_written(tmp_path):
    catalog = load(write_hub(tmp_path))
    assert [r.id for r in catalog.referrers("product", "cdp", "case-study")] == ["huadong"]
    assert [r.id for r in catalog.referrers("case-study", "huadong", "battlecard")] == ["xinghe"]
    assert [r.id for r in catalog.referrers("persona", "cio", "solution")] == ["omni"]
    assert [r.id for r in catalog.referrers("battlecard", "xinghe", "case-study")] == ["huadong"]
    assert sorted(r.id for r in catalog.referrers("product", "cdp")) == ["cdp-2", "cio", "huadong", "omni", "xinghe"]
    product = catalog.get("product", "cdp")
    assert [r.key for r in catalog.targets(product)] == [("persona", "cio"), ("case-study", "huadong"),
                                                         ("battlecard", "xinghe")]
