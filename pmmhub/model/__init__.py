"""One schema per kind; ``KINDS`` is the registry everything else iterates."""
from dataclasses import dataclass

from pydantic import BaseModel

from pmmhub.model.battlecard import Battlecard
from pmmhub.model.case_study import CaseStudy
from pmmhub.model.common import Entity
from pmmhub.model.hub import HubConfig
from pmmhub.model.launch import Launch
from pmmhub.model.persona import Persona
from pmmhub.model.product import Product
from pmmhub.model.solution import Solution


@dataclass(frozen=True)
class Kind:
    name: str  # used in references and schema file names
    folder: str  # data/<folder>/<id>.yml, and the portal URL prefix
    model: type[Entity]


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("product", "products", Product),
        Kind("persona", "personas", Persona),
        Kind("battlecard", "battlecards", Battlecard),
        Kind("case-study", "case-studies", CaseStudy),
        Kind("solution", "solutions", Solution),
        Kind("launch", "launches", Launch),
    )
}
KIND_BY_FOLDER = {k.folder: k for k in KINDS.values()}

__all__ = ["KINDS", "KIND_BY_FOLDER", "Kind", "HubConfig", "BaseModel", "Entity"]
