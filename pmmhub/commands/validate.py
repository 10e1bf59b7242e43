"""``hub validate``: check every file of a hub and report every problem.

Warnings (exit 0) are what a build would not fail on but a person should know: entities
past their review interval, and public entities the public edition must leave out
(``editions.withheld_warnings``, the rule ``hub build --audience public`` applies).
"""
import sys

import click

from pmmhub.relate.catalog import load
from pmmhub.relate.editions import withheld_warnings
from pmmhub.problems import format_github, format_json, format_text
from pmmhub.validate.freshness import stale_records


@click.command()
@click.argument("data_dir", default="data", type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="text for people, json for tools, github for pull-request annotations.")
@click.option("--stale/--no-stale", default=True, show_default=True,
              help="Also report entities past their review interval (as warnings).")
def validate(data_dir, fmt, stale):
    """Validate the hub in DATA_DIR (default: data). Exit 1 if there are errors."""
    catalog = load(data_dir)
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
