"""What an edition changes in the site's config, engine-neutral (plain values of ``mkdocs.yml``).

Both the MkDocs plugin (applied to the live config) and ``hub build`` (written into the
config it hands any engine) take these from here, so every engine builds the same site:

- ``theme.language`` from ``hub.yml``, so Material's own labels follow the hub;
- ``site_name`` and ``site_description`` from the edition's entry of ``hub.yml``'s ``editions``, and
  its ``contact`` link as the footer's ``copyright`` line (Material's own place for it), on every page;
- ``extra.hub``: the company, the internal banner, the edition and the labels of the
  portal's scripts, which ``overrides/main.html`` prints; plus where the hub is, for the
  macros of hand-written pages;
- outside the internal edition no ``repo_url`` or ``edit_uri`` (no links into the
  internal repository for customers);
- the ``nav`` without the entries of pages the edition leaves out, and without sections
  left empty.
"""
from __future__ import annotations

from pathlib import Path

from pmmhub.render.environment import environment, md_inline


def extra_hub(site, docs: Path) -> dict:
    """``extra.hub``: what templates, scripts and the macros of hand-written pages read."""
    hub, labels = site.catalog.hub, site.ctx.labels
    banner = hub.internal_banner if site.audience == "internal" else None
    return {
        # pages print {{ hub.company }} into Markdown (mkdocs-macros does not escape): make it inert text
        "company": str(md_inline(hub.company)),
        "home_title": str(md_inline(labels("home.title", company=hub.company))),  # the home page's heading
        "banner": banner or "",
        "audience": site.audience,
        "labels": {k[len("js."):]: v for k, v in labels.table.items() if k.startswith("js.")},
        "data_dir": str(site.data_dir),
        "docs": str(docs),  # the hand-written pages, for messages that name them
        "day": site.ctx.today.isoformat(),
    }


def published_nav(nav, pages: set[str]):
    """``nav`` (as written in mkdocs.yml) keeping only pages in ``pages``; empty sections go too."""
    if nav is None:
        return None
    kept = []
    for item in nav:
        value = item if isinstance(item, str) else next(iter(item.values()), None) if isinstance(item, dict) else None
        if isinstance(value, list):
            children = published_nav(value, pages)
            if children:
                kept.append({next(iter(item)): children})
        elif isinstance(value, str) and value.endswith(".md") and "://" not in value:
            if value in pages:
                kept.append(item)
        else:
            kept.append(item)
    return kept


def generated_folders(generated: set[str]) -> str:
    """``not_in_nav`` patterns for the folders of generated pages: entity pages are reached from
    listings, search and links, never from the navigation (no page carries a list of every entity)."""
    return "\n".join(sorted({f"/{src.split('/')[0]}/" for src in generated if "/" in src}))


def edition_overrides(site, nav, pages: set[str], docs: Path) -> dict:
    """Top-level config keys to set for ``site``'s edition (``theme`` and ``extra`` as sub-keys)."""
    generated = {page.src for page in site.pages}
    out = {"theme.language": site.language, "extra.hub": extra_hub(site, docs), "nav": published_nav(nav, pages),
           "not_in_nav": generated_folders(generated & pages)}
    own = site.catalog.hub.editions.get(site.audience)
    for key in ("site_name", "site_description"):
        if own is not None and getattr(own, key):
            out[key] = getattr(own, key)
    if own is not None and own.contact is not None:
        out["copyright"] = environment().get_template("partials/contact.html").render(contact=own.contact).strip()
    if site.audience != "internal":
        out.update({"repo_url": None, "repo_name": None, "edit_uri": None})
    return out
