"""A page per sales role of hub.yml ``sales_roles`` (roles/<role>.md) and their index (roles/index.md).

The iron triangle: each role opens its page and finds what it needs first.

- AR (account): battle cards' 30-second reads, elevator pitches, case studies that take reference calls;
- SR (solution): solutions, FABE value propositions, comparison tables, pricing notes;
- FR (fulfilment): case studies with measured results, launches and readiness, products in use.

A role id the hub defines beyond these gets a mix of the first sections of each. Every
section shows at most a few entries and links to the whole set (often a filtered
listing, ``case-studies/?reference_calls=yes``): a role page must not grow with the hub.
The internal edition says when a section is empty; other editions leave it out.
"""
from __future__ import annotations

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
    catalog, ctx = site.catalog, site.ctx.at(INDEX)
    roles = [(role, label, SECTIONS.get(role, OTHER)) for role, label in catalog.hub.sales_roles.items()]
    yield Page(INDEX, environment().get_template("roles.md").render(ctx=ctx, t=ctx.t, roles=roles, hint=role_hint,
                                                                    role_src=role_src), in_nav=True)
    for role, label, sections in roles:
        ctx = site.ctx.at(role_src(role))
        found = [(name, SOURCES[name](site)) for name in sections]
        if site.audience != "internal":  # customers see no empty "battle cards" section
            found = [(name, records) for name, records in found if records]
        content = environment().get_template("roles-role.md").render(
            ctx=ctx, t=ctx.t, role=role, label=label, hint=role_hint(role), sections=found,
            limit=LIMIT, detail_limit=DETAIL_LIMIT)
        yield Page(role_src(role), content, origin=f"hub.yml sales_roles.{role}")


# what each section shows: the whole matching set, newest or most urgent first; the template cuts it

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


SOURCES = {
    "quick_takes": lambda site: ordered(site.catalog, "battlecard"),
    "elevator_pitches": lambda site: [p for p in _products(site) if p.entity.pitch and p.entity.pitch.elevator],
    "reference_cases": lambda site: _case_studies(site, lambda e: e.approvals.reference_calls),
    "solutions": lambda site: ordered(site.catalog, "solution"),
    "value_props": lambda site: [p for p in _products(site) if p.entity.value_props],
    "comparisons": lambda site: [b for b in ordered(site.catalog, "battlecard") if b.entity.comparison],
    "pricing": lambda site: ([p for p in _products(site) if p.entity.pricing]
                             + [b for b in ordered(site.catalog, "battlecard") if b.entity.pricing]),
    "results_cases": lambda site: _case_studies(site, lambda e: e.results),
    "launches": _launches,
    "products_in_use": _in_use,
}
