"""Coverage: proof per product and industry, and the gaps sales would hit.

The matrix counts case studies *with metrics* (at least one ``results`` entry) per product
they use and the customer's industry. The gaps:

- ``competitors``: battle-card ids named in a product's ``competitors`` or a case study's
  ``displaced`` with no battle card (read from the files as written, so a reference that
  fails validation for that reason is listed too);
- ``messaging``: a persona a product lists in ``personas`` has no ``messaging`` for it;
- ``evidence``: a product with no value proposition carrying ``evidence``;
- ``pricing``: a battle card without ``pricing.talk_track``, or whose ``pricing.as_of`` is
  older than the card's review interval;
- ``approvals``: a case study with none of ``public_story``, ``logo``, ``reference_calls``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pmmhub.load import files, safe_yaml
from pmmhub.model import KINDS
from pmmhub.validate.freshness import freshness

GAPS = ("competitors", "messaging", "evidence", "pricing", "approvals")
NAMING = (("product", "competitors"), ("case-study", "displaced"))  # fields that name battle cards


@dataclass(frozen=True)
class Gap:
    """One gap: ``record`` (None for a missing battle card) lacks ``what`` (a gap id, see ``GAPS``)."""

    what: str
    subject: str  # the id the gap is about: the missing card, the product, …
    record: object | None = None
    detail: str = ""  # a second id (the product a persona lacks messaging for) or a reason key
    owner: str = ""
    where: tuple[str, ...] = ()  # files naming a missing battle card


@dataclass
class Matrix:
    products: list  # records
    industries: list[tuple[str, str]]  # (id, label)
    counts: dict[tuple[str, str], int]

    def count(self, product: str, industry: str) -> int:
        return self.counts.get((product, industry), 0)

    @property
    def peak(self) -> int:
        return max(self.counts.values(), default=0)

    @property
    def empty_cells(self) -> int:
        return sum(1 for p in self.products for i, _ in self.industries if not self.count(p.id, i))


def matrix(catalog) -> Matrix:
    order = KINDS["product"].order
    products = sorted(catalog.all("product"), key=lambda r: order(r.entity))
    counts: dict[tuple[str, str], int] = {}
    for case in catalog.all("case-study"):
        if case.entity.results:
            for product in dict.fromkeys(case.entity.products):
                key = (product, case.entity.customer.industry)
                counts[key] = counts.get(key, 0) + 1
    return Matrix(products, list(catalog.hub.industries.items()), counts)


def named_cards(data_dir: Path, catalog=None) -> dict[str, list[tuple[str, str]]]:
    """battle-card id -> [(file, owner)] naming it in ``competitors`` / ``displaced``, as written;
    a file ``catalog`` holds the record of is not read again (its record keeps the parsed file)."""
    named: dict[str, list[tuple[str, str]]] = {}
    listed = files.list_files(Path(data_dir), str, [])
    for kind, field in NAMING:
        for file in listed.get(kind, ()):
            data = _written(file, kind, catalog)
            ids = data.get(field) if isinstance(data.get(field), list) else []
            owner = data.get("owner") if isinstance(data.get("owner"), str) else ""
            shown = f"{KINDS[kind].folder}/{file.name}"
            for id_ in ids:
                if isinstance(id_, str):
                    named.setdefault(id_, []).append((shown, owner))
    return named


def _written(file: Path, kind: str, catalog) -> dict:
    """The data of an entity file as written: its record's parsed document, else read from the file."""
    record = catalog.get(kind, file.stem) if catalog is not None else None
    if record is not None:
        doc = record.doc
    else:
        doc, _ = safe_yaml.read(file, str(file))
    return doc.data if doc is not None and isinstance(doc.data, dict) else {}


def gaps(catalog, data_dir: Path | None, today: dt.date) -> dict[str, list[Gap]]:
    """Every gap, by gap id (each list in a stable order)."""
    out = {what: [] for what in GAPS}
    if data_dir is not None:
        for id_, where in sorted(named_cards(data_dir, catalog).items()):
            if catalog.get("battlecard", id_) is None:
                out["competitors"].append(Gap("competitors", id_, None, "", where[0][1], tuple(sorted({w for w, _ in where}))))
    for product in catalog.all("product"):
        for persona_id in dict.fromkeys(product.entity.personas):
            persona = catalog.get("persona", persona_id)
            if persona and product.id not in {m.product for m in persona.entity.messaging}:
                out["messaging"].append(Gap("messaging", persona.id, persona, product.id, persona.entity.owner))
        if not any(vp.evidence for vp in product.entity.value_props):
            out["evidence"].append(Gap("evidence", product.id, product, "", product.entity.owner))
    for card in catalog.all("battlecard"):
        reason = pricing_gap(catalog, card, today)
        if reason:
            out["pricing"].append(Gap("pricing", card.id, card, reason, card.entity.owner))
    for case in catalog.all("case-study"):
        a = case.entity.approvals
        if not (a.public_story or a.logo or a.reference_calls):
            out["approvals"].append(Gap("approvals", case.id, case, "", case.entity.owner))
    out["messaging"].sort(key=lambda g: (g.subject, g.detail))
    return out


def pricing_gap(catalog, card, today: dt.date) -> str:
    """"no_pricing", "no_talk_track", "old_pricing" or "" for a battle card."""
    pricing = card.entity.pricing
    if pricing is None:
        return "no_pricing"
    if (today - pricing.as_of).days > freshness(catalog, card, today).interval:
        return "old_pricing"
    return "" if pricing.talk_track else "no_talk_track"
