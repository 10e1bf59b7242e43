"""``hub build``: one audience edition, built strictly and atomically."""
import sys
from pathlib import Path

import click

from ..publish import BuildFailed, build as build_edition


@click.command()
@click.option("--audience", type=click.Choice(["internal", "public"]), default="internal", show_default=True,
              help="internal: everything. public: customer-shareable content only, leak-checked.")
@click.option("--site-dir", type=click.Path(file_okay=False), default=None,
              help="Output directory [default: site for internal, site-public for public].")
@click.option("--config-file", "-f", type=click.Path(dir_okay=False, exists=True), default="mkdocs.yml",
              show_default=True)
@click.option("--data-dir", type=click.Path(file_okay=False), default="data", show_default=True)
def build(audience, site_dir, config_file, data_dir):
    """Build the portal edition for AUDIENCE; the old site stays until the new one passes."""
    target = Path(site_dir or ("site" if audience == "internal" else "site-public"))
    try:
        built = build_edition(Path(config_file).resolve(), target, audience, Path(data_dir))
    except BuildFailed as err:
        click.echo(f"error: {err}", err=True)
        click.echo(f"{target} was left as it was.", err=True)
        sys.exit(1)
    click.echo(f"built the {audience} edition in {built}")
