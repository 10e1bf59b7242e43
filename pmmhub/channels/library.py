"""A built edition's JSON API, opened for ``hub mcp``: checked, then searched and listed.

``Library.open(site)`` reads the ``.hub-site`` stamp ``hub build`` writes, ``api/v1/index.json``
and every record file under ``api/v1/``, validated against the API's own models (its
edition's). A site that says it is the public edition must prove it: no record marked
internal or made for the internal edition, every record allowed public by its kind's rule
(case studies approved, never a battle card), no internal notes, no part marked internal, no
owner, freshness or visibility (``records.INTERNAL_ONLY``: the public API has none), no
reference to an entity the edition does not hold, no record file the index does not list.
Anything else refuses the whole site (``SiteError``, every reason in one message), so a
tampered or mislabelled folder is never served.
"""
from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from pmmhub.channels import search
from pmmhub.channels.records import index_model, record_model, without_internal
from pmmhub.channels.view import API, FACETS
from pmmhub.model import KINDS
from pmmhub.publish.guard import STAMP, stamped
from pmmhub.relate.editions import AUDIENCES

SHOWN = 8  # internal fields named one by one in a refusal, then "and N more"


class SiteError(Exception):
    """The folder cannot be served; the message says why (every reason) and what to do."""


class NotFound(Exception):
    """A tool's argument names nothing in this edition; the message says what there is."""


@dataclass
class Library:
    site: Path
    edition: str
    index: dict
    records: dict[tuple[str, str], dict] = field(default_factory=dict)

    # opening -----------------------------------------------------------------------
    @classmethod
    def open(cls, site: Path | str) -> Library:
        site = Path(site)
        if not site.is_dir():
            raise SiteError(f"{site}: no such folder\n    hint: pass the folder `hub build` wrote (site/ or site-public/)")
        edition = stamped(site)
        if edition is None:
            raise SiteError(f"{site}: not a site `hub build` made (no valid {STAMP} file)\n"
                            f"    hint: build it with `hub build --audience internal|public` and pass its folder")
        index_file = site / API / "index.json"
        claimed = _edition(index_file)
        if claimed in AUDIENCES and claimed != edition:  # each edition's files have their own schema
            raise _refusal(site, edition, [f"{index_file}: edition '{claimed}' but {STAMP} says '{edition}'"])
        index, problems = _read(index_file, index_model(edition), public=edition == "public")
        if index is None:
            raise SiteError("\n".join(problems) + "\n    hint: rebuild the site with `hub build`")
        library = cls(site, edition, index)
        problems += library._load_records()
        if edition == "public":
            problems += library._public_problems()
        if problems:
            raise _refusal(site, edition, problems)
        return library

    def _load_records(self) -> list[str]:
        problems = []
        listed = {(e["kind"], e["id"]): e for e in self.index["entities"]}
        on_disk = {}
        for kind in KINDS:
            folder = self.site / API / KINDS[kind].folder
            for file in sorted(folder.glob("*.json")) if folder.is_dir() else ():
                on_disk[(kind, file.stem)] = file
        for key, file in sorted(on_disk.items()):
            record, found = _read(file, record_model(key[0], self.edition), public=self.edition == "public")
            problems += found
            if record is None:
                continue
            if (record["kind"], record["id"]) != key:
                problems.append(f"{file}: holds {record['kind']} '{record['id']}', not {key[0]} '{key[1]}'")
            elif key not in listed:
                problems.append(f"{file}: not listed in {API}/index.json")
            else:
                self.records[key] = record
        for key in sorted(set(listed) - set(on_disk)):
            problems.append(f"{self.site / listed[key]['file']}: listed in {API}/index.json but missing")
        return problems

    def _public_problems(self) -> list[str]:
        out = []
        for (kind, id_), record in sorted(self.records.items()):
            where = f"{self.site / record['file']}"
            rule = KINDS[kind]
            if rule.always_internal:
                out.append(f"{where}: {rule.word}s are never public")
            elif not _approved(rule, record["data"]):
                out.append(f"{where}: the {rule.word} '{id_}' is not approved for publishing ({rule.public_approval})")
            if record["edition"] != "public":
                out.append(f"{where}: made for the {record['edition']} edition")
            for relation in (*record["relations"]["names"], *record["relations"]["named_by"]):
                if (relation["kind"], relation["id"]) not in self.records:
                    out.append(f"{where}: names the {KINDS[relation['kind']].word} '{relation['id']}', "
                               f"which this edition does not hold")
        return out

    # reading -----------------------------------------------------------------------
    def all(self) -> list[dict]:
        return [self.records[(e["kind"], e["id"])] for e in self.index["entities"] if (e["kind"], e["id"]) in self.records]

    def get(self, id_: str, kind: str | None = None) -> dict:
        kind = self.kind(kind) if kind else None
        found = [r for r in self.all() if r["id"] == id_ and (kind is None or r["kind"] == kind)]
        if len(found) == 1:
            return found[0]
        if found:
            raise NotFound(f"'{id_}' is the id of a {' and a '.join(KINDS[r['kind']].word for r in found)}; "
                           f"pass kind ({', '.join(r['kind'] for r in found)})")
        ids = sorted({r["id"] for r in self.all() if kind is None or r["kind"] == kind})
        close = difflib.get_close_matches(id_, ids, n=3)
        what = f"{KINDS[kind].word} " if kind else "entity "
        hint = f"; did you mean {', '.join(close)}?" if close else "; search or list to find ids"
        raise NotFound(f"no {what}with id '{id_}' in the {self.edition} edition{hint}")

    def kind(self, kind: str) -> str:
        given = kind.strip().lower()
        for name, rule in KINDS.items():
            if given in (name, rule.folder, rule.word, rule.word + "s"):
                if name not in [k["kind"] for k in self.index["kinds"]]:
                    raise NotFound(f"the {self.edition} edition has no {rule.word}s")
                return name
        raise NotFound(f"unknown kind '{kind}'; use one of {', '.join(k['kind'] for k in self.index['kinds'])}")

    def resolve(self, facet: str, value: str) -> str:
        """A filter value as the id the records carry: an id, a vocabulary label or an entity's name."""
        given = search.normal(value)
        how, what = FACETS[facet]
        if how == "vocab":
            choices = self.index["vocabularies"].get(what, {})
            for id_, label in choices.items():
                if given in (id_.casefold(), search.normal(label)):
                    return id_
            options = ", ".join(f"{i} ({label})" for i, label in choices.items())
            raise NotFound(f"no {facet.replace('_', ' ')} '{value}' in hub.yml; use one of {options}")
        candidates = [r for r in self.all() if r["kind"] == what]
        if not candidates:
            raise NotFound(f"the {self.edition} edition has no {KINDS[what].word}s")
        for record in candidates:
            names = {record["id"], search.normal(record["name"]),
                     search.normal(record["data"].get("competitor", {}).get("name", ""))}
            if given in names:
                return record["id"]
        close = difflib.get_close_matches(value, [r["id"] for r in candidates], n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else f"; known: {', '.join(r['id'] for r in candidates)}"
        raise NotFound(f"no {KINDS[what].word} '{value}' in the {self.edition} edition{hint}")

    def fields(self, record: dict) -> dict[str, str]:
        """A record's text by search tier (``search.TIERS``)."""
        data = record["data"]
        title = [record["name"], record["id"], *data.get("tags", ()),
                 data.get("competitor", {}).get("name", ""), data.get("customer", {}).get("name", "")]
        body = [s for key, value in data.items() if key not in ("name", "summary", "tags") for s in _strings(value)]
        return {"title": search.normal(" | ".join(title)), "summary": search.normal(record["summary"]),
                "text": search.normal(" | ".join(body))}


def _refusal(site: Path, edition: str, problems: list[str]) -> SiteError:
    action = ("refusing to serve it: the public edition must hold public content only"
              if edition == "public" else "cannot serve it")
    return SiteError(f"{site}: {action}\n" + "\n".join(f"  {p}" for p in problems)
                     + "\n    hint: rebuild the edition with `hub build` into a fresh folder; never edit a built site")


def _edition(index_file: Path):
    """The edition ``index.json`` says it is (None when it cannot be read: ``_read`` says why)."""
    try:
        data = json.loads(index_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return data.get("edition") if isinstance(data, dict) else None


def _approved(rule, data: dict) -> bool:
    if rule.public_approval is None:
        return True
    value = data
    for part in rule.public_approval.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value is True


def _read(file: Path, model, public: bool = False) -> tuple[dict | None, list[str]]:
    """A JSON file validated against ``model``: (data, []) or (None, [why]). ``public``: a file of
    the public edition, whose internal fields (``_internal``) are reasons to refuse, each said,
    and are dropped before the rest is checked (so every other reason is found too)."""
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [f"{file}: missing (a site built before the JSON API, or not a hub site)"]
    except (OSError, UnicodeDecodeError) as error:
        return None, [f"{file}: cannot be read ({error})"]
    except json.JSONDecodeError as error:
        return None, [f"{file}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"]
    problems = []
    if public:
        data, found = without_internal(data)
        problems = _internal(file, data, found)
    try:
        model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
        return None, [*problems, f"{file}: {where}: {first['msg']}{more}"]
    return data, problems


def _internal(file: Path, data, found: list[tuple[tuple, object]]) -> list[str]:
    """What the internal fields ``found`` in a public file say, most telling first."""
    out, other = [], []
    kind = data.get("kind") if isinstance(data, dict) else None
    rule = KINDS.get(kind) if isinstance(kind, str) else None
    for path, value in found:
        dotted = ".".join(map(str, path))
        if path in (("visibility",), ("data", "visibility")) and value == "internal" and rule:
            message = f"{file}: the {rule.word} '{data.get('id')}' is internal"
            if message not in out:
                out.insert(0, message)
        elif path[-1] == "visibility" and value == "internal":
            out.append(f"{file}: {dotted} is marked internal")
        elif path[-1] == "internal_notes" and value:
            out.append(f"{file}: has internal_notes")
        else:
            other.append(dotted)
    if other:
        more = f" and {len(other) - SHOWN} more" if len(other) > SHOWN else ""
        out.append(f"{file}: holds {', '.join(other[:SHOWN])}{more}, which the public edition leaves out "
                   f"(owners, freshness and visibility are internal)")
    return out


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []
