"""The health dashboard in real builds of the dated repository of ``test_report`` (figures by hand there)."""
import re
import shutil

import pytest
from conftest import build, built, make_project
from test_report import FANG, TODAY, ops_repo

from pmmhub.render.producers.health import TOP


def project(root):
    make_project(root)
    shutil.rmtree(root / "data")
    ops_repo(root)  # the whole project is the repository: mkdocs.yml, docs/, data/ with dated commits
    return root


@pytest.fixture(scope="module")
def internal(tmp_path_factory):
    return built(build(project(tmp_path_factory.mktemp("health")), "health dashboard", day=TODAY))


def rows(html: str, section: str) -> list[list[str]]:
    part = html.split(f'class="hub-health__{section}"', 1)[1].split("</table>", 1)[0]
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", part)][1:]


def test_the_freshness_table_by_owner(internal):
    html = internal.page("health/")
    assert rows(html, "owners") == [["@wang-wei", "2", "1", "113", "1"], [FANG, "2", "1", "6", "0"],
                                    ["@li-na", "4", "0", "0", "0"]]
    assert [r[0] for r in rows(html, "due")] == ["云帆 BI", "峰图", "某工厂"]
    assert 'href="../products/bi/"' in html


def test_the_heat_map_links_each_cell_to_the_finder(internal):
    html = internal.page("health/")
    assert rows(html, "heat") == [["云帆 BI", "1", "0"], ["云帆 CDP", "0", "1"]]
    cell = re.search(r'<td class="hub-heat hub-heat--\d" data-hub-cell="bi/manufacturing"><a href="([^"]+)">1<', html)
    assert cell.group(1) == "../case-studies/?product=bi&amp;industry=manufacturing"


def test_the_gap_lists_and_orphans(internal):
    html = internal.page("health/")
    gaps = dict(re.findall(r'data-hub-gap="([a-z]+)"(.*?)</div>', html, re.S))
    assert "云帆 BI" in gaps["evidence"] and "峰图" in gaps["pricing"] and "某工厂" in gaps["approvals"]
    assert "暂无" not in gaps["messaging"] and "缺少针对 bi 的沟通要点" in gaps["messaging"]
    assert rows(html, "orphans") == [["@wang-wei", "90 天内没有改动 data 目录; 未列入 .github/CODEOWNERS",
                                      "2026-06-01", "2"]]


def test_the_trend_has_26_weeks_from_git(internal):
    html = internal.page("health/")
    weeks = re.findall(r'<tr data-hub-week="([\d-]+)"><td>[\d-]+</td><td>(\d+)</td><td>(\d+)</td></tr>', html)
    assert len(weeks) == 26
    assert weeks[0] == (TODAY.isoformat(), "8", "2")
    assert ("2026-08-14", "2", "1") in weeks and weeks[-1] == ("2026-05-29", "1", "0")
    assert html.count("<rect ") == 52


def test_lists_are_bounded_with_a_link_to_all(internal):
    html = internal.page("health/")
    assert len(rows(html, "quality")) == 8 <= TOP  # every entity fits: no "all" link
    assert "全部" not in html.split('class="hub-health__quality"')[1].split("</div>")[0]
    assert internal.page("health/quality/").count("<tr>") == 8 + 1


def test_the_dashboard_is_in_the_nav_of_the_internal_edition_only(internal, tmp_path):
    assert 'href="health/"' in internal.page("")
    public = built(build(make_public(tmp_path / "pub"), "health public", day=TODAY))
    assert not (public.site / "health").exists()
    assert "health/" not in public.page("")


def make_public(root):
    project(root)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("      audience: internal", "      audience: public", 1),
                                     encoding="utf-8")
    return root


def test_the_dashboard_stays_bounded_on_a_large_hub(tmp_path):
    from datahelpers import entity, write_hub

    from pmmhub.render.site import load

    many = {f"persona/p{n:03}": entity("persona", reviewed="2026-01-01", owner=f"@pmm-{n:03}") for n in range(130)}
    site = load(write_hub(tmp_path, many), day=TODAY)
    pages = {p.src: p.content for p in site.pages if p.src.startswith("health/")}
    dashboard = pages["health/index.md"]
    assert "全部 131 项 →" in dashboard  # the owners (130 + @li-na) and the due list link to their full lists
    assert dashboard.count('<tr><td><a href="../personas/p') == TOP + TOP  # due and quality: top rows only
    assert {"health/due/index.md", "health/due/page/2.md", "health/due/page/3.md"} <= set(pages)
    assert "health/due/page/4.md" not in pages
    assert len(dashboard) < 40_000
