"""``hub render``: write one edition's docs tree (hand-written and generated pages) to a folder."""
import sys
from pathlib import Path

import click

from pmmhub.engines.config import ConfigError, hub_options, read
from pmmhub.problems import HubDataError
from pmmhub.relate.editions import AUDIENCES
from pmmhub.render.edition import prepare
from pmmhub.render.write import NotARenderedTree


@click.command()
@click.option("--audience", type=click.Choice(AUDIENCES), default="internal", show_default=True,
              help="The edition: internal (everything) or public (customer-shareable only).")
@click.option("--out", type=click.Path(file_okay=False), default=None,
              help="Where the tree goes [default: build/<audience>/docs].")
@click.option("--config-file", "-f", type=click.Path(dir_okay=False, exists=True), default="mkdocs.yml",
              show_default=True, help="The portal's config; its hub plugin names the data folder.")
def render(audience, out, config_file):
    """Render the AUDIENCE edition's docs tree, writing only the files that changed.

    Every generated page (entity pages, listings, finder indexes, role, industry, portfolio
    and what's-new pages) and the hand-written pages of the edition, as plain files any
    site engine can build. Files no longer produced are removed; a second run with no
    change writes nothing.
    """
    config_file = Path(config_file)
    target = Path(out or Path("build") / audience / "docs")
    try:
        config = read(config_file)
        options = {**hub_options(config), "audience": audience}
        prepared = prepare(config_file.resolve().parent, config, plugin_options=options, out=target)
    except HubDataError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    except (ConfigError, NotARenderedTree) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    click.echo(f"rendered the {audience} edition into {target}: {prepared.changes}")
