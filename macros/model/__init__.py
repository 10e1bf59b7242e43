"""One schema per kind; ``KINDS`` is the registry everything else iterates."""
from dataclasses import dataclass

from pydantic import BaseModel

from .battlecard import Battlecard
from .case_study import CaseStudy
from .common import Entity
from .hub import HubConfig
from .launch import Launch
from .persona import Persona
from .product import Product
from .solution import Solution


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
