"""Product schema: start from a valid product and break one thing."""
from datahelpers import check, entity

FILE = "products/cdp.yml"


def test_stage_must_be_a_lifecycle_stage(tmp_path):
    assert check(tmp_path, "product", entity("product", lifecycle={"stage": "in-markt"})) == [
        (FILE, "stage: in-markt", "lifecycle.stage",
         "expected one of 'planning', 'launch-prep', 'in-market' or 'end-of-life'; found 'in-markt'")]


def test_unknown_field_is_an_error(tmp_path):
    assert check(tmp_path, "product", entity("product", value_prop=[])) == [
        (FILE, "value_prop: []", "value_prop", "unknown field")]


def test_evidence_must_cite_an_existing_case_study(tmp_path):
    props = [{"feature": "f", "advantage": "a", "benefit": "b", "evidence": [{"case_study": "nope"}]}]
    assert check(tmp_path, "product", entity("product", value_props=props)) == [
        (FILE, "- case_study: nope", "value_props[0].evidence[0].case_study", "no case-study with id 'nope'")]


def test_evidence_accepts_plain_text_and_a_single_value(tmp_path):
    props = [{"feature": "f", "advantage": "a", "benefit": "b", "evidence": "第三方测评：性能第一"}]
    assert check(tmp_path, "product", entity("product", value_props=props)) == []


def test_successor_must_be_another_product(tmp_path):
    assert check(tmp_path, "product", entity("product", lifecycle={"stage": "end-of-life", "successor": "cdp"})) == [
        (FILE, "successor: cdp", "lifecycle.successor", "refers to itself")]


def test_pricing_deal_type_comes_from_hub_vocabulary(tmp_path):
    assert check(tmp_path, "product", entity("product", pricing={"model": "订阅", "deal_type": "quik"})) == [
        (FILE, "deal_type: quik", "pricing.deal_type", "'quik' is not in hub.yml deal_types")]


def test_required_lifecycle_missing(tmp_path):
    found = check(tmp_path, "product", entity("product", lifecycle=None))
    assert [(f, field, msg) for f, _, field, msg in found] == [(FILE, "lifecycle", "required field missing")]


def test_asset_url_refuses_javascript(tmp_path):
    assets = [{"title": "彩页", "url": "javascript:alert(1)"}]
    assert check(tmp_path, "product", entity("product", assets=assets)) == [
        (FILE, "url: javascript:alert(1)", "assets[0].url",
         "links must be http, https, mailto or relative, not 'javascript:'")]


def test_price_may_be_text(tmp_path):
    pricing = {"model": "项目制", "tiers": [{"name": "旗舰版", "price": "面议"}]}
    assert check(tmp_path, "product", entity("product", pricing=pricing)) == []
