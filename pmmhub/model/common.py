"""Shared field types, the entity envelope, and the markers that tie fields to the hub.

``Ref(kind)`` marks a field that names another entity; ``Vocab(name)`` marks a field
whose value must be an id from a ``hub.yml`` vocabulary; ``MARKDOWN`` marks long text
rendered as Markdown. The catalog finds them by walking the models (see ``fields``).
"""

import dataclasses
import datetime as dt
import html
import re
import urllib.parse
from collections.abc import Mapping, Set as AbstractSet
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError, core_schema

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_MAX = 63


@dataclass(frozen=True)
class Known:
    """What validation checks names against, passed as pydantic's ``context``.

    ``ids``: kind -> ids, known from file names before any file is parsed, so every
    error comes in one pass; ``vocab``: hub.yml vocabulary -> ids (empty when hub.yml did
    not load: then vocabularies go unchecked); ``own``: the (kind, id) being validated.
    A kind or vocabulary that is not listed is not checked.
    """

    ids: Mapping[str, AbstractSet[str]] = dataclasses.field(default_factory=dict)
    vocab: Mapping[str, AbstractSet[str]] = dataclasses.field(default_factory=dict)
    own: tuple[str, str] | None = None

    def of(self, kind: str, id_: str) -> "Known":
        """The same names, for validating the entity ``kind``/``id_``."""
        return dataclasses.replace(self, own=(kind, id_))


NOTHING_KNOWN = Known()


def known(info) -> Known:
    """The ``Known`` a validator was given (none: nothing is checked)."""
    context = info.context
    if context is None:
        return NOTHING_KNOWN
    if not isinstance(context, Known):
        raise TypeError(f"validation context must be a Known, not {type(context).__name__}")
    return context


@dataclass(frozen=True)
class Ref:
    """The field holds the id of an entity of ``kind`` (checked against ``Known.ids``)."""

    kind: str

    def __get_pydantic_core_schema__(self, source, handler):
        return core_schema.with_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema, handler):
        return {**handler(schema), "x-hub-ref": self.kind}

    def _check(self, value: str, info):
        context = known(info)
        if (self.kind, value) == context.own:
            raise PydanticCustomError("hub_self_ref", "refers to itself")
        ids = context.ids.get(self.kind)
        if ids is not None and value not in ids:
            raise PydanticCustomError("hub_ref", "no {kind} with id '{value}'", {"kind": self.kind, "value": value})
        return value


@dataclass(frozen=True)
class Vocab:
    """The field holds an id from the ``hub.yml`` vocabulary ``name`` (checked against ``Known.vocab``)."""

    name: str

    def __get_pydantic_core_schema__(self, source, handler):
        return core_schema.with_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema, handler):
        return {**handler(schema), "x-hub-vocabulary": self.name}

    def _check(self, value: str, info):
        allowed = known(info).vocab.get(self.name)
        if allowed is not None and value not in allowed:
            raise PydanticCustomError("hub_vocab", "'{value}' is not in hub.yml {name}", {"name": self.name, "value": value})
        return value


@dataclass(frozen=True)
class TextFormat:
    name: str


MARKDOWN = TextFormat("markdown")


LINK_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
# What a browser skips or folds inside a URL: whitespace, C0/C1 controls, invisible format characters
# (and U+FFFD, which an HTML parser puts in place of NUL).
_IGNORED = re.compile(r"[\s\x00-\x20\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufffd]")


def url_problem(url: str) -> tuple[str, str] | None:
    """Why ``url`` may not be a link, as (message, hint); ``None`` if it may.

    The one rule for URL fields and for links in Markdown: http, https, mailto, or a true
    relative path. Judged on the URL as a browser would read it: entities and percent
    escapes decoded, whitespace and control characters dropped; a backslash counts as a slash.
    """
    seen = _as_read(url)
    scheme = _SCHEME.match(seen)
    if scheme:
        if scheme[1].lower() in LINK_SCHEMES:
            return None
        return (f"links must be http, https, mailto or relative, not '{scheme[1].lower()}:'",
                "write a full https:// address, or a path relative to this page")
    if seen.startswith("\\") or seen.replace("\\", "/").startswith("//"):
        return ("links must be http, https, mailto or relative; one that starts with // or \\ is not "
                "relative, it goes to another host",
                "write the full address with https://, or a relative path that starts with a name, ./ or ../")
    return None


def _as_read(url: str) -> str:
    seen = None
    for _ in range(8):  # until nothing more decodes: %252F is %2F is /
        if seen == url:
            break
        seen = url
        url = _IGNORED.sub("", urllib.parse.unquote(html.unescape(url)))
    return url


class HintedError(ValueError):
    """A validation error that carries its hint (``diagnose`` shows it under the message)."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.hint = hint


def _check_url(url: str) -> str:
    problem = url_problem(url)
    if problem:
        raise HintedError(*problem)
    return url


def _as_list(value):
    return value if isinstance(value, list) or value is None else [value]


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX)]
Text = Annotated[str, StringConstraints(min_length=1)]
Markdown = Annotated[str, StringConstraints(min_length=1), MARKDOWN, Field(json_schema_extra={"format": "markdown"})]
Url = Annotated[str, StringConstraints(min_length=1), AfterValidator(_check_url)]
Date = dt.date
Visibility = Literal["internal", "public"]


def RefTo(kind: str):
    return Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX), Ref(kind)]


def VocabOf(name: str):
    return Annotated[str, Vocab(name)]


def OneOrMany(item):
    """A list that also accepts a single value (``evidence: some text``)."""
    return Annotated[list[item], BeforeValidator(_as_list)]


def field(description: str, example, **kw):
    """A documented field: every field carries a description and an example."""
    return Field(description=description, examples=[example], **kw)


class Part(BaseModel):
    """Base of every mapping in hub data: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Link(Part):
    title: Text = field("What the link is.", "产品白皮书")
    url: Url = field("Where it points: http(s), mailto or a relative path.", "https://intranet.example/whitepaper.pdf")


class CaseStudyEvidence(Part):
    case_study: RefTo("case-study") = field("The case study that proves it.", "huadong-retail-chain")
    metric: Text | None = field("The metric from that case study to quote.", "门店补货时效提升 38%", default=None)


Evidence = CaseStudyEvidence | Text


class Entity(Part):
    """The envelope every kind shares."""

    name: Text = field("Display title.", "云帆 CDP")
    summary: Text = field("One line that says what this is.", "面向零售的客户数据平台")
    owner: Annotated[str, StringConstraints(pattern=r"^(@[A-Za-z0-9][A-Za-z0-9_.-]*|[^@\s]+@[^@\s]+\.[^@\s]+)$")] = field(
        "Who keeps it true: a handle (@name) or an email.", "@li-na")
    reviewed: Date = field("Date the content was last verified.", "2026-11-01")
    review_every: Annotated[int, Field(gt=0, le=3650)] | None = field(
        "Days between reviews; defaults come from hub.yml review_every.", 90, default=None)
    visibility: Visibility = field("internal (default) or public = customer-shareable.", "internal", default="internal")
    tags: list[Text] = field("Free keywords for search.", ["零售", "私有化"], default_factory=list)
    links: list[Link] = field("Related links.", [{"title": "产品白皮书", "url": "https://intranet.example/wp.pdf"}],
                              default_factory=list)
    internal_notes: Markdown | None = field("Notes for colleagues; never published.", "价格底线请先找区域总监确认。",
                                            default=None)
