"""Data text to HTML: Markdown fields are rendered and sanitised, plain fields escaped."""
import pytest

from pmmhub.render.text import markdown, plain


def test_markdown_renders_formatting_lists_tables_and_links():
    html = markdown("**粗体** 与 *斜体*\n\n- 一\n- 二\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[官网](https://x.example)")
    assert "<strong>粗体</strong>" in html and "<em>斜体</em>" in html
    assert "<ul>\n<li>一</li>" in html and "<td>1</td>" in html
    assert '<a href="https://x.example" rel="noopener noreferrer">官网</a>' in html


@pytest.mark.parametrize("source, forbidden", [
    ("<script>alert(1)</script>", "<script"),
    ("<img src=x onerror=alert(1)>", "onerror"),
    ("![track](https://tracker.example/p.png)", "tracker.example"),
    ("[x](javascript:alert(1))", "javascript:"),
    ("[x](data:text/html,<b>x</b>)", "data:"),
    ('<a href="https://x.example" onclick="steal()">x</a>', "onclick"),
    ("<style>body{display:none}</style>", "display:none"),
    ('<iframe src="https://evil.example"></iframe>', "iframe"),
    ('<p style="position:fixed">x</p>', "position:fixed"),
])
def test_markdown_drops_what_could_run_track_or_restyle(source, forbidden):
    assert forbidden not in markdown(source)


def test_markdown_keeps_relative_and_mailto_links():
    html = markdown("[案例](../case-studies/a/) [邮件](mailto:pmm@x.example)")
    assert 'href="../case-studies/a/"' in html and 'href="mailto:pmm@x.example"' in html


def test_a_line_wrapped_between_chinese_characters_is_not_a_space():
    assert markdown("需要逐张\n重新开发") == "<p>需要逐张重新开发</p>"
    assert markdown("TideHub\nTideInsight") == "<p>TideHub\nTideInsight</p>"


def test_backticks_stay_literal_so_markdown_cannot_see_a_fence():
    html = markdown("```\n--8<-- \"x\"\n```")
    assert "`" not in html and "&#96;" not in html  # a real code block, its fence consumed
    assert "`" not in plain("```")
    assert plain("```") == "&#96;&#96;&#96;"


def test_plain_escapes_html_and_keeps_jinja_literal():
    assert plain("<b>x</b> & {{ y }}") == "&lt;b&gt;x&lt;/b&gt; &amp; {{ y }}"
    assert markdown("{{ 7*7 }} {% raw %}") == "<p>{{ 7*7 }} {% raw %}</p>"


def test_empty_text_is_empty():
    assert markdown(None) == "" and markdown("") == "" and plain(None) == ""


@pytest.mark.parametrize("source", ["客户重视指标口径统一", "TCO 低 18%", "A.B 方案", "1. 列表", "- 列表", "价格 (含税)",
                                    "a\tb", "'单' \"双\"", "  缩进", "http://a.example", "x = 1", "+ 加号"])
def test_the_shortcut_for_plain_looking_text_gives_what_the_parser_gives(source):
    from pmmhub.render import text as module

    parsed = module._inert(module._CLEANER.clean(module._MARKDOWN.reset().convert(source))).strip()
    assert markdown(source) == parsed


# a list written straight under its lead-in line -------------------------------------------

@pytest.mark.parametrize("source, tag", [
    ("实施步骤：\n1. 第一步\n2. 第二步", "ol"),
    ("**客户洞察：**\n- 一\n- 二", "ul"),
    ("注意\n* 一\n* 二", "ul"),
    ("注意\n+ 一\n+ 二", "ul"),
    ("说明\n   - 缩进三格也是列表", "ul"),
])
def test_a_list_right_under_a_paragraph_line_is_a_list(source, tag):
    html = markdown(source)
    assert f"<{tag}>" in html and html.count("<li>") == source.count("\n") and html.startswith("<p>")


def test_the_sample_case_study_s_implementation_steps_render_as_a_list():
    from pmmhub.relate.catalog import load
    from conftest import REPO

    solution = load(REPO / "data").get("case-study", "jinhe-retail-member-data").entity.solution
    assert "：**\n1. 第 1～2 周" in solution  # the sample keeps its list straight under the lead-in line
    html = markdown(solution)
    assert "<ol>\n<li>第 1～2 周：指标盘点工作坊" in html and html.count("<li>") == 4
    assert "<p><strong>实施路径（铁三角驻场，8 周上线首批指标）：</strong></p>" in html


@pytest.mark.parametrize("source", [
    "计划在\n2026. 年底上线",  # a number in prose: only a list that starts at 1 may interrupt a paragraph
    "共三步\n3. 第三步",
    "说明\n    - 四格缩进是正文的续行",
    "```\n说明\n- 不是列表\n```",
    "~~~\n步骤\n1. 代码里的\n~~~",
    "价格\n-10% 不是列表",
])
def test_numbers_in_prose_indented_lines_and_fenced_code_stay_as_they_are(source):
    assert "<li>" not in markdown(source)


def test_tables_and_lists_already_in_a_list_are_untouched():
    table = markdown("| 步骤 | 说明 |\n|---|---|\n| - | 无 |\n| 1. | 一 |")
    assert "<li>" not in table and table.count("<td>") == 4
    lazy = markdown("- 一\nmore text\n- 二\n    1. 嵌套")
    assert lazy.count("<ul>") == 1 and "<li>一\nmore text</li>" in lazy and "<li>嵌套</li>" in lazy
    assert "<p>" not in lazy  # no blank line was put in: the list stays tight
    assert markdown("1. 一\n2. 二") == "<ol>\n<li>一</li>\n<li>二</li>\n</ol>"
