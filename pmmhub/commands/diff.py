"""``hub diff BASE [HEAD]``: what a change does to the hub, as Markdown for reviewers."""
import sys
from pathlib import Path

import click

from pmmhub.contribute.contentdiff import report_of, to_markdown
from pmmhub.git import GitError


@click.command()
@click.argument("base")
@click.argument("head", required=False)
@click.option("--data-dir", default="data", show_default=True, type=click.Path(file_okay=False),
              help="The hub folder, as in the working tree.")
def diff(base, head, data_dir):
    """Compare the hub at git revision BASE with HEAD and print Markdown.

    HEAD is a git revision too; without it the working tree is compared, as it is on
    disk now (uncommitted and untracked files included). Lists the entities added,
    removed and changed (naming what was added or removed), new validation errors and
    entities that became stale, in the hub's language. Exit 1 when the change adds
    validation errors, so the check and the summary agree.

    \b
    Examples:
      hub diff main                  (your changes against main)
      hub diff HEAD~1 HEAD           (what the last commit changed)
      hub diff "$BASE_SHA" >> "$GITHUB_STEP_SUMMARY"
    """
    try:
        report = report_of(base, head, Path(data_dir))
    except GitError as err:
        raise click.UsageError(str(err)) from err
    click.echo(to_markdown(report), nl=False)
    sys.exit(1 if report.new_errors else 0)
