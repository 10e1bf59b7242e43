"""Starter files for ``hub new``: a valid, commented YAML file per kind.

Everything a starter says comes from the models: which fields are asked for (the
required ones), the comment above each field (its description) and the commented-out
sample of each optional field (its example). The layout lives in the templates in
``templates/scaffold/``; this module only turns a model into a tree of ``Node``s.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from pmmhub.load import safe_yaml as loader
from pmmhub.validate.diagnose import dotted, problems_from, suggest
from pmmhub.model import KINDS, Entity
from pmmhub.model.common import ID_MAX, ID_PATTERN
from pmmhub.model.fields import Shape, shapes
from pmmhub.text_templates import text_environment

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "scaffold"
ENVELOPE = frozenset(Entity.model_fields)
_ID = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class Question:
    """One field ``hub new`` asks for, as an option and as a terminal prompt."""

    path: tuple[str, ...]
    description: str
    example: Any
    required: bool
    choices: tuple[str, ...] = ()  # fixed choices of a Literal field
    vocabulary: str | None = None  # hub.yml vocabulary the value comes from
    ref: str | None = None  # kind of entity the value names
    date: bool = False

    @property
    def name(self) -> str:
        return dotted(self.path)

    @property
    def option(self) -> str:
        return "--" + "-".join(self.path).replace("_", "-")

    @property
    def dest(self) -> str:
        return "_".join(self.path)


@dataclass
class Node:
    """A field of the starter: filled in (``active``) or a commented-out sample."""

    key: str
    description: str
    value: str | None = None  # the value as one line of YAML
    children: list[Node] = field(default_factory=list)
    many: bool = False  # children describe one item of a list
    active: bool = True


# ---------------------------------------------------------------- ids and paths


def id_problem(id_: str) -> str | None:
    """Why ``id_`` cannot be an id, or None."""
    if _ID.match(id_) and len(id_) <= ID_MAX:
        return None
    fixed = re.sub(r"[^a-z0-9]+", "-", id_.lower()).strip("-")[:ID_MAX].strip("-")
    advice = f" Try '{fixed}'." if fixed else " For example 'huadong-retail-chain'."
    return (f"'{id_}' is not a valid id: use lowercase letters a-z, digits and hyphens (at most {ID_MAX} "
            f"characters); the id becomes the file name and the page address.{advice}")


def label(kind: str) -> str:
    """What reviewers and PMMs call ``kind`` (battle card)."""
    return KINDS[kind].word


def hidden(kind: str) -> frozenset[str]:
    """Envelope fields a starter never offers: ``visibility`` of a kind that is always internal."""
    return frozenset({"visibility"}) if KINDS[kind].always_internal else frozenset()


def resolve_kind(word: str) -> str | None:
    """The kind named by ``word``: a kind name or its folder name (``case-studies``)."""
    for kind in KINDS.values():
        if word in (kind.name, kind.folder):
            return kind.name
    return None


def kind_hint(word: str) -> str:
    names = list(KINDS)
    close = suggest(word, names + [k.folder for k in KINDS.values()])
    return f"{close + ' ' if close else ''}kinds: {', '.join(names)}"


def target(data_dir: Path, kind: str, id_: str) -> Path:
    return Path(data_dir) / KINDS[kind].folder / f"{id_}.yml"


def existing(data_dir: Path, kind: str, id_: str) -> Path | None:
    """The file that already holds ``id_`` (as .yml or .yaml), if any."""
    folder = Path(data_dir) / KINDS[kind].folder
    return next((p for p in (folder / f"{id_}.yml", folder / f"{id_}.yaml") if p.exists()), None)


# ---------------------------------------------------------------- questions


def questions(kind: str) -> list[Question]:
    """The fields asked for: every required leaf (inside required mappings too), then the kind's ``also_ask``."""
    model = KINDS[kind].model
    out = list(_required(model, ()))
    by_name = {f.name: f for f in shapes(model)}
    for name in KINDS[kind].also_ask:
        out.append(_question((name,), by_name[name].info, by_name[name].shape, required=False))
    return out


def _required(model: type[BaseModel], prefix: tuple) -> list[Question]:
    out = []
    for f in shapes(model):
        if not f.info.is_required():
            continue
        if f.shape.form == "model":
            out += _required(f.shape.type, prefix + (f.name,))
        else:
            out.append(_question(prefix + (f.name,), f.info, f.shape, required=True))
    return out


def _question(path: tuple, info: FieldInfo, shape: Shape, required: bool) -> Question:
    ref, vocab = shape.ref, shape.vocab
    return Question(path, info.description or "", (info.examples or [""])[0], required, shape.choices,
                    vocab.name if vocab else None, ref.kind if ref else None, date=shape.type is dt.date)


# ---------------------------------------------------------------- answers


def typed(question: Question, text: str) -> Any:
    """An answer as the value written to YAML: dates stay unquoted when they are dates."""
    text = text.strip()
    if question.date:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text


def check(kind: str, answers: dict[tuple, Any], hub=None, catalog=None) -> dict[tuple, str]:
    """Problems with the answers, by question path: schema rules, vocabularies, references."""
    found: dict[tuple, str] = {}
    asked = {q.path: q for q in questions(kind)}
    for path, value in answers.items():
        q = asked[path]
        if q.vocabulary and hub is not None:
            known = hub.vocabulary(q.vocabulary)
            if value not in known:
                found[path] = (f"'{value}' is not in hub.yml {q.vocabulary}; "
                               f"{suggest(value, known) or 'known: ' + ', '.join(known)}")
        elif q.ref and catalog is not None and catalog.get(q.ref, value) is None:
            ids = catalog.records.get(q.ref, {})
            found[path] = (f"no {q.ref} with id '{value}'; "
                           f"{suggest(value, ids) or 'known: ' + (', '.join(sorted(ids)) or 'none yet')}")
    text = render(kind, "check", answers)
    doc, problems = loader.parse_text(text, "starter")
    if doc is None:  # cannot happen with dumped values; say so plainly if it does
        return {("name",): problems[0].message}
    try:
        KINDS[kind].model.model_validate(doc.data)
    except ValidationError as err:
        fallback = (KINDS[kind].also_ask or ("name",))[:1]
        for p in problems_from(err, doc, KINDS[kind].model):
            path = _owner_of(p.field, asked.values()) or fallback
            found.setdefault(path, p.message + (f" ({p.hint})" if p.hint else ""))
    order = list(asked)
    return dict(sorted(found.items(), key=lambda item: order.index(item[0])))


def _owner_of(field_: str, asked) -> tuple | None:
    """The question a problem at ``field_`` is about: that field, or the first one inside it."""
    if not field_:
        return None
    return next((q.path for q in asked if q.name == field_ or q.name.startswith(field_ + ".")), None)


# ---------------------------------------------------------------- the starter


def render(kind: str, id_: str, answers: dict[tuple, Any]) -> str:
    """The starter file for ``kind`` with the ``answers`` filled in."""
    model = KINDS[kind].model
    template = text_environment(TEMPLATES).get_template(f"{kind}.yml.j2")
    values = {"kind": kind, "id": id_, "answers": {".".join(map(str, path)): v for path, v in answers.items()},
              "days_before": _days_before,
              "describe": lambda name: " ".join((model.model_fields[name].description or "").split())}
    # fields the kind's template writes itself (`{% set writes = [...] %}`: a launch's default checklist)
    written = template.make_module({**values, "required": [], "optional": [], "envelope": []})
    nodes = _nodes(model, answers, (), hidden(kind) | frozenset(getattr(written, "writes", ())))
    required = [n for n in nodes if n.active]
    optional = [n for n in nodes if not n.active and n.key not in ENVELOPE]
    envelope = [n for n in nodes if not n.active and n.key in ENVELOPE]
    return template.render(**values, required=required, optional=optional, envelope=envelope)


def _days_before(day: Any, days: int) -> str:
    """``day`` (a date, or text like 2027-01-15) minus ``days``, as YYYY-MM-DD; "" if it is no date."""
    try:
        day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
    except ValueError:
        return ""
    return (day - dt.timedelta(days=days)).isoformat()


def _nodes(model: type[BaseModel], answers: dict, prefix: tuple, skip=frozenset()) -> list[Node]:
    out = []
    for f in shapes(model):
        if f.name in skip:
            continue
        path = prefix + (f.name,)
        description = " ".join((f.info.description or "").split())
        if f.shape.form == "model" and f.info.is_required():
            out.append(Node(f.name, description, children=_nodes(f.shape.type, answers, path)))
        elif answers.get(path) not in (None, ""):
            out.append(Node(f.name, description, value=dump(answers[path])))
        else:
            out.append(_sample(f.name, f.info, f.shape))
    return out


def _sample(name: str, info: FieldInfo, shape: Shape) -> Node:
    """A commented-out example of an optional field; mappings (and lists of them) show each of their fields."""
    description = " ".join((info.description or "").split())
    many = shape.form == "list" and shape.item.form == "model"
    if shape.form == "model" or many:
        inner = shape.item.type if many else shape.type
        children = [_sample(f.name, f.info, f.shape) for f in shapes(inner)]
        return Node(name, description, children=children, many=many, active=False)
    example = (info.examples or [""])[0]
    if shape.type is dt.date and isinstance(example, str):
        example = dt.date.fromisoformat(example)
    return Node(name, description, value=dump(example), active=False)


def dump(value: Any) -> str:
    """``value`` as one line of YAML (quoted only where YAML needs it)."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1_000_000, sort_keys=False)
    return text.removesuffix("\n...\n").strip()
