"""``hub report`` on a real git repository with dated commits: several authors, stale and fresh
entities, a departed owner. Every expected figure below is worked out by hand from ``ops_repo``."""
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import yaml
from datahelpers import hub_cli, GIT_ENV, HUB, entity, git

from pmmhub.operate import report as ops
from pmmhub.relate.catalog import load

HUB_BIN = str(Path(sys.executable).with_name("hub"))
TODAY = dt.date(2026, 11, 20)
LI_NA = {"GIT_AUTHOR_NAME": "Li Na", "GIT_AUTHOR_EMAIL": "li.na@example.com"}
WANG_WEI = {"GIT_AUTHOR_NAME": "Wang Wei", "GIT_AUTHOR_EMAIL": "wang.wei@example.com"}  # left in June
WANG_FANG = {"GIT_AUTHOR_NAME": "Fang", "GIT_AUTHOR_EMAIL": "wang.fang@example.com"}
FANG = "wang.fang@example.com"

FILES = {
    # commit 1, 2026-05-01, Wang Wei: reviewed 05-01 (every 90: due 07-30, 113 days overdue on 11-20)
    1: {"products/bi.yml": entity("product", name="云帆 BI", owner="@wang-wei", reviewed="2026-05-01",
                                  personas=["cio"], competitors=[], value_props=[])},
    # commit 2, 2026-06-01, Wang Wei: every 180 days: due 11-28, 8 days left on 11-20; no approvals
    2: {"case-studies/gongchang.yml": entity(
        "case-study", name="某工厂", owner="@wang-wei", reviewed="2026-06-01", displaced=[], personas=[],
        products=["bi"], customer={"name": "某工厂", "industry": "manufacturing"},
        approvals={"public_story": False})},
    # commit 3, 2026-10-15, Wang Fang: the card is 36 days old on 11-20 (every 30: 6 days overdue), pricing
    # as of 08-01 (111 days: older than 30); the retail case has no metrics
    3: {"battlecards/fengtu.yml": entity("battlecard", name="峰图", owner=FANG, reviewed="2026-10-15", products=[],
                                         why_we_win=[], pricing={"as_of": "2026-08-01", "summary": "按席位",
                                                                 "talk_track": "比三年总成本"}),
        "case-studies/lingshou.yml": entity("case-study", name="某超市", owner=FANG, reviewed="2026-10-15",
                                            products=["bi"], personas=[], displaced=["fengtu"], results=[])},
    # commit 4, 2026-11-15, Li Na: fresh; the card's pricing has no talk track; cio has messaging for cdp only
    4: {"products/cdp.yml": entity("product", reviewed="2026-11-01", competitors=["xinghe"]),
        "personas/cio.yml": entity("persona", reviewed="2026-11-10"),
        "battlecards/xinghe.yml": entity("battlecard", reviewed="2026-11-15",
                                         pricing={"as_of": "2026-11-01", "summary": "按节点"}),
        "case-studies/huadong.yml": entity("case-study", reviewed="2026-11-01")},
}
DATES = {1: "2026-05-01T10:00:00Z", 2: "2026-06-01T10:00:00Z", 3: "2026-10-15T10:00:00Z", 4: "2026-11-15T10:00:00Z"}
AUTHORS = {1: WANG_WEI, 2: WANG_WEI, 3: WANG_FANG, 4: LI_NA}
CODEOWNERS = f"# The PMM team\n/data/ @li-na {FANG}\n"


def ops_repo(root: Path) -> Path:
    """The repository: four dated commits by three authors; returns its data folder."""
    data = root / "data"
    data.mkdir(parents=True)
    (data / "hub.yml").write_text(yaml.safe_dump(HUB, allow_unicode=True), encoding="utf-8")
    (root / ".github").mkdir()
    (root / ".github" / "CODEOWNERS").write_text(CODEOWNERS, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    for n, files in FILES.items():
        for name, value in files.items():
            (data / name).parent.mkdir(exist_ok=True)
            (data / name).write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")
        env = {**AUTHORS[n], "GIT_AUTHOR_DATE": DATES[n], "GIT_COMMITTER_DATE": DATES[n]}
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", f"commit {n}", **env)
    return data


def hub_report(data: Path, *args: str):
    return hub_cli("report", "--data-dir", str(data), "--day", TODAY.isoformat(), *args, cwd=data.parent, env=GIT_ENV)


def figures(tmp_path) -> dict:
    data = ops_repo(tmp_path)
    result = hub_report(data, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_freshness_by_owner_oldest_first(tmp_path):
    found = figures(tmp_path)["freshness"]
    assert [(d["id"], d["owner"], d["days_overdue"]) for d in found["stale"]] == [
        ("bi", "@wang-wei", 113), ("fengtu", FANG, 6)]
    assert [(d["id"], d["days_overdue"]) for d in found["soon"]] == [("gongchang", -8)]
    assert [(o["name"], o["entities"], o["stale"], o["days_overdue"], o["soon"]) for o in found["owners"]] == [
        ("@wang-wei", 2, 1, 113, 1), (FANG, 2, 1, 6, 0), ("@li-na", 4, 0, 0, 0)]
    assert {k["name"]: (k["stale"], k["days_overdue"]) for k in found["kinds"]} == {
        "product": (1, 113), "persona": (0, 0), "battlecard": (1, 6), "case-study": (0, 0)}
    assert found["stale"][0]["file"] == "data/products/bi.yml"


def test_the_departed_owner_is_an_orphan_by_git_and_by_codeowners(tmp_path):
    found = figures(tmp_path)["orphans"]
    assert found["checked"] == {"git": True, "codeowners": True}
    assert found["owners"] == [{"owner": "@wang-wei", "last_seen": "2026-06-01", "reasons": ["git", "codeowners"],
                                "entities": ["product/bi", "case-study/gongchang"]}]


def test_the_orphan_window_is_an_option(tmp_path):
    data = ops_repo(tmp_path)
    wide = json.loads(hub_report(data, "--format", "json", "--orphan-days", "200").stdout)["orphans"]["owners"]
    assert [(o["owner"], o["reasons"]) for o in wide] == [("@wang-wei", ["codeowners"])]
    narrow = json.loads(hub_report(data, "--format", "json", "--orphan-days", "3").stdout)["orphans"]["owners"]
    assert [(o["owner"], o["reasons"]) for o in narrow] == [  # Li Na's last change is 5 days old, Fang's 36
        ("@li-na", ["git"]), ("@wang-wei", ["git", "codeowners"]), (FANG, ["git"])]


def test_coverage_counts_case_studies_with_metrics(tmp_path):
    found = figures(tmp_path)["coverage"]
    assert found["industries"] == ["manufacturing", "retail"]  # hub.yml order (written sorted)
    assert {p["id"]: p["counts"] for p in found["products"]} == {
        "cdp": {"retail": 1, "manufacturing": 0},  # huadong
        "bi": {"retail": 0, "manufacturing": 1},  # gongchang; lingshou has no metrics
    }


def test_the_gaps(tmp_path):
    gaps = figures(tmp_path)["gaps"]
    assert gaps["competitors"] == []
    assert [(g["id"], g["detail"]) for g in gaps["messaging"]] == [("cio", "bi")]
    assert [g["id"] for g in gaps["evidence"]] == ["bi"]
    assert [(g["id"], g["detail"]) for g in gaps["pricing"]] == [("fengtu", "old_pricing"), ("xinghe", "no_talk_track")]
    assert [(g["id"], g["owner"]) for g in gaps["approvals"]] == [("gongchang", "@wang-wei")]


def test_a_competitor_without_a_battle_card_is_a_gap_and_the_exit_code_says_errors(tmp_path):
    data = ops_repo(tmp_path)
    case = entity("case-study", reviewed="2026-11-01", displaced=["xinghe", "dataworks"])
    (data / "case-studies/huadong.yml").write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    result = hub_report(data, "--format", "json")
    assert result.returncode == 1
    assert "no battlecard with id 'dataworks'" in result.stderr
    gap = json.loads(result.stdout)["gaps"]["competitors"]
    assert gap == [{"subject": "dataworks", "owner": "@li-na", "detail": "", "named_in": ["case-studies/huadong.yml"]}]


def test_quality_score_follows_the_formula(tmp_path):
    scores = {(s["kind"], s["id"]): s for s in figures(tmp_path)["quality"]["entities"]}
    bi = scores[("product", "bi")]  # personas and pricing of 8 sections; no evidence; stale: 60 × 2/8
    assert (bi["score"], bi["evidence"], bi["fresh"]) == (15, False, False)
    cio = scores[("persona", "cio")]  # objections + messaging of 5; proof: huadong names cio; fresh
    assert cio["score"] == round(60 * 2 / 5 + 20 + 20) == 64
    assert cio["missing"] == ["goals", "pains", "discovery_questions"]


def test_the_trend_reads_one_commit_per_week(tmp_path):
    data = ops_repo(tmp_path)
    start = time.perf_counter()
    weeks = ops.build(load(data), data, TODAY).trend
    assert time.perf_counter() - start < 2
    assert len(weeks) == 26 and weeks[-1].day == TODAY and weeks[0].day == dt.date(2026, 5, 29)
    by_day = {w.day: (w.entities, w.stale) for w in weeks}
    assert by_day[dt.date(2026, 5, 29)] == (1, 0)  # commit 1 only
    assert by_day[dt.date(2026, 6, 5)] == (2, 0)  # bi is 35 days old
    assert by_day[dt.date(2026, 8, 14)] == (2, 1)  # bi is 105 days old (every 90)
    assert by_day[dt.date(2026, 10, 16)] == (4, 1)  # commit 3; fengtu is 1 day old
    assert by_day[TODAY] == (8, 2)  # bi and fengtu


def test_text_and_markdown_speak_the_hubs_language(tmp_path):
    data = ops_repo(tmp_path)
    text = hub_report(data).stdout
    assert text.startswith("内容健康报告 — 2026-11-20\n")
    assert "- 逾期 113 天: 产品 bi (云帆 BI) — data/products/bi.yml (2026-05-01 核实，每 90 天复核)\n" in text
    assert "- @wang-wei: 90 天内没有改动 data 目录; 未列入 .github/CODEOWNERS (最近一次改动 2026-06-01)" in text
    markdown = hub_report(data, "--format", "markdown").stdout
    assert "| 云帆 BI | 1 | 0 |\n" in markdown
    hub = yaml.safe_load((data / "hub.yml").read_text(encoding="utf-8"))
    (data / "hub.yml").write_text(yaml.safe_dump({**hub, "language": "en"}), encoding="utf-8")
    english = hub_report(data).stdout
    assert "- 113 days overdue: Product bi (云帆 BI) — data/products/bi.yml (reviewed 2026-05-01, every 90 days)\n" in english


def test_outside_git_the_history_checks_are_skipped(tmp_path):
    data = ops_repo(tmp_path)
    outside = tmp_path / "copy"
    subprocess.run(["cp", "-r", str(data), str(outside)], check=True)
    result = subprocess.run([HUB_BIN, "report", "--data-dir", str(outside), "--day", "2026-11-20", "--format", "json"],
                            cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, **GIT_ENV, "GIT_CEILING_DIRECTORIES": str(tmp_path)})
    found = json.loads(result.stdout)
    assert found["orphans"] == {"checked": {"git": False, "codeowners": False}, "owners": []}
    assert found["trend"] == []


def test_bad_options_are_usage_errors(tmp_path):
    data = ops_repo(tmp_path)
    assert "--format digest needs --owner" in hub_report(data, "--format", "digest").stderr
    result = hub_report(data, "--format", "digest", "--owner", "@nobody")
    assert result.returncode == 2 and "no entity is owned by '@nobody'; owners: @li-na, @wang-wei, wang.fang" in result.stderr
    assert hub_report(data, "--orphan-days", "0").returncode == 2
    assert "Traceback" not in result.stderr


def test_the_sample_hub_reports_fast():
    start = time.perf_counter()
    root = Path(__file__).parents[1]
    report = ops.build(load(root / "data"), root / "data", dt.date(2026, 12, 1))
    assert time.perf_counter() - start < 3
    assert len(report.trend) == 26 and report.trend[-1].entities == len(report.catalog)
