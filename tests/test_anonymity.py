"""An anonymous customer is named nowhere in the hub: every place is an error with file and line."""
import subprocess
import sys
from pathlib import Path

from datahelpers import entity, write_hub

from pmmhub.relate.catalog import load

HUB = Path(sys.executable).parent / "hub"
NAME = "恒川电气"


def anonymous(name=NAME, aliases=None, **changes):
    customer = {"name": name, "anonymous": True, "industry": "retail"}
    if aliases is not None:
        customer["aliases"] = aliases
    return entity("case-study", customer=customer, **changes)


def errors(tmp_path, case, **others) -> list[tuple[str, str, str, str]]:
    """(file, the stripped line it points at, field, message) of each anonymity problem."""
    data = write_hub(tmp_path, {"case-study": case, **others})
    out = []
    for p in load(data).problems:
        if "anonymous" in p.message:
            line = Path(p.file).read_text(encoding="utf-8").splitlines()[p.line - 1].strip()
            out.append((Path(p.file).relative_to(data).as_posix(), line, p.field, p.message.split(" (from ")[0]))
    return out


def test_every_place_that_names_the_customer_is_listed_with_file_and_line(tmp_path):
    case = anonymous(name=f"{NAME}", summary=f"{NAME}的数据平台", challenge=f"背景\n\n{NAME}有 6 个工厂。",
                     quotes=[{"text": "上线很快。", "who": "王总", "title": f"{NAME} CIO"}])
    product = entity("product")
    product["value_props"][0]["evidence"] = [{"case_study": "huadong", "metric": f"{NAME}缺货率下降 27%"}]
    data = write_hub(tmp_path, {"case-study": case, "product": product})
    done = subprocess.run([str(HUB), "validate", str(data)], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 1
    lines = [line.split(": ", 2) for line in done.stdout.splitlines() if "names the anonymous" in line]
    assert [(where.split(":")[0], field, message) for where, field, message in lines] == [
        ("data/case-studies/huadong.yml", "summary", f"names the anonymous customer '{NAME}'"),
        ("data/case-studies/huadong.yml", "challenge", f"names the anonymous customer '{NAME}'"),
        ("data/case-studies/huadong.yml", "quotes[0].title", f"names the anonymous customer '{NAME}'"),
        ("data/products/cdp.yml", "value_props[0].evidence[0].metric",
         f"names the anonymous customer '{NAME}' (from data/case-studies/huadong.yml: customer.name)"),
    ]
    for where, field, _ in lines:  # file:line:col is where the field's value starts
        file, line, column = where.split(":")
        text = (tmp_path / file).read_text(encoding="utf-8").splitlines()[int(line) - 1]
        assert text[: int(column) - 1].strip().removeprefix("- ").endswith(field.split(".")[-1].split("[")[0] + ":")
        assert text[int(column) - 1:].startswith((NAME, "'背景")), (where, text)
    assert "hint: write it anonymously" in done.stdout and "anonymous: false" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_spacing_case_full_width_and_punctuation_do_not_hide_a_name(tmp_path):
    case = anonymous(name="Hengchuan Electric", summary="给 ＨＥＮＧＣＨＵＡＮ-electric 做的项目",
                     solution="恒 川 电 气？不，是 hengchuan\u200belectric。")
    assert errors(tmp_path, case) == [
        ("case-studies/huadong.yml", "summary: 给 ＨＥＮＧＣＨＵＡＮ-electric 做的项目", "summary",
         "names the anonymous customer 'Hengchuan Electric'"),
        ("case-studies/huadong.yml", "solution: 恒 川 电 气？不，是 hengchuan\u200belectric。", "solution",
         "names the anonymous customer 'Hengchuan Electric'")]


def test_a_short_alias_counts_and_a_short_latin_alias_only_as_a_word(tmp_path):
    case = anonymous(aliases=["恒川", "HC"], summary="恒川的门店", challenge="我们为HC提供了 much care。",
                     solution="Which chart? HCM 不是客户。")
    assert errors(tmp_path, case) == [
        ("case-studies/huadong.yml", "summary: 恒川的门店", "summary", "names the anonymous customer '恒川'"),
        ("case-studies/huadong.yml", "challenge: 我们为HC提供了 much care。", "challenge",
         "names the anonymous customer 'HC'")]


def test_a_name_in_a_file_name_is_an_error_because_it_is_the_page_address(tmp_path):
    case = anonymous(aliases=["Huadong"])
    found = errors(tmp_path, case)
    assert ("case-studies/huadong.yml", "summary: 一句话说明", "",
            "the file name 'huadong' names the anonymous customer 'Huadong': it is the page address") in found
    assert ("products/cdp.yml", "- case_study: huadong", "value_props[0].evidence[0].case_study",
            "names the anonymous customer 'Huadong'") in found


def test_a_one_letter_name_cannot_be_checked_and_is_an_error(tmp_path):
    assert errors(tmp_path, anonymous(aliases=["恒"])) == [
        ("case-studies/huadong.yml", "- 恒", "customer.aliases[0]",
         "an anonymous customer's name needs at least 2 letters or digits to be checked; found '恒'")]


def test_a_named_customer_and_the_hidden_fields_themselves_are_fine(tmp_path):
    named = entity("case-study", customer={"name": NAME, "industry": "retail", "aliases": ["恒川"]},
                   summary=f"{NAME}的数据平台")
    assert errors(tmp_path, named) == []
    assert errors(tmp_path / "anon", anonymous(aliases=["恒川"], summary="华东某制造企业")) == []


def test_another_case_study_that_names_the_customer_openly_conflicts(tmp_path):
    open_story = entity("case-study", customer={"name": f"{NAME}集团", "industry": "retail"})
    found = errors(tmp_path, anonymous(), **{"case-study/hengchuan-open": open_story})
    assert found == [("case-studies/hengchuan-open.yml", f"name: {NAME}集团", "customer.name",
                      f"names the anonymous customer '{NAME}'")]


def test_every_name_is_found_in_every_text_in_one_pass_overlaps_and_names_within_names_too():
    import itertools

    from pmmhub.validate.anonymity import _texts_containing

    texts = ["恒川电气华东分公司", "无关", "华东恒川电气恒川电气", "川电"]
    blob = "\n".join(texts)
    starts = list(itertools.accumulate((len(t) + 1 for t in texts), initial=0))
    found = _texts_containing({"恒川电气", "川电", "华东", "不在"}, blob, starts)
    # each text once however often it holds the name; a name inside another found as well
    assert found == {"恒川电气": [0, 2], "川电": [0, 2, 3], "华东": [0, 2], "不在": []}
