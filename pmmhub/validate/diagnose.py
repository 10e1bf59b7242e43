"""Turn pydantic's validation errors into located, friendly ``Problem``s."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from pmmhub.problems import Problem, suggest
from pmmhub.load.safe_yaml import Document
from pmmhub.model.common import ID_PATTERN, NOTHING_KNOWN, Known
from pmmhub.model.fields import model_at

_TYPE_WORDS = {dict: "a mapping", list: "a list", str: "text", type(None): "nothing"}
_MISMATCH = {"string_type", "model_type", "model_attributes_type", "dict_type", "is_instance_of", "float_parsing",
             "float_type", "union_tag_invalid"}


def describe(value: Any) -> str:
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "…"
        return f"'{short}'"
    return _TYPE_WORDS.get(type(value), type(value).__name__)


def dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _clean(loc: tuple, data: Any, model: type[BaseModel]) -> tuple:
    """Keep only the parts of a pydantic location that index into the data or name a field."""
    path, node = [], data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and part in getattr(model_at(model, tuple(path)), "model_fields", {}):
            path.append(part)  # a missing field
            node = None
    return tuple(path)


def _message(err: dict, model: type[BaseModel], path: tuple, known: Known) -> tuple[str, str]:
    kind, found = err["type"], err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "hub_ref":
        from pmmhub.model import KINDS

        ids = known.ids.get(ctx["kind"], ())
        return err["msg"], suggest(found, ids) or f"the {ctx['kind']} ids are the file names in data/{KINDS[ctx['kind']].folder}/"
    if kind == "hub_vocab":
        allowed = sorted(known.vocab.get(ctx["name"], ()))
        return err["msg"], suggest(found, allowed) or (f"known {ctx['name']}: {', '.join(allowed)}" if allowed
                                                        else f"add {ctx['name']} to hub.yml")
    if kind == "hub_self_ref":
        return err["msg"], "name a different entity"
    if kind == "missing":
        where = f" under {dotted(path[:-1])}" if len(path) > 1 else ""
        return "required field missing", f"add `{path[-1]}:`{where}"
    if kind == "extra_forbidden":
        parent = model_at(model, path[:-1])
        options = parent.model_fields if parent else {}
        hint = suggest(path[-1], options) or (f"allowed here: {', '.join(options)}" if options else "")
        return "unknown field", hint
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        options = [o.strip(" '") for o in expected.replace(" or ", ",").split(",")]
        return f"expected one of {expected}; found {describe(found)}", suggest(found, options)
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == ID_PATTERN:
            return (f"expected an id (lowercase letters, digits and hyphens, at most 63 characters); found {describe(found)}",
                    "ids are file names without .yml, e.g. huadong-retail-chain")
        return f"expected a handle like @li-na or an email; found {describe(found)}", ""
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        return f"expected a date like 2026-11-01; found {describe(found)}", "write dates as YYYY-MM-DD"
    if kind == "bool_parsing":
        return f"expected true or false; found {describe(found)}", ""
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return f"expected a whole number; found {describe(found)}", ""
    if kind == "list_type":
        return f"expected a list; found {describe(found)}", "put each item on its own line starting with '- '"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of fields; found {describe(found)}", "write `field: value` lines indented under it"
    if kind == "string_type":
        return f"expected text; found {describe(found)}", "if this is one piece of text, write it on one line or use |"
    if kind == "string_too_short":
        return "must not be empty", ""
    if kind == "value_error":
        error = ctx.get("error")
        return str(error or err["msg"]), getattr(error, "hint", "")
    return f"{err['msg'][0].lower()}{err['msg'][1:]}; found {describe(found)}", ""


def problems_from(error: ValidationError, doc: Document, model: type[BaseModel],
                  known: Known = NOTHING_KNOWN) -> list[Problem]:
    """Every pydantic error of one file, located and de-duplicated across union branches."""
    located: dict[tuple, list[tuple[str, dict]]] = {}
    for err in error.errors(include_url=False):
        path = _clean(err["loc"], doc.data, model)
        located.setdefault(path, []).append((err["type"], err))
    problems = []
    for path, errs in located.items():
        deeper = any(other[: len(path)] == path and other != path for other in located)
        kept = [e for t, e in errs if t not in _MISMATCH] or [errs[0][1]]
        if deeper and all(t in _MISMATCH for t, _ in errs):
            continue  # a union branch that did not apply; the deeper error says what is wrong
        for err in kept[:1] if len({e["type"] for e in kept}) > 1 else kept:
            message, hint = _message(err, model, path, known)
            at_key = err["type"] in ("extra_forbidden",)
            line, col = doc.locate(path, at_key=at_key)
            problems.append(Problem(doc.path, line, col, dotted(path), message, hint))
    return problems
