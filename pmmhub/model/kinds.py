"""One descriptor per kind: its model and every rule the rest of the hub applies to it.

A new kind is one model, one ``Kind`` here and its templates. Everything else (loading,
the public edition, listings and their filters, search boost, badges, ``hub new``,
review defaults) reads the descriptor; nothing keys rules by kind name elsewhere. The
descriptor holds plain data and small callables over the entity only, so the model layer
imports nothing from rendering.
"""
from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass
from typing import Any, Callable, get_args

from pmmhub.model.battlecard import Battlecard, Threat
from pmmhub.model.case_study import CaseStudy
from pmmhub.model.common import Entity
from pmmhub.model.launch import Launch
from pmmhub.model.persona import Persona
from pmmhub.model.product import Product
from pmmhub.model.solution import Solution

DEFAULT_BOOST = 2  # search boost of an entity page; listings and hand-written pages have 1
SALES_STAGES = ("in-market", "launch-prep", "planning", "end-of-life")  # what sales reach for first


@dataclass(frozen=True)
class Facet:
    """A filter of a kind's listing (and of its finder index).

    ``key`` is the URL query key (``?industry=retail``), ``label`` the i18n key of its
    title, ``field`` the dotted field it reads. The values' names follow from that
    field's type: a ``hub.yml`` vocabulary, the names of the kind it references, or a
    ``Literal``'s values labelled under the i18n prefix ``labels``. A ``flag`` facet is
    yes / no: whether the field is true or not empty.
    """

    key: str
    label: str
    field: str
    labels: str | None = None
    flag: bool = False

    def read(self, entity: Entity) -> Any:
        """The field's value in ``entity`` (``None`` when a mapping on the way is absent)."""
        value: Any = entity
        for name in self.field.split("."):
            value = getattr(value, name)
            if value is None:
                return None
        return value


def _by_name(entity: Entity):
    return entity.name


@dataclass(frozen=True)
class Kind:
    name: str  # used in references, schema file names, template names and i18n keys
    folder: str  # data/<folder>/<id>.yml, and the portal URL prefix
    model: type[Entity]
    label: str = ""  # what people call one ("battle card"); the name when empty
    # listing order: a sort key of the entity (ties keep id order)
    order: Callable[[Entity], Any] = _by_name
    boost: int = DEFAULT_BOOST  # search boost of its pages
    facets: tuple[Facet, ...] = ()
    # a record's own badge on cards: the partials/badges.html macro and the dotted field it shows
    # (no field: the badge names the kind)
    badge: str = "kind"
    badge_field: str | None = None
    always_internal: bool = False  # never in the public edition (battle cards)
    public_approval: str | None = None  # a dotted yes/no field that must be true to be public too
    review_every: int | None = None  # default days between reviews; None: hub.yml's `default`
    also_ask: tuple[str, ...] = ()  # fields `hub new` asks for although the schema does not require each
    # for the authoring page's live examples: how much a record of this kind has to show
    showcase: Callable[[Entity], int] = lambda entity: 0
    # the order of its records in a bounded list of related pages ("the best first"); default ``order``
    related_order: Callable[[Entity], Any] | None = None
    # the dotted date field the finder's "newest" sorts by (a case study's go-live); none: the
    # review date, in the internal edition only (freshness is an internal rule)
    date_field: str | None = None

    @property
    def word(self) -> str:
        return self.label or self.name

    def is_public(self, entity: Entity) -> bool:
        """Marked for the public edition (before any reference is looked at)."""
        if self.always_internal or entity.visibility != "public":
            return False
        return self.public_approval is None or bool(operator.attrgetter(self.public_approval)(entity))

    def badge_value(self, entity: Entity) -> Any:
        return operator.attrgetter(self.badge_field)(entity) if self.badge_field else self.name


def _newest_first(entity: CaseStudy):
    return -(entity.date or dt.date.min).toordinal(), entity.name


def _strongest_proof_first(entity: CaseStudy):
    """Measured results first, then approved for reference (a public story, reference calls), then newest."""
    approved = entity.approvals.public_story or entity.approvals.reference_calls
    return (not entity.results, not approved, *_newest_first(entity))


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("product", "products", Product,
         order=lambda e: (SALES_STAGES.index(e.lifecycle.stage), e.name),
         badge="stage", badge_field="lifecycle.stage", date_field="lifecycle.ga",
         showcase=lambda e: len(e.value_props),
         facets=(Facet("stage", "product.lifecycle", "lifecycle.stage", labels="stage"),
                 Facet("deal_type", "product.deal_type", "pricing.deal_type"),
                 Facet("persona", "product.personas", "personas"),
                 Facet("competitor", "product.competitors", "competitors"))),
    Kind("persona", "personas", Persona,
         badge="buying_role", badge_field="buying_role",
         showcase=lambda e: len(e.objections),
         facets=(Facet("buying_role", "persona.buying_role", "buying_role", labels="buying_role"),
                 Facet("industry", "persona.industries", "industries"))),
    Kind("battlecard", "battlecards", Battlecard, label="battle card",
         order=lambda e: (get_args(Threat).index(e.threat), e.name),
         boost=3,  # competitor names first: sales search for them under pressure
         badge="threat", badge_field="threat",
         always_internal=True, review_every=30,
         showcase=lambda e: len(e.comparison) + len(e.objections),
         facets=(Facet("threat", "threat.name", "threat", labels="threat"),
                 Facet("product", "battlecard.products", "products"))),
    Kind("case-study", "case-studies", CaseStudy, label="case study",
         order=_newest_first, related_order=_strongest_proof_first, date_field="date",
         badge="industry", badge_field="customer.industry",
         public_approval="approvals.public_story", review_every=180,
         showcase=lambda e: len(e.results),
         facets=(Facet("industry", "case-study.industry", "customer.industry"),
                 Facet("region", "case-study.region", "customer.region"),
                 Facet("size", "case-study.size", "customer.size"),
                 Facet("product", "case-study.products", "products"),
                 Facet("persona", "case-study.personas", "personas"),
                 Facet("displaced", "case-study.displaced", "displaced"),
                 Facet("deal_type", "case-study.deal_type", "deal_type"),
                 Facet("results", "finder.has_results", "results", flag=True),
                 Facet("reference_calls", "case-study.reference_calls", "approvals.reference_calls", flag=True))),
    Kind("solution", "solutions", Solution,
         also_ask=("industry", "scenario", "function"),
         showcase=lambda e: len(e.case_studies),
         facets=(Facet("industry", "solution.industry", "industry"),
                 Facet("scenario", "solution.scenario", "scenario"),
                 Facet("function", "solution.function", "function"),
                 Facet("product", "solution.products", "products"),
                 Facet("deal_type", "solution.deal_type", "deal_type"))),
    Kind("launch", "launches", Launch,
         order=lambda e: (e.launch_date, e.name), date_field="launch_date",
         showcase=lambda e: len(e.checkpoints),
         facets=(Facet("product", "launch.product", "product"),)),
)}
KIND_BY_FOLDER = {k.folder: k for k in KINDS.values()}
