"""YAML as non-engineers write it: the real cause of a parse error, and silent surprises.

The parser says where it *noticed* a problem ("could not find expected ':'", a line
late). ``explain`` reads the raw text for what a PMM actually did and where: a full-width
colon, no space after a colon, a tab in the indentation, a quote or bracket never closed,
text over several lines without ``|``, a field indented too far. ``surprises`` warns about
valid YAML that does not mean what it looks like: `` #`` cutting a value short, Markdown
lines folded into one, a full-width-colon field swallowed by the text above it.
"""
from __future__ import annotations

import re

import yaml

Finding = tuple[int, int, str, str]  # line, column (1-based), message, hint
_KEY = r"[A-Za-z_][\w-]*"
_FULL_WIDTH = re.compile(rf"^(\s*(?:-\s+)?)({_KEY})\s*：\s*(.*)$")
_NO_SPACE = re.compile(rf"^(\s*(?:-\s+)?)({_KEY}):(?=[^\s:/\\])(.*)$")
_KEY_LINE = re.compile(rf"^(\s*(?:-\s+)*)({_KEY})\s*:(?:\s+(.*?))?\s*$")
_QUOTED = re.compile(rf"^(\s*(?:-\s+)?(?:{_KEY}\s*:\s+)?)([\"'])(.*)$")
_MARKDOWN = re.compile(r"^([-*+]\s|\d+[.)]\s|#{1,6}\s|>\s)")
_CUT = re.compile(r"^[ \t]+#(\S.*)$")
_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_STARTS_NON_PLAIN = tuple("|>\"'[{&*!")


def lines_of(text: str) -> list[str]:
    """The lines as the YAML parser counts them."""
    return _BREAKS.split(text)


def explain(text: str, err: yaml.MarkedYAMLError) -> Finding | None:
    """The likely mistake behind ``err``, located where it was made; None if unknown."""
    lines = lines_of(text)
    mark = err.problem_mark or err.context_mark
    upto = min(mark.line if mark else len(lines) - 1, len(lines) - 1)
    for finder in (_open_quote, _open_bracket, _full_width, _no_space, _tab, _quote_on_a_line, _layout):
        found = finder(lines, upto, err)
        if found:
            return found
    return None


def _text_lines(lines: list[str], upto: int):
    for i in range(upto + 1):
        if lines[i].strip() and not lines[i].lstrip().startswith("#"):
            yield i, lines[i]


def _open_quote(lines, upto, err) -> Finding | None:
    mark = err.context_mark
    if err.context != "while scanning a quoted scalar" or mark is None:
        return None
    quote = lines[mark.line][mark.column: mark.column + 1] or '"'
    return (mark.line + 1, mark.column + 1, f"the quote {quote} opened on line {mark.line + 1} is never closed",
            f"end the text with {quote} on the same line, or leave the quotes out")


def _open_bracket(lines, upto, err) -> Finding | None:
    mark = err.context_mark
    if mark is None or err.context not in ("while parsing a flow sequence", "while parsing a flow mapping"):
        return None
    opening = lines[mark.line][mark.column: mark.column + 1]
    closing = {"[": "]", "{": "}"}.get(opening)
    if closing is None or lines[mark.line].count(opening) <= lines[mark.line].count(closing):
        return None
    return (mark.line + 1, mark.column + 1, f"the `{opening}` on line {mark.line + 1} is never closed with `{closing}`",
            f"close the list with `{closing}` on the same line, or put the text in quotes if the `{opening}` "
            "belongs to it")


def _full_width(lines, upto, err) -> Finding | None:
    for i, line in _text_lines(lines, upto):
        match = _FULL_WIDTH.match(line)
        if match:
            key, rest = match.group(2), match.group(3)
            return (i + 1, line.index("：") + 1, f"a Chinese full-width colon `：` on line {i + 1}; YAML needs `:`",
                    f"write `{key}: {_clip(rest)}` (an ASCII colon, then a space)")
    return None


def _no_space(lines, upto, err) -> Finding | None:
    for i, line in _text_lines(lines, upto):
        match = _NO_SPACE.match(line)
        if match:
            key, rest = match.group(2), match.group(3)
            return (i + 1, len(match.group(1)) + len(key) + 1,
                    f"no space after the colon on line {i + 1}; YAML needs `: ` between a field and its value",
                    f"write `{key}: {_clip(rest)}`")
    return None


def _tab(lines, upto, err) -> Finding | None:
    for i, line in _text_lines(lines, upto):
        leading = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in leading:
            return (i + 1, leading.index("\t") + 1, f"a tab in the indentation of line {i + 1}; YAML indents with "
                    "spaces only", "replace the tab with spaces (two per level); editors can insert spaces for Tab")
    return None


def _quote_on_a_line(lines, upto, err) -> Finding | None:
    for i, line in _text_lines(lines, upto):
        match = _QUOTED.match(line)
        if not match:
            continue
        quote, body = match.group(2), match.group(3)
        end = _closing(body, quote)
        start = len(match.group(1)) + 1
        if end is None:
            return (i + 1, start, f"the quote {quote} opened on line {i + 1} is never closed",
                    f"end the text with {quote} on the same line, or leave the quotes out")
        rest = body[end + 1:].strip()
        if rest and not rest.startswith("#"):
            inner = ("double the quote inside ('It''s'), or put the whole text in double quotes" if quote == "'"
                     else "write the quote inside as \\\", or put the whole text in single quotes")
            return (i + 1, start + end + 1, f"the text on line {i + 1} starts with {quote}, so YAML ends it at the "
                    f"next {quote} and cannot read what follows: `{_clip(rest)}`", inner)
    return None


def _closing(body: str, quote: str) -> int | None:
    i = 0
    while i < len(body):
        if quote == '"' and body[i] == "\\":
            i += 2
            continue
        if body[i] == quote:
            if quote == "'" and body[i + 1: i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return None


def _layout(lines, upto, err) -> Finding | None:
    """Text over several lines without ``|``, or a field indented differently from its neighbours."""
    simple_key = err.context == "while scanning a simple key" and err.context_mark is not None
    here = err.context_mark.line if simple_key else upto
    line = lines[here]
    if not line.strip():
        return None
    indent, field = _indent(line), _KEY_LINE.match(line)
    above = [i for i in range(here - 1, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")
             and (simple_key or _indent(lines[i]) < indent)]
    match = _KEY_LINE.match(lines[above[0]]) if above else None
    if match is None:
        return None
    at, key, value = above[0], match.group(2), match.group(3) or ""
    if field and value and indent > len(match.group(1)):
        return (here + 1, indent + 1, f"`{field.group(2)}` on line {here + 1} is indented more than `{key}` on line "
                f"{at + 1}, so YAML reads it as more text of `{key}`",
                f"line up `{field.group(2)}` with `{key}`: the fields of one mapping start in the same column")
    if field and err.problem == "did not find expected key":
        return (here + 1, indent + 1, f"`{field.group(2)}` on line {here + 1} does not line up with the fields "
                "around it", f"start it in the same column as the other fields of its mapping")
    if not field and not value.startswith(_STARTS_NON_PLAIN) and (value or not simple_key):
        column = lines[at].index(":", len(match.group(1))) + 2
        return (at + 1, column, f"the text of `{key}` runs over several lines (lines {at + 1} to {here + 1}), so it "
                f"needs `|` after `{key}:`", f"write `{key}: |` and put the text on the lines below it, each "
                f"indented two spaces more than `{key}`; Markdown lists and `: ` are fine inside")
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _clip(text: str, size: int = 30) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


# ---------------------------------------------------------------- valid YAML, surprising meaning


def surprises(text: str, scalars, name=str) -> list[tuple[int, int, str, str, str]]:
    """Warnings for plain scalars (``(path, node)`` pairs; ``name(path)`` is the field shown):
    (line, column, field, message, hint).

    Only scalars on a line with ``#`` or ``：``, or over several lines, are looked at."""
    if "#" not in text and "：" not in text and "\n " not in text:
        return []
    lines = lines_of(text)
    marked = {i for i, line in enumerate(lines) if "#" in line or "：" in line}
    out = []
    for path, node in scalars:
        start, end = node.start_mark.line, node.end_mark.line
        if start != end or start in marked:
            field = name(path)
            out += _cut(lines, field, node) + (_keyish(lines, field, node) or _folded(lines, field, node))
    return sorted(out)


def _cut(lines, field, node) -> list:
    end = node.end_mark
    rest = lines[end.line][end.column:] if end.line < len(lines) else ""
    match = _CUT.match(rest) or (re.match(r"^()#(\S.*)$", rest.lstrip()) if not node.value else None)
    if not match:
        return []
    kept, dropped = node.value, "#" + match.groups()[-1].rstrip()
    column = end.column + rest.index("#") + 1
    whole = f"{kept} {dropped}".strip()
    quoted = '"' + whole.replace("\\", "\\\\").replace('"', '\\"') + '"'
    what = f"'{_clip(kept)}' is kept" if kept else "the value is left empty"
    return [(end.line + 1, column, field, f"` #` starts a comment, so the text after it is cut: {what}, "
             f"'{_clip(dropped)}' is dropped", f"put the value in quotes: {quoted}")]


def _keyish(lines, field, node) -> list:
    """A value that is itself `key：value`: a field written with a full-width colon."""
    start = node.start_mark
    match = _FULL_WIDTH.match(lines[start.line][start.column:]) if start.line < len(lines) else None
    if not match:
        return []
    column = start.column + lines[start.line][start.column:].index("：") + 1
    return [(start.line + 1, column, field, f"a Chinese full-width colon `：` on line {start.line + 1}; YAML needs "
             f"`:`, so `{_clip(match.group(0).strip())}` is read as text", f"write `{match.group(2)}: "
             f"{_clip(match.group(3))}` (an ASCII colon, then a space)")]


def _folded(lines, field, node) -> list:
    start, end = node.start_mark.line, node.end_mark.line
    if end <= start:
        return []
    key = field.rsplit(".", 1)[-1]
    write = "start the item with `- |`" if key.endswith("]") else f"write `{key}: |`"
    for i in range(start + 1, min(end, len(lines) - 1) + 1):
        text = lines[i].strip()
        if _FULL_WIDTH.match(lines[i]):
            return [(i + 1, lines[i].index("：") + 1, field, f"line {i + 1} looks like a field written with a "
                     f"full-width colon `：`; YAML reads it as more text of `{key}`",
                     "write the field with an ASCII colon `:` and line it up with the other fields")]
        if _MARKDOWN.match(text):
            return [(start + 1, node.start_mark.column + 1, field, f"the text of `{key}` runs over several lines "
                     "without `|`, so YAML joins them into one line and its Markdown (lists, headings) is lost",
                     f"{write} and put the text on the lines below it, indented")]
    return []
