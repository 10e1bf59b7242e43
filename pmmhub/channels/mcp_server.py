"""``hub mcp``: a read-only MCP server (stdio) over one built edition's JSON API.

The tools only read the ``Library`` opened at start (``pmmhub.channels.library``, which
refuses a public site holding anything internal) and answer with ``assistant``'s data as
JSON. An argument that names nothing is an error result with what there is, never a crash.
Freshness is the internal edition's: on the public edition no answer has it and
``list_entities`` has no ``stale`` filter.
"""

from typing import Annotated

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import ToolAnnotations
from pydantic import Field

from pmmhub.channels import assistant
from pmmhub.channels.library import Library, NotFound

READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True, open_world_hint=False)


def server(library: Library) -> MCPServer:
    index = library.index
    kinds = ", ".join(assistant.kinds(library))
    internal = library.edition == "internal"
    app = MCPServer(
        "pmm-hub",
        instructions=(f"The product-marketing hub of {index['company']}, {library.edition} edition, built "
                      f"{index['generated']}. Kinds: {kinds}. Cite each answer's `url`."
                      + (" Every entity says when it was last verified (`freshness`); never present one with "
                         "`freshness.stale: true` as current. Internal: do not paste battle-card content into "
                         "customer-facing text." if internal else " Customer-shareable content only.")),
    )

    def call(function, *args, **kwargs) -> dict:
        try:
            return function(library, *args, **kwargs)
        except NotFound as error:
            raise ToolError(str(error)) from None

    @app.tool(description="Search the hub: names, competitor and customer names and tags rank first, then "
                          "summaries, then the full text; whole words above parts of words.", annotations=READ_ONLY)
    def search(query: Annotated[str, Field(description="Words to find, Chinese or English.")],
               kind: Annotated[str | None, Field(description=f"Only this kind: {kinds}.")] = None,
               limit: Annotated[int, Field(description="At most this many results (1-50).")] = 10) -> dict:
        return call(assistant.find, query, kind, limit)

    @app.tool(description="One entity in full, with its relations both ways (ids and URLs)"
                          + (" and freshness." if internal else "."), annotations=READ_ONLY)
    def get_entity(id: Annotated[str, Field(description="The entity's id, e.g. from search.")],
                   kind: Annotated[str | None, Field(description="Its kind, when an id is shared.")] = None) -> dict:
        return call(assistant.get, id, kind)

    Kind = Annotated[str | None, Field(description=f"One of {kinds}.")]
    Industry = Annotated[str | None, Field(description="Industry id or label.")]
    Product = Annotated[str | None, Field(description="Product id or name.")]
    Competitor = Annotated[str | None, Field(description="Battle card id or competitor name.")]
    DealType = Annotated[str | None, Field(description="Deal type id or label.")]
    Limit = Annotated[int, Field(description="At most this many (1-50).")]
    list_tool = dict(description="List entities by kind and filters (all given filters must match).", annotations=READ_ONLY)

    if internal:
        @app.tool(**list_tool)
        def list_entities(kind: Kind = None, industry: Industry = None, product: Product = None,
                          competitor: Competitor = None, deal_type: DealType = None,
                          stale: Annotated[bool | None, Field(description="Only stale (true) or fresh (false).")] = None,
                          limit: Limit = 50) -> dict:
            return call(assistant.listing, kind, limit, stale, industry=industry, product=product,
                        competitor=competitor, deal_type=deal_type)
    else:
        @app.tool(**list_tool)
        def list_entities(kind: Kind = None, industry: Industry = None, product: Product = None,
                          competitor: Competitor = None, deal_type: DealType = None, limit: Limit = 50) -> dict:
            return call(assistant.listing, kind, limit, None, industry=industry, product=product,
                        competitor=competitor, deal_type=deal_type)

    @app.tool(description="Answer a customer's objection: the best recorded responses (battle cards, personas, "
                          "FAQs) for a competitor or product, with the case studies that prove them.",
              annotations=READ_ONLY)
    def answer_objection(objection: Annotated[str, Field(description="What the customer said.")],
                         competitor: Annotated[str | None, Field(description="Battle card id or competitor name.")] = None,
                         product: Annotated[str | None, Field(description="Product id or name.")] = None,
                         limit: Annotated[int, Field(description="At most this many responses.")] = 3) -> dict:
        return call(assistant.objection, objection, competitor, product, limit)

    return app
