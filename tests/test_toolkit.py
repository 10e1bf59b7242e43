"""Sales toolkits and the launch dashboard, rendered from the sample hub (no engine), and in a real build."""
import datetime as dt
import re

import pytest

from conftest import REPO, article, build, built, make_project
from pmmhub.render.site import load

DAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def site():
    return load(REPO / "data", day=DAY)


def page(site, src):
    return next(p.content for p in site.pages if p.src == src)


def ids(html, section):
    part = html.split(f'data-hub-section="{section}"', 1)[1].split("</div>", 1)[0]
    return re.findall(r'<li class="hub-kit__item" data-hub-id="([^"]+)"', part)


@pytest.mark.unit
def test_a_kit_per_product_and_deal_type_and_none_for_an_end_of_life_product(site):
    kits = {p.src for p in site.pages if p.src.startswith("toolkits/")}
    assert {"toolkits/index.md", "toolkits/tidecrm/quick.md", "toolkits/tidehub/strategic.md"} <= kits
    assert not any(src.startswith("toolkits/tidereport-classic/") for src in kits)  # end-of-life


@pytest.mark.unit
def test_the_quick_kit_has_pitches_tiers_within_the_threshold_best_quick_cases_objections_and_cards(site):
    html = page(site, "toolkits/tidecrm/quick.md")
    for section in ("pitch", "pricing", "case_studies", "objections", "battlecards"):
        assert f'data-hub-section="{section}"' in html
    assert "hub-copy" in html and "#pitch" in html  # copy-ready pitch, linked to its source
    assert "团队版" in html and "2 周上线包" in html  # tiers of 1,680 and 9,800 CNY: within 40,000
    cases = ids(html, "case_studies")
    assert cases[:3] == ["zhixia-tea-crm", "hengyue-precision-crm", "zhixingyuan-education-crm"]
    assert "auto-parts-leader-data-platform" not in cases  # a strategic deal
    assert 'data-hub-id="insurance-broker-crm" data-hub-sets="finance" hidden' in html  # only when narrowed
    assert html.count('class="hub-kit__item hub-kit__objection"') == 5
    assert ids(html, "battlecards") == ["qingwu-crm"]
    assert '<li class="hub-kit__gap" data-hub-gap="case_studies_in" data-hub-sets="all energy">能源没有快速成交的客户案例</li>' in html


@pytest.mark.unit
def test_the_strategic_kit_has_solutions_fabe_references_security_assets_and_the_buying_committee(site):
    html = page(site, "toolkits/tidehub/strategic.md")
    assert ids(html, "solutions") == ["manufacturing-operations-cockpit", "retail-member-growth"]
    assert "指标中心：300+ 行业指标模板" in html  # FABE
    refs = ids(html, "references")
    assert "jinhe-retail-member-data" in refs and "city-commercial-bank-metrics" not in refs  # no reference calls
    assert "TideHub 投标资料包" in html and "TideHub 安全白皮书" in html
    assert "TideHub 打单 PPT" not in html  # a deck, not a security or tender document
    assert "先统一经营指标，再建平台" in html  # the CIO's message for TideHub
    assert "金融没有包含该产品的解决方案" in html
    other = page(site, "toolkits/tideinsight/strategic.md")
    assert 'data-hub-gap="assets"' in other  # TideInsight has no security or tender documents


@pytest.mark.unit
def test_every_kit_item_links_to_its_source_page(site):
    html = page(site, "toolkits/tidecrm/quick.md")
    assert 'href="../../../personas/sales-director/#objection-1"' in html
    assert 'href="../../../case-studies/zhixia-tea-crm/"' in html
    assert 'href="../../../battlecards/qingwu-crm/"' in html


@pytest.mark.unit
def test_toolkits_and_the_dashboard_are_internal_only():
    public = load(REPO / "data", day=DAY, audience="public")
    srcs = {p.src for p in public.pages}
    assert not any(s.startswith("toolkits/") for s in srcs) and "launches/dashboard.md" not in srcs
    product = next(p.content for p in public.pages if p.src == "products/tidecrm.md")
    assert "toolkits/" not in product


@pytest.mark.unit
def test_the_dashboard_shows_checkpoints_by_state_owners_and_overdue_deliverables():
    later = load(REPO / "data", day=dt.date(2026, 12, 20))
    html = next(p.content for p in later.pages if p.src == "launches/dashboard.md")
    assert re.search(r'hub-step--overdue" data-state="overdue"><span class="hub-step__name">ADCP 可获得性决策', html)
    assert re.search(r'hub-step--done" data-state="done"><span class="hub-step__name">CDCP 概念决策', html)
    assert '<tr data-owner="@liu-mengjie"><td>@liu-mengjie</td><td data-status="todo">0</td><td data-status="doing">3</td>' in html
    overdue = html.split('id="overdue"', 1)[-1] if 'id="overdue"' in html else html.split("{ #overdue }", 1)[1]
    assert "打单 PPT 与产品一页纸（GA 版）" in overdue and "逾期" in overdue
    assert "客户洞察报告与卖点排序" not in overdue  # done: not overdue


@pytest.mark.unit
def test_a_launch_prep_product_counts_down_to_its_launch(site):
    html = page(site, "products/tideinsight.md")
    assert 'class="hub-facts hub-countdown" data-hub-launch="tideinsight-ga-2027"' in html
    assert "53 天后" in html and "ADCP 可获得性决策" in html
    assert "hub-countdown" not in page(site, "products/tidecrm.md")  # in market


@pytest.mark.build
def test_the_toolkit_and_dashboard_build_and_are_in_the_navigation(tmp_path):
    result = built(build(make_project(tmp_path / "p", data=REPO / "data"), "toolkits"))
    kit = article(result.page("toolkits/tidecrm/quick/"))
    assert "青梧 CRM" in kit and "hub-kit__gap" in kit
    home = result.page("")
    assert 'href="toolkits/"' in home and 'href="launches/dashboard/"' in home
    assert '<a href="dashboard/">' in result.page("launches/")
