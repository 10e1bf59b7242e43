"""Load a hub directory into a validated, cross-referenced ``Catalog``.

Every problem in every file is collected; nothing stops at the first one.
"""
from __future__ import annotations

import datetime as dt
import gc
import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from pmmhub.load import files as entity_files
from pmmhub.load import safe_yaml as loader
from pmmhub.validate.diagnose import dotted, problems_from
from pmmhub.problems import HubDataError, Problem
from pmmhub.model import KINDS, Entity, HubConfig, Known
from pmmhub.model.fields import refs

HUB_FILE = entity_files.HUB_FILE
DATA_DIR = "data"  # where a repository keeps its hub, unless told otherwise


@dataclass
class Record:
    """One entity with where it came from."""

    kind: str
    id: str
    path: str  # as shown to people: relative to the hub root's parent (data/products/x.yml)
    entity: Entity
    doc: loader.Document

    @property
    def key(self) -> tuple[str, str]:
        return self.kind, self.id


@dataclass(frozen=True)
class Link:
    """``source`` names ``target`` at ``field`` (a dotted path in the source)."""

    source: tuple[str, str]
    target: tuple[str, str]
    field: str


@dataclass
class Catalog:
    """Validated records by kind and id, with every reference between them indexed both ways.

    Built from its records: the links (``links``, ``referrers``, ``targets``) are computed
    when the catalog is made, from the references the records hold to records it has.
    """

    hub: HubConfig
    records: dict[str, dict[str, Record]]
    problems: list[Problem] = field(default_factory=list)
    links: list[Link] = field(init=False, repr=False)
    _reverse: dict = field(init=False, repr=False)
    links_from: dict = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.links, self._reverse, self.links_from = [], {}, {}
        for record in self:
            for path, value, ref in refs(record.entity):
                if self.get(ref.kind, value):
                    self._add(Link(record.key, (ref.kind, value), dotted(path)))

    def _add(self, link: Link) -> None:
        self.links.append(link)
        self._reverse.setdefault(link.target, set()).add(link.source)
        self.links_from.setdefault(link.source, []).append(link)

    def get(self, kind: str, id_: str) -> Record | None:
        return self.records.get(kind, {}).get(id_)

    def all(self, kind: str) -> list[Record]:
        return [self.records[kind][i] for i in sorted(self.records.get(kind, {}))]

    def __iter__(self):
        for kind in KINDS:
            yield from self.all(kind)

    def __len__(self) -> int:
        return sum(len(r) for r in self.records.values())

    def neighbours(self, record: Record) -> frozenset[tuple[str, str]]:
        """The keys of ``record``, of what it names and of what names it."""
        return frozenset((record.key, *self._reverse.get(record.key, ()),
                          *(link.target for link in self.links_from.get(record.key, ()))))

    def referrers(self, kind: str, id_: str, source_kind: str | None = None) -> list[Record]:
        """Entities that name (kind, id_), optionally only those of ``source_kind``; sorted, unique."""
        keys = self._reverse.get((kind, id_), ())
        found = {k for k in keys if source_kind is None or k[0] == source_kind}
        return [self.get(*k) for k in sorted(found)]

    def targets(self, record: Record, kind: str | None = None) -> list[Record]:
        """Entities ``record`` names, optionally only those of ``kind``; in order of first mention."""
        seen: dict = {}
        for link in self.links_from.get(record.key, ()):
            if kind is None or link.target[0] == kind:
                seen.setdefault(link.target, None)
        return [self.get(*k) for k in seen if self.get(*k)]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def raise_for_errors(self) -> None:
        if self.errors:
            raise HubDataError(self.problems)


class FileCache:
    """What earlier loads of one hub read, for a long-lived process (the preview) to load it again fast.

    A file whose size, modification time and inode are unchanged is not parsed again; its
    validation is reused while the ids and vocabularies it was validated against are the same;
    the anonymity check reads again only the records that changed while no anonymous
    customer's names did. ``load`` with a cache returns what ``load`` without one does.
    """

    def __init__(self):
        self.parsed: dict[str, tuple] = {}  # path -> (stamp, document, problems)
        self.validated: dict[str, tuple] = {}  # path -> (stamp, known, record, problems)
        self.anonymity: tuple | None = None  # (names, records, problems) of the last load

    def record(self, file: Path, kind: str, shown: str, known: Known, names) -> tuple[Record | None, list[Problem]]:
        """One file's record (None if invalid) and problems; ``names`` is ``known`` as a comparable value."""
        stamp = _stamp(file)
        hit = self.validated.get(shown)
        if hit is not None and stamp is not None and hit[0] == stamp and hit[1] == names:
            return hit[2], hit[3]
        parsed = self.parsed.get(shown)
        if parsed is None or stamp is None or parsed[0] != stamp:
            parsed = (stamp, *loader.read(file, shown))
            self.parsed[shown] = parsed
        record, problems = _validate(parsed[1], kind, file, shown, list(parsed[2]), known)
        self.validated[shown] = (stamp, names, record, problems)
        return record, problems

    def forget(self, keep: set[str]) -> None:
        """Drop the files no longer in the hub."""
        for cache in (self.parsed, self.validated):
            for shown in set(cache) - keep:
                del cache[shown]


def _stamp(file: Path) -> tuple | None:
    try:
        st = file.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def load(data_dir: Path | str, cache: FileCache | None = None) -> Catalog:
    """Read, validate and relate every file under ``data_dir`` (reusing ``cache``, when given)."""
    # The load allocates a large, long-lived object graph (YAML nodes kept for error
    # locations, models); the cyclic GC would rescan it again and again for nothing.
    # The pause ends with the load: the collector is as it was when the caller returns.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _load(Path(data_dir), cache)
    finally:
        if paused:
            gc.enable()


def _load(data_dir: Path, cache: FileCache | None) -> Catalog:
    root = Path(data_dir)
    show = _Shown(root)
    problems: list[Problem] = []
    hub = _load_hub(root, show, problems)
    records: dict[str, dict[str, Record]] = {k: {} for k in KINDS}
    if not root.is_dir():
        problems.append(Problem(str(root), 1, 1, "", "no such hub directory", "run from the repository root, or pass DATA_DIR"))
    else:
        files = entity_files.list_files(root, show, problems)
        known = Known(ids={k: {f.stem for f in fs} for k, fs in files.items()},
                      vocab={} if hub is None else {n: set(v) for n, v in hub.vocabularies().items()})
        names = (tuple((k, frozenset(v)) for k, v in sorted(known.ids.items())),
                 tuple((k, frozenset(v)) for k, v in sorted(known.vocab.items())))
        shown_files = set()
        for kind, kind_files in files.items():
            for file in kind_files:
                shown = show(file)
                shown_files.add(shown)
                if cache is None:
                    _load_file(file, kind, shown, records, problems, known)
                    continue
                record, found = cache.record(file, kind, shown, known, names)
                problems += found
                if record is not None:
                    records[kind][file.stem] = record
        if cache is not None:
            cache.forget(shown_files)
    catalog = Catalog(hub or HubConfig(company="?"), records, problems=problems)
    catalog.problems += _anonymity(catalog, cache)
    catalog.problems.sort()
    return catalog


def _anonymity(catalog: Catalog, cache: FileCache | None) -> list[Problem]:
    """The anonymity check's problems; with a cache, only the changed records are read again
    when no anonymous customer's names changed (a problem is located in the record it is in)."""
    from pmmhub.validate import anonymity

    if cache is None:
        return anonymity.problems(catalog)
    names = tuple((r.key, r.entity.customer.name, tuple(r.entity.customer.aliases))
                  for r in catalog.all("case-study") if r.entity.customer.anonymous)
    records = {r.key: r for r in catalog}
    if cache.anonymity is None or cache.anonymity[0] != names:
        found = anonymity.problems(catalog)
    else:
        _, before, problems = cache.anonymity
        named = {key for key, *_ in names}
        again = {key: r for key, r in records.items() if before.get(key) is not r or key in named}
        kept = {r.path for key, r in records.items() if key not in again}
        subset = {kind: {} for kind in catalog.records}
        for key, record in again.items():
            subset[key[0]][key[1]] = record
        found = [p for p in problems if p.file in kept] + anonymity.problems(Catalog(catalog.hub, subset))
    cache.anonymity = (names, records, found)
    return list(found)


class _Shown:
    """How the paths of one hub are shown to people: relative to the working folder when
    the hub is under it, else absolute. Each folder's real path is resolved once per load."""

    def __init__(self, root: Path):
        try:
            self.base = root.resolve().parent.relative_to(Path.cwd().resolve())
        except ValueError:
            self.base = root.resolve().parent
        self._folders: dict[Path, str] = {}

    def __call__(self, path: Path) -> str:
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = str(path.parent.resolve())
        full = os.path.join(folder, path.name)
        return os.path.relpath(full) if not self.base.is_absolute() else full


def read_hub(root: Path) -> HubConfig | None:
    """Only ``hub.yml``, or ``None`` if it is missing or invalid."""
    return _load_hub(Path(root), _Shown(Path(root)), [])


def _load_hub(root: Path, show: _Shown, problems: list[Problem]) -> HubConfig | None:
    file = root / HUB_FILE
    if not entity_files.exists(file):
        problems.append(Problem(show(file), 1, 1, "", f"missing {HUB_FILE} (company, language, vocabularies)",
                                "copy data/hub.yml from the sample hub and adjust it"))
        return None
    doc, found = loader.read(file, show(file))
    problems += found
    if doc is None:
        return None
    try:
        return HubConfig.model_validate(doc.data)
    except ValidationError as err:
        problems += problems_from(err, doc, HubConfig)
        return None


def _load_file(file: Path, kind: str, shown: str, records: dict, problems: list[Problem], known: Known) -> None:
    """Parse and validate one entity file into ``records``; its problems into ``problems``."""
    doc, found = loader.read(file, shown)
    record, found = _validate(doc, kind, file, shown, found, known)
    problems += found
    if record is not None:
        records[kind][file.stem] = record


def _validate(doc, kind: str, file: Path, shown: str, problems: list[Problem],
              known: Known) -> tuple[Record | None, list[Problem]]:
    """The record of one parsed file (None if it is invalid) and its problems."""
    if doc is None:
        return None, problems
    model = KINDS[kind].model
    try:
        entity = model.model_validate(doc.data, context=known.of(kind, file.stem))
    except ValidationError as err:
        return None, problems + problems_from(err, doc, model, known)
    return Record(kind, file.stem, shown, entity, doc), problems


def today() -> dt.date:
    """The build's notion of today: SOURCE_DATE_EPOCH when set, for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return dt.date.today()
