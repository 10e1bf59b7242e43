"""Role views: a page per sales role of hub.yml (iron triangle) with what that role needs first."""
import re
import shutil

import pytest
from conftest import BUILD_DAY, FIXTURE_DATA, REPO, article

from pmmhub.render.producers import roles
from pmmhub.render.site import load
from pmmhub.render.i18n import labels, languages
from pmmhub.render.pages import ordered


@pytest.fixture(scope="module")
def sample():
    return load(REPO / "data", day=BUILD_DAY)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A synthetic hub of 300 entities (30 battle cards: more than a section shows), loaded once;
    the tests only read it. Returns the generated counts and the loaded site."""
    from hubdev.synth import generate

    out = tmp_path_factory.mktemp("synth")
    counts = generate(out, 300, seed=2, today=BUILD_DAY)
    return counts, load(out / "data", day=BUILD_DAY)


def pages_of(site) -> dict[str, str]:
    return {p.src: p.content for p in roles.pages(site)}


def hub_ids(html: str, section: str) -> list[str]:
    """The data-hub-id values inside one section of a role page (its top-level entries)."""
    block = re.search(rf'data-section="{section}"(.*?)(?=data-section=|\Z)', html, re.S).group(1)
    return re.findall(r'data-hub-id="([^"]+)"', block)


def test_a_page_per_sales_role_and_an_index(sample):
    found = {p.src: p for p in roles.pages(sample)}
    assert set(found) == {"roles/index.md", *(f"roles/{r}.md" for r in sample.catalog.hub.sales_roles)}
    assert [src for src, p in found.items() if p.in_nav] == ["roles/index.md"]
    assert found["roles/ar.md"].origin == "hub.yml sales_roles.ar"


def test_ar_gets_quick_takes_pitches_and_reference_customers(sample):
    ar = pages_of(sample)["roles/ar.md"]
    cards = ordered(sample.catalog, "battlecard")
    assert [s for s in re.findall(r'data-section="([a-z_]+)"', ar)] == list(roles.SECTIONS["ar"])
    assert re.findall(r'class="hub-role-card" data-hub-id="([^"]+)"', ar) == [c.id for c in cards][:roles.LIMIT]
    assert ar.count('class="hub-quick-take"') == min(len(cards), roles.LIMIT)
    pitched = [p.id for p in ordered(sample.catalog, "product")
               if p.entity.pitch and p.entity.pitch.elevator and p.entity.lifecycle.stage != "end-of-life"]
    assert re.findall(r'hub-product-card" data-hub-id="([^"]+)"', ar) == pitched[:roles.LIMIT]
    references = [c.id for c in ordered(sample.catalog, "case-study") if c.entity.approvals.reference_calls]
    assert hub_ids(ar, "reference_cases") == references[:roles.LIMIT]


def test_sr_gets_solutions_fabe_comparisons_and_pricing(sample):
    sr = pages_of(sample)["roles/sr.md"]
    assert re.findall(r'data-section="([a-z_]+)"', sr) == list(roles.SECTIONS["sr"])
    assert 'class="hub-fabe"' in sr and 'class="hub-comparison"' in sr
    assert sr.count('class="hub-fabe"') <= roles.DETAIL_LIMIT
    priced = [b for b in ordered(sample.catalog, "battlecard") if b.entity.pricing]
    assert f'href="../../battlecards/{priced[0].id}/#pricing"' in sr
    assert set(hub_ids(sr, "solutions")) == {s.id for s in ordered(sample.catalog, "solution")[:roles.LIMIT]}


def test_fr_gets_results_launches_and_products_in_use(sample):
    fr = pages_of(sample)["roles/fr.md"]
    assert re.findall(r'data-section="([a-z_]+)"', fr) == list(roles.SECTIONS["fr"])
    with_results = [c.id for c in ordered(sample.catalog, "case-study") if c.entity.results]
    assert hub_ids(fr, "results_cases") == with_results[:roles.LIMIT]
    assert set(hub_ids(fr, "launches")) == {lc.id for lc in sample.catalog.all("launch")}
    used = {cs_product for cs in sample.catalog.all("case-study") for cs_product in cs.entity.products}
    assert set(hub_ids(fr, "products_in_use")) == used
    assert 'href="../../case-studies/?product=tidehub"' in fr  # the product's case studies, via the finder


def test_a_role_page_stays_bounded_and_links_to_the_rest(synthetic):
    counts, site = synthetic
    ar, fr = pages_of(site)["roles/ar.md"], pages_of(site)["roles/fr.md"]
    assert counts["battlecard"] > roles.LIMIT
    assert ar.count('class="hub-role-card"') == roles.LIMIT
    assert f'href="../../battlecards/">{labels("zh")("listing.all", count=counts["battlecard"])}' in ar
    assert 'href="../../case-studies/?results=yes"' in fr


def test_a_role_the_hub_adds_gets_a_mixed_page(tmp_path):
    data = shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    hub = data / "hub.yml"
    hub.write_text(hub.read_text(encoding="utf-8").replace("  fr: 交付经理（FR）\n",
                                                           "  fr: 交付经理（FR）\n  partner: 渠道伙伴经理\n"),
                   encoding="utf-8")
    page = pages_of(load(data, day=BUILD_DAY))["roles/partner.md"]
    assert re.findall(r'data-section="([a-z_]+)"', page) == list(roles.OTHER)
    assert "渠道伙伴经理" in page


def test_the_public_edition_has_no_role_pages():
    # role pages are for the sales team; the public edition speaks to customers
    assert pages_of(load(FIXTURE_DATA, day=BUILD_DAY, audience="public")) == {}


def test_the_internal_edition_says_when_a_section_is_empty():
    internal = pages_of(load(FIXTURE_DATA, day=BUILD_DAY))
    assert "quick_takes" in re.findall(r'data-section="([a-z_]+)"', internal["roles/ar.md"])


def test_each_section_is_view_data_laid_out_by_its_own_partial(synthetic):
    _, site = synthetic
    names = list(roles.SECTION_KINDS)
    views = {v.name: v for v in roles.views(site, names)}
    assert list(views) == names
    refs = views["reference_cases"]
    every = [r for r in ordered(site.catalog, "case-study") if r.entity.approvals.reference_calls]
    assert (refs.count, refs.shown, refs.listing, refs.query) == (len(every), every[:roles.LIMIT], "case-study",
                                                                  "?reference_calls=yes")
    assert len(views["value_props"].shown) == roles.DETAIL_LIMIT < views["value_props"].count
    pricing = views["pricing"]
    assert pricing.listing is None and {r.kind for r in pricing.shown.ours} == {"product"}
    assert {r.kind for r in pricing.shown.theirs} == {"battlecard"} and len(pricing.shown.theirs) <= roles.LIMIT
    for row in views["launches"].shown:
        pending = [c for c in row.record.entity.checkpoints if c.decision == "pending"]
        assert row.next == (pending[0] if pending else None)
        assert (row.ready, row.needed) == row.record.entity.progress


def test_the_role_template_has_no_per_section_branches():
    from pmmhub.render.environment import TEMPLATES, environment

    page = (TEMPLATES / "roles-role.md").read_text(encoding="utf-8")
    assert not re.search(r"name\s*(==|in)\s*[\"'(]", page), "a section's layout belongs in its roles/ partial"
    assert len(page.splitlines()) <= 30
    for section in roles.SECTION_KINDS.values():
        environment().get_template(f"roles/{section.partial}.html")
        if section.fragment:
            environment().get_template(f"fragments/{section.fragment}.html")


@pytest.mark.parametrize("lang", languages())
def test_every_section_has_a_label(lang):
    sections = {s for names in [*roles.SECTIONS.values(), roles.OTHER] for s in names}
    assert all(labels(lang).has(f"roles.{s}") for s in sections)
    assert set(roles.SECTION_KINDS) == sections


def test_role_pages_are_built_and_reached_from_home(built_site):
    home = article((built_site / "index.html").read_text(encoding="utf-8"))
    for role in ("ar", "sr", "fr"):
        assert f'href="roles/{role}/"' in home
        assert (built_site / "roles" / role / "index.html").is_file()


def test_a_rep_opens_their_role_view_from_home(page, site_url):
    page.goto(f"{site_url}/")
    page.click('.hub-roles [data-role="ar"] a')
    page.wait_for_url("**/roles/ar/")
    assert page.is_visible('[data-section="quick_takes"] .hub-one-liner')
    page.wait_for_selector('[data-section="elevator_pitches"] .hub-copy > .hub-copy__button')  # copy-ready here too
