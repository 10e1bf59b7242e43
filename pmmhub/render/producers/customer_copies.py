"""Customer copies: what the public edition shows, inside the internal portal, ready to send.

In the internal edition, every entity the public edition has gets ``<folder>/<id>/customer.md``
(URL ``<folder>/<id>/customer/``), and every product the public edition has gets the sendable
quick kit, ``toolkits/<product>/quick/customer.md``. A copy is rendered from the public
projection with a public ``Context`` and the same templates, so it holds exactly what customers
see there (the kit: pitch, price tiers within the quick-deal threshold, public case studies;
never objections or battle cards). Then:

- no banner, header, navigation, footer or edit button (front matter ``customer_copy``, read by
  ``overrides/main.html``), no search entry, no navigation entry;
- links only into the hosted public edition: absolute, under ``public_url`` of ``hub.yml``;
  without ``public_url``, no links at all, their text stays: never a link into the internal portal;
- print-ready (``docs/assets/customer.css``); ``?print`` opens the print dialog (``customer.js``).

``hub build`` leak-checks every copy with the public edition's secrets (``leakcheck.copy_leaks``).

A copy declares what it shows (``Page.depends``) from the whole hub, not the public projection: the
entity's neighbours there (a kit's: as far as the toolkit's), including those not public yet (one
that becomes public changes the copy).
"""
from __future__ import annotations

import functools
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from pmmhub.relate.catalog import Catalog
from pmmhub.render.context import Context, customer_src
from pmmhub.render.environment import environment
from pmmhub.render.finished_html import MARKER as FINISHED
from pmmhub.render.generated import Page
from pmmhub.render.pages import render_entity
from pmmhub.render.producers import entities, toolkits
from pmmhub.render.urls import entity_src

KIT_DEAL = "quick"  # the kit a rep sends as is
KIT_SECTIONS = ("pitch", "pricing", "case_studies")  # what of a quick kit a customer may read
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n(?:" + re.escape(FINISHED) + r"\n)?", re.S)  # and the marker after it
_ANCHOR = re.compile(r"<a\b[^>]*?\bhref=\"([^\"]*)\"[^>]*>(.*?)</a>", re.S)
_SOURCE = re.compile(r"\b(href|src)=\"([^\"]*)\"")


@dataclass(frozen=True)
class View:
    """The public edition as the toolkit's sections read a site: its catalog and context."""

    catalog: Catalog
    ctx: Context


def is_copy(src: str) -> bool:
    """True for the source path of a customer copy (``<folder>/<id>/customer.md``, a kit's)."""
    return src.endswith("/customer.md") and src.count("/") >= 2


def pages(site):
    if site.audience != "internal" or site.full is None:
        return
    public = site.public
    view = View(public, Context.of(public, day=site.ctx.today, directory_urls=site.ctx.directory_urls,
                                   audience="public"))
    for record in public:
        yield Page(customer_src(entity_src(record.kind, record.id)), functools.partial(_entity_copy, view, record),
                   source=Path(record.path).resolve(), origin=f"{record.path} (customer copy)",
                   depends=_shows(site, record))
    for product in toolkits.products(view):
        if KIT_DEAL not in public.hub.deal_types:
            break
        yield Page(customer_src(toolkits.kit_src(product.id, KIT_DEAL)), functools.partial(_kit_copy, view, product),
                   source=Path(product.path).resolve(), origin=f"{product.path} (customer kit)",
                   depends=toolkits.two_steps(site.full, site.full.get(*product.key)))


def _shows(site, record) -> frozenset:
    """What the copy of ``record`` can show: what its page shows, in the whole hub."""
    return entities.shown(site.full, site.full.get(*record.key))


def _entity_copy(view: View, record) -> str:
    src = entity_src(record.kind, record.id)
    body = _FRONT_MATTER.sub("", render_entity(view.catalog, record, view.ctx), count=1)
    return _copy(view, src, record.entity.name, body, record.kind, src)


def _kit_copy(view: View, product) -> str:
    src = toolkits.kit_src(product.id, KIT_DEAL)
    sections = [toolkits.SECTIONS[name](view, product, KIT_DEAL) for name in KIT_SECTIONS]
    title = view.ctx.t("customer.kit_title", product=product.entity.name)
    body = environment().get_template("customer/kit.md").render(
        ctx=view.ctx.at(src), t=view.ctx.t, product=product,
        sections=[s for s in sections if s.entries], industries=list(view.catalog.hub.industries.items()))
    return _copy(view, src, title, body, "kit", entity_src("product", product.id))


def _copy(view: View, src: str, title: str, body: str, kind: str, online: str) -> str:
    """The page source of a copy: its front matter and frame around ``body`` (the public page's content,
    as seen from ``src``), every link made absolute into the public edition or removed; ``online`` is
    the page of the public edition to name as where it is online."""
    ctx = view.ctx.at(src)
    return environment().get_template("customer/copy.md").render(
        ctx=ctx, t=ctx.t, title=title, kind=kind, body=Markup(links(body, ctx.public_url(src))),
        home=ctx.public_url("index.md"), online=ctx.public_url(online), contact=_contact(view.catalog))


def _contact(catalog: Catalog):
    own = catalog.hub.editions.get("public")
    return own.contact if own is not None else None


def links(html: str, page: str) -> str:
    """``html`` of the page at the absolute URL ``page`` with every relative link absolute;
    with no ``page`` (no public edition to link to), relative links are unwrapped to their text."""
    if page:
        return _SOURCE.sub(lambda m: f'{m.group(1)}="{_absolute(page, m.group(2))}"', html)
    return _ANCHOR.sub(lambda m: m.group(0) if _kept(m.group(1)) else m.group(2), html)


def _absolute(page: str, target: str) -> str:
    return target if _kept(target) else urllib.parse.urljoin(page, target)


def _kept(target: str) -> bool:
    """True for a link that leads nowhere inside the portal: another site, mail, a place on the page."""
    parts = urllib.parse.urlsplit(target)
    return bool(parts.scheme or parts.netloc) or target.startswith("#")
