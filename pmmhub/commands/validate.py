"""``hub validate``: check every file of a hub and report every problem.

Warnings (exit 0) are what a build would not fail on but a person should know: entities
past their review interval, and public entities the public edition must leave out
(``editions.withheld_warnings``, the rule ``hub build --audience public`` applies).
"""
import sys

import click
from click.core import ParameterSource

from pmmhub import one_shot
from pmmhub.problems import format_github, format_json, format_text
from pmmhub.relate.catalog import load
from pmmhub.relate.editions import withheld_warnings
from pmmhub.validate.freshness import stale_records

DATA_DIR = "data"


def _data_dir(ctx: click.Context, legacy: str | None, option: str) -> str:
    """The data folder: ``--data-dir``, or the older positional DATA_DIR (with a warning); never two."""
    if legacy is None:
        return option
    if ctx.get_parameter_source("data_dir") is not ParameterSource.DEFAULT and legacy != option:
        raise click.UsageError(f"two data folders given: DATA_DIR '{legacy}' and --data-dir '{option}'; "
                               "pass only --data-dir", ctx)
    click.echo(f"warning: `hub validate {legacy}` is the older spelling; write `hub validate --data-dir {legacy}`",
               err=True)
    return legacy


@click.command()
@click.argument("legacy_dir", metavar="[DATA_DIR]", required=False, type=click.Path(file_okay=False))
@click.option("--data-dir", default=DATA_DIR, show_default=True, type=click.Path(file_okay=False),
              help="The hub's data folder.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="text for people, json for tools, github for pull-request annotations.")
@click.option("--stale/--no-stale", default=True, show_default=True,
              help="Also report entities past their review interval (as warnings).")
@click.pass_context
def validate(ctx, legacy_dir, data_dir, fmt, stale):
    """Validate the hub in --data-dir (default: data). Exit 1 if there are errors.

    DATA_DIR, the folder as a plain argument, is the older spelling of --data-dir: it
    still works and warns.
    """
    data_dir = _data_dir(ctx, legacy_dir, data_dir)
    catalog = load(data_dir)
    one_shot.keep()  # what follows only reads the catalog, and the process ends
    problems = list(catalog.problems)
    if not catalog.errors:
        problems += withheld_warnings(catalog)
        if stale:
            problems += stale_records(catalog)
    problems.sort()
    if fmt == "json":
        click.echo(format_json(problems))
    elif fmt == "github":
        if problems:
            click.echo(format_github(problems))
    elif problems:
        click.echo(format_text(problems))
    if fmt == "text" and not catalog.errors:
        click.echo(f"ok: {len(catalog)} entities in {data_dir} are valid")
    sys.exit(1 if catalog.errors else 0)
