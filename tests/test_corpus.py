"""A hub full of broken files: every error, exactly located, in one run.

``tests/corpus/expected.txt`` is the reviewed text output; each line was checked by
hand against the file it names (the files are small on purpose).
"""
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent

def hub(*args):
    return subprocess.run([str(Path(sys.executable).with_name("hub")), *args], cwd=ROOT, capture_output=True, text=True)

def test_every_error_of_the_corpus_in_one_run():
    result = hub("validate", "tests/corpus/data", "--no-stale")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == (HERE / "corpus" / "expected.txt").read_text(encoding="utf-8")

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
        "syntax.yml:2:10: not valid YAML",
        "Bad_Name.yml:1:1: the file name 'Bad_Name' is not a valid id",
        "case_studies:1:1: not a hub folder\n    hint: did you mean 'case-studies'?",
        "good-product.yml:1:1: duplicate id 'good-product': good-product.yaml has the same id",
        "typos.yml:8:1: value_prop: unknown field\n    hint: did you mean 'value_props'?",
        "typos.yml:7:12: personas[0]: no persona with id 'good-persna'\n    hint: did you mean 'good-persona'?",
        "bad-vocab.yml:7:13: customer.industry: 'retial' is not in hub.yml industries\n    hint: did you mean 'retail'?",
        "bad-vocab.yml:9:7: date: expected a date like 2026-11-01; found '2026-02-30'",
        "20 error(s), 0 warning(s)",
    ]:
        assert needle in out
