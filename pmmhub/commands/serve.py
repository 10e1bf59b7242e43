"""``hub serve``: the live preview of the portal, fast at any size (``mkdocs serve --dirty``)."""
import os
import sys

import click


@click.command()
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True, metavar="IP:PORT",
              help="Where the preview listens.")
@click.option("--config-file", "-f", type=click.Path(dir_okay=False, exists=True), default="mkdocs.yml",
              show_default=True, help="The portal's MkDocs config; its hub plugin names the data directory.")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the default browser.")
def serve(dev_addr, config_file, open_browser):
    """Serve the internal edition with live reload; a saved file shows in under two seconds.

    The server hears a save from the system's file events; the save renders again only the
    pages that can show what changed, and MkDocs rebuilds only those (``mkdocs serve --dirty``
    with the hub plugin). Data errors show on every page until they are fixed. The channel
    files and the search index follow a few seconds later.
    """
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", config_file, "--dev-addr", dev_addr]
    os.execve(sys.executable, command + (["--open"] if open_browser else []),
              {"NO_MKDOCS_2_WARNING": "1", **os.environ})
