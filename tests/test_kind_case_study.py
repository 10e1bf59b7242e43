"""Case study schema: start from a valid case study and break one thing."""
from datahelpers import check, entity

FILE = "case-studies/huadong.yml"


def customer(**changes):
    return {"name": "华东某超市", "industry": "retail", **changes}


def test_industry_from_vocabulary_with_hint(tmp_path):
    assert check(tmp_path, "case-study", entity("case-study", customer=customer(industry="retial"))) == [
        (FILE, "industry: retial", "customer.industry", "'retial' is not in hub.yml industries")]


def test_displaced_must_be_a_battle_card(tmp_path):
    assert check(tmp_path, "case-study", entity("case-study", displaced=["cdp"])) == [
        (FILE, "- cdp", "displaced[0]", "no battlecard with id 'cdp'")]


def test_anonymous_must_be_boolean(tmp_path):
    assert check(tmp_path, "case-study", entity("case-study", customer=customer(anonymous="maybe"))) == [
        (FILE, "anonymous: maybe", "customer.anonymous", "expected true or false; found 'maybe'")]


def test_impossible_date(tmp_path):
    assert check(tmp_path, "case-study", entity("case-study", date="2026-02-30")) == [
        (FILE, "date: '2026-02-30'", "date", "expected a date like 2026-11-01; found '2026-02-30'")]


def test_results_must_be_a_list(tmp_path):
    assert check(tmp_path, "case-study", entity("case-study", results="缺货率下降")) == [
        (FILE, "results: 缺货率下降", "results", "expected a list; found '缺货率下降'")]


def test_approvals_default_to_not_approved(tmp_path):
    from pmmhub.relate.catalog import load
    from datahelpers import write_hub

    catalog = load(write_hub(tmp_path, {"case-study": entity("case-study", approvals=None)}))
    approvals = catalog.get("case-study", "huadong").entity.approvals
    assert (approvals.public_story, approvals.logo, approvals.reference_calls) == (False, False, False)


def test_aliases_are_a_list_of_texts(tmp_path):
    assert check(tmp_path, "case-study", entity("case-study", customer=customer(aliases=["恒川", ""]))) == [
        (FILE, "- ''", "customer.aliases[1]", "must not be empty")]


def test_aliases_default_to_none(tmp_path):
    from pmmhub.relate.catalog import load
    from datahelpers import write_hub

    catalog = load(write_hub(tmp_path, {"case-study": entity("case-study")}))
    assert catalog.get("case-study", "huadong").entity.customer.aliases == []
