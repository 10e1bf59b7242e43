"""The portal's own labels, in every language of ``pmmhub/i18n/<lang>.yml`` (plus any
``pmmhub/i18n/<lang>/<feature>.yml``: a feature keeps its labels in a file of its own).

A top-level section named after an edition other than ``internal`` (``public:``) rewords
labels for that edition: ``public.home.search`` replaces ``home.search`` there, so the
customer-shareable portal does not invite a search for battle cards it does not have.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

FOLDER = Path(__file__).resolve().parent.parent / "i18n"


class Labels:
    """Label lookup by dotted key, ``labels("fresh.ago", days=3, owner="@li")``; unknown keys raise."""

    def __init__(self, language: str, table: dict[str, str]):
        self.language = language
        self.table = table
        self._sections: dict[tuple, str | None] = {}

    def __call__(self, key: str, **values) -> str:
        try:
            text = self.table[key]
        except KeyError:
            raise KeyError(f"no label '{key}' in pmmhub/i18n/{self.language}.yml") from None
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        return key in self.table

    def section_naming(self, choices: tuple) -> str | None:
        """The first section (by name) with a label for every one of ``choices`` (stage, threat, …)."""
        if choices not in self._sections:
            sections = sorted({key.split(".", 1)[0] for key in self.table if "." in key})
            naming = (s for s in sections if all(self.has(f"{s}.{c}") for c in choices))
            self._sections[choices] = next(naming, None)
        return self._sections[choices]


def languages() -> list[str]:
    return sorted(p.stem for p in FOLDER.glob("*.yml"))


@lru_cache(maxsize=None)
def labels(language: str, audience: str = "internal") -> Labels:
    """The labels of ``language``, as the ``audience`` edition words them."""
    file = FOLDER / f"{language}.yml"
    if not file.is_file():
        raise ValueError(f"no portal labels for language '{language}'; available: {', '.join(languages())}")
    table = flatten(_read(file))
    for part in sorted((FOLDER / language).glob("*.yml")):  # a feature's own labels: i18n/<lang>/<feature>.yml
        more = flatten(_read(part) or {})
        clash = sorted(set(more) & set(table))
        if clash:
            raise ValueError(f"{part.relative_to(FOLDER.parent)}: labels {', '.join(clash)} are defined twice")
        table.update(more)
    if audience != "internal":
        prefix = f"{audience}."
        table.update({key[len(prefix):]: text for key, text in table.items() if key.startswith(prefix)})
    return Labels(language, table)


def _read(file: Path):
    """A label file of the package (PyYAML's C parser: the files are ours, and large)."""
    return yaml.load(file.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, name + "."))
        else:
            out[name] = str(value)
    return out
