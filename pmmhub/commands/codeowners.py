"""``hub codeowners``: the right PMM reviews each change, from the ``owner`` fields.

GitHub requests a review from the owners listed in ``.github/CODEOWNERS``; the hub
generates one rule per data file from its ``owner`` (a handle or an email, both
understood by GitHub). The rules live between BEGIN/END markers, so hand-written rules
(``* @platform-team``) above them are kept; the last matching rule wins on GitHub, so
the per-file rules below take precedence for data files.
"""
from __future__ import annotations

import difflib
import sys
from pathlib import Path

import click

from pmmhub.relate.catalog import load
from pmmhub.problems import format_text
from pmmhub.git import GitError, toplevel

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


def rules(catalog, root: Path) -> list[tuple[str, str]]:
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


def expected(data_dir: Path, output: Path, root: Path) -> tuple[str | None, object]:
    """The whole CODEOWNERS text the hub implies (None if the hub has errors), and the catalog."""
    catalog = load(data_dir)
    if catalog.errors:
        return None, catalog
    current = output.read_text(encoding="utf-8") if output.is_file() else ""
    return merge(current, block(rules(catalog, root))), catalog


def update(data_dir: Path) -> Path | None:
    """Regenerate ``.github/CODEOWNERS`` if the repository has one and the hub is valid; its path if changed."""
    root = repo_root(Path(data_dir).resolve())
    output = root / ".github" / "CODEOWNERS"
    if not output.is_file():
        return None
    text, _ = expected(Path(data_dir), output, root)
    if text is None or text == output.read_text(encoding="utf-8"):
        return None
    output.write_text(text, encoding="utf-8")
    return output


@click.command()
@click.option("--data-dir", default="data", show_default=True, type=click.Path(file_okay=False),
              help="The hub whose owners are listed.")
@click.option("--output", type=click.Path(dir_okay=False),
              help="File to write. Default: .github/CODEOWNERS at the root of the git repository.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the file is not current.")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the file instead of writing it.")
def codeowners(data_dir, output, check, to_stdout):
    """Generate .github/CODEOWNERS from the `owner` field of every data file."""
    data = Path(data_dir)
    root = repo_root(data.resolve() if data.is_dir() else Path.cwd())
    out = Path(output) if output else root / ".github" / "CODEOWNERS"
    text, catalog = expected(data, out, root)
    if text is None:
        click.echo(format_text(catalog.problems), err=True)
        raise click.ClickException(f"{data_dir} has errors; fix them first (see `hub validate`), then run this again")
    owners = len({r.entity.owner for r in catalog})
    shown = display(out)
    if to_stdout:
        click.echo(text, nl=False)
    elif check:
        current = out.read_text(encoding="utf-8") if out.is_file() else ""
        if current != text:
            sys.stderr.writelines(difflib.unified_diff(current.splitlines(True), text.splitlines(True),
                                                       f"{shown} (committed)", f"{shown} (from owner fields)"))
            click.echo(f"error: {shown} is out of date; run `hub codeowners` and commit the result", err=True)
            sys.exit(1)
        click.echo(f"ok: {shown} is current ({len(catalog)} files, {owners} owners)")
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {shown} ({len(catalog)} files, {owners} owners)")


def display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
