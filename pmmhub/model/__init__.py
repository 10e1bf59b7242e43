"""One schema per kind; ``KINDS`` (see ``kinds``) is the registry everything else iterates."""
from pydantic import BaseModel

from pmmhub.model.common import Entity, Known
from pmmhub.model.hub import HubConfig, VOCABULARIES
from pmmhub.model.kinds import KIND_BY_FOLDER, KINDS, Facet, Kind

__all__ = ["KINDS", "KIND_BY_FOLDER", "Kind", "Facet", "Known", "HubConfig", "VOCABULARIES", "BaseModel", "Entity"]
