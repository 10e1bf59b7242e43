"""The safe YAML reader, on its own: what it refuses and what it keeps as text."""

import pytest

from pmmhub.load import safe_yaml as loader


def parse(text: str):
    return loader.parse_text(text, "x.yml")


def messages(text: str) -> list[str]:
    return [f"{p.line}:{p.column}: {p.message}" for p in parse(text)[1]]


def test_yaml_11_surprises_stay_text():
    doc, problems = parse("a: NO\nb: on\nc: 1.10\nd: 0777\ne: 2026-11-01\nf: ~\ng: ''\nh: yes\n")
    assert problems == []
    assert doc.data == {"a": "NO", "b": "on", "c": "1.10", "d": "0777", "e": "2026-11-01", "f": None, "g": "",
                        "h": "yes"}


def test_duplicate_key_names_both_lines():
    assert messages("name: a\nsummary: b\nname: c\n") == ["3:1: duplicate key 'name' (first given on line 1)"]


def test_duplicate_key_in_a_nested_mapping():
    assert messages("customer:\n  name: a\n  name: b\n") == ["3:3: duplicate key 'name' (first given on line 2)"]


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['id']", "!!python/name:os.system ''",
                                 "!custom x", "!!binary aGk="])
def test_object_constructing_and_unknown_tags_are_refused(tag):
    found = messages(f"name: {tag}\n")
    assert len(found) == 1 and found[0].startswith("1:7: the tag ") and found[0].endswith("is not allowed")


def test_billion_laughs_is_refused_quickly():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]")
    found = messages("\n".join(lines) + "\n")
    assert len(found) == 1 and "too many values" in found[0]


def test_merge_keys_are_refused():
    assert messages("base: &b {x: 1}\nother:\n  <<: *b\n") == ["3:3: merge keys (<<) are not supported"]


def test_top_level_must_be_a_mapping():
    assert messages("- a\n- b\n") == ["1:1: the file must be a mapping of `field: value` lines"]
    assert messages("just text\n") == ["1:1: the file must be a mapping of `field: value` lines"]


def test_empty_and_comment_only_files():
    assert messages("") == ["1:1: the file is empty"]
    assert messages("# todo\n\n") == ["1:1: the file is empty"]


def test_multiple_documents_are_refused():
    found = messages("a: 1\n---\nb: 2\n")
    assert len(found) == 1 and found[0].startswith("2:1: not valid YAML")


def test_utf8_bom_is_accepted():
    text, problem = loader.decode("\ufeffname: 你好\n".encode("utf-8"), "x.yml")
    assert problem is None and text == "name: 你好\n"


def test_gbk_is_named(tmp_path):
    file = tmp_path / "x.yml"
    file.write_bytes("name: 你好\nsummary: 世界\n".encode("gbk"))
    doc, problems = loader.read(file, "x.yml")
    assert doc is None
    assert [p.message for p in problems] == ["the file is not UTF-8 text; it looks like GBK/GB18030 (a Chinese Windows encoding)"]


def test_latin1_is_named_with_line(tmp_path):
    file = tmp_path / "x.yml"
    file.write_bytes("name: ok\nsummary: caf\u00e9\n".encode("latin-1"))
    problems = loader.read(file, "x.yml")[1]
    assert problems[0].line == 2 and "Windows-1252/Latin-1" in problems[0].message


def test_oversized_file_is_refused_before_parsing(tmp_path):
    file = tmp_path / "big.yml"
    file.write_text("notes: |\n" + ("  一行很长的文字\n" * 80_000), encoding="utf-8")
    doc, problems = loader.read(file, "big.yml")
    assert doc is None and problems[0].message.startswith("the file is 1.") and "the limit is 1 MiB" in problems[0].message


def test_locate_points_at_values_and_keys():
    doc, _ = parse("a:\n  - x\n  - b: 1\n    c: 2\n")
    assert doc.locate(("a", 1, "c")) == (4, 8)
    assert doc.locate(("a", 1, "c"), at_key=True) == (4, 5)
    assert doc.locate(("a", 5)) == (2, 3)  # deepest existing node
