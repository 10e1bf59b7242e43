"""YAML as PMMs write it: each mistake named and pointed at the line where it was made.

Every case is a realistic file; the expected line is the line of the mistake, not the
(often later) line where the parser noticed it.
"""
import pytest

from pmmhub.load import safe_yaml as loader

HEAD = "name: 华南某连锁\nsummary: 会员复购提升\nowner: \"@li-na\"\n"


def problems(text: str) -> list[tuple[int, int, str, str, str]]:
    return [(p.line, p.column, p.severity, p.message, p.hint) for p in loader.parse_text(text, "x.yml")[1]]


def only(text: str):
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, line, column", [
    (HEAD + "reviewed：2026-11-01\n", 4, 9),  # the parser notices nothing wrong until the end
    ("summary：行业排名\nname: x\n", 1, 8),
    (HEAD + "reviewed：2026-11-01\ntagline: x\n", 4, 9),  # parser says line 5
    ("summary：只有这一行\n", 1, 8),  # the whole file would be one text
])
def test_a_full_width_colon_is_named_on_its_line(text, line, column):
    got = only(text)
    assert got[:2] == (line, column) and got[2] == "error"
    assert got[3] == f"not valid YAML: a Chinese full-width colon `：` on line {line}; YAML needs `:`"
    assert got[4].startswith("write `") and ": " in got[4]


def test_a_full_width_colon_inside_a_mapping_is_a_warning_where_yaml_accepts_it():
    line, column, severity, message, hint = only("approvals:\n  public_story：true\n")
    assert (line, column, severity) == (2, 15, "warning")
    assert message == "a Chinese full-width colon `：` on line 2; YAML needs `:`, so `public_story：true` is read as text"
    assert hint == "write `public_story: true` (an ASCII colon, then a space)"


def test_a_full_width_colon_field_swallowed_by_the_text_above():
    line, column, severity, message, _ = only("name: A\n  summary：行业\nowner: x\n")
    assert (line, column, severity) == (2, 10, "warning")
    assert message == "line 2 looks like a field written with a full-width colon `：`; YAML reads it as more text of `name`"


@pytest.mark.parametrize("text, line, column", [
    ("customer:\n\tname: x\n", 2, 1),
    ("customer:\n  name: x\n\tregion: y\n", 3, 1),
    ("customer:\n  \tname: x\n", 2, 3),
])
def test_a_tab_in_the_indentation(text, line, column):
    assert only(text)[:4] == (line, column, "error",
                              f"not valid YAML: a tab in the indentation of line {line}; YAML indents with spaces only")


def test_a_tab_inside_text_is_fine():
    assert problems("name: a\tb\n") == []


@pytest.mark.parametrize("text, first, last", [
    (HEAD + "challenge: 门店会员散落\n  - 线下 POS: 无会员号\n", 4, 5),
    (HEAD + "challenge: 第一段\n\n  第二段有 key: value\n", 4, 6),
    (HEAD + "challenge: 第一行\n第二行\nowner2: x\n", 4, 5),
])
def test_multi_line_text_without_a_pipe_points_at_the_field(text, first, last):
    line, column, _, message, hint = only(text)
    assert (line, column) == (first, 11)  # right after the colon, where `|` goes
    assert message == (f"not valid YAML: the text of `challenge` runs over several lines (lines {first} to {last}), "
                       "so it needs `|` after `challenge:`")
    assert hint.startswith("write `challenge: |` and put the text on the lines below it")


def test_markdown_folded_into_one_line_is_a_warning():
    doc, found = loader.parse_text("solution: 三件事\n  - 数据打通\n  - 会员运营\n", "x.yml")
    assert doc.data == {"solution": "三件事 - 数据打通 - 会员运营"}
    assert [(p.line, p.severity, p.field) for p in found] == [(1, "warning", "solution")]
    assert "YAML joins them into one line and its Markdown (lists, headings) is lost" in found[0].message


def test_plain_text_wrapped_over_lines_is_not_warned():
    assert problems("summary: a long sentence that\n  goes on for a while\n") == []


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_is_reported_where_it_opened(quote):
    text = f"name: {quote}云帆 CDP\nsummary: b\ntagline: \"c\"\nowner: x\n"
    assert only(text)[:4] == (1, 7, "error", f"not valid YAML: the quote {quote} opened on line 1 is never closed")


def test_a_quote_inside_single_quoted_text():
    line, column, _, message, hint = only("name: 'It's fast'\nowner: x\n")
    assert (line, column) == (1, 10)
    assert message == ("not valid YAML: the text on line 1 starts with ', so YAML ends it at the next ' and cannot "
                       "read what follows: `s fast'`")
    assert "It''s" in hint


def test_an_unclosed_bracket():
    assert only("personas: [cio, cfo\nowner: x\n")[:4] == (
        1, 11, "error", "not valid YAML: the `[` on line 1 is never closed with `]`")


def test_no_space_after_a_colon():
    line, column, _, message, hint = only(HEAD + "reviewed:2026-11-01\n")
    assert (line, column) == (4, 9)
    assert message == "not valid YAML: no space after the colon on line 4; YAML needs `: ` between a field and its value"
    assert hint == "write `reviewed: 2026-11-01`"


def test_a_field_indented_too_far():
    assert only("name: 语法错误\n  summary: x\n")[:4] == (
        2, 3, "error", "not valid YAML: `summary` on line 2 is indented more than `name` on line 1, so YAML reads it "
                       "as more text of `name`")


def test_the_parser_message_remains_when_no_cause_is_found():
    found = only("a: b\n---\nc: d\n")
    assert found[:3] == (2, 1, "error") and found[3].startswith("not valid YAML: ")


# ---------------------------------------------------------------- ` #`


def test_a_hash_without_a_space_after_it_cuts_the_value():
    doc, found = loader.parse_text("summary: 行业排名 #1 的零售方案\n", "x.yml")
    assert doc.data == {"summary": "行业排名"}
    assert [(p.line, p.column, p.field, p.severity) for p in found] == [(1, 15, "summary", "warning")]
    assert found[0].message == "` #` starts a comment, so the text after it is cut: '行业排名' is kept, '#1 的零售方案' is dropped"
    assert found[0].hint == 'put the value in quotes: "行业排名 #1 的零售方案"'


def test_a_hash_in_a_list_item_and_after_an_empty_value():
    found = problems("tags:\n  - 排名 #1\nsummary: #1 方案\n")
    assert [(ln, col) for ln, col, *_ in found] == [(2, 8), (3, 10)]
    assert "the value is left empty, '#1 方案' is dropped" in found[1][3]


@pytest.mark.parametrize("text", [
    "stage: in-market  # since March\n",  # a real comment: `# ` then words
    "# a comment line\nname: x\n",
    'summary: "行业排名 #1 的零售方案"\n',
    "summary: '行业排名 #1'  #note\n",  # after a quoted value nothing is cut
    "summary: C#1 方案\n",  # no space before #: not a comment
    "notes: |\n  第一 #1\n  第二\n",
])
def test_no_warning_where_nothing_is_cut(text):
    assert problems(text) == []
