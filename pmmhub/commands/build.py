"""``hub build``: one audience edition, built strictly, checked and swapped in atomically."""
import signal
import sys
from pathlib import Path

import click

from pmmhub.engines.run import ENGINES
from pmmhub.publish.build import WAIT, BuildFailed, build as build_edition


@click.command()
@click.option("--audience", type=click.Choice(["internal", "public"]), default="internal", show_default=True,
              help="internal: everything. public: customer-shareable content only, leak-checked.")
@click.option("--site-dir", type=click.Path(), default=None,
              help="Output directory [default: site for internal, site-public for public]. Replaced as a "
                   "whole, so it must be new, empty or an earlier hub build; source folders are refused.")
@click.option("--config-file", "-f", type=click.Path(dir_okay=False, exists=True), default="mkdocs.yml",
              show_default=True, help="The portal's MkDocs config; its hub plugin names the data directory.")
@click.option("--engine", type=click.Choice(ENGINES), default="mkdocs", show_default=True,
              help="The site engine: mkdocs (MkDocs + Material) or zensical (its successor). Same site.")
@click.option("--wait", type=click.FloatRange(min=0), default=WAIT, show_default=True, metavar="SECONDS",
              help="How long to wait for another build of the same site directory to finish.")
def build(audience, site_dir, config_file, engine, wait):
    """Build the portal edition for AUDIENCE; the old site stays until the new one passes.

    Strict (any warning fails), leak-checked, reproducible (dates from SOURCE_DATE_EPOCH,
    else the last commit). On failure or interruption (Ctrl-C, SIGTERM): a non-zero exit,
    the reasons, the old site untouched and no staging folder left behind.
    """
    target = Path(site_dir or ("site" if audience == "internal" else "site-public"))
    existed = target.is_dir()
    try:
        built = build_edition(Path(config_file), target, audience, wait=wait, engine=engine)
    except BuildFailed as err:
        click.echo(f"error: {err}", err=True)
        click.echo(f"{target} was left as it was." if existed else f"nothing was written to {target}.", err=True)
        sys.exit(1)
    except KeyboardInterrupt as err:
        signum = getattr(err, "signum", signal.SIGINT)
        click.echo(f"error: hub build interrupted ({signal.Signals(signum).name}); the unfinished build "
                   "was removed.", err=True)
        click.echo(f"{target} holds a complete site." if target.is_dir() else f"nothing was written to {target}.",
                   err=True)
        sys.exit(128 + signum)
    click.echo(f"built the {audience} edition with {engine} in {built}")
