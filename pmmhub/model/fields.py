"""The shape of every field of a model, computed once per model class, and the walks built on it.

``shapes(Model)`` reads each field's annotation once: ``Annotated`` layers are peeled and
their markers (``Ref``, ``Vocab``, ``MARKDOWN``, constraints) gathered, ``X | None`` becomes
an optional ``X``, lists and dicts get the shape of their items. Every walk over hub data
uses these shapes: ``leaves`` (each scalar with its path and markers), ``refs`` (only the
fields that can hold a reference), ``model_at`` (the model of a mapping at a path, for
error messages), the public projection (``relate.editions``) and the starters of ``hub new``.

The shapes are cached on the model class itself (``__hub_shapes__``, never inherited), so
they live exactly as long as the class and no module holds state.
"""
from __future__ import annotations

import types
from dataclasses import dataclass
from typing import Annotated, Any, Iterator, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from pmmhub.model.common import Ref, Vocab

Leaf = tuple[tuple, Any, tuple]
_CACHE = "__hub_shapes__"


@dataclass(frozen=True)
class Shape:
    """One annotation, peeled: ``form`` is model, list, dict, union (of several types) or leaf."""

    form: str
    type: Any  # the annotation without Annotated and None: a model class, a scalar type, a Literal, …
    markers: tuple = ()  # metadata of every Annotated layer on the way here
    item: Shape | None = None  # list and dict: the shape of each item
    options: tuple[Shape, ...] = ()  # union: the shapes it allows (None aside)
    optional: bool = False  # None is allowed

    @property
    def model(self) -> type[BaseModel] | None:
        """The model class that describes a mapping here: this one, or a union's first."""
        if self.form == "model":
            return self.type
        return next((o.model for o in self.options if o.model), None)

    @property
    def scalar(self) -> Shape:
        """The shape a non-model value here is read with: a union's only non-model option, else itself."""
        if self.form != "union":
            return self
        plain = [o for o in self.options if o.form != "model"]
        return plain[0].scalar if len(plain) == 1 else self

    @property
    def ref(self) -> Ref | None:
        return next((m for m in self.markers if isinstance(m, Ref)), None)

    @property
    def vocab(self) -> Vocab | None:
        return next((m for m in self.markers if isinstance(m, Vocab)), None)

    @property
    def choices(self) -> tuple:
        """A ``Literal``'s values, in the order they are declared; () for anything else."""
        return get_args(self.type) if get_origin(self.type) is Literal else ()

    def may_hold_ref(self, seen: frozenset = frozenset()) -> bool:
        if self.ref is not None:
            return True
        if self.form == "model":
            return self.type not in seen and any(f.shape.may_hold_ref(seen | {self.type})
                                                 for f in shapes(self.type))
        return any(s.may_hold_ref(seen) for s in (self.item, *self.options) if s is not None)


@dataclass(frozen=True)
class FieldShape:
    name: str
    info: FieldInfo
    shape: Shape


def shapes(model: type[BaseModel]) -> tuple[FieldShape, ...]:
    """Every field of ``model`` with its shape, in declaration order (computed once per class)."""
    found = model.__dict__.get(_CACHE)
    if found is None:
        found = tuple(FieldShape(name, info, shape_of(info.annotation, tuple(info.metadata)))
                      for name, info in model.model_fields.items())
        setattr(model, _CACHE, found)
    return found


def shape_of(annotation, markers: tuple = ()) -> Shape:
    """The shape of one annotation; ``markers`` are those already gathered above it."""
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *extra = get_args(annotation)
        return shape_of(inner, markers + tuple(extra))
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        optional = len(options) < len(get_args(annotation))
        if len(options) == 1:
            one = shape_of(options[0], markers)
            return Shape(one.form, one.type, one.markers, one.item, one.options, optional or one.optional)
        return Shape("union", annotation, markers, options=tuple(shape_of(o, markers) for o in options),
                     optional=optional)
    if is_model(annotation):
        return Shape("model", annotation, markers)
    if origin is list:
        return Shape("list", annotation, markers, item=shape_of(get_args(annotation)[0], markers))
    if origin is dict:
        return Shape("dict", annotation, markers, item=shape_of(get_args(annotation)[1], markers))
    return Shape("leaf", annotation, markers)


def models(model: type[BaseModel]) -> list[type[BaseModel]]:
    """``model`` and every model class its fields can hold (in lists, dicts, unions), each once."""
    found: dict[type, None] = {}
    todo = [model]
    while todo:
        current = todo.pop(0)
        if current in found:
            continue
        found[current] = None
        todo += [m for f in shapes(current) for m in _models_in(f.shape)]
    return list(found)


def _models_in(shape: Shape) -> list:
    if shape.form == "model":
        return [shape.type]
    return [m for s in (shape.item, *shape.options) if s is not None for m in _models_in(s)]


def is_model(annotation) -> bool:
    """True for a pydantic model class."""
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


# ---------------------------------------------------------------- walks


def leaves(model: BaseModel, path: tuple = ()) -> Iterator[Leaf]:
    """Every scalar value in ``model`` as (path, value, markers)."""
    for f in shapes(type(model)):
        yield from _walk(getattr(model, f.name), f.shape, path + (f.name,))


def _walk(value, shape: Shape, path: tuple) -> Iterator[Leaf]:
    if value is None:
        return
    if isinstance(value, BaseModel):
        yield from leaves(value, path)
        return
    shape = shape.scalar
    if shape.form == "list":
        for index, item in enumerate(value):
            yield from _walk(item, shape.item, path + (index,))
    elif shape.form == "dict":
        for key, item in value.items():
            yield from _walk(item, shape.item, path + (key,))
    else:
        yield path, value, shape.markers


def refs(model: BaseModel, path: tuple = ()) -> Iterator[tuple[tuple, str, Ref]]:
    """Every reference in ``model`` as (path, id, Ref marker); visits only fields that can
    hold one (the catalog calls this for every entity, so it must be cheap)."""
    for f in _ref_fields(type(model)):
        for leaf_path, leaf, markers in _walk(getattr(model, f.name), f.shape, path + (f.name,)):
            ref = next((m for m in markers if isinstance(m, Ref)), None)
            if ref is not None:
                yield leaf_path, leaf, ref


def _ref_fields(model: type[BaseModel]) -> tuple[FieldShape, ...]:
    found = model.__dict__.get("__hub_ref_fields__")
    if found is None:
        found = tuple(f for f in shapes(model) if f.shape.may_hold_ref())
        setattr(model, "__hub_ref_fields__", found)
    return found


def shape_at(model: type[BaseModel], path: tuple) -> Shape | None:
    """The shape of the field at ``path`` (names and list indexes) inside ``model``, if there is one."""
    shape: Shape | None = Shape("model", model)
    for part in path:
        if isinstance(part, int):
            shape = shape.item if shape.form == "list" else shape
            continue
        current = shape.model
        field_ = next((f for f in shapes(current) if f.name == part), None) if current else None
        if field_ is None:
            return None
        shape = field_.shape
    return shape


def model_at(model: type[BaseModel], path: tuple) -> type[BaseModel] | None:
    """The model class that describes the mapping found at ``path``, if any."""
    shape = shape_at(model, path)
    return shape.model if shape else None
