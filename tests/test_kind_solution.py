"""Solution schema: start from a valid solution and break one thing."""
from datahelpers import check, entity

FILE = "solutions/omni.yml"


def test_needs_industry_scenario_or_function(tmp_path):
    found = check(tmp_path, "solution", entity("solution", industry=None))
    assert [(f, field, msg) for f, _, field, msg in found] == [
        (FILE, "", "a solution needs at least one of industry, scenario or function")]


def test_scenario_and_function_from_vocabulary(tmp_path):
    found = check(tmp_path, "solution", entity("solution", scenario="omnichanel", function="marketing"))
    assert found == [(FILE, "scenario: omnichanel", "scenario", "'omnichanel' is not in hub.yml scenarios")]


def test_case_studies_resolve(tmp_path):
    found = check(tmp_path, "solution", entity("solution", case_studies=["huadong", "xibei"]))
    assert found == [(FILE, "- xibei", "case_studies[1]", "no case-study with id 'xibei'")]
