"""The right PMM reviews each change: ``.github/CODEOWNERS`` rules from the ``owner`` fields.

GitHub requests a review from the owners listed in ``.github/CODEOWNERS``; the hub
generates one rule per data file from its ``owner`` (a handle or an email, both
understood by GitHub). The rules live between BEGIN/END markers, so hand-written rules
(``* @platform-team``) above them are kept; the last matching rule wins on GitHub, so
the per-file rules below take precedence for data files.
"""
from __future__ import annotations

from pathlib import Path

from pmmhub.git import GitError, toplevel
from pmmhub.relate.catalog import Catalog, load

BEGIN = "# BEGIN hub codeowners"
END = "# END hub codeowners"
HEADER = (
    f"{BEGIN}: generated from the `owner` field of every data file by `hub codeowners`.\n"
    "# Do not edit between BEGIN and END: change `owner` in the YAML file, then run `hub codeowners`.\n"
    "# 以下规则由 `hub codeowners` 根据 data/ 各文件的 owner 字段生成：请修改 YAML 里的 owner，再运行 `hub codeowners`。\n"
)


def repo_root(start: Path) -> Path:
    """The git work tree holding ``start``, or the current directory outside git."""
    try:
        return toplevel(start)
    except GitError:
        return Path.cwd().resolve()


def default_output(data_dir: Path) -> Path:
    """``.github/CODEOWNERS`` at the root of the repository that holds ``data_dir``."""
    return repo_root(data_dir.resolve() if data_dir.is_dir() else Path.cwd()) / ".github" / "CODEOWNERS"


def rules(catalog: Catalog, root: Path) -> list[tuple[str, str]]:
    """(pattern, owner) per entity file, as root-anchored CODEOWNERS patterns, sorted by path."""
    out = []
    for record in catalog:
        relative = Path(record.path).resolve().relative_to(root).as_posix()
        out.append(("/" + relative.replace(" ", "\\ "), record.entity.owner))
    return sorted(out)


def block(pairs: list[tuple[str, str]]) -> str:
    return HEADER + "".join(f"{pattern} {owner}\n" for pattern, owner in pairs) + END + "\n"


def merge(existing: str, generated: str) -> str:
    """``existing`` with its generated block replaced by ``generated`` (appended if it has none)."""
    if BEGIN in existing and END in existing:
        head, rest = existing.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        return head + generated + (after.split("\n", 1)[1] if "\n" in after else "")
    if existing.strip():
        return existing.rstrip("\n") + "\n\n" + generated
    return generated


def current(output: Path) -> str:
    """The file as it is now ("" if there is none)."""
    return output.read_text(encoding="utf-8") if output.is_file() else ""


def expected(data_dir: Path, output: Path, root: Path) -> tuple[str | None, Catalog]:
    """The whole CODEOWNERS text the hub implies (None if the hub has errors), and the catalog."""
    catalog = load(data_dir)
    if catalog.errors:
        return None, catalog
    return merge(current(output), block(rules(catalog, root))), catalog


def update(data_dir: Path) -> Path | None:
    """Regenerate ``.github/CODEOWNERS`` if the repository has one and the hub is valid; its path if changed."""
    root = repo_root(Path(data_dir).resolve())
    output = root / ".github" / "CODEOWNERS"
    if not output.is_file():
        return None
    text, _ = expected(Path(data_dir), output, root)
    if text is None or text == current(output):
        return None
    output.write_text(text, encoding="utf-8")
    return output


def display(path: Path) -> str:
    """``path`` as people type it: relative to the current directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
