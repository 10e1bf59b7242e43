"""Builds that must fail, and say exactly where: bad data, bad macros, clashing pages."""
import re

import pytest
from conftest import build, make_project


def failed(build_) -> str:
    assert build_.returncode != 0, build_.output
    assert "Traceback" not in build_.output, build_.output
    return build_.output


def test_invalid_data_stops_the_build_with_every_validator_message(tmp_path):
    project = make_project(tmp_path)
    card = project / "data" / "battlecards" / "xingyao.yml"
    card.write_text(card.read_text(encoding="utf-8").replace("threat: high", "threat: extreme")
                    .replace("products: [lanyun]", "products: [lanyn]"), encoding="utf-8")
    out = failed(build(project, "invalid data"))
    assert re.search(r"data/battlecards/xingyao\.yml:\d+:\d+: threat: expected one of 'high', 'medium' or 'low'; found 'extreme'", out), out
    assert re.search(r"data/battlecards/xingyao\.yml:\d+:\d+: products\[0\]: no product with id 'lanyn'", out)
    assert "hint: did you mean 'lanyun'?" in out
    assert not (project / "site" / "index.html").exists()


@pytest.mark.parametrize("line, expected", [
    ('{{ product_card("lanyn") }}',
     r"docs/bad\.md:7: product_card: no product with id 'lanyn'\n\s+hint: did you mean 'lanyun'\?"),
    ('{{ case_studies(industy="retail") }}',
     r"docs/bad\.md:7: case_studies: no argument 'industy'\n\s+hint: did you mean 'industry'\?"),
    ('{{ case_studies(industry="retial") }}',
     r"docs/bad\.md:7: case_studies: industry: 'retial' is not in hub.yml industries\n\s+hint: did you mean 'retail'\?"),
    ('{{ quick_take() }}',
     r"docs/bad\.md:7: quick_take: missing a required argument: 'id'\n\s+hint: usage: quick_take\(id\)"),
    ('{{ link("battlecards", "xingyao") }}',
     r"docs/bad\.md:7: link: no kind 'battlecards'\n\s+hint: did you mean 'battlecard'\?"),
    ('{{ prodcut_card("lanyun") }}',
     r"docs/bad\.md:7: 'prodcut_card' is undefined\n\s+hint: the hub's macros are "),
    ('{{ product_card("lanyun" }}',
     r"docs/bad\.md:7: unexpected '}'.*\n\s+hint: macros are written"),
], ids=["unknown id", "unknown argument", "unknown industry", "missing argument", "unknown kind", "unknown macro",
        "syntax error"])
def test_a_bad_macro_fails_the_build_with_page_and_line(tmp_path, line, expected):
    page = f"---\ntitle: 坏页面\n---\n\n# 坏页面\n\n{line}\n\n正文。\n"
    out = failed(build(make_project(tmp_path, pages={"bad.md": page}), "bad macro"))
    assert re.search(expected, out), out


def test_a_hand_written_page_may_not_shadow_a_generated_one(tmp_path):
    out = failed(build(make_project(tmp_path, pages={"battlecards/index.md": "# 我的竞争卡片\n"}), "page clash"))
    assert "docs/battlecards/index.md:1:1: the page battlecards/index.md is already made by listings producer" in out
