"""``hub validate`` as a PMM and CI run it: exit codes and the three output formats."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from datahelpers import hub_cli, entity, write_hub

HUB = str(Path(sys.executable).with_name("hub"))


def run(*args, cwd):
    return hub_cli(*args, cwd=cwd)


def broken_hub(tmp_path):
    bad = entity("battlecard", threat="severe")
    bad["objections"].append({"objection": "更便宜"})
    return write_hub(tmp_path, {"battlecard": bad, "persona": entity("persona", buying_role="boss")})


def test_clean_hub_exits_zero(tmp_path):
    write_hub(tmp_path)
    result = run("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "ok: 6 entities in data are valid"


def test_text_format_lists_every_error_then_exits_one(tmp_path):
    broken_hub(tmp_path)
    result = run("validate", "data", cwd=tmp_path)
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if not line.startswith("    hint:")]
    assert lines == [
        "data/battlecards/xinghe.yml:7:9: threat: expected one of 'high', 'medium' or 'low'; found 'severe'",
        "data/battlecards/xinghe.yml:21:3: objections[1].response: required field missing",
        "data/personas/cio.yml:6:14: buying_role: expected one of 'decision-maker', 'influencer', 'user', "
        "'blocker' or 'champion'; found 'boss'",
        "3 error(s), 0 warning(s)",
    ]
    assert "Traceback" not in result.stderr


def test_github_format_is_workflow_annotations(tmp_path):
    broken_hub(tmp_path)
    result = run("validate", "--format", "github", cwd=tmp_path)
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first == ("::error file=data/battlecards/xinghe.yml,line=7,col=9::threat: expected one of 'high', "
                     "'medium' or 'low'; found 'severe' (hint: did you mean 'high'?)") or first.startswith(
        "::error file=data/battlecards/xinghe.yml,line=7,col=9::threat: expected one of")
    assert len(result.stdout.splitlines()) == 3


def test_json_format_is_machine_readable(tmp_path):
    broken_hub(tmp_path)
    result = run("validate", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    items = json.loads(result.stdout)
    assert {(i["file"], i["line"], i["field"]) for i in items} == {
        ("data/battlecards/xinghe.yml", 7, "threat"), ("data/battlecards/xinghe.yml", 21, "objections[1].response"),
        ("data/personas/cio.yml", 6, "buying_role")}
    assert all(i["severity"] == "error" for i in items)


def test_stale_entities_are_warnings_not_failures(tmp_path):
    write_hub(tmp_path, {"battlecard": entity("battlecard", reviewed="2020-01-01")})
    result = run("validate", cwd=tmp_path)
    assert result.returncode == 0
    assert "data/battlecards/xinghe.yml:3:11: warning: reviewed: stale: last verified" in result.stdout
    assert "review every 30 days" in result.stdout
    assert run("validate", "--no-stale", cwd=tmp_path).stdout.strip() == "ok: 6 entities in data are valid"


def test_missing_directory_is_a_friendly_error(tmp_path):
    result = run("validate", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert "nowhere" in result.stdout and "Traceback" not in result.stdout + result.stderr


def test_invalid_hub_yml_is_reported_with_location(tmp_path):
    data = write_hub(tmp_path)
    hub = yaml.safe_load((data / "hub.yml").read_text(encoding="utf-8"))
    hub["language"] = "fr"
    hub["industry"] = {"x": "y"}
    (data / "hub.yml").write_text(yaml.safe_dump(hub, allow_unicode=True), encoding="utf-8")
    result = run("validate", cwd=tmp_path)
    assert result.returncode == 1
    assert "data/hub.yml:" in result.stdout
    assert "industry: unknown field\n    hint: did you mean 'industries'?" in result.stdout
    assert "language: expected one of 'zh' or 'en'; found 'fr'" in result.stdout


def test_sample_hub_is_clean():
    root = Path(__file__).parents[1]
    result = run("validate", "data", "--no-stale", cwd=root)
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("ok: ")


def test_validate_does_not_import_mkdocs_or_markdown(tmp_path):
    write_hub(tmp_path)
    code = ("import sys; from pmmhub.cli import main\n"
            "try: main(['validate', 'data'])\nexcept SystemExit: pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'markdown', 'jinja2', 'nh3')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


# one spelling for the data folder --------------------------------------------------

def test_data_dir_option_names_the_hub(tmp_path):
    write_hub(tmp_path / "hub")
    result = run("validate", "--data-dir", "hub/data", cwd=tmp_path)
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "ok: 6 entities in hub/data are valid", "")


def test_the_older_positional_folder_still_works_and_says_how_to_write_it(tmp_path):
    write_hub(tmp_path / "hub")
    result = run("validate", "hub/data", cwd=tmp_path)
    assert (result.returncode, result.stdout.strip()) == (0, "ok: 6 entities in hub/data are valid")
    assert result.stderr.strip() == ("warning: `hub validate hub/data` is the older spelling; "
                                     "write `hub validate --data-dir hub/data`")
    same = run("validate", "hub/data", "--data-dir", "hub/data", cwd=tmp_path)
    assert same.returncode == 0


def test_two_different_data_folders_are_refused(tmp_path):
    write_hub(tmp_path / "a")
    result = run("validate", "a/data", "--data-dir", "b/data", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert "two data folders given: DATA_DIR 'a/data' and --data-dir 'b/data'; pass only --data-dir" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_ci_workflow_lines_still_work(tmp_path):
    workflows = (Path(__file__).parents[1] / ".github" / "workflows").glob("*.yml")
    lines = {line.split("run:", 1)[1].strip() for w in workflows for line in w.read_text(encoding="utf-8").splitlines()
             if "run: hub validate" in line}
    assert lines == {"hub validate --format github"}
    broken_hub(tmp_path)
    result = run("validate", "--format", "github", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout.startswith("::error file=data/battlecards/xinghe.yml,")


@pytest.mark.parametrize("command", ["validate", "new", "diff", "codeowners", "schema"])
def test_every_command_that_reads_the_hub_spells_its_folder_data_dir(command):
    from click.testing import CliRunner
    from pmmhub.cli import main

    import click

    cmd = main.get_command(None, command)
    if isinstance(cmd, click.Group):  # `hub new` has one subcommand per kind
        ctx = click.Context(cmd)
        commands = [cmd.get_command(ctx, name) for name in cmd.list_commands(ctx)]
        assert commands
    else:
        commands = [cmd]
    for one in commands:
        options = {name: p for p in one.params for name in getattr(p, "opts", []) if name.startswith("--")}
        assert "--data-dir" in options, one.name
        assert options["--data-dir"].default == "data" and not options["--data-dir"].hidden
        assert not ({"--data", "--data-folder", "--hub"} & {n for n, p in options.items() if not p.hidden})
    shown = [command, commands[0].name] if commands[0] is not cmd else [command]
    assert "--data-dir DIRECTORY" in CliRunner().invoke(main, [*shown, "--help"]).output


def test_build_says_where_its_data_folder_comes_from():
    from click.testing import CliRunner
    from pmmhub.cli import main

    help_text = " ".join(CliRunner().invoke(main, ["build", "--help"]).output.split())
    assert "hub plugin names the data" in help_text
