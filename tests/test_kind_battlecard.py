"""Battle card schema: start from a valid card and break one thing."""
from datahelpers import check, entity

FILE = "battlecards/xinghe.yml"


def test_battle_cards_are_always_internal(tmp_path):
    found = check(tmp_path, "battlecard", entity("battlecard", visibility="public"))
    assert [(f, field, msg) for f, _, field, msg in found] == [
        (FILE, "", "battle cards are always internal; remove `visibility: public`")]


def test_threat_level(tmp_path):
    assert check(tmp_path, "battlecard", entity("battlecard", threat="severe")) == [
        (FILE, "threat: severe", "threat", "expected one of 'high', 'medium' or 'low'; found 'severe'")]


def test_objection_response_required(tmp_path):
    objections = [{"objection": "a", "response": "b"}, {"objection": "c", "response": "d"}, {"objection": "更便宜"}]
    assert check(tmp_path, "battlecard", entity("battlecard", objections=objections)) == [
        (FILE, "- objection: 更便宜", "objections[2].response", "required field missing")]


def test_comparison_values(tmp_path):
    comparison = [{"capability": "私有化", "us": "yes", "them": "maybe"}]
    assert check(tmp_path, "battlecard", entity("battlecard", comparison=comparison)) == [
        (FILE, "them: maybe", "comparison[0].them", "expected one of 'yes', 'partial' or 'no'; found 'maybe'")]


def test_proof_cites_case_studies(tmp_path):
    found = check(tmp_path, "battlecard", entity("battlecard", why_we_win=[{"point": "快", "proof": ["huadon"]}]))
    assert found == [(FILE, "- huadon", "why_we_win[0].proof[0]", "no case-study with id 'huadon'")]


def test_quick_take_is_required(tmp_path):
    found = check(tmp_path, "battlecard", entity("battlecard", quick_take=None))
    assert [(field, msg) for _, _, field, msg in found] == [("quick_take", "required field missing")]


def test_intel_date_must_be_a_date(tmp_path):
    found = check(tmp_path, "battlecard", entity("battlecard", intel=[{"date": "上周", "note": "发布 5.0"}]))
    assert found == [(FILE, "- date: 上周", "intel[0].date", "expected a date like 2026-11-01; found '上周'")]
