"""Safe YAML reading: one file in, plain data out, or precise problems.

PyYAML's C composer builds the node tree; a small walker turns nodes into data so we
can refuse what a PMM never means: duplicate keys, object-constructing tags, alias
bombs. Plain scalars stay text (only ``null``/``~``/empty become ``None``), so YAML 1.1
surprises (``NO``, ``on``, ``1.10``) never change text; the schema converts the fields
that really are numbers, dates or booleans. Nesting is capped (``MAX_DEPTH``) before
anything recurses: the C composer itself recurses and overflows the C stack on ~30,000
levels of ``[``, so deep text is measured on the parser's events first.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pmmhub.load import files, mistakes
from pmmhub.problems import Problem

MAX_BYTES = files.MAX_BYTES
MAX_NODES = 20_000
MAX_DEPTH = 50  # levels of lists and mappings; a hub entity needs about six
SCAN_ABOVE = 5_000  # indicator characters beyond which the depth is measured before composing
_OPENS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_DEEP = "nested too deeply (more than {} levels of lists and mappings)"
_DEEP_HINT = "hub files need only a few levels: check the indentation and that every [ and { is closed"
_NS = "tag:yaml.org,2002:"
_TEXT_TAGS = {_NS + t for t in ("str", "int", "float", "bool", "timestamp")}
_NULL = _NS + "null"
_NULLS = {"", "~", "null", "Null", "NULL"}
_STR, _MERGE, _SEQ, _MAP = (_NS + t for t in ("str", "merge", "seq", "map"))  # one string each, not one per node


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The C parser with a resolver that knows only what the walker needs: plain nulls
    and merge keys. Everything else is text, so the regex-based YAML 1.1 type guessing
    (the costliest part of parsing) is skipped."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0]:
                if value in _NULLS:
                    return _NULL
                if value == "<<":
                    return _MERGE
            return _STR
        return _SEQ if kind is yaml.SequenceNode else _MAP


@dataclass
class Document:
    """A parsed file: its data and the node tree used to locate fields by path."""

    path: str
    data: Any
    root: yaml.Node

    def locate(self, path: tuple, at_key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the deepest node along ``path``."""
        node, key_node = self.root, None
        for part in path:
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
        mark = (key_node if at_key and key_node is not None else node).start_mark
        return mark.line + 1, mark.column + 1


def _child(node: yaml.Node, part) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == str(part):
                return key, value
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return None, node.value[part]
    return None


class _Refusal(Exception):
    def __init__(self, node: yaml.Node, message: str, hint: str = ""):
        self.node, self.message, self.hint = node, message, hint


class _Walker:
    """Turns a composed node tree into dicts, lists, strings and ``None``.

    Recursion is safe: nesting (aliases included) is refused beyond ``MAX_DEPTH``. The
    plain scalars met are kept with their paths in ``plain``, for ``mistakes.surprises``."""

    def __init__(self) -> None:
        self.budget = MAX_NODES
        self.plain: dict[int, tuple[tuple, yaml.ScalarNode]] = {}

    def value(self, node: yaml.Node, path: tuple = ()) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _Refusal(node, f"too many values (more than {MAX_NODES:,}) — is an alias expanding over and over?",
                           "anchors (&) and aliases (*) that repeat each other are refused; write the content out")
        if isinstance(node, yaml.ScalarNode):
            if not node.style and path:
                self.plain.setdefault(id(node), (path, node))
            return self.scalar(node)
        if len(path) >= MAX_DEPTH:
            raise _Refusal(node, _DEEP.format(MAX_DEPTH), _DEEP_HINT)
        if isinstance(node, yaml.SequenceNode):
            self.check_tag(node, _NS + "seq")
            return [self.value(item, path + (i,)) for i, item in enumerate(node.value)]
        self.check_tag(node, _NS + "map")
        return self.mapping(node, path)

    def scalar(self, node: yaml.ScalarNode) -> str | None:
        if node.tag == _NULL and not node.style:
            return None
        if node.tag not in _TEXT_TAGS and node.tag != _NULL:
            raise _Refusal(node, f"the tag {node.tag.replace(_NS, '!!')} is not allowed",
                           "remove the tag; hub files hold plain text, numbers, dates, lists and mappings")
        return node.value

    def check_tag(self, node: yaml.Node, expected: str) -> None:
        if node.tag != expected:
            raise _Refusal(node, f"the tag {node.tag.replace(_NS, '!!')} is not allowed",
                           "remove the tag; hub files hold plain text, numbers, dates, lists and mappings")

    def mapping(self, node: yaml.MappingNode, path: tuple) -> dict:
        out: dict[str, Any] = {}
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _NS + "merge":
                raise _Refusal(key_node, "merge keys (<<) are not supported", "write the fields out in full")
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refusal(key_node, "a key must be plain text, not a list or mapping")
            key = key_node.value
            if key in seen:
                first = seen[key].start_mark.line + 1
                raise _Refusal(key_node, f"duplicate key '{key}' (first given on line {first})",
                               "YAML keeps only the last one, so text would be lost; merge them into one")
            seen[key] = key_node
            out[key] = self.value(value_node, path + (key,))
        return out


def _refusal(path: str, message: str, hint: str = "", line: int = 1, column: int = 1) -> Problem:
    return Problem(path, line, column, "", message, hint)


def decode(raw: bytes, path: str) -> tuple[str | None, Problem | None]:
    """UTF-8 text of ``raw``, or a problem that names the encoding it looks like."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, _refusal(path, "the file is UTF-16, not UTF-8", "save it as UTF-8 in your editor")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
            looks = "GBK/GB18030 (a Chinese Windows encoding)"
        except UnicodeDecodeError:
            looks = "Windows-1252/Latin-1"
        return None, _refusal(path, f"the file is not UTF-8 text; it looks like {looks}",
                              "re-save the file with UTF-8 encoding", line)


def _too_deep_text(text: str) -> yaml.Mark | None:
    """Where the text nests deeper than ``MAX_DEPTH``, read from the (iterative) parser's events.

    Every level needs an indicator (``[ { - : ?``), so text with few of them is skipped."""
    if sum(map(text.count, "[{-:?")) <= SCAN_ABOVE:
        return None
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, _OPENS):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark
        elif isinstance(event, _CLOSES):
            depth -= 1
    return None


def _dotted(path: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path))


def _parse_error(text: str, err: yaml.MarkedYAMLError, path: str) -> Problem:
    found = mistakes.explain(text, err)
    if found:
        line, col, message, hint = found
        return _refusal(path, f"not valid YAML: {message}", hint, line, col)
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return _refusal(path, f"not valid YAML: {err.problem or err.context}",
                    "check indentation and that text with ': ' or '#' is quoted", line, col)


def parse_text(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text into a ``Document``; every refusal becomes a ``Problem``, surprises become warnings."""
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return None, [_refusal(path, "the file is empty", "start from `hub new <kind> <id>` for a filled-in starter")]
    try:
        deep = _too_deep_text(text)
        if deep is not None:
            return None, [_refusal(path, _DEEP.format(MAX_DEPTH), _DEEP_HINT, deep.line + 1, deep.column + 1)]
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        return None, [_parse_error(text, err, path)]
    except yaml.YAMLError as err:
        return None, [_refusal(path, f"not valid YAML: {err}")]
    except RecursionError:  # the pure-Python composer, where the C one is missing
        return None, [_refusal(path, _DEEP.format(MAX_DEPTH), _DEEP_HINT)]
    if not isinstance(root, yaml.MappingNode):
        return None, [_not_a_mapping(text, root, path)]
    try:
        walker = _Walker()
        data = walker.value(root)
    except _Refusal as ref:
        mark = ref.node.start_mark
        return None, [_refusal(path, ref.message, ref.hint, mark.line + 1, mark.column + 1)]
    warnings = [Problem(path, line, col, field, message, hint, "warning")
                for line, col, field, message, hint in mistakes.surprises(text, walker.plain.values(), _dotted)]
    return Document(path, data, root), warnings


def _not_a_mapping(text: str, root: yaml.Node | None, path: str) -> Problem:
    fake = yaml.MarkedYAMLError(problem="not a mapping", problem_mark=root.end_mark if root is not None else None)
    found = mistakes.explain(text, fake)
    if found and "colon" in found[2]:  # `summary：…` or `summary:…` alone makes the whole file one text
        line, col, message, hint = found
        return _refusal(path, f"not valid YAML: {message}", hint, line, col)
    line = root.start_mark.line + 1 if root is not None else 1
    return _refusal(path, "the file must be a mapping of `field: value` lines", "see the starter from `hub new`", line)


def read(file: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Read (a regular file only, within ``MAX_BYTES``) and parse one file."""
    raw, problem = files.read_bytes(file, display)
    if problem:
        return None, [problem]
    text, problem = decode(raw, display)
    if problem:
        return None, [problem]
    return parse_text(text, display)
