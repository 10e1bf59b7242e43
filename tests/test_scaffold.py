"""``hub new``: a valid, commented starter for every kind, as a PMM runs it."""
import datetime as dt
import os
import pty
import re
import select
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from datahelpers import hub_cli, copy_of_repository, english, write_hub

from pmmhub.load import safe_yaml as loader
from pmmhub.contribute import scaffold
from pmmhub.relate.catalog import load
from pmmhub.model import KINDS

HUB = str(Path(sys.executable).with_name("hub"))
YAMLLINT = str(Path(sys.executable).with_name("yamllint"))
ROOT = Path(__file__).parents[1]
TODAY = "2026-11-22"
EPOCH = str(int(dt.datetime(2026, 11, 22, 12, tzinfo=dt.timezone.utc).timestamp()))
ENVELOPE = ["--name", "新条目", "--summary", "一句话说明", "--owner", "@li-na"]
# The kind-specific required answers, valid in the datahelpers hub (product "cdp", industry "retail").
ANSWERS = {
    "product": ["--lifecycle-stage", "in-market"],
    "persona": ["--role", "CIO", "--buying-role", "decision-maker"],
    "battlecard": ["--competitor-name", "星河数据", "--threat", "high", "--quick-take-we-win-when", "要快",
                   "--quick-take-they-win-when", "只看价格", "--quick-take-one-liner", "他们卖工具，我们交付结果。"],
    "case-study": ["--customer-name", "华东某超市", "--customer-industry", "retail"],
    "solution": ["--scenario", "omnichannel"],
    "launch": ["--product", "cdp", "--launch-date", "2027-01-15"],
}


def run(*args, cwd, env=None):
    """``hub`` with no terminal on stdin, as in CI."""
    return hub_cli(*args, cwd=cwd, env={"SOURCE_DATE_EPOCH": EPOCH, **(env or {})})


def new(tmp_path, kind, id_, *extra):
    return run("new", kind, id_, *ENVELOPE, *ANSWERS[kind], *extra, cwd=tmp_path)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_gets_a_starter_that_validates(tmp_path, kind):
    write_hub(tmp_path)
    result = new(tmp_path, kind, "brand-new")
    assert result.returncode == 0, result.stderr
    path = tmp_path / "data" / KINDS[kind].folder / "brand-new.yml"
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=../../schema/{kind}.schema.json"
    assert f"\nreviewed: {TODAY}\n" in text
    validate = hub_cli("validate", cwd=tmp_path)
    assert validate.returncode == 0, validate.stdout
    assert validate.stdout == "ok: 7 entities in data are valid\n"


def test_the_answers_are_written_where_the_schema_expects_them(tmp_path):
    write_hub(tmp_path)
    assert new(tmp_path, "battlecard", "xinghe-2").returncode == 0
    entity = load(tmp_path / "data").get("battlecard", "xinghe-2").entity
    assert (entity.name, entity.summary, entity.owner, entity.reviewed) == ("新条目", "一句话说明", "@li-na",
                                                                           dt.date(2026, 11, 22))
    assert (entity.competitor.name, entity.threat) == ("星河数据", "high")
    assert entity.quick_take.one_liner == "他们卖工具，我们交付结果。"
    assert entity.visibility == "internal"


def test_required_section_of_a_case_study(tmp_path):
    write_hub(tmp_path)
    new(tmp_path, "case-study", "acme")
    lines = (tmp_path / "data/case-studies/acme.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index("# ── 必填 Required ──────────────────────────────────────────────")
    assert lines[start:start + 25] == [
        "# ── 必填 Required ──────────────────────────────────────────────",
        "# Display title.",
        "name: 新条目",
        "",
        "# One line that says what this is.",
        "summary: 一句话说明",
        "",
        "# Who keeps it true: a handle (@name) or an email.",
        "owner: '@li-na'",
        "",
        "# Date the content was last verified.",
        "reviewed: 2026-11-22",
        "",
        "# The customer.",
        "customer:",
        "  # Customer name; when anonymous, it is never shown and no text of the hub may contain it.",
        "  name: 华东某超市",
        "  # Hide the name everywhere.",
        "  # anonymous: false",
        "  # Industry id from hub.yml.",
        "  industry: retail",
        "  # Region id from hub.yml.",
        "  # region: east-china",
        "  # Company size id from hub.yml.",
        "  # size: enterprise",
    ]


def test_optional_fields_are_commented_samples_with_descriptions(tmp_path):
    write_hub(tmp_path)
    new(tmp_path, "case-study", "acme")
    text = (tmp_path / "data/case-studies/acme.yml").read_text(encoding="utf-8")
    assert ("# Measured results.\n"
            "# results:\n"
            "#   - metric: 缺货率  # What was measured.\n"
            "#     before: '12'  # Value before.\n"
            "#     after: '8.7'  # Value after.\n"
            "#     unit: '%'  # Unit.\n") in text
    assert "# When the project went live.\n# date: 2026-06-30\n" in text


def uncomment_samples(text: str) -> str:
    """The starter with every commented-out sample field switched on."""
    sample = re.compile(r"^(\s*)# (\s*(?:- )?[a-z_]+:(?: .*)?)$")
    return "\n".join(sample.sub(r"\1\2", line) for line in text.splitlines()) + "\n"


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_sample_is_valid_once_uncommented(kind):
    """The samples come from the model's examples: switched on, they must pass the schema."""
    answers = {q.path: scaffold.typed(q, "x") for q in scaffold.questions(kind)}
    answers.update({("owner",): "@li-na", ("reviewed",): dt.date(2026, 11, 22)})
    for q in scaffold.questions(kind):
        if q.choices:
            answers[q.path] = q.choices[0]
        elif q.date:
            answers[q.path] = dt.date(2027, 1, 15)
    text = uncomment_samples(scaffold.render(kind, "x", answers))
    doc, problems = loader.parse_text(text, "starter.yml")
    assert problems == []
    entity = KINDS[kind].model.model_validate(doc.data)
    hidden = scaffold.hidden(kind)
    assert set(doc.data) == set(KINDS[kind].model.model_fields) - hidden  # every field is offered
    assert entity.owner == "@li-na"


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_field_is_described_in_the_starter(kind):
    text = scaffold.render(kind, "x", {})
    for name, info in KINDS[kind].model.model_fields.items():
        if name in scaffold.hidden(kind):
            continue
        assert f"# {info.description}\n" in text, name


@pytest.mark.tool
def test_a_starter_passes_yamllint(tmp_path):
    write_hub(tmp_path)
    new(tmp_path, "product", "cdp-2")
    result = subprocess.run([YAMLLINT, "--strict", "-c", str(ROOT / ".yamllint.yml"), "data/products/cdp-2.yml"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


def test_the_options_of_each_kind_are_its_required_fields():
    options = {kind: [q.option for q in scaffold.questions(kind)] for kind in KINDS}
    envelope = ["--name", "--summary", "--owner", "--reviewed"]
    assert options == {
        "product": envelope + ["--lifecycle-stage"],
        "persona": envelope + ["--role", "--buying-role"],
        "battlecard": envelope + ["--competitor-name", "--threat", "--quick-take-we-win-when",
                                  "--quick-take-they-win-when", "--quick-take-one-liner"],
        "case-study": envelope + ["--customer-name", "--customer-industry"],
        "solution": envelope + ["--industry", "--scenario", "--function"],
        "launch": envelope + ["--product", "--launch-date"],
    }


def test_success_prints_the_next_steps(tmp_path):
    write_hub(tmp_path)
    english(tmp_path)  # the hub's language decides hub new's; these check the English wording
    result = new(tmp_path, "case-study", "acme")
    assert result.stderr == ""
    assert result.stdout == """\
Created data/case-studies/acme.yml: a case study starter that passes `hub validate`.

Next steps:
  1. Edit data/case-studies/acme.yml: replace the sample text, and delete the "# " in front of each optional field you use.
  2. Check it:   hub validate
  3. Preview it: start the preview with the command in README.md, then open
                 http://127.0.0.1:8000/case-studies/acme/  (the page updates each time you save)
  4. Propose it: git switch -c add-case-study-acme
                 git add data/case-studies/acme.yml
                 git commit -m "Add case-study acme"
                 git push -u origin add-case-study-acme
                 then open a pull request and tick the checklist; the owner reviews it.
"""


def test_reviewed_can_be_given(tmp_path):
    write_hub(tmp_path)
    assert new(tmp_path, "persona", "cfo", "--reviewed", "2026-10-01").returncode == 0
    assert load(tmp_path / "data").get("persona", "cfo").entity.reviewed == dt.date(2026, 10, 1)


def test_an_existing_id_is_refused(tmp_path):
    write_hub(tmp_path)
    before = (tmp_path / "data/case-studies/huadong.yml").read_text(encoding="utf-8")
    result = new(tmp_path, "case-study", "huadong")
    assert result.returncode == 1
    assert result.stderr == "Error: data/case-studies/huadong.yml already exists: edit that file, or choose another id\n"
    assert (tmp_path / "data/case-studies/huadong.yml").read_text(encoding="utf-8") == before


def test_an_existing_yaml_file_is_refused_too(tmp_path):
    write_hub(tmp_path)
    (tmp_path / "data/personas/cfo.yaml").write_text("name: x\n", encoding="utf-8")
    result = new(tmp_path, "persona", "cfo")
    assert result.returncode == 1
    assert result.stderr == "Error: data/personas/cfo.yaml already exists: edit that file, or choose another id\n"


def test_a_broken_link_or_a_pipe_in_the_way_is_refused(tmp_path):
    write_hub(tmp_path)
    os.symlink("/nowhere", tmp_path / "data/personas/cfo.yml")
    os.mkfifo(tmp_path / "data/personas/ceo.yaml")
    for id_, name in (("cfo", "cfo.yml"), ("ceo", "ceo.yaml")):
        result = new(tmp_path, "persona", id_)
        assert result.returncode == 1
        assert result.stderr == f"Error: data/personas/{name} already exists: edit that file, or choose another id\n"
    assert not Path("/nowhere").exists()


def test_new_never_writes_through_a_linked_kind_folder(tmp_path):
    write_hub(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(tmp_path / "data/personas", elsewhere)
    os.symlink(elsewhere, tmp_path / "data/personas")
    result = new(tmp_path, "persona", "cfo")
    assert result.returncode == 1
    assert result.stderr == (f"Error: data/personas is not a real folder (a symbolic link to {elsewhere}): commit the "
                             "folder itself; `hub new` writes only inside the hub\n")
    assert sorted(p.name for p in elsewhere.iterdir()) == ["cio.yml"]


@pytest.mark.parametrize("id_", ["index", "page"])
def test_a_reserved_id_is_refused(tmp_path, id_):
    write_hub(tmp_path)
    result = new(tmp_path, "persona", id_)
    assert result.returncode == 2
    last = result.stderr.splitlines()[-1]
    assert last.startswith(f"Error: Invalid value for 'ID': the id '{id_}' is reserved: the portal uses personas/{id_} for ")
    assert last.endswith(f"; choose a more specific id, e.g. '{id_}-persona' or a name like 'huadong-retail'")
    assert not (tmp_path / f"data/personas/{id_}.yml").exists()


@pytest.mark.parametrize("bad, suggestion", [
    ("Acme Retail", "Try 'acme-retail'."),
    ("华东超市", "For example 'huadong-retail-chain'."),
    ("acme_retail", "Try 'acme-retail'."),
    ("acme--retail-", "Try 'acme-retail'."),
])
def test_a_malformed_id_is_refused_with_a_fix(tmp_path, bad, suggestion):
    write_hub(tmp_path)
    result = new(tmp_path, "case-study", bad)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for 'ID': '{bad}' is not a valid id: use lowercase letters a-z, digits and hyphens "
        f"(at most 63 characters); the id becomes the file name and the page address. {suggestion}")
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in (tmp_path / "data/case-studies").iterdir()) == ["huadong.yml"]


def test_a_too_long_id_is_refused(tmp_path):
    write_hub(tmp_path)
    result = new(tmp_path, "persona", "a" * 64)
    assert result.returncode == 2
    assert "is not a valid id" in result.stderr and "at most 63 characters" in result.stderr


def test_an_unknown_kind_gets_a_suggestion(tmp_path):
    write_hub(tmp_path)
    result = run("new", "casestudy", "acme", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == ("Error: unknown kind 'casestudy'; did you mean 'case-study'? kinds: "
                                              "product, persona, battlecard, case-study, solution, launch")


def test_a_folder_name_works_as_the_kind(tmp_path):
    write_hub(tmp_path)
    result = run("new", "case-studies", "acme", *ENVELOPE, *ANSWERS["case-study"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data/case-studies/acme.yml").is_file()


def test_without_a_terminal_missing_fields_are_named(tmp_path):
    write_hub(tmp_path)
    result = run("new", "battlecard", "xinghe-2", "--name", "星河", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-2:] == [
        "Error: missing required fields for a battle card: --summary, --owner, --competitor-name, --threat, "
        "--quick-take-we-win-when, --quick-take-they-win-when, --quick-take-one-liner",
        "Pass them as options (see `hub new battlecard --help`), or run the command in a terminal to be asked for them.",
    ]
    assert not (tmp_path / "data/battlecards/xinghe-2.yml").exists()


def test_invalid_answers_are_all_reported_and_nothing_is_written(tmp_path):
    write_hub(tmp_path)
    result = run("new", "case-study", "acme", "--name", "x", "--summary", "y", "--owner", "li-na",
                 "--customer-name", "z", "--customer-industry", "retial", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-3:] == [
        "Error: the answers are not valid for a case study:",
        "  --owner: expected a handle like @li-na or an email; found 'li-na'",
        "  --customer-industry: 'retial' is not in hub.yml industries; did you mean 'retail'?",
    ]
    assert not (tmp_path / "data/case-studies/acme.yml").exists()


def test_a_launch_must_name_an_existing_product_and_a_real_date(tmp_path):
    write_hub(tmp_path)
    result = run("new", "launch", "cdp-3", *ENVELOPE, "--product", "cdq", "--launch-date", "2027-13-01",
                 cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-2:] == [
        "  --product: no product with id 'cdq'; did you mean 'cdp'?",
        "  --launch-date: expected a date like 2026-11-01; found '2027-13-01' (write dates as YYYY-MM-DD)",
    ]


def test_a_solution_needs_a_focus(tmp_path):
    write_hub(tmp_path)
    result = run("new", "solution", "omni-2", *ENVELOPE, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "  --industry: a solution needs at least one of industry, scenario or function"


def test_a_threat_outside_the_choices_is_refused_by_the_option(tmp_path):
    write_hub(tmp_path)
    args = [a if a != "high" else "severe" for a in ANSWERS["battlecard"]]
    result = run("new", "battlecard", "xinghe-2", *ENVELOPE, *args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "Error: Invalid value for '--threat': 'severe' is not one of 'high', 'medium', 'low'."


def test_no_hub_here(tmp_path):
    result = run("new", "persona", "cfo", *ENVELOPE, *ANSWERS["persona"], cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == ("Error: no hub at data/ (hub.yml not found): run `hub new` from the repository root, "
                             "or pass --data-dir\n")


def test_codeowners_is_updated_when_the_repository_has_one(tmp_path):
    write_hub(tmp_path)
    english(tmp_path)  # the hub's language decides hub new's; these check the English wording
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".github").mkdir()
    assert run("codeowners", cwd=tmp_path).returncode == 0
    result = new(tmp_path, "persona", "cfo")
    assert result.returncode == 0, result.stderr
    said = result.stdout.splitlines()
    assert said[0] == "The hub keeps .github/CODEOWNERS: @li-na will be added as the reviewer of the new file."
    assert said[2] == "Updated .github/CODEOWNERS: @li-na will be asked to review changes to data/personas/cfo.yml."
    assert "/data/personas/cfo.yml @li-na\n" in (tmp_path / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert run("codeowners", "--check", cwd=tmp_path).returncode == 0


# ---------------------------------------------------------------- in a real terminal


def converse(argv, answers, cwd, timeout=60):
    """Run ``argv`` on a pseudo-terminal; type each answer when a prompt (ending in ': ') shows."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, close_fds=True,
                            env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_COLOR": "1"})
    os.close(slave)
    output, pending, deadline = b"", list(answers), time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the child closed the terminal
                break
            output += chunk
            if pending and output.endswith(b": "):
                os.write(master, pending.pop(0).encode() + b"\r")
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(10)
        os.close(master)
    return proc.returncode, output.decode().replace("\r\n", "\n")


def test_in_a_terminal_the_required_fields_are_asked_for(tmp_path):
    write_hub(tmp_path)
    english(tmp_path)  # the hub's language decides hub new's; these check the English wording
    code, screen = converse([HUB, "new", "case-study", "acme"],
                            ["华东某连锁超市会员平台", "三周上线", "li-na", "@li-na", "华东某超市", "retial", "retail"],
                            tmp_path)
    assert code == 0, screen
    assert screen.splitlines()[:13] == [
        "A new case study needs these fields (press Enter after each):",
        "name — Display title (e.g. 云帆 CDP): 华东某连锁超市会员平台",
        "summary — One line that says what this is (e.g. 面向零售的客户数据平台): 三周上线",
        "owner — Who keeps it true: a handle (@name) or an email (e.g. @li-na): li-na",
        "Error: expected a handle like @li-na or an email; found 'li-na'",
        "owner — Who keeps it true: a handle (@name) or an email (e.g. @li-na): @li-na",
        "customer.name — Customer name; when anonymous, it is never shown and no text of the hub may contain it "
            "(e.g. 华东某连锁超市): 华东某超市",
        "  customer.industry: manufacturing Manufacturing · retail Retail",
        "customer.industry — Industry id from hub.yml (e.g. manufacturing): retial",
        "Error: 'retial' is not in hub.yml industries; did you mean 'retail'?",
        "customer.industry — Industry id from hub.yml (e.g. manufacturing): retail",
        "Created data/case-studies/acme.yml: a case study starter that passes `hub validate`.",
        "",
    ]
    entity = load(tmp_path / "data").get("case-study", "acme").entity
    assert (entity.name, entity.owner, entity.customer.industry) == ("华东某连锁超市会员平台", "@li-na", "retail")


def test_in_a_terminal_a_solution_asks_for_its_focus(tmp_path):
    write_hub(tmp_path)
    english(tmp_path)  # the hub's language decides hub new's; these check the English wording
    code, screen = converse([HUB, "new", "solution", "omni-2", "--name", "全渠道", "--summary", "会员打通",
                             "--owner", "@li-na"], ["", "omnichannel", ""], tmp_path)
    assert code == 0, screen
    assert "A solution needs at least one of: industry, scenario, function (Enter skips one).\n" in screen
    assert load(tmp_path / "data").get("solution", "omni-2").entity.scenario == "omnichannel"


# ---------------------------------------------------------------- the contributor guide


GUIDE = ROOT / "docs" / "contributing.md"


def guide_block(after: str, language: str) -> str:
    """The first fenced block of ``language`` after the text ``after`` in the contributor guide."""
    text = GUIDE.read_text(encoding="utf-8")
    match = re.search(rf"```{language}\n(.*?)\n```", text[text.index(after):], re.S)
    return match.group(1) + "\n"


def sample_hub(tmp_path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def test_the_guide_examples_of_hub_new_work_on_the_sample_hub(tmp_path):
    repo = sample_hub(tmp_path)
    commands = guide_block("六种类型各一例", "bash").replace("\\\n", " ").splitlines()
    assert len(commands) == len(KINDS)
    for command in commands:  # as the shell splits them (the build test below runs them in a real shell)
        program, *args = shlex.split(command)
        assert program == "hub", command
        result = hub_cli(*args, cwd=repo)
        assert result.returncode == 0, f"{command}\n{result.stderr}"
    validate = hub_cli("validate", "--no-stale", cwd=repo)
    assert validate.returncode == 0, validate.stdout


def test_the_guide_error_example_is_real_output(tmp_path):
    repo = sample_hub(tmp_path)
    (repo / "data/case-studies/huadong-retail-chain.yml").write_text(guide_block("有四处错误", "yaml"),
                                                                      encoding="utf-8")
    result = hub_cli("validate", "--no-stale", cwd=repo)
    assert result.returncode == 1
    assert result.stdout == guide_block("的真实输出", "text")


def test_a_fresh_starter_of_every_kind_builds_into_the_portal(tmp_path):
    """Scaffold, then build strictly: the new page exists and shows the name (what the preview serves)."""
    copy_of_repository(tmp_path)
    env = {**os.environ, "PATH": f"{Path(HUB).parent}{os.pathsep}{os.environ['PATH']}"}
    for command in guide_block("六种类型各一例", "bash").replace("\\\n", " ").splitlines():
        assert subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, stdin=subprocess.DEVNULL,
                              capture_output=True).returncode == 0, command
    build = subprocess.run([str(Path(HUB).with_name("mkdocs")), "build", "--strict", "--quiet", "-d", "site"],
                           cwd=tmp_path, capture_output=True, text=True, env={**env, "NO_MKDOCS_2_WARNING": "1"})
    assert build.returncode == 0, build.stderr[-3000:]
    page = (tmp_path / "site/case-studies/huadong-retail-chain/index.html").read_text(encoding="utf-8")
    assert "华东某连锁超市会员数据平台" in page
    for folder, id_ in [("products", "tidecdp"), ("personas", "cfo"), ("battlecards", "xinghe-data"),
                        ("solutions", "retail-omnichannel"), ("launches", "tidecdp-ga-2027")]:
        assert (tmp_path / "site" / folder / id_ / "index.html").is_file(), f"{folder}/{id_}"
