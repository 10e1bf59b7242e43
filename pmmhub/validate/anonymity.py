"""An anonymous customer is named nowhere: not in its own case study's title, summary, quotes
or challenge, not in another entity's evidence, not in a file name (page addresses).

The names to hide are ``customer.name`` and every ``customer.aliases`` entry of each case study
with ``customer.anonymous: true``. Text is compared in ``comparable`` form (Unicode width,
case, whitespace, punctuation and invisible characters do not matter), the same form the
leak check of a built edition uses. A short Latin name (``HC``, ``Acme``) counts only as a
whole word: ``HC`` names the customer in ``HC 的门店``, not in ``much care``.
"""
from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

import ahocorasick

from pmmhub.problems import Problem
from pmmhub.validate.diagnose import dotted

if TYPE_CHECKING:
    from pmmhub.relate.catalog import Catalog, Record

MIN_CHARS = 2  # letters or digits a name needs to be findable at all
WORD_CHARS = 6  # a Latin name shorter than this must stand as a whole word
HIDDEN_FIELDS = ("name", "aliases")  # under ``customer``: never shown, so never a place the name leaks
_SEPARATORS = re.compile(r"[\W_]+")  # everything but letters and digits: spaces, P*, S*, zero-width, marks
_LATIN = "0-9a-z\u00df-\u024f"
HINT = ("write it anonymously, e.g. '华东某连锁超市' or 'a regional logistics company', or set "
        "`customer.anonymous: false` if the customer approved being named")


def spaced(text: str) -> str:
    """``text`` in NFKC (full width -> half width), case-folded, each run of non-letters one space."""
    return _SEPARATORS.sub(" ", unicodedata.normalize("NFKC", text).casefold())


def comparable(text: str) -> str:
    """``text`` as compared for leaks: NFKC, case-folded, letters and digits only."""
    return spaced(text).replace(" ", "")


class Phrase:
    """A text to find however it is spaced, punctuated, cased or written in full width."""

    def __init__(self, text: str):
        self.text, self.key = text, comparable(text)
        self._word = _word_pattern(self.key) if len(self.key) < WORD_CHARS else None

    def within(self, spaced_text: str, comparable_text: str) -> bool:
        """True if the phrase occurs in a text given as ``spaced`` and ``comparable``."""
        if not self.key or self.key not in comparable_text:
            return False
        return self.stands_in(spaced_text)

    def stands_in(self, spaced_text: str) -> bool:
        """Given that the key occurs in the text: True unless a short Latin name occurs only inside words."""
        return self._word is None or self._word.search(spaced_text) is not None


def _word_pattern(key: str) -> re.Pattern | None:
    if not key or not (_latin(key[0]) or _latin(key[-1])):
        return None
    body = " ?".join(map(re.escape, key))
    before = f"(?<![{_LATIN}])" if _latin(key[0]) else ""
    after = f"(?![{_LATIN}])" if _latin(key[-1]) else ""
    return re.compile(before + body + after)


def _latin(char: str) -> bool:
    return char.isascii() or "\u00df" <= char <= "\u024f"


@dataclass(frozen=True)
class Name:
    """One name of an anonymous customer and where it is written."""

    phrase: Phrase
    record: Record
    path: tuple

    @property
    def source(self) -> str:
        return f"{self.record.path}: {dotted(self.path)}"


def names(catalog: Catalog) -> list[Name]:
    """Every name (and alias) of every anonymous customer in ``catalog``."""
    out = []
    for record in catalog.all("case-study"):
        customer = record.entity.customer
        if customer.anonymous:
            out.append(Name(Phrase(customer.name), record, ("customer", "name")))
            out += [Name(Phrase(alias), record, ("customer", "aliases", i)) for i, alias in enumerate(customer.aliases)]
    return out


def problems(catalog: Catalog) -> list[Problem]:
    """An error for every name too short to check and for every place a name appears."""
    hidden = names(catalog)
    out = [_too_short(name) for name in hidden if len(name.phrase.key) < MIN_CHARS]
    findable = [name for name in hidden if len(name.phrase.key) >= MIN_CHARS]
    if not findable:
        return out
    records = list(catalog)
    places = [list(_texts(record)) for record in records]
    # one comparable text per record, newline-joined (no key holds one): all names are looked for
    # in a single pass over one string, and only the records a name occurs in are read text by text
    wholes = [comparable("\n".join(text for _, text in texts)) for texts in places]
    blob = "\n".join(wholes)
    starts = list(itertools.accumulate((len(whole) + 1 for whole in wholes), initial=0))
    found = _texts_containing({name.phrase.key for name in findable}, blob, starts)
    for name in findable:
        for index in found[name.phrase.key]:
            for path, text in places[index]:
                spaced_text = spaced(text)
                if name.phrase.within(spaced_text, spaced_text.replace(" ", "")):
                    out.append(_named(records[index], path, name))
    return out


def _texts_containing(keys: set[str], blob: str, starts: list[int]) -> dict[str, list[int]]:
    """For each of ``keys``, the indexes of the texts (joined in ``blob``, beginning at ``starts``)
    that contain it, each once and in order: one pass of an Aho-Corasick automaton over ``blob``,
    however many keys (looking for each key in turn grew with names times text)."""
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    automaton.make_automaton()
    found: dict[str, list[int]] = {key: [] for key in keys}
    for end, key in automaton.iter(blob):
        index = bisect.bisect_right(starts, end - len(key) + 1) - 1
        if not found[key] or found[key][-1] != index:
            found[key].append(index)
    return found


def _texts(record: Record):
    """(path, text) of every text written in ``record``'s file, its id (the file name) first. The file's
    data rather than the model's fields: whatever was written there can reach a page or an export."""
    yield (), record.id
    hidden = record.kind == "case-study" and record.entity.customer.anonymous
    for path, text in _strings(record.doc.data, ()):
        if not (hidden and len(path) > 1 and path[0] == "customer" and path[1] in HIDDEN_FIELDS):
            yield path, text


def _strings(node, path: tuple):
    """(path, text) of every string under ``node``, in document order (a stack, not a generator per level)."""
    stack = [(path, node)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, str):
            yield path, node
        elif isinstance(node, dict):
            stack += reversed([(path + (key,), value) for key, value in node.items()])
        elif isinstance(node, list):
            stack += reversed([(path + (index,), value) for index, value in enumerate(node)])


def _named(record: Record, path: tuple, name: Name) -> Problem:
    where = f"the anonymous customer {name.phrase.text!r}"
    if name.record is not record:
        where += f" (from {name.source})"
    if not path:
        return Problem(record.path, 1, 1, "", f"the file name '{record.id}' names {where}: it is the page address",
                       "rename the file (the id) so that it does not name the customer, and update what refers to it")
    line, column = record.doc.locate(path)
    return Problem(record.path, line, column, dotted(path), f"names {where}", HINT)


def _too_short(name: Name) -> Problem:
    line, column = name.record.doc.locate(name.path)
    return Problem(name.record.path, line, column, dotted(name.path),
                   f"an anonymous customer's name needs at least {MIN_CHARS} letters or digits to be checked; "
                   f"found {name.phrase.text!r}",
                   "write the customer's full name here (it is never shown) and put short forms in `customer.aliases`")
