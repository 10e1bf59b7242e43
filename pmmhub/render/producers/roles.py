"""A page per sales role of hub.yml ``sales_roles`` (roles/<role>.md) and their index (roles/index.md).

The iron triangle: each role opens its page and finds what it needs first.

- AR (account): battle cards' 30-second reads, elevator pitches, case studies that take reference calls;
- SR (solution): solutions, FABE value propositions, comparison tables, pricing notes;
- FR (fulfilment): case studies with measured results, launches and readiness, products in use.

A role id the hub defines beyond these gets a mix of the first sections of each. Every
section shows at most a few entries and links to the whole set (often a filtered
listing, ``case-studies/?reference_calls=yes``): a role page must not grow with the hub.
The internal edition says when a section is empty. Role pages are for the sales team: the
public edition, which speaks to customers, has none.

What a section shows is decided here, as view data (``View``); the template only lays it
out, with one partial per section kind (``templates/roles/<partial>.html``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, NamedTuple

from pmmhub.render.environment import environment
from pmmhub.render.pages import ordered
from pmmhub.render.generated import Page

INDEX = "roles/index.md"
SECTIONS = {
    "ar": ("quick_takes", "elevator_pitches", "reference_cases"),
    "sr": ("solutions", "value_props", "comparisons", "pricing"),
    "fr": ("results_cases", "launches", "products_in_use"),
}
OTHER = ("elevator_pitches", "quick_takes", "solutions", "results_cases")
LIMIT = 8  # entries per section
DETAIL_LIMIT = 3  # sections that show whole tables (FABE, comparisons): fewer entries


def role_src(role: str) -> str:
    return f"roles/{role}.md"


def role_hint(role: str) -> str:
    """The label key of a role's one-line summary: its own for AR / SR / FR, else the generic one."""
    return f"home.role_hint.{role if role in SECTIONS else 'other'}"


def pages(site):
    if site.audience != "internal":
        return
    catalog, ctx = site.catalog, site.ctx.at(INDEX)
    roles = [(role, label, SECTIONS.get(role, OTHER)) for role, label in catalog.hub.sales_roles.items()]
    yield Page(INDEX, environment().get_template("roles.md").render(ctx=ctx, t=ctx.t, roles=roles, hint=role_hint,
                                                                    role_src=role_src), in_nav=True)
    for role, label, names in roles:
        ctx = site.ctx.at(role_src(role))
        content = environment().get_template("roles-role.md").render(
            ctx=ctx, t=ctx.t, role=role, label=label, hint=role_hint(role), sections=views(site, names))
        yield Page(role_src(role), content, origin=f"hub.yml sales_roles.{role}")


# view data ------------------------------------------------------------------

@dataclass(frozen=True)
class View:
    """One section of a role page, ready to lay out.

    ``count`` is the size of the whole set (the heading's number), ``shown`` the entries the
    partial lays out (already cut), ``listing`` the kind whose listing the "see all" link
    opens with ``query`` when ``count`` is more than ``limit`` (None: no such link).
    """
    name: str
    partial: str
    count: int
    shown: Any
    listing: str | None
    query: str
    limit: int
    fragment: str = ""

    @property
    def anchor(self) -> str:
        return self.name.replace("_", "-")


class Pricing(NamedTuple):
    ours: list  # products with pricing
    theirs: list  # battle cards with pricing notes


class LaunchRow(NamedTuple):
    record: Any
    ready: int
    needed: int
    next: Any  # the first pending checkpoint, or None


@dataclass(frozen=True)
class Section:
    """A section kind: where its records come from and how it shows them."""
    source: Callable  # site -> the whole matching set, newest or most urgent first
    partial: str
    listing: str | None = None
    query: str = ""
    limit: int = LIMIT
    fragment: str = ""  # the fragment a "details" section shows per record
    cut: Callable = lambda records, limit: records[:limit]


def views(site, names) -> list[View]:
    """The sections ``names`` of a role page, empty ones too (the page says so)."""
    out = []
    for name in names:
        section = SECTION_KINDS[name]
        records = section.source(site)
        out.append(View(name, section.partial, len(records), section.cut(records, section.limit),
                        section.listing, section.query, section.limit, section.fragment))
    return out


# what each section gathers ------------------------------------------------------

def _products(site):
    return [p for p in ordered(site.catalog, "product") if p.entity.lifecycle.stage != "end-of-life"]


def _case_studies(site, keep):
    return [r for r in ordered(site.catalog, "case-study") if keep(r.entity)]


def _launches(site):
    """Upcoming launches (soonest first), then past ones (latest first)."""
    launches = ordered(site.catalog, "launch")
    upcoming = [r for r in launches if r.entity.launch_date >= site.ctx.today]
    past = [r for r in launches if r.entity.launch_date < site.ctx.today]
    return upcoming + past[::-1]


def _in_use(site):
    """Products with the case studies that use them, most used first."""
    used = [(p, len(site.catalog.referrers("product", p.id, "case-study"))) for p in ordered(site.catalog, "product")]
    return sorted([(p, n) for p, n in used if n], key=lambda pn: -pn[1])


def _pricing(site):
    return ([p for p in _products(site) if p.entity.pricing]
            + [b for b in ordered(site.catalog, "battlecard") if b.entity.pricing])


def _pricing_cut(records, limit) -> Pricing:
    return Pricing([r for r in records if r.kind == "product"][:limit],
                   [r for r in records if r.kind == "battlecard"][:limit])


def _launch_rows(records, limit) -> list[LaunchRow]:
    rows = []
    for record in records[:limit]:
        pending = [c for c in record.entity.checkpoints if c.decision == "pending"]
        rows.append(LaunchRow(record, *record.entity.progress, pending[0] if pending else None))
    return rows


SECTION_KINDS = {
    "quick_takes": Section(lambda site: ordered(site.catalog, "battlecard"), "quick_takes", "battlecard"),
    "elevator_pitches": Section(lambda site: [p for p in _products(site) if p.entity.pitch and p.entity.pitch.elevator],
                                "product_cards", "product"),
    "reference_cases": Section(lambda site: _case_studies(site, lambda e: e.approvals.reference_calls),
                               "case_studies", "case-study", "?reference_calls=yes"),
    "solutions": Section(lambda site: ordered(site.catalog, "solution"), "cards", "solution"),
    "value_props": Section(lambda site: [p for p in _products(site) if p.entity.value_props],
                           "details", "product", limit=DETAIL_LIMIT, fragment="fabe"),
    "comparisons": Section(lambda site: [b for b in ordered(site.catalog, "battlecard") if b.entity.comparison],
                           "details", "battlecard", limit=DETAIL_LIMIT, fragment="comparison"),
    "pricing": Section(_pricing, "pricing", cut=_pricing_cut),
    "results_cases": Section(lambda site: _case_studies(site, lambda e: e.results),
                             "case_studies", "case-study", "?results=yes"),
    "launches": Section(_launches, "launches", "launch", cut=_launch_rows),
    "products_in_use": Section(_in_use, "in_use", "product"),
}
