"""``hub diff BASE [HEAD]``: what a change does to the hub, as Markdown for reviewers."""
from pathlib import Path

import click

from pmmhub.contribute.contentdiff import diff as content_diff
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
    removed and changed (with the fields that changed), new validation errors and
    entities that became stale.

    \b
    Examples:
      hub diff main                  (your changes against main)
      hub diff HEAD~1 HEAD           (what the last commit changed)
      hub diff "$BASE_SHA" >> "$GITHUB_STEP_SUMMARY"
    """
    try:
        click.echo(content_diff(base, head, Path(data_dir)), nl=False)
    except GitError as err:
        raise click.UsageError(str(err)) from err
