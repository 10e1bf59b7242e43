"""``hub codeowners``: reviewers come from the ``owner`` fields; the committed file stays current."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from datahelpers import hub_cli, entity, write_hub

HUB = str(Path(sys.executable).with_name("hub"))
ROOT = Path(__file__).parents[1]
HEADER = """\
# BEGIN hub codeowners: generated from the `owner` field of every data file by `hub codeowners`.
# Do not edit between BEGIN and END: change `owner` in the YAML file, then run `hub codeowners`.
# 以下规则由 `hub codeowners` 根据 data/ 各文件的 owner 字段生成：请修改 YAML 里的 owner，再运行 `hub codeowners`。
"""
RULES = """\
/data/battlecards/xinghe.yml @li-na
/data/case-studies/huadong.yml pmm.wang@example.com
/data/launches/cdp-2.yml @li-na
/data/personas/cio.yml @zhao-lei
/data/products/cdp.yml @li-na
/data/solutions/omni.yml @li-na
# END hub codeowners
"""


def run(*args, cwd):
    return hub_cli("codeowners", *args, cwd=cwd)


@pytest.fixture
def repo(tmp_path):
    write_hub(tmp_path, {"persona": entity("persona", owner="@zhao-lei"),
                         "case-study": entity("case-study", owner="pmm.wang@example.com")})
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True,
                   env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull})
    return tmp_path


def test_writes_one_rule_per_file_from_its_owner(repo):
    result = run(cwd=repo)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "wrote .github/CODEOWNERS (6 files, 3 owners)\n"
    assert (repo / ".github/CODEOWNERS").read_text(encoding="utf-8") == HEADER + RULES


def test_check_passes_when_current_and_fails_when_stale(repo):
    run(cwd=repo)
    current = run("--check", cwd=repo)
    assert (current.returncode, current.stdout) == (0, "ok: .github/CODEOWNERS is current (6 files, 3 owners)\n")
    (repo / "data/personas/cio.yml").write_text(
        (repo / "data/personas/cio.yml").read_text(encoding="utf-8").replace("@zhao-lei", "@chen-yu"), encoding="utf-8")
    stale = run("--check", cwd=repo)
    assert stale.returncode == 1
    assert stale.stderr.splitlines() == [
        "--- .github/CODEOWNERS (committed)",
        "+++ .github/CODEOWNERS (from owner fields)",
        "@@ -4,7 +4,7 @@",
        " /data/battlecards/xinghe.yml @li-na",
        " /data/case-studies/huadong.yml pmm.wang@example.com",
        " /data/launches/cdp-2.yml @li-na",
        "-/data/personas/cio.yml @zhao-lei",
        "+/data/personas/cio.yml @chen-yu",
        " /data/products/cdp.yml @li-na",
        " /data/solutions/omni.yml @li-na",
        " # END hub codeowners",
        "error: .github/CODEOWNERS is out of date; run `hub codeowners` and commit the result",
    ]
    assert "@zhao-lei" in (repo / ".github/CODEOWNERS").read_text(encoding="utf-8")  # --check writes nothing


def test_check_fails_when_the_file_is_missing(repo):
    result = run("--check", cwd=repo)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == ("error: .github/CODEOWNERS is out of date; run `hub codeowners` and "
                                              "commit the result")


def test_hand_written_rules_around_the_block_are_kept(repo):
    (repo / ".github").mkdir()
    (repo / ".github/CODEOWNERS").write_text("# engine\n* @platform-team\n", encoding="utf-8")
    run(cwd=repo)
    text = (repo / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert text == "# engine\n* @platform-team\n\n" + HEADER + RULES
    (repo / ".github/CODEOWNERS").write_text(text + "/docs/ @docs-team\n", encoding="utf-8")
    (repo / "data/solutions/omni.yml").unlink()
    run(cwd=repo)
    assert (repo / ".github/CODEOWNERS").read_text(encoding="utf-8") == (
        "# engine\n* @platform-team\n\n" + HEADER + RULES.replace("/data/solutions/omni.yml @li-na\n", "")
        + "/docs/ @docs-team\n")
    assert run("--check", cwd=repo).returncode == 0


def test_stdout_prints_without_writing(repo):
    result = run("--stdout", cwd=repo)
    assert result.stdout == HEADER + RULES
    assert not (repo / ".github").exists()


def test_paths_are_relative_to_the_repository_root(repo):
    (repo / "hub").mkdir()
    (repo / "data").rename(repo / "hub/data")
    result = run("--stdout", "--data-dir", "hub/data", cwd=repo)
    assert "/hub/data/personas/cio.yml @zhao-lei\n" in result.stdout


def test_a_hub_with_errors_is_refused(repo):
    (repo / "data/personas/cio.yml").write_text("name: x\n", encoding="utf-8")
    result = run(cwd=repo)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == ("Error: data has errors; fix them first (see `hub validate`), "
                                              "then run this again")
    assert "Traceback" not in result.stderr
    assert not (repo / ".github/CODEOWNERS").exists()


def test_the_committed_codeowners_is_current():
    result = run("--check", cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_the_rules_are_a_library_the_command_only_wires_in(tmp_path):
    from pmmhub.contribute import codeowners as owners

    generated = owners.block([("/data/products/a.yml", "@li"), ("/data/products/b\\ c.yml", "x@example.com")])
    assert generated == HEADER + "/data/products/a.yml @li\n/data/products/b\\ c.yml x@example.com\n# END hub codeowners\n"
    hand = "* @platform-team\n"
    assert owners.merge(hand, generated) == hand + "\n" + generated
    assert owners.merge(owners.merge(hand, generated) + "/docs/ @writers\n", generated) == \
        hand + "\n" + generated + "/docs/ @writers\n"
    assert owners.merge("", generated) == generated
    command = (ROOT / "pmmhub" / "commands" / "codeowners.py").read_text(encoding="utf-8")
    assert "def merge" not in command and "def rules" not in command and "BEGIN =" not in command
