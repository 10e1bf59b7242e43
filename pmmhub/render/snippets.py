"""The macros of hand-written pages: hub content embedded in a Markdown page.

Each public method of ``Snippets`` is one macro (``{{ product_card("tidehub") }}``);
``MACROS`` lists them and ``docs/authoring.md`` documents each with an example.
Bad ids and arguments raise ``MacroError`` with a hint; the engine glue adds the page
and line.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass

from markupsafe import Markup

from pmmhub.validate.diagnose import suggest
from pmmhub.model import KINDS
from pmmhub.render.environment import md_inline
from pmmhub.render.pages import industries, ordered, render_fragment
from pmmhub.render.urls import listing_src
from pmmhub.render.producers.roles import role_hint, role_src
from pmmhub.render.site import Site

ROLE_VIEWS = {  # what each iron-triangle role opens first
    "ar": ("battlecard", "case-study", "product"),
    "sr": ("solution", "product", "persona"),
    "fr": ("case-study", "launch", "solution"),
}
HOME_LIMIT = 12  # cards per "way in" on the home page: the page must not grow with the hub
HOME = {  # the home page's sections (templates/partials/home_<section>.html), in the order each edition leads with
    "internal": ("links", "products", "competitors", "industries", "roles"),
    "public": ("lead", "industries", "solutions", "case_studies", "products", "contact"),
}
HOME_LINKS = (("whatsnew.md", "home.whatsnew"), ("roles/index.md", "home.roles"))  # rep pages, where published


class MacroError(Exception):
    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass
class Snippets:
    site: Site
    page: str  # source path of the page that calls the macro, e.g. authoring.md

    @property
    def ctx(self):
        return self.site.ctx.at(self.page)

    # entity fragments --------------------------------------------------------
    def product_card(self, id: str) -> str:
        """A product's card: stage, tagline, summary and elevator pitch."""
        return self._fragment("product_card", self._find("product", id))

    def fabe(self, id: str) -> str:
        """A product's value propositions as a FABE table (feature, advantage, benefit, evidence)."""
        return self._fragment("fabe", self._find("product", id))

    def quick_take(self, id: str) -> str:
        """A battle card's 30-second read: we win when, they win when, the one line to say."""
        return self._fragment("quick_take", self._find("battlecard", id))

    def comparison(self, id: str) -> str:
        """A battle card's capability comparison table."""
        return self._fragment("comparison", self._find("battlecard", id))

    def case_studies(self, industry: str | None = None, product: str | None = None, limit: int | None = None) -> str:
        """Case studies, newest first, optionally of one industry and/or one product, at most ``limit``."""
        if industry is not None:
            self._vocab("industries", industry, "industry")
        if product is not None:
            self._find("product", product)
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
            raise MacroError(f"limit must be a whole number of at least 1; found {limit!r}", "e.g. limit=5")
        found = [cs for cs in ordered(self.site.catalog, "case-study")
                 if (industry is None or cs.entity.customer.industry == industry)
                 and (product is None or product in cs.entity.products)]
        return render_fragment("case_studies", self.ctx, records=found[:limit])

    def link(self, kind: str, id: str) -> str:
        """An inline link to an entity's page, titled with its name."""
        if kind not in KINDS:
            raise MacroError(f"no kind '{kind}'", suggest(kind, KINDS) or f"kinds are {', '.join(KINDS)}")
        record = self._find(kind, id)
        return Markup('<a href="{}">{}</a>').format(self.ctx.url(record), md_inline(record.entity.name))

    # home page ---------------------------------------------------------------
    def search_box(self) -> str:
        """A large search entry that opens the portal search."""
        return render_fragment("search_box", self.ctx)

    def ways_in(self) -> str:
        """The home page's ways in: for reps by product, competitor, industry and sales role; in the
        public edition by industry, solution and case study, then products and how to get in touch."""
        catalog, t = self.site.catalog, self.ctx.t
        pages = self.site.page_srcs()
        roles = []
        for role, label in catalog.hub.sales_roles.items():
            page = role_src(role)
            roles.append({"id": role, "label": label, "hint": t(role_hint(role)), "page": page if page in pages else None,
                          "kinds": [k for k in ROLE_VIEWS.get(role, tuple(KINDS)) if listing_src(k) in pages]})
        own = catalog.hub.editions.get(self.site.audience)
        best_cases = KINDS["case-study"].related_order or KINDS["case-study"].order
        return render_fragment(
            "ways_in", self.ctx, sections=HOME.get(self.site.audience, HOME["public"]),
            links=[{"src": src, "label": t(key)} for src, key in HOME_LINKS if src in pages],
            products=ordered(catalog, "product")[:HOME_LIMIT],
            battlecards=ordered(catalog, "battlecard")[:HOME_LIMIT],
            solutions=ordered(catalog, "solution")[:HOME_LIMIT],
            case_studies=sorted(catalog.all("case-study"), key=lambda r: best_cases(r.entity))[:HOME_LIMIT],
            counts={kind: len(catalog.records[kind]) for kind in KINDS},
            industries=[i for i in industries(catalog) if any(i[2].values())],
            roles=roles if "roles/index.md" in pages else [],
            description=own.site_description if own else None, contact=own.contact if own else None)

    # helpers -----------------------------------------------------------------
    def _fragment(self, name: str, record) -> str:
        return render_fragment(name, self.ctx, record=record)

    def _find(self, kind: str, id_):
        if not isinstance(id_, str):
            raise MacroError(f"expected a {kind} id in quotes; found {id_!r}", f'e.g. "{self._example(kind)}"')
        record = self.site.catalog.get(kind, id_)
        if record is None and (kind, id_) in self.site.hidden:
            raise MacroError(f"{kind} '{id_}' is not in the {self.site.audience} edition",
                             "add `audience: internal` to this page's front matter to keep the page "
                             "out of the public edition")
        if record is None:
            ids = self.site.catalog.records.get(kind, {})
            raise MacroError(f"no {kind} with id '{id_}'",
                             suggest(id_, ids) or f"the {kind} ids are the file names in data/{KINDS[kind].folder}/")
        return record

    def _vocab(self, name: str, value, argument: str) -> None:
        known = self.site.catalog.hub.vocabulary(name)
        if value not in known:
            raise MacroError(f"{argument}: '{value}' is not in hub.yml {name}",
                             suggest(str(value), known) or f"known {name}: {', '.join(known)}")

    def _example(self, kind: str) -> str:
        ids = list(self.site.catalog.records.get(kind, {}))
        return ids[0] if ids else "my-id"


def examples(catalog) -> dict[str, str | None]:
    """For the authoring page's live examples: per kind (and industry) the id with the most to show
    (the kind's ``showcase``; the first in listing order among equals)."""
    def richest(kind):
        records, size = ordered(catalog, kind), KINDS[kind].showcase
        return max(records, key=lambda r: size(r.entity)).id if records else None

    counts = {i: c["case_studies"] for i, _, c in industries(catalog)}
    return {**{kind: richest(kind) for kind in KINDS}, "industry": max(counts, key=counts.get) if counts else None}


MACROS = tuple(name for name, _ in inspect.getmembers(Snippets, inspect.isfunction) if not name.startswith("_"))


def call(site: Site, page: str, name: str, args: tuple, kwargs: dict) -> str:
    """Run macro ``name`` for ``page``; wrong arguments become a ``MacroError`` with a hint."""
    method = getattr(Snippets(site, page), name)
    signature = inspect.signature(method)
    for key in kwargs:
        if key not in signature.parameters:
            raise MacroError(f"no argument '{key}'",
                             suggest(key, signature.parameters) or f"usage: {usage(name)}")
    try:
        signature.bind(*args, **kwargs)
    except TypeError as error:
        raise MacroError(str(error), f"usage: {usage(name)}") from None
    return method(*args, **kwargs)


def usage(name: str) -> str:
    """``case_studies(industry=None, product=None, limit=None)``: how a macro is called."""
    params = list(inspect.signature(getattr(Snippets, name)).parameters.values())[1:]
    shown = [p.name if p.default is p.empty else f"{p.name}={p.default!r}" for p in params]
    return f"{name}({', '.join(shown)})"
