"""``hub codeowners``: write or check ``.github/CODEOWNERS`` (``pmmhub.contribute.codeowners``)."""
from __future__ import annotations

import difflib
import sys
from pathlib import Path

import click

from pmmhub.contribute.codeowners import current, default_output, display, expected, repo_root
from pmmhub.contribute.codeowners import update  # noqa: F401  (`hub new` updates the file through this module)
from pmmhub.problems import format_text


@click.command()
@click.option("--data-dir", default="data", show_default=True, type=click.Path(file_okay=False),
              help="The hub's data folder: the owners of its files are listed.")
@click.option("--output", type=click.Path(dir_okay=False),
              help="File to write. Default: .github/CODEOWNERS at the root of the git repository.")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the file is not current.")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the file instead of writing it.")
def codeowners(data_dir, output, check, to_stdout):
    """Generate .github/CODEOWNERS from the `owner` field of every data file."""
    data = Path(data_dir)
    out = Path(output) if output else default_output(data)
    text, catalog = expected(data, out, repo_root(data.resolve() if data.is_dir() else Path.cwd()))
    if text is None:
        click.echo(format_text(catalog.problems), err=True)
        raise click.ClickException(f"{data_dir} has errors; fix them first (see `hub validate`), then run this again")
    owners, shown = len({r.entity.owner for r in catalog}), display(out)
    if to_stdout:
        click.echo(text, nl=False)
    elif check:
        if current(out) != text:
            sys.stderr.writelines(difflib.unified_diff(current(out).splitlines(True), text.splitlines(True),
                                                       f"{shown} (committed)", f"{shown} (from owner fields)"))
            click.echo(f"error: {shown} is out of date; run `hub codeowners` and commit the result", err=True)
            sys.exit(1)
        click.echo(f"ok: {shown} is current ({len(catalog)} files, {owners} owners)")
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {shown} ({len(catalog)} files, {owners} owners)")
