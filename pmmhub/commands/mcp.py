"""``hub mcp``: serve a built edition to AI assistants over MCP (stdio), read-only."""
import sys

import click

from pmmhub.channels.library import Library, SiteError


@click.command()
@click.option("--site", "site", type=click.Path(file_okay=False), default="site", show_default=True,
              help="A folder `hub build` made (site/ or site-public/).")
def mcp(site):
    """Serve the built edition in SITE to an AI assistant (MCP over stdio).

    Tools: search, get_entity, list_entities, answer_objection. Each answer carries the portal
    URL; on the internal edition also when the content was last verified. On the public edition it refuses to start
    unless every record is public.
    """
    try:
        library = Library.open(site)
    except SiteError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    from pmmhub.channels.mcp_server import server

    click.echo(f"hub mcp: serving the {library.edition} edition in {site} ({len(library.records)} entities) on stdio",
               err=True)
    server(library).run()
