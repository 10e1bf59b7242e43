"""The public edition of a catalog: what is kept, what is dropped, what is never named."""
from datahelpers import entity, write_hub

from pmmhub.relate.catalog import load
from pmmhub.relate.editions import edition
from pmmhub.publish.leakcheck import internal_only, texts


def public_hub(tmp_path, **overrides):
    product = entity("product", visibility="public", internal_notes="CANARY 产品内部备注",
                     pricing={"model": "CANARY 内部定价模型", "tiers": [{"name": "标准版", "price": 1}]},
                     assets=[{"title": "CANARY 内部资料", "url": "https://intranet.example/a"},
                             {"title": "公开彩页 brochure", "url": "https://example.com/b", "visibility": "public"}])
    case = entity("case-study", visibility="public",
                  customer={"name": "CANARY 匿名客户名", "anonymous": True, "industry": "retail"})
    files = {"product": product, "case-study": case, **overrides}
    return load(write_hub(tmp_path, files))


def test_internal_entities_and_battle_cards_are_absent(tmp_path):
    catalog = public_hub(tmp_path)
    public = edition(catalog, "public")
    assert {r.key for r in public} == {("product", "cdp"), ("case-study", "huadong")}


def test_internal_fields_parts_and_references_are_dropped(tmp_path):
    product = edition(public_hub(tmp_path), "public").get("product", "cdp").entity
    assert product.internal_notes is None
    assert product.pricing is None
    assert [a.title for a in product.assets] == ["公开彩页 brochure"]
    assert product.personas == [] and product.competitors == []  # persona and battle card are internal
    assert product.value_props[0].evidence == [product.value_props[0].evidence[0]]  # public case study kept


def test_evidence_citing_an_internal_case_study_goes(tmp_path):
    catalog = public_hub(tmp_path, **{"case-study": entity("case-study", visibility="internal")})
    product = edition(catalog, "public").get("product", "cdp").entity
    assert product.value_props[0].evidence == []


def test_public_pricing_stays(tmp_path):
    product = entity("product", visibility="public", pricing={"model": "按年订阅", "visibility": "public"})
    public = edition(load(write_hub(tmp_path, {"product": product})), "public")
    assert public.get("product", "cdp").entity.pricing.model == "按年订阅"


def test_unapproved_case_study_is_not_public(tmp_path):
    case = entity("case-study", visibility="public", approvals={"public_story": False})
    public = edition(load(write_hub(tmp_path, {"case-study": case})), "public")
    assert public.get("case-study", "huadong") is None


def test_anonymous_customer_is_nameless_in_every_edition(tmp_path):
    catalog = public_hub(tmp_path)
    for audience in ("internal", "public"):
        assert edition(catalog, audience).get("case-study", "huadong").entity.customer.name == ""
    assert catalog.get("case-study", "huadong").entity.customer.name == "CANARY 匿名客户名"  # input untouched


def test_reverse_links_follow_the_edition(tmp_path):
    public = edition(public_hub(tmp_path), "public")
    assert [r.key for r in public.referrers("product", "cdp")] == [("case-study", "huadong")]


def test_internal_only_texts_name_every_canary(tmp_path):
    catalog = public_hub(tmp_path)
    secrets = internal_only(catalog, edition(catalog, "public"))
    for canary in ("CANARY 产品内部备注", "CANARY 内部定价模型", "CANARY 内部资料", "CANARY 匿名客户名"):
        assert canary in secrets
    assert secrets["CANARY 产品内部备注"] == f"{catalog.get('product', 'cdp').path}: internal_notes"
    assert "公开彩页 brochure" not in secrets
    assert not set(secrets) & set(texts(edition(catalog, "public")))


def test_a_solutions_talk_track_is_what_reps_say_and_never_public():
    from pathlib import Path

    full = load(Path(__file__).resolve().parents[1] / "data")
    public = edition(full, "public")
    shown = [r for r in full.all("solution") if r.entity.talk_track and public.get("solution", r.id)]
    assert shown, "the sample has a public solution with a talk track"
    for record in shown:
        assert public.get("solution", record.id).entity.talk_track is None
        assert edition(full, "internal").get("solution", record.id).entity.talk_track == record.entity.talk_track
