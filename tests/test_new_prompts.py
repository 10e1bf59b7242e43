"""``hub new`` in a real terminal (a pseudo-terminal), in the hub's language: labels or ids accepted,
real ids offered as examples, CODEOWNERS announced."""
import subprocess

import yaml
from datahelpers import english, write_hub
from test_scaffold import HUB, converse, run

from pmmhub.relate.catalog import load


def test_a_chinese_hub_asks_in_chinese_and_takes_the_label(tmp_path):
    write_hub(tmp_path)
    code, screen = converse([HUB, "new", "case-study", "acme"],
                            ["华东某连锁超市会员平台", "三周上线", "@li-na", "华东某超市", "零食", "零售"], tmp_path)
    assert code == 0, screen
    lines = screen.splitlines()
    assert lines[0] == "新建客户案例需要填写以下字段（每项填完按回车）："
    assert lines[1] == "name — 显示标题（例如 云帆 CDP）: 华东某连锁超市会员平台"
    assert lines[4] == "customer.name — 客户名称；匿名时任何地方都不会显示，门户中的文字也不能包含它（例如 华东某连锁超市）: 华东某超市"
    assert lines[5] == "  customer.industry：manufacturing 制造 · retail 零售"
    assert lines[6] == "customer.industry — hub.yml 中的行业（id 或名称）（例如 manufacturing）: 零食"  # a real id
    assert lines[7].startswith("Error: '零食' is not in hub.yml industries")
    assert lines[9] == "已创建 data/case-studies/acme.yml：一份可通过 `hub validate` 的客户案例模板。"
    assert load(tmp_path / "data").get("case-study", "acme").entity.customer.industry == "retail"


def test_an_english_hub_asks_in_english_and_takes_a_choice_as_displayed(tmp_path):
    write_hub(tmp_path)
    english(tmp_path)
    code, screen = converse([HUB, "new", "case-study", "acme", "--name", "Acme", "--summary", "One line",
                             "--owner", "@li-na", "--customer-name", "Acme Foods"], ["retail Retail"], tmp_path)
    assert code == 0, screen
    assert screen.splitlines()[:3] == [
        "A new case study needs these fields (press Enter after each):",
        "  customer.industry: manufacturing Manufacturing · retail Retail",
        "customer.industry — Industry id from hub.yml (e.g. manufacturing): retail Retail"]
    assert load(tmp_path / "data").get("case-study", "acme").entity.customer.industry == "retail"


def test_fixed_choices_and_references_take_labels_and_names(tmp_path):
    write_hub(tmp_path)
    code, screen = converse([HUB, "new", "battlecard", "fengtu", "--name", "峰图", "--summary", "BI",
                             "--owner", "@li-na", "--competitor-name", "峰图", "--quick-take-we-win-when", "快",
                             "--quick-take-they-win-when", "便宜", "--quick-take-one-liner", "交付结果"], ["高"], tmp_path)
    assert code == 0, screen
    assert "  threat：high 高 · medium 中 · low 低\n" in screen
    assert load(tmp_path / "data").get("battlecard", "fengtu").entity.threat == "high"
    code, screen = converse([HUB, "new", "launch", "cdp-3", "--name", "CDP 3", "--summary", "三代",
                             "--owner", "@li-na", "--launch-date", "2027-03-01"], ["云帆 CDP"], tmp_path)
    assert code == 0, screen
    assert "product — 要上市的产品（例如 cdp）: 云帆 CDP\n" in screen
    assert load(tmp_path / "data").get("launch", "cdp-3").entity.product == "cdp"


def test_options_take_labels_too(tmp_path):
    write_hub(tmp_path)
    result = run("new", "case-study", "acme", "--name", "甲", "--summary", "乙", "--owner", "@li-na",
                 "--customer-name", "某客户", "--customer-industry", "零售", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    result = run("new", "persona", "cfo", "--name", "财务", "--summary", "乙", "--owner", "@li-na", "--role", "CFO",
                 "--buying-role", "决策者", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert load(tmp_path / "data").get("persona", "cfo").entity.buying_role == "decision-maker"
    refused = run("new", "persona", "cto", "--name", "技术", "--summary", "乙", "--owner", "@li-na", "--role", "CTO",
                  "--buying-role", "老板", cwd=tmp_path)
    assert refused.returncode == 2 and "'老板' is not one of" in refused.stderr


def test_the_starters_samples_name_real_ids(tmp_path):
    write_hub(tmp_path)
    assert run("new", "case-study", "acme", "--name", "甲", "--summary", "乙", "--owner", "@li-na",
               "--customer-name", "某客户", "--customer-industry", "retail", cwd=tmp_path).returncode == 0
    text = (tmp_path / "data/case-studies/acme.yml").read_text(encoding="utf-8")
    assert "# products: [cdp]\n" in text and "# personas: [cio]\n" in text and "# displaced: [xinghe]\n" in text
    uncommented = text.replace("# products: [cdp]", "products: [cdp]").replace("# displaced: [xinghe]", "displaced: [xinghe]")
    (tmp_path / "data/case-studies/acme.yml").write_text(uncommented, encoding="utf-8")
    assert load(tmp_path / "data").errors == []


def test_it_says_it_adds_the_owner_to_codeowners(tmp_path):
    write_hub(tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".github").mkdir()
    assert run("codeowners", cwd=tmp_path).returncode == 0
    code, screen = converse([HUB, "new", "persona", "cfo", "--name", "财务总监", "--summary", "管钱", "--role", "CFO",
                             "--buying-role", "decision-maker"], ["@wang-wei"], tmp_path)
    assert code == 0, screen
    assert "本仓库维护 .github/CODEOWNERS：@wang-wei 将被加为新文件的审阅人。\n" in screen
    assert "已更新 .github/CODEOWNERS：今后 data/personas/cfo.yml 的改动将请 @wang-wei 审阅。\n" in screen
    assert "/data/personas/cfo.yml @wang-wei\n" in (tmp_path / ".github/CODEOWNERS").read_text(encoding="utf-8")
