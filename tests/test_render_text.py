"""Data text to HTML: Markdown fields are rendered and sanitised, plain fields escaped."""
import pytest

from macros.render.text import markdown, plain


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
    from macros.render import text as module

    parsed = module._inert(module._CLEANER.clean(module._MARKDOWN.reset().convert(source))).strip()
    assert markdown(source) == parsed
