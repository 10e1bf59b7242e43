"""Owner digests: the weekly workflow's own command, run here on the dated repository of ``test_report``,
and its issue sync (the workflow's github-script, run by Node against an in-memory issue tracker)."""
import datetime as dt
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from datahelpers import GIT_ENV, hub_cli
from test_report import FANG, TODAY, ops_repo
from test_workflows import steps, workflow

BIN = Path(sys.executable).parent
EPOCH = str(int(dt.datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=dt.timezone.utc).timestamp()))
# GitHub's side, in memory: the issues API calls the script makes, nothing else.
TRACKER = """
const fs = require("fs");
const state = JSON.parse(fs.readFileSync(process.env.STATE, "utf8"));
const log = [];
const issues = {
  createLabel: async ({ name }) => { if (state.labels.includes(name)) { const e = new Error("exists"); e.status = 422; throw e; }
                                     state.labels.push(name); },
  listForRepo: async ({ labels, state: wanted }) => ({ data: state.issues.filter(
    (i) => i.labels.includes(labels) && i.state === wanted) }),
  create: async ({ title, body, labels }) => { const number = state.issues.length + 1;
    state.issues.push({ number, title, body, labels, state: "open" }); log.push(`create ${title}`); return { data: { number } }; },
  update: async ({ owner, repo, issue_number, ...change }) => { const issue = state.issues.find((i) => i.number === issue_number);
    Object.assign(issue, change); log.push(`update #${issue_number} ${Object.keys(change).sort().join(",")}`); },
};
const github = { rest: { issues }, paginate: async (method, args) => (await method(args)).data };
const context = { repo: { owner: "acme", repo: "hub" } };
const core = { info: () => {} };
const run = new Function("require", "github", "context", "core", `return (async () => {${process.env.SCRIPT}})();`);
run(require, github, context, core).then(() => {
  fs.writeFileSync(process.env.STATE, JSON.stringify(state));
  process.stdout.write(JSON.stringify(log));
});
"""


def digest_workflow() -> dict:
    return workflow("digest.yml")


def report_line() -> str:
    lines = [s["run"].strip() for s in steps(digest_workflow()) if "hub report" in s.get("run", "")]
    assert len(lines) == 1
    return lines[0]


def sync_script() -> str:
    return next(s for s in steps(digest_workflow()) if s.get("uses", "").startswith("actions/github-script@"))["with"]["script"]


def run_report(repo: Path, summary: Path):
    env = {**os.environ, **GIT_ENV, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "SOURCE_DATE_EPOCH": EPOCH,
           "GITHUB_STEP_SUMMARY": str(summary)}
    return subprocess.run(["bash", "-e", "-o", "pipefail", "-c", report_line()], cwd=repo, env=env,
                          capture_output=True, text=True)


def report_here(repo: Path):
    """The workflow's ``hub report`` command line, run in this process (``hub_cli``) for the tests
    that need the digests it writes, not the shell step (``run_report``, tested once)."""
    args = shlex.split(report_line().partition(">>")[0])
    assert args[0] == "hub"
    result = hub_cli(*args[1:], cwd=repo, env={**GIT_ENV, "SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    return result


def sync(repo: Path, state: Path) -> list[str]:
    if not shutil.which("node"):
        pytest.skip("node is not installed")
    done = subprocess.run(["node", "-e", TRACKER], cwd=repo, capture_output=True, text=True,
                          env={**os.environ, "STATE": str(state), "SCRIPT": sync_script()})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def repo(tmp_path):
    ops_repo(tmp_path)
    return tmp_path


def manifest(repo: Path) -> dict:
    return json.loads((repo / "digests" / "digests.json").read_text(encoding="utf-8"))


def test_the_workflow_runs_weekly_with_the_default_token_only():
    data = digest_workflow()
    assert data["on"] == {"schedule": [{"cron": "0 1 * * 1"}], "workflow_dispatch": None}
    assert data["permissions"] == {"contents": "read", "issues": "write"}
    text = (Path(__file__).parents[1] / ".github/workflows/digest.yml").read_text(encoding="utf-8")
    assert not re.search(r"secrets\.\w", text)
    checkout = next(s for s in steps(data) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the orphan check and the trend read history


@pytest.mark.tool
def test_the_workflows_command_writes_one_body_per_owner(repo, tmp_path):
    result = run_report(repo, tmp_path / "summary.md")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "summary.md").read_text(encoding="utf-8").startswith("# 内容健康报告 — 2026-11-20\n")
    found = manifest(repo)
    assert found["label"] == "hub-digest"
    assert [(d["owner"], d["title"], d["items"]) for d in found["digests"]] == [
        ("@li-na", "内容巡检：@li-na", 2),  # cio lacks messaging for bi; xinghe's pricing has no talk track
        ("@wang-wei", "内容巡检：@wang-wei", 4),  # bi stale, gongchang soon; bi without evidence; gongchang approvals
        (FANG, f"内容巡检：{FANG}", 2),  # fengtu stale and its pricing old
    ]
    body = (repo / "digests" / found["digests"][1]["body"]).read_text(encoding="utf-8")
    assert body == """\
<!-- hub-digest: @wang-wei -->
@wang-wei，本周（2026-11-20）门户中需要你处理的内容如下。

## 待复核 (2)

- [ ] 逾期 113 天: 产品 bi (云帆 BI) — data/products/bi.yml (2026-05-01 核实，每 90 天复核)
- [ ] 8 天后到期: 客户案例 gongchang (某工厂) — data/case-studies/gongchang.yml (2026-06-01 核实，每 180 天复核)


## 缺少 FABE 证据的产品 (1)

- [ ] 产品 bi (云帆 BI): 没有任何价值主张附有证据


## 没有客户授权的客户案例 (1)

- [ ] 客户案例 gongchang (某工厂): 没有任何授权（公开案例、使用标识或接受回访）


---
请在各文件中核实内容、更新 `reviewed` 并合并：本 issue 每周自动更新，清单清空后自动关闭。由 `hub report --digests` 生成。
"""


def test_one_owner_digest_is_the_same_body(repo):
    report_here(repo)
    one = hub_cli("report", "--format", "digest", "--owner", FANG, cwd=repo, env={**GIT_ENV, "SOURCE_DATE_EPOCH": EPOCH})
    assert one.returncode == 0, one.stderr
    entry = next(d for d in manifest(repo)["digests"] if d["owner"] == FANG)
    assert one.stdout == (repo / "digests" / entry["body"]).read_text(encoding="utf-8")
    assert "@\u2060" not in one.stdout.split("\n", 2)[1] or FANG in one.stdout  # an email owner is not a mention


def test_data_text_cannot_mention_or_format(repo):
    bi = yaml.safe_load((repo / "data/products/bi.yml").read_text(encoding="utf-8"))
    (repo / "data/products/bi.yml").write_text(yaml.safe_dump({**bi, "name": "[x](https://evil) @ceo *b*"},
                                                              allow_unicode=True), encoding="utf-8")
    report_here(repo)
    entry = next(d for d in manifest(repo)["digests"] if d["owner"] == "@wang-wei")
    body = (repo / "digests" / entry["body"]).read_text(encoding="utf-8")
    assert "(\\[x\\](https://evil) @\u2060ceo \\*b\\*)" in body


@pytest.mark.tool
def test_the_sync_is_idempotent_and_closes_empty_digests(repo, tmp_path):
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"labels": [], "issues": []}), encoding="utf-8")
    report_here(repo)
    assert sync(repo, state) == ["create 内容巡检：@li-na", "create 内容巡检：@wang-wei", f"create 内容巡检：{FANG}"]
    assert sync(repo, state) == []  # the same week again: nothing to do, no duplicate
    issues = json.loads(state.read_text(encoding="utf-8"))["issues"]
    assert [i["labels"] for i in issues] == [["hub-digest"]] * 3
    # Fang verifies the card and adds a fresh pricing: her list is empty, her issue is closed
    card = yaml.safe_load((repo / "data/battlecards/fengtu.yml").read_text(encoding="utf-8"))
    card.update(reviewed="2026-11-19", pricing={"as_of": "2026-11-19", "summary": "按席位", "talk_track": "比总成本"})
    (repo / "data/battlecards/fengtu.yml").write_text(yaml.safe_dump(card, allow_unicode=True), encoding="utf-8")
    report_here(repo)
    assert sync(repo, state) == ["update #3 state,state_reason"]
    closed = json.loads(state.read_text(encoding="utf-8"))["issues"][2]
    assert (closed["title"], closed["state"], closed["state_reason"]) == (f"内容巡检：{FANG}", "closed", "completed")
