"""What a change does to the hub, in reviewer language rather than YAML lines.

Both sides are real hubs on disk: a git revision is exported into a temporary folder
from ``git ls-tree`` (modes and sizes known before anything is read: a committed
symbolic link is recreated as a link, a submodule as an empty folder, a blob over the
size limit as an empty sparse file of its size, so validation refuses each exactly as
in the working tree), the working tree is read in place with the same file rules. Entities are compared on the
data as written (so a file that no longer validates still shows what changed), and
each side is also loaded as a catalog for its validation errors and stale entities.
"""
from __future__ import annotations

import os
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Iterator

from pmmhub.load import files
from pmmhub.load import safe_yaml as loader
from pmmhub.relate.catalog import HUB_FILE, load
from pmmhub.problems import Problem
from pmmhub.validate.freshness import stale_records
from pmmhub.git import GitError, git, toplevel
from pmmhub.model import KINDS
from pmmhub.contribute.scaffold import label
from pmmhub.render.i18n import labels, languages
from pmmhub.text_templates import text_environment

SHORT = 40
TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "review"
_MD_SPECIAL = "\\`*_[]<>|~"


# ---------------------------------------------------------------- the two sides


@dataclass
class Side:
    """One hub as of a revision (or the working tree)."""

    label: str
    docs: dict[tuple[str, str], Any] = field(default_factory=dict)  # raw data; None if unreadable
    paths: dict[tuple[str, str], str] = field(default_factory=dict)
    hub: Any = None
    errors: dict[tuple, Problem] = field(default_factory=dict)
    stale: dict[tuple[str, str], Problem] = field(default_factory=dict)


def read_side(root: Path, shown: str, label_: str) -> Side:
    """Read the hub at ``root``; paths are shown as ``shown/<folder>/<file>``."""
    side = Side(label_)
    if not root.is_dir():
        return side
    hub_file = root / HUB_FILE
    if files.exists(hub_file):
        doc, _ = loader.read(hub_file, f"{shown}/{HUB_FILE}")
        side.hub = doc.data if doc else None
    for kind, kind_files in files.list_files(root, str, []).items():
        folder = KINDS[kind].folder
        for file in kind_files:
            key, path = (kind, file.stem), f"{shown}/{folder}/{file.name}"
            doc, _ = loader.read(file, path)
            side.docs[key], side.paths[key] = (doc.data if doc else None), path
    catalog = load(root)
    for problem in catalog.errors:
        problem = _relabel(problem, root, shown)
        side.errors[(problem.file, problem.field, problem.message)] = problem
    if not catalog.errors:
        by_path = {_relabel_path(r.path, root, shown): r.key for r in catalog}
        for problem in stale_records(catalog):
            problem = _relabel(problem, root, shown)
            side.stale[by_path[problem.file]] = problem
    return side


def _relabel_path(path: str, root: Path, shown: str) -> str:
    try:
        real = Path(path).parent.resolve() / Path(path).name  # never follow the file: it may be a link
        return f"{shown}/{real.relative_to(root.resolve()).as_posix()}".rstrip("/.")
    except ValueError:
        return path


def _relabel(problem: Problem, root: Path, shown: str) -> Problem:
    return Problem(_relabel_path(problem.file, root, shown), problem.line, problem.column, problem.field,
                   problem.message, problem.hint, problem.severity)


# ---------------------------------------------------------------- git


def repository(start: Path) -> Path:
    try:
        return toplevel(start)
    except GitError as err:
        raise GitError(f"{start} is not inside a git repository; `hub diff` compares git revisions") from err


def commit_of(rev: str, repo: Path) -> str:
    try:
        return git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}", cwd=repo).decode().strip()
    except GitError as err:
        raise GitError(f"unknown revision '{rev}': not a commit, branch or tag in {repo.name}") from err


@contextmanager
def snapshot(sha: str, relative: str, repo: Path) -> Iterator[Path]:
    """The folder ``relative`` as of commit ``sha``, exported into a temporary directory."""
    with tempfile.TemporaryDirectory(prefix="hub-diff-") as tmp:
        root = Path(tmp) / "hub"
        entries = _tree(sha, relative, repo)
        if entries is not None:
            root.mkdir()
            try:
                _export(entries, root, repo)
            except OSError as err:
                raise GitError(f"cannot export {relative} as of {sha[:7]}: {err}") from err
        yield root


def _tree(sha: str, relative: str, repo: Path) -> list[tuple[str, str, str, str]] | None:
    """(mode, object, size, path inside the hub) of every entry under ``relative``; None if it is absent."""
    spec = f"{sha}^{{tree}}" if relative == "." else f"{sha}:{relative}"
    try:
        kind = git("cat-file", "-t", spec, cwd=repo).decode().strip()
    except GitError:
        return None
    if kind != "tree":
        raise GitError(f"{relative} is not a folder at {sha[:7]} (a {'symbolic link or file' if kind == 'blob' else kind}); "
                       "the hub folder must be a real folder")
    listing = git("ls-tree", "-r", "-z", "--long", "--full-tree", sha, "--", "." if relative == "." else relative, cwd=repo)
    prefix = "" if relative == "." else relative.rstrip("/") + "/"
    out = []
    for record in filter(None, listing.split(b"\0")):
        meta, _, path = record.partition(b"\t")
        mode, _, obj, size = meta.decode().split(maxsplit=3)
        name = path.decode("utf-8", "surrogateescape")
        if name.startswith(prefix):
            out.append((mode, obj, size.strip(), name[len(prefix):]))
    return out


def _export(entries: list[tuple[str, str, str, str]], root: Path, repo: Path) -> None:
    """Recreate ``entries`` under ``root`` without reading more than the size limit of any blob."""
    wanted: dict[str, list[Path]] = {}
    links: list[tuple[str, Path]] = []
    for mode, obj, size, name in entries:
        parts = PurePosixPath(name).parts
        if not parts or name.startswith("/") or any(p in ("", ".", "..") for p in parts):
            continue
        target = root.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == "160000":  # a submodule: a folder whose content is not in this repository
            target.mkdir(exist_ok=True)
        elif mode == "120000":
            links.append((obj, target))
            if size.isdigit() and int(size) <= 4096:  # a link's blob is its target path
                wanted.setdefault(obj, [])
        elif not size.isdigit() or int(size) > files.MAX_BYTES:
            with open(target, "wb") as out:  # sparse: validation reports the real size, nothing is read
                out.truncate(int(size) if size.isdigit() else files.MAX_BYTES + 1)
        else:
            wanted.setdefault(obj, []).append(target)
    found = blobs(list(wanted), repo)
    for obj, targets in wanted.items():
        for target in targets:
            target.write_bytes(found.get(obj, b""))
    for obj, target in links:
        os.symlink(os.fsdecode(found.get(obj, b"?")), target)


def blobs(objects: list[str], repo: Path) -> dict[str, bytes]:
    """The content of blobs known to be small, from one ``git cat-file --batch``."""
    if not objects:
        return {}
    with tempfile.TemporaryFile() as ask:
        ask.write("".join(f"{o}\n" for o in objects).encode())
        ask.seek(0)
        done = subprocess.run(["git", "cat-file", "--batch"], cwd=repo, stdin=ask, capture_output=True)
    if done.returncode:
        raise GitError(done.stderr.decode("utf-8", "replace").strip() or "git cat-file failed")
    out, at, data = {}, 0, done.stdout
    while at < len(data):
        end = data.index(b"\n", at)
        header = data[at:end].decode().split()
        if len(header) != 3:  # "<object> missing": not in this clone
            at = end + 1
            continue
        obj, kind, size = header
        size = int(size)
        if size > files.MAX_BYTES:
            raise GitError(f"object {obj} grew over the size limit while being read")
        out[obj], at = data[end + 1: end + 1 + size], end + 2 + size
    return out


def side_at(rev: str | None, data_dir: Path) -> Side:
    """Read the hub at ``rev``, or in the working tree when ``rev`` is None."""
    repo = repository(data_dir.resolve() if data_dir.is_dir() else Path.cwd())
    try:
        relative = data_dir.resolve().relative_to(repo).as_posix()
    except ValueError as err:
        raise GitError(f"{data_dir} is outside the git repository {repo}") from err
    if rev is None:
        return read_side(data_dir, relative, "working tree")
    sha = commit_of(rev, repo)
    with snapshot(sha, relative, repo) as root:
        return read_side(root, relative, f"{rev} ({sha[:7]})")


# ---------------------------------------------------------------- comparing


@dataclass
class Entry:
    kind: str
    id: str
    name: str
    path: str
    owner: str = ""
    notes: list[str] = field(default_factory=list)
    kind_label: str = ""  # the kind in the hub's language

    @property
    def title(self) -> str:
        name = f" ({md(self.name)})" if self.name else ""
        return f"{self.kind_label or label(self.kind)} {self.id}{name}"


@dataclass
class Report:
    base: str
    head: str
    added: list[Entry] = field(default_factory=list)
    removed: list[Entry] = field(default_factory=list)
    changed: list[Entry] = field(default_factory=list)
    hub: list[str] = field(default_factory=list)
    new_errors: list[Problem] = field(default_factory=list)
    newly_stale: list[tuple[Entry, Problem]] = field(default_factory=list)
    language: str = "en"

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.hub)


def language_of(*sides: Side) -> str:
    """The hub's language: the head side's hub.yml, else the base's, else the default (zh)."""
    for side in sides:
        value = side.hub.get("language") if isinstance(side.hub, dict) else None
        if value in languages():
            return value
    return "zh"


def compare(base: Side, head: Side) -> Report:
    report = Report(base.label, head.label, language=language_of(head, base))
    t = labels(report.language)
    order = list(KINDS)
    keys = sorted(set(base.docs) | set(head.docs), key=lambda k: (order.index(k[0]), k[1]))
    for key in keys:
        old, new = base.docs.get(key, _ABSENT), head.docs.get(key, _ABSENT)
        if old is _ABSENT:
            report.added.append(_entry(key, head, t))
        elif new is _ABSENT:
            report.removed.append(_entry(key, base, t))
        elif old != new:
            entry = _entry(key, head if new is not None else base, t)
            entry.notes = ([t("diff.unreadable")] if new is None
                           else [t("diff.readable")] if old is None else changes(old, new, t=t))
            report.changed.append(entry)
    if base.hub != head.hub:
        report.hub = changes(base.hub or {}, head.hub or {}, t=t)
    report.new_errors = sorted(p for k, p in head.errors.items() if k not in base.errors)
    report.newly_stale = [(_entry(k, head, t), p) for k, p in sorted(head.stale.items(), key=lambda kv: kv[1])
                          if k not in base.stale]
    return report


_ABSENT = object()


def _entry(key: tuple[str, str], side: Side, t=None) -> Entry:
    data = side.docs.get(key)
    text = {f: data.get(f) if isinstance(data, dict) and isinstance(data.get(f), str) else "" for f in ("name", "owner")}
    kind_label = t(f"kind.{key[0]}.one") if t is not None else ""
    return Entry(key[0], key[1], text["name"], side.paths[key], text["owner"], kind_label=kind_label)


# What names an item of a list of mappings, in this order (objections by their objection, faq by q, …)
TITLE_FIELDS = ("objection", "q", "claim", "point", "capability", "feature", "metric", "deliverable", "name", "title",
                "product", "text", "note", "date")


def changes(old: Any, new: Any, path: str = "", t=None) -> list[str]:
    """What changed from ``old`` to ``new``, one short phrase per change, naming what was added or
    removed (``objections: added '价格太高怎么办'``), in the language of ``t`` (English by default)."""
    t = t or labels("en")
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        out = []
        for key in new:
            sub = _join(path, key)
            out += [_added(sub, new[key], t)] if key not in old else changes(old[key], new[key], sub, t)
        out += [t("diff.removed", field=_join(path, key)) for key in old if key not in new]
        return out
    if isinstance(old, list) and isinstance(new, list):
        return _list_changes(old, new, path, t)
    if _short(old) and _short(new):
        return [t("diff.set", field=path, old=show(old), new=show(new))]
    return [t("diff.changed", field=path)]


def item_name(item: Any) -> str | None:
    """What a list item is called: itself when short, else its naming field, else its first short text."""
    if isinstance(item, dict):
        for key in TITLE_FIELDS:
            if isinstance(item.get(key), (str, int, float)) and str(item[key]).strip():
                return str(item[key])
        return next((str(v) for v in item.values() if isinstance(v, str) and v.strip()), None)
    return None if isinstance(item, list) else "(empty)" if item is None else str(item)


def _list_changes(old: list, new: list, path: str, t) -> list[str]:
    left = list(old)
    fresh = []
    for index, item in enumerate(new):
        if item in left:
            left.remove(item)
        else:
            fresh.append((index, item))
    if not fresh and not left:
        return [t("diff.reordered", field=path)]
    pairs = []  # an item edited in place: the same name on both sides (else the same position among the rest)
    for index, item in list(fresh):
        name = item_name(item) if isinstance(item, dict) else None
        match = next((o for o in left if isinstance(o, dict) and name is not None and item_name(o) == name), None)
        if match is not None:
            left.remove(match)
            fresh.remove((index, item))
            pairs.append((match, index, item))
    while left and fresh and len(left) == len(fresh) and _related(left[0], fresh[0][1]):
        (index, item), match = fresh.pop(0), left.pop(0)
        pairs.append((match, index, item))
    out = [_item_phrase("added", path, [i for _, i in fresh], t)] if fresh else []
    out += [_item_phrase("removed", path, left, t)] if left else []
    for match, index, item in pairs:
        out += changes(match, item, f"{path}[{index}]", t)
    return out


def _related(old: Any, new: Any) -> bool:
    """Two mappings in the same place that keep some field: one item edited (its name too), not a replacement."""
    return isinstance(old, dict) and isinstance(new, dict) and any(k in old and old[k] == v for k, v in new.items())


def _item_phrase(what: str, path: str, items: list, t, named: int = 3) -> str:
    names = [item_name(i) for i in items]
    if len(items) <= named and all(names):
        return t(f"diff.{what}_items", field=path, items=t("list.sep").join(f"'{_clip(n)}'" for n in names))
    return t(f"diff.{what}_count", field=path, count=len(items))


def _clip(text: str) -> str:
    text = " ".join(str(text).split())
    return md(text if len(text) <= SHORT else text[:SHORT] + "…")


def _added(path: str, value: Any, t) -> str:
    return t("diff.added", field=path, value=show(value)) if _short(value) else t("diff.added_long", field=path)


def _join(path: str, key: Any) -> str:
    key = md(key, keep="_[]")  # field names: snake_case is safe inside words
    return f"{path}.{key}" if path else key


def _short(value: Any) -> bool:
    return not isinstance(value, (dict, list)) and "\n" not in str(value) and len(str(value)) <= SHORT


def show(value: Any) -> str:
    return "(empty)" if value is None else md(" ".join(str(value).split()))


def md(text: str, keep: str = "") -> str:
    """``text`` safe to put inline in Markdown: special characters but ``keep`` are escaped."""
    return "".join("\\" + c if c in _MD_SPECIAL and c not in keep else c for c in str(text))


# ---------------------------------------------------------------- Markdown


def to_markdown(report: Report) -> str:
    env = text_environment(TEMPLATES)
    env.filters["md"] = md
    return env.get_template("diff.md.j2").render(report=report, t=labels(report.language))


def report_of(base_rev: str, head_rev: str | None, data_dir: Path | str = "data") -> Report:
    """What changed in the hub from ``base_rev`` to ``head_rev`` (or the working tree)."""
    data = Path(data_dir)
    return compare(side_at(base_rev, data), side_at(head_rev, data))


def diff(base_rev: str, head_rev: str | None, data_dir: Path | str = "data") -> str:
    """The Markdown report of what changed in the hub from ``base_rev`` to ``head_rev`` (or the working tree)."""
    return to_markdown(report_of(base_rev, head_rev, data_dir))
