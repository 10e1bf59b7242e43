"""Persona schema: start from a valid persona and break one thing."""
from datahelpers import check, entity

FILE = "personas/cio.yml"


def test_buying_role_is_from_the_list(tmp_path):
    assert check(tmp_path, "persona", entity("persona", buying_role="decision maker")) == [
        (FILE, "buying_role: decision maker", "buying_role",
         "expected one of 'decision-maker', 'influencer', 'user', 'blocker' or 'champion'; found 'decision maker'")]


def test_industries_come_from_hub_vocabulary(tmp_path):
    assert check(tmp_path, "persona", entity("persona", industries=["retail", "retial"])) == [
        (FILE, "- retial", "industries[1]", "'retial' is not in hub.yml industries")]


def test_objection_needs_a_response(tmp_path):
    assert check(tmp_path, "persona", entity("persona", objections=[{"objection": "太贵"}])) == [
        (FILE, "- objection: 太贵", "objections[0].response", "required field missing")]


def test_messaging_names_a_product_not_another_kind(tmp_path):
    found = check(tmp_path, "persona", entity("persona", messaging=[{"product": "cio", "message": "m"}]))
    assert found == [(FILE, "- product: cio", "messaging[0].product", "no product with id 'cio'")]


def test_owner_must_be_a_handle_or_email(tmp_path):
    found = check(tmp_path, "persona", entity("persona", owner="li na"))
    assert found == [(FILE, "owner: li na", "owner", "expected a handle like @li-na or an email; found 'li na'")]
