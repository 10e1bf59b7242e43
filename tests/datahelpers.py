"""Small builders for tests: a valid entity per kind, a hub on disk, a copy of the repository, git."""
from __future__ import annotations

import copy
import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import yaml

from pmmhub.relate.catalog import load
from pmmhub.model import KINDS

HUB = {
    "company": "云帆数智",
    "language": "zh",
    "industries": {"retail": "零售", "manufacturing": "制造"},
    "regions": {"east-china": "华东"},
    "company_sizes": {"enterprise": "大型企业"},
    "scenarios": {"omnichannel": "全渠道"},
    "functions": {"marketing": "市场"},
    "deal_types": {"quick": {"label": "快速成交", "max_deal_size": 40000}, "strategic": {"label": "战略大单"}},
}
# "today" of ``hub_cli``: 19 days after ENVELOPE's review date, which a 30-day interval keeps fresh
HUB_DAY_EPOCH = str(int(dt.datetime(2026, 11, 20, 12, tzinfo=dt.timezone.utc).timestamp()))
ENVELOPE = {"summary": "一句话说明", "owner": "@li-na", "reviewed": "2026-11-01"}

VALID = {
    "product": {"name": "云帆 CDP", "lifecycle": {"stage": "in-market"}, "personas": ["cio"],
                "competitors": ["xinghe"],
                "value_props": [{"feature": "实时库存", "advantage": "秒级", "benefit": "少丢单",
                                 "evidence": [{"case_study": "huadong", "metric": "缺货率下降 27%"}]}],
                "pricing": {"model": "订阅", "tiers": [{"name": "标准版", "price": 39800}], "deal_type": "quick"}},
    "persona": {"name": "零售 CIO", "role": "CIO", "buying_role": "decision-maker", "industries": ["retail"],
                "objections": [{"objection": "太贵", "response": "算一笔账"}],
                "messaging": [{"product": "cdp", "message": "把会员变成复购"}]},
    "battlecard": {"name": "星河数据", "competitor": {"name": "星河数据"}, "threat": "high", "products": ["cdp"],
                   "quick_take": {"we_win_when": "要快", "they_win_when": "只看价", "one_liner": "我们交付结果"},
                   "why_we_win": [{"point": "上线快", "proof": ["huadong"]}],
                   "objections": [{"objection": "更便宜", "response": "看总成本"}],
                   "comparison": [{"capability": "私有化", "us": "yes", "them": "partial"}]},
    "case-study": {"name": "华东连锁", "customer": {"name": "华东某超市", "industry": "retail", "region": "east-china"},
                   "products": ["cdp"], "personas": ["cio"], "displaced": ["xinghe"],
                   "results": [{"metric": "缺货率", "before": 12, "after": 8.7, "unit": "%"}],
                   "approvals": {"public_story": True}, "deal_type": "strategic", "date": "2026-06-30"},
    "solution": {"name": "全渠道会员", "industry": "retail", "products": ["cdp"], "personas": ["cio"],
                 "case_studies": ["huadong"]},
    "launch": {"name": "CDP 2.0 上市", "product": "cdp", "launch_date": "2027-01-15",
               "checkpoints": [{"name": "DCP1", "decision": "go"}],
               "readiness": [{"deliverable": "销售培训", "status": "doing"}]},
}
IDS = {"product": "cdp", "persona": "cio", "battlecard": "xinghe", "case-study": "huadong", "solution": "omni",
       "launch": "cdp-2"}


def entity(kind: str, **changes) -> dict:
    """A valid entity of ``kind`` with top-level ``changes`` applied (None deletes)."""
    data = {**ENVELOPE, **copy.deepcopy(VALID[kind])}
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def english(root: Path) -> None:
    """Make the hub written by ``write_hub`` an English one (``language: en``, English industry labels)."""
    file = root / "data" / "hub.yml"
    hub = yaml.safe_load(file.read_text(encoding="utf-8"))
    file.write_text(yaml.safe_dump({**hub, "language": "en", "industries": {"retail": "Retail",
                                                                              "manufacturing": "Manufacturing"}},
                                   allow_unicode=True), encoding="utf-8")


def write_hub(root: Path, overrides: dict[str, dict | str] | None = None) -> Path:
    """A complete valid hub (one entity per kind) under root/data; ``overrides`` maps
    ``kind`` (or ``kind/id``) to replacement data or raw YAML text."""
    data = root / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "hub.yml").write_text(yaml.safe_dump(HUB, allow_unicode=True), encoding="utf-8")
    files = {f"{k}/{IDS[k]}": entity(k) for k in KINDS}
    for key, value in (overrides or {}).items():
        files[key if "/" in key else f"{key}/{IDS[key]}"] = value
    for key, value in files.items():
        kind, id_ = key.split("/")
        folder = data / KINDS[kind].folder
        folder.mkdir(exist_ok=True)
        text = value if isinstance(value, str) else yaml.safe_dump(value, allow_unicode=True, sort_keys=False)
        (folder / f"{id_}.yml").write_text(text, encoding="utf-8")
    return data


def problems(data_dir: Path) -> list[str]:
    """Problem lines (without hints) for the hub at ``data_dir``, paths relative to it."""
    catalog = load(data_dir)
    out = []
    for p in catalog.problems:
        rel = Path(p.file).resolve().relative_to(data_dir.resolve()).as_posix()
        out.append(f"{rel}:{p.line}:{p.column}: {p.field}: {p.message}" if p.field else f"{rel}:{p.line}:{p.column}: {p.message}")
    return out


def check(tmp_path: Path, kind: str, value) -> list[tuple[str, str, str, str]]:
    """Problems of a hub whose ``kind`` entity is replaced by ``value``, each as
    (file, the stripped source line it points at, field path, message)."""
    data = write_hub(tmp_path, {kind: value})
    out = []
    for p in load(data).problems:
        file = Path(p.file)
        line = file.read_text(encoding="utf-8").splitlines()[p.line - 1].strip()
        out.append((file.resolve().relative_to(data.resolve()).as_posix(), line, p.field, p.message))
    return out


def copy_of_repository(target: Path) -> Path:
    """The repository's tracked and untracked-but-not-ignored files, copied to ``target``."""
    root = Path(__file__).parents[1]
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=root, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (root / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / name, target / name)
    return target


# A git of its own: no user or system configuration, a fixed author.
GIT_ENV = {"GIT_AUTHOR_NAME": "PMM", "GIT_AUTHOR_EMAIL": "pmm@example.com", "GIT_COMMITTER_NAME": "PMM",
           "GIT_COMMITTER_EMAIL": "pmm@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str, **env: str) -> str:
    """``git args…`` in ``repo`` (``env`` adds variables, e.g. commit dates); its output, stripped."""
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True,
                            env={**os.environ, **GIT_ENV, **env})
    return result.stdout.strip()


def commit(repo: Path, message: str, **env: str) -> str:
    """Commit everything in ``repo``; the new commit's short hash."""
    git(repo, "add", "-A", **env)
    git(repo, "commit", "-q", "-m", message, **env)
    return git(repo, "rev-parse", "--short=7", "HEAD")


def hub_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The real ``hub`` command run in this process (click's runner: no interpreter start per call),
    in ``cwd``, with no terminal on stdin; an escaping exception is a traceback on stderr, as it
    would be from a process. Tests that need a real process (signals, another user, a terminal)
    start one instead. Its today is ``HUB_DAY_EPOCH`` unless ``env`` sets ``SOURCE_DATE_EPOCH``
    (``None`` there: the real date, or a ``hub build``'s last commit)."""
    import traceback

    from click.testing import CliRunner

    from pmmhub.cli import main

    here = os.getcwd()
    os.chdir(cwd)
    try:  # a fixed today (unless ``env`` names one): freshness of the helpers' data never depends on the date run
        result = CliRunner(env={"SOURCE_DATE_EPOCH": HUB_DAY_EPOCH, **(env or {})}).invoke(main, list(args),
                                                                                            catch_exceptions=True)
    finally:
        os.chdir(here)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return subprocess.CompletedProcess(["hub", *args], result.exit_code, result.stdout, stderr)
