"""A hub full of broken files: every error, exactly located, in one run.

``tests/corpus/expected.txt`` is the reviewed text output; each line was checked by
hand against the file it names (the files are small on purpose).
"""
import subprocess
import sys
from pathlib import Path

from datahelpers import hub_cli

HERE = Path(__file__).parent
ROOT = HERE.parent

def hub(*args):
    return hub_cli(*args, cwd=ROOT)

def test_every_error_of_the_corpus_in_one_run():
    result = hub("validate", "tests/corpus/data", "--no-stale")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == (HERE / "corpus" / "expected.txt").read_text(encoding="utf-8")

def test_warnings_alone_do_not_fail_validate(tmp_path):
    data = tmp_path / "data"
    (data / "products").mkdir(parents=True)
    (data / "hub.yml").write_bytes((HERE / "corpus" / "data" / "hub.yml").read_bytes())
    (data / "products" / "ranked.yml").write_bytes((HERE / "corpus" / "data" / "products" / "ranked.yml").read_bytes())
    result = hub("validate", str(data), "--no-stale")
    assert result.returncode == 0, result.stdout
    assert "ranked.yml:2:15: warning: summary: ` #` starts a comment" in result.stdout
    assert "0 error(s), 1 warning(s)" in result.stdout and "ok: 1 entities" in result.stdout


def test_each_class_of_bad_input_is_named():
    out = (HERE / "corpus" / "expected.txt").read_text(encoding="utf-8")
    for needle in [
        "battlecards/acme.yml:18:5: objections[2].response: required field missing",
        "dup-key.yml:9:1: duplicate key 'challenge' (first given on line 5)",
        "python-tag.yml:1:7: the tag !!python/object/apply:os.system is not allowed",
        "alias-bomb.yml:1:40: too many values",
        "gbk.yml:1:1: the file is not UTF-8 text; it looks like GBK/GB18030",
        "utf16.yml:1:1: the file is UTF-16, not UTF-8",
        "empty.yml:1:1: the file is empty",
        "a-list.yml:1:1: the file must be a mapping",
        "syntax.yml:2:3: not valid YAML: `summary` on line 2 is indented more than `name` on line 1",
        "full-width-colon.yml:13:5: not valid YAML: a Chinese full-width colon `：` on line 13; YAML needs `:`",
        "full-width-nested.yml:9:15: warning: approvals: a Chinese full-width colon `：` on line 9",
        "tab-indent.yml:7:1: not valid YAML: a tab in the indentation of line 7; YAML indents with spaces only",
        "no-pipe.yml:8:11: not valid YAML: the text of `challenge` runs over several lines (lines 8 to 9), so it "
        "needs `|` after `challenge:`",
        "unclosed-quote.yml:2:10: not valid YAML: the quote \" opened on line 2 is never closed",
        "inner-quote.yml:2:15: not valid YAML: the text on line 2 starts with ', so YAML ends it at the next '",
        "no-space.yml:8:5: not valid YAML: no space after the colon on line 8",
        "ranked.yml:2:15: warning: summary: ` #` starts a comment, so the text after it is cut: '行业排名' is kept, "
        "'#1 的零售方案' is dropped\n    hint: put the value in quotes: \"行业排名 #1 的零售方案\"",
        "products/index.yml:1:1: the id 'index' is reserved",
        "personas/draft.yml:1:1: a folder named like a data file is not read here",
        "Bad_Name.yml:1:1: the file name 'Bad_Name' is not a valid id",
        "case_studies:1:1: not a hub folder\n    hint: did you mean 'case-studies'?",
        "good-product.yml:1:1: duplicate id 'good-product': good-product.yaml has the same id",
        "typos.yml:8:1: value_prop: unknown field\n    hint: did you mean 'value_props'?",
        "typos.yml:7:12: personas[0]: no persona with id 'good-persna'\n    hint: did you mean 'good-persona'?",
        "bad-vocab.yml:7:13: customer.industry: 'retial' is not in hub.yml industries\n    hint: did you mean 'retail'?",
        "bad-vocab.yml:9:7: date: expected a date like 2026-11-01; found '2026-02-30'",
        "29 error(s), 2 warning(s)",
    ]:
        assert needle in out
