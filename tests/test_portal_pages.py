"""Generated pages: every producer's pages, one path each, entity pages never in the nav."""
import shutil

import pytest
from conftest import BUILD_DAY, FIXTURE_DATA

from pmmhub.problems import HubDataError
from pmmhub.render.generated import PageConflict, generate, producer_names
from pmmhub.render.site import load


def test_producers_are_the_modules_of_the_producers_package():
    assert producer_names() == ["customer_copies", "entities", "health", "industries", "launches_dashboard", "listings",
                                "roles", "toolkits", "whatsnew"]


def test_every_entity_listing_industry_and_the_portfolio_get_a_page():
    site = load(FIXTURE_DATA, day=BUILD_DAY)
    pages = {p.src: p for p in site.pages}
    expected = {"products/lanyun.md", "products/lanbao-classic.md", "personas/cio.md", "battlecards/xingyao.md",
                "battlecards/beichen.md", "case-studies/huaxin-retail.md", "case-studies/hidden-factory.md",
                "solutions/retail-members.md", "launches/lanyun-3.md",
                "products/index.md", "personas/index.md", "battlecards/index.md", "case-studies/index.md",
                "solutions/index.md", "launches/index.md", "portfolio.md",
                "industries/index.md", "industries/retail.md", "industries/manufacturing.md", "industries/energy.md",
                "roles/index.md", "roles/ar.md", "roles/sr.md", "roles/fr.md", "whatsnew.md", "health/index.md",
                "launches/dashboard.md", "toolkits/index.md", "toolkits/lanyun/quick.md", "toolkits/lanyun/strategic.md",
                "products/lanyun/customer.md", "toolkits/lanyun/quick/customer.md",  # customer copies (public: lanyun)
                *(f"health/{part}/index.md" for part in ("due", "owners", "orphans", "quality", "gaps-competitors",
                                                         "gaps-messaging", "gaps-evidence", "gaps-pricing",
                                                         "gaps-approvals")),
                *(f"{folder}/finder.json" for folder in ("products", "personas", "battlecards", "case-studies",
                                                          "solutions", "launches"))}
    assert set(pages) == expected
    assert pages["battlecards/xingyao.md"].source == (FIXTURE_DATA / "battlecards" / "xingyao.yml").resolve()
    assert {src for src, p in pages.items() if p.in_nav} == {
        "products/index.md", "personas/index.md", "battlecards/index.md", "case-studies/index.md",
        "solutions/index.md", "launches/index.md", "portfolio.md", "industries/index.md", "roles/index.md",
        "whatsnew.md", "health/index.md", "launches/dashboard.md", "toolkits/index.md"}


def test_an_id_that_takes_a_portal_path_is_reported_with_its_file(tmp_path):
    data = shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    shutil.copy(data / "battlecards" / "beichen.yml", data / "battlecards" / "index.yml")
    with pytest.raises(HubDataError, match=r"data/battlecards/index\.yml:1:1: the id 'index' is reserved"):
        load(data, day=BUILD_DAY)


def test_a_hub_with_errors_is_not_loaded(tmp_path):
    data = shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    (data / "personas" / "cio.yml").write_text("name: 只有名字\n", encoding="utf-8")
    with pytest.raises(HubDataError, match=r"cio\.yml:1:1: .*required field missing"):
        load(data, day=BUILD_DAY)
