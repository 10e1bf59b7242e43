"""``hub diff``: what a change does to the hub, on real git repositories."""
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from datahelpers import hub_cli, GIT_ENV, commit, entity, git, write_hub

from pmmhub.contribute.contentdiff import changes, md

HUB = str(Path(sys.executable).with_name("hub"))
EPOCH = str(int(dt.datetime(2026, 11, 22, 12, tzinfo=dt.timezone.utc).timestamp()))
CARD = entity("battlecard", pricing={"as_of": "2026-09-01", "summary": "按节点收费"})


def hub_diff(repo: Path, *args: str):
    return hub_cli("diff", *args, cwd=repo, env={**GIT_ENV, "SOURCE_DATE_EPOCH": EPOCH})


def save(repo: Path, relative: str, data) -> None:
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (repo / "data" / relative).write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path):
    write_hub(tmp_path, {"battlecard": CARD})
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "the hub")
    return tmp_path


def test_a_battle_card_change_in_reviewer_language(repo):
    card = entity("battlecard", pricing={"as_of": "2026-11-01", "summary": "按节点收费"})
    card["objections"].append({"objection": "价格太高怎么办", "response": "算三年总成本"})
    save(repo, "battlecards/xinghe.yml", card)
    result = hub_diff(repo, "main")
    assert result.returncode == 0, result.stderr
    assert ("- 竞争卡片 xinghe (星河数据): objections：新增 '价格太高怎么办'; pricing.as_of：2026-09-01 → 2026-11-01\n"
            in result.stdout)


def test_an_english_hub_gets_english_wording(repo):
    hub = yaml.safe_load((repo / "data/hub.yml").read_text(encoding="utf-8"))
    save(repo, "hub.yml", {**hub, "language": "en"})
    commit(repo, "english")
    card = dict(CARD, objections=CARD["objections"][1:] + [{"objection": "Too expensive", "response": "TCO"}])
    save(repo, "battlecards/xinghe.yml", card)
    result = hub_diff(repo, "main")
    assert result.stdout.splitlines()[0].startswith("## Content changes: `main (")
    assert ("- Battle card xinghe (星河数据): objections: added 'Too expensive'; objections: removed '更便宜'\n"
            in result.stdout)


def test_the_whole_report(repo):
    base = git(repo, "rev-parse", "--short=7", "HEAD")
    save(repo, "personas/cfo.yml", entity("persona", name="财务总监", role="CFO"))
    (repo / "data/solutions/omni.yml").unlink()
    save(repo, "products/cdp.yml", entity("product", tagline="让补货快一步", personas=["cio", "cfo"]))
    save(repo, "launches/cdp-2.yml", entity("launch", reviewed="2026-01-05"))
    case = entity("case-study")
    case["results"][0]["after"] = 7.5
    case["challenge"] = "门店补货靠经验，缺货率高。" * 5
    save(repo, "case-studies/huadong.yml", case)
    head = commit(repo, "a PMM's change")
    result = hub_diff(repo, "HEAD~1", "HEAD")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"""\
## 内容变更：`HEAD~1 ({base})` → `HEAD ({head})`

新增 1 · 删除 1 · 修改 3

### 新增 (1)

- 买家画像 cfo (财务总监) — data/personas/cfo.yml

### 删除 (1)

- 解决方案 omni (全渠道会员) — data/solutions/omni.yml

### 修改 (3)

- 产品 cdp (云帆 CDP): personas：新增 'cfo'; tagline：新增 '让补货快一步'
- 客户案例 huadong (华东连锁): results[0].after：8.7 → 7.5; challenge：新增
- 上市计划 cdp-2 (CDP 2.0 上市): reviewed：2026-11-01 → 2026-01-05

### 新变为待复核 (1)

- 上市计划 cdp-2 (CDP 2.0 上市): last verified 321 days ago, review every 90 days (负责人 @li-na)
"""


def test_without_head_the_working_tree_is_compared(repo):
    save(repo, "personas/cio.yml", entity("persona", role="首席信息官"))
    (repo / "data/personas/cfo.yml").write_text(
        yaml.safe_dump(entity("persona", name="财务总监"), allow_unicode=True), encoding="utf-8")  # untracked
    working = hub_diff(repo, "main").stdout
    sha = git(repo, "rev-parse", "--short=7", "HEAD")
    assert working.splitlines()[0] == f"## 内容变更：`main ({sha})` → `working tree`"
    assert "- 买家画像 cfo (财务总监) — data/personas/cfo.yml\n" in working
    assert "- 买家画像 cio (零售 CIO): role：CIO → 首席信息官\n" in working
    committed = hub_diff(repo, "main", "HEAD").stdout
    assert committed.splitlines()[2] == "没有内容变更。"


def test_no_change(repo):
    sha = git(repo, "rev-parse", "--short=7", "HEAD")
    result = hub_diff(repo, "main")
    assert result.stdout == f"## 内容变更：`main ({sha})` → `working tree`\n\n没有内容变更。\n"
    assert result.returncode == 0


def test_new_validation_errors_are_listed_and_old_ones_are_not(repo):
    save(repo, "personas/cio.yml", entity("persona", buying_role="boss"))
    commit(repo, "an error already on main")
    save(repo, "products/cdp.yml", entity("product", personas=["ciso"]))
    result = hub_diff(repo, "main")
    assert result.returncode == 1  # the change adds an error: the check fails with the summary
    section = result.stdout.split("### 新增的校验错误")[1]
    assert section == """ (1)

- data/products/cdp.yml:8:3: personas[0]: no persona with id 'ciso' (提示: did you mean 'cio'?)

本次改动新增了 1 个校验错误：请在合并前修复（退出码 1）。
"""


def test_an_error_already_on_the_base_does_not_fail_the_diff(repo):
    save(repo, "personas/cio.yml", entity("persona", buying_role="boss"))
    commit(repo, "an error already on main")
    save(repo, "personas/cio.yml", entity("persona", buying_role="boss", role="首席信息官"))
    result = hub_diff(repo, "main")
    assert result.returncode == 0, result.stdout
    assert "新增的校验错误" not in result.stdout


def test_a_file_that_no_longer_parses(repo):
    save(repo, "personas/cio.yml", "name: [unclosed\n")
    result = hub_diff(repo, "main")
    assert result.returncode == 1
    assert "- 买家画像 cio (零售 CIO): 文件已无法读取（见校验错误）\n" in result.stdout
    assert "- data/personas/cio.yml:1:7: not valid YAML: the `\\[` on line 1 is never closed with `\\]`" in result.stdout


def test_a_broken_file_still_shows_its_field_changes(repo):
    card = dict(CARD, threat="severe", landmines=["升级要停机多久？"])
    save(repo, "battlecards/xinghe.yml", card)
    result = hub_diff(repo, "main")
    assert "- 竞争卡片 xinghe (星河数据): threat：high → severe; landmines：新增\n" in result.stdout
    assert ("- data/battlecards/xinghe.yml:7:9: threat: expected one of 'high', 'medium' or 'low'; "
            "found 'severe'\n") in result.stdout


def test_hub_settings_changes(repo):
    hub = yaml.safe_load((repo / "data/hub.yml").read_text(encoding="utf-8"))
    hub["industries"]["finance"] = "金融"
    hub["company"] = "云帆数智科技"
    save(repo, "hub.yml", hub)
    result = hub_diff(repo, "main")
    assert result.stdout.split("### hub 设置（hub.yml） (2)\n\n")[1] == (
        "- company：云帆数智 → 云帆数智科技\n"
        "- industries.finance：新增 '金融'\n")


def test_a_base_without_the_hub_counts_everything_as_added(tmp_path):
    (tmp_path / "README.md").write_text("hub\n", encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "empty")
    write_hub(tmp_path)
    result = hub_diff(tmp_path, "main")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[2] == "新增 6 · 删除 0 · 修改 0 · hub 设置有改动"


def test_another_data_folder(repo):
    git(repo, "mv", "data", "content")
    commit(repo, "rename")
    (repo / "content/personas/cio.yml").unlink()
    result = hub_diff(repo, "HEAD", "--data-dir", "content")
    assert result.returncode == 1  # the references to cio break
    assert "- 买家画像 cio (零售 CIO) — content/personas/cio.yml\n" in result.stdout


def test_an_unknown_revision_is_a_usage_error(repo):
    result = hub_diff(repo, "mian")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == f"Error: unknown revision 'mian': not a commit, branch or tag in {repo.name}"
    assert "Traceback" not in result.stderr


def test_outside_git(tmp_path):
    write_hub(tmp_path)
    result = subprocess.run([HUB, "diff", "main"], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, **GIT_ENV, "GIT_CEILING_DIRECTORIES": str(tmp_path.parent)})
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (f"Error: {(tmp_path / 'data').resolve()} is not inside a git "
                                              "repository; `hub diff` compares git revisions")


# ---------------------------------------------------------------- the phrases


def test_scalar_changes():
    assert changes({"a": "x"}, {"a": "y"}) == ["a: x → y"]
    assert changes({"a": {"b": "2026-09-01"}}, {"a": {"b": "2026-11-01"}}) == ["a.b: 2026-09-01 → 2026-11-01"]
    assert changes({"a": "短" * 41}, {"a": "长" * 41}) == ["a: changed"]
    assert changes({"a": "one\ntwo"}, {"a": "one"}) == ["a: changed"]
    assert changes({}, {"a": "x"}) == ["a: added 'x'"]
    assert changes({"a": "x"}, {}) == ["a: removed"]
    assert changes({"a": "x"}, {"a": None}) == ["a: x → (empty)"]


def test_list_changes_name_the_items():
    assert changes({"t": ["a", "b"]}, {"t": ["a", "b", "c"]}) == ["t: added 'c'"]
    assert changes({"t": ["a", "b"]}, {"t": ["b", "c"]}) == ["t: added 'c'", "t: removed 'a'"]
    assert changes({"t": ["a", "b"]}, {"t": ["b", "a"]}) == ["t: reordered"]
    assert changes({"t": list("abcd")}, {"t": list("efgh")}) == ["t: 4 added", "t: 4 removed"]
    items = [{"objection": "太贵", "response": "x"}, {"objection": "不安全", "response": "y"}]
    assert changes({"o": items}, {"o": items + [{"objection": "价格太高怎么办", "response": "z"}]}) == [
        "o: added '价格太高怎么办'"]
    assert changes({"o": items}, {"o": items[1:]}) == ["o: removed '太贵'"]
    assert changes({"o": items}, {"o": [items[0], {"objection": "不安全", "response": "w"}]}) == ["o[1].response: y → w"]
    moved = [{"objection": "新的", "response": "n"}, items[0], {"objection": "不安全", "response": "w"}]
    assert changes({"o": items}, {"o": moved}) == ["o: added '新的'", "o[2].response: y → w"]
    faq = [{"q": "支持私有化吗？" * 10, "a": "支持"}]
    assert changes({"faq": []}, {"faq": faq}) == [f"faq: added '{('支持私有化吗？' * 10)[:40]}…'"]


def test_text_from_the_data_cannot_become_markup():
    assert md("<script>alert(1)</script> *x* [a](b)") == (
        "\\<script\\>alert(1)\\</script\\> \\*x\\* \\[a\\](b)")
    assert changes({"a": "x"}, {"a": "<b>"}) == ["a: x → \\<b\\>"]
    assert changes({"o": []}, {"o": [{"objection": "*x* <i>"}]}) == ["o: added '\\*x\\* \\<i\\>'"]
