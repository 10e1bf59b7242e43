"""Walk a validated entity's fields guided by its annotations.

One generic walk serves references, vocabulary checks, Markdown rendering tests and
the public-edition leak scan: each leaf comes with its path and the markers
(``Ref``, ``Vocab``, ``MARKDOWN``) its annotation carries.
"""
from __future__ import annotations

import functools
import types
from typing import Annotated, Any, Iterator, Union, get_args, get_origin

from pydantic import BaseModel

from pmmhub.model.common import Ref

Leaf = tuple[tuple, Any, tuple]


def leaves(model: BaseModel, path: tuple = ()) -> Iterator[Leaf]:
    """Every scalar value in ``model`` as (path, value, markers)."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        yield from _walk(value, info.annotation, tuple(info.metadata), path + (name,))


def _walk(value, annotation, markers: tuple, path: tuple) -> Iterator[Leaf]:
    if value is None:
        return
    if isinstance(value, BaseModel):
        yield from leaves(value, path)
        return
    origin = get_origin(annotation)
    if origin is Annotated:
        inner, *extra = get_args(annotation)
        yield from _walk(value, inner, markers + tuple(extra), path)
    elif origin is list:
        (inner,) = get_args(annotation)
        for index, item in enumerate(value):
            yield from _walk(item, inner, markers, path + (index,))
    elif origin is dict:
        _, inner = get_args(annotation)
        for key, item in value.items():
            yield from _walk(item, inner, markers, path + (key,))
    elif origin in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None) and not is_model(a)]
        if options:
            yield from _walk(value, options[0] if len(options) == 1 else Any, markers, path)
        else:
            yield path, value, markers
    else:
        yield path, value, markers


def refs(model: BaseModel, path: tuple = ()) -> Iterator[tuple[tuple, str, Ref]]:
    """Every reference in ``model`` as (path, id, Ref marker); visits only fields that can
    hold one (the catalog calls this for every entity, so it must be cheap)."""
    for name, info in _ref_fields(type(model)):
        value = getattr(model, name)
        for leaf_path, leaf, markers in _walk(value, info.annotation, tuple(info.metadata), path + (name,)):
            for marker in markers:
                if isinstance(marker, Ref):
                    yield leaf_path, leaf, marker


@functools.cache
def _ref_fields(model: type[BaseModel]) -> tuple:
    return tuple((name, info) for name, info in model.model_fields.items()
                 if _may_hold_ref(info.annotation, tuple(info.metadata), set()))


def _may_hold_ref(annotation, markers: tuple, seen: set) -> bool:
    if any(isinstance(m, Ref) for m in markers):
        return True
    if is_model(annotation):
        if annotation in seen:
            return False
        seen.add(annotation)
        return any(_may_hold_ref(i.annotation, tuple(i.metadata), seen) for i in annotation.model_fields.values())
    args = get_args(annotation)
    if get_origin(annotation) is Annotated:
        return _may_hold_ref(args[0], markers + tuple(args[1:]), seen)
    return any(_may_hold_ref(a, (), seen) for a in args)


def is_model(annotation) -> bool:
    """True for a pydantic model class."""
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def model_at(model: type[BaseModel], path: tuple) -> type[BaseModel] | None:
    """The model class that describes the mapping found at ``path``, if any."""
    current: Any = model
    for part in path:
        current = _strip(current)
        if isinstance(part, int):
            current = _unwrap_list(current)
            continue
        if not is_model(current) or part not in current.model_fields:
            return None
        current = current.model_fields[part].annotation
    return _first_model(current)


def _unwrap_list(annotation):
    annotation = _strip(annotation)
    if get_origin(annotation) is list:
        return _strip(get_args(annotation)[0])
    return annotation


def _strip(annotation):
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in (Union, types.UnionType):
        models = [a for a in get_args(annotation) if is_model(_strip(a))]
        others = [a for a in get_args(annotation) if a is not type(None)]
        if models:
            return _strip(models[0])
        if len(others) == 1:
            return _strip(others[0])
    return annotation


def _first_model(annotation):
    annotation = _strip(annotation)
    return annotation if is_model(annotation) else None
