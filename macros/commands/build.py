"""``hub build``: one audience edition, built strictly, checked and swapped in atomically."""
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
              show_default=True, help="The portal's MkDocs config; its hub plugin names the data directory.")
def build(audience, site_dir, config_file):
    """Build the portal edition for AUDIENCE; the old site stays until the new one passes.

    Strict (any warning fails), leak-checked, reproducible (dates from SOURCE_DATE_EPOCH,
    else the last commit). On failure: exit 1, the reasons, and the old site untouched.
    """
    target = Path(site_dir or ("site" if audience == "internal" else "site-public"))
    existed = target.is_dir()
    try:
        built = build_edition(Path(config_file), target, audience)
    except BuildFailed as err:
        click.echo(f"error: {err}", err=True)
        click.echo(f"{target} was left as it was." if existed else f"nothing was written to {target}.", err=True)
        sys.exit(1)
    click.echo(f"built the {audience} edition in {built}")
