"""The preview's incremental render: after any sequence of edits, the same tree as a fresh render.

A small skewed synthetic hub (36 entities) is rendered once with an ``Incremental`` (as ``mkdocs serve``
does) and, after each edit, again with it and afresh without it, into two folders: the trees
and the folders must be byte-identical, and the incremental render must have reused pages.
"""
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from hubdev.synth import generate
from pmmhub.problems import HubDataError
from pmmhub.relate.catalog import FileCache, load
from pmmhub.render.edition import prepare
from pmmhub.render.incremental import Incremental

REPO = Path(__file__).resolve().parents[1]
DAY = dt.date(2026, 12, 1)
CONFIG = {"docs_dir": "docs", "use_directory_urls": True, "repo_url": "https://git.example/pmm/hub",
          "edit_uri": "-/edit/main/docs/"}


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """A skewed synthetic hub of 36 entities with the repository's hand-written pages: every kind,
    90 internal and 30 public pages (64 and 21 generated from entities); more only renders longer."""
    project = tmp_path_factory.mktemp("hub")
    generate(project, 36, seed=3, today=DAY, skewed=True)
    shutil.copytree(REPO / "docs", project / "docs")
    return project


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class Preview:
    """One edition rendered incrementally into ``live``, checked against a fresh render into ``fresh``."""

    def __init__(self, project: Path, audience: str):
        self.project, self.options = project, {"data_dir": "data", "audience": audience}
        self.incremental = Incremental()
        self.live, self.fresh = project / "build" / audience / "live", project / "build" / audience / "fresh"
        self.last = None

    def render(self):
        self.last = prepare(self.project, CONFIG, plugin_options=self.options, out=self.live, day=DAY,
                            incremental=self.incremental)
        return self.last

    def check(self):
        """Render incrementally and afresh; the same bytes in memory and on disk. Returns the
        generated pages whose content was reused from the render before."""
        before = {p.src: p.content for p in self.last.site.pages} if self.last else {}
        live = self.render()
        fresh = prepare(self.project, CONFIG, plugin_options=self.options, out=self.fresh, day=DAY)
        assert live.tree.files == fresh.tree.files
        assert files_of(self.live) == files_of(self.fresh)
        assert live.overrides == fresh.overrides
        return {p.src for p in live.site.pages if p.src in before and p.content is before[p.src]}


def edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.M)
    assert changed != text, f"{pattern!r} not in {path.name}"
    path.write_text(changed, encoding="utf-8")


def first(folder: Path, contains: str = "") -> Path:
    return next(p for p in sorted(folder.glob("*.yml")) if contains in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_an_incremental_render_after_edits_equals_a_fresh_one(hub, tmp_path, audience):
    project = tmp_path / "project"
    shutil.copytree(hub, project)
    data = project / "data"
    preview = Preview(project, audience)
    preview.render()

    card = first(data / "battlecards")
    edit(card, r"^name: .*$", "name: 改过的竞品卡")
    reused = preview.check()
    assert len(reused) >= 10  # only what shows the card was rendered again
    if audience == "internal":
        assert f"battlecards/{card.stem}.md" not in reused

    study = first(data / "case-studies", "products: [")
    products = sorted(p.stem for p in (data / "products").glob("*.yml"))
    named = re.search(r"^products: \[([^,\]]+)", study.read_text(encoding="utf-8"), re.M).group(1).strip()
    other = next(p for p in products if p != named)
    edit(study, r"^products: \[[^,\]]+", f"products: [{other}")  # the old product loses a referrer
    assert preview.check()

    added = data / "case-studies" / "added-story.yml"
    added.write_text(study.read_text(encoding="utf-8").replace("anonymous: true", "anonymous: false"),
                     encoding="utf-8")
    preview.check()

    added.unlink()
    reused = preview.check()
    if audience == "internal":  # outside it, a change to what the edition holds renders everything again
        assert reused

    launch = first(data / "launches")
    launch.unlink()
    preview.check()


def test_a_broken_file_leaves_the_next_render_right(hub, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(hub, project)
    preview = Preview(project, "internal")
    preview.render()
    card = first(project / "data" / "battlecards")
    good = card.read_text(encoding="utf-8")
    card.write_text(good.replace("\nowner:", "\nownr:", 1), encoding="utf-8")
    with pytest.raises(HubDataError, match="ownr"):
        preview.render()
    card.write_text(good.replace("\nname: ", "\nname: 修好了 ", 1), encoding="utf-8")
    preview.check()


def test_a_cached_load_equals_a_fresh_load_and_sees_every_anonymity_problem(hub, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(hub, project)
    data, cache = project / "data", FileCache()
    assert load(data, cache).problems == load(data).problems
    secret = next(p for p in sorted((data / "case-studies").glob("*.yml"))
                  if "anonymous: true" in p.read_text(encoding="utf-8"))
    name = re.search(r"^  name: (.+)$", secret.read_text(encoding="utf-8"), re.M).group(1)
    card = first(data / "battlecards")
    edit(card, r"^summary: .*$", f"summary: 我们赢了 {name}")  # another file names the anonymous customer

    cached, fresh = load(data, cache), load(data)
    assert [p.text() for p in cached.problems] == [p.text() for p in fresh.problems]
    assert any(card.name in p.file and "anonymous customer" in p.message for p in cached.errors)
    unchanged = next(r for r in cached if r.kind == "product")
    assert load(data, cache).get(*unchanged.key) is unchanged  # an unchanged file is not read again

    edit(card, r"^summary: .*$", "summary: 说法改好了")
    assert [p.text() for p in load(data, cache).problems] == [p.text() for p in load(data).problems]
    assert not any(card.name in p.file for p in load(data, cache).errors)


def test_every_page_declares_every_entity_its_render_reads(hub, monkeypatch):
    """What a page's templates read from a catalog (``get``, ``all``, and so ``referrers``, ``targets``,
    iteration) is among the entities the page declares: a template that starts showing more is caught here."""
    from pmmhub.relate.catalog import Catalog
    from pmmhub.render.site import load as load_site

    read: set = set()
    get, every = Catalog.get, Catalog.all

    def reading_get(self, kind, id_):
        found = get(self, kind, id_)
        if found is not None:
            read.add(found.key)
        return found

    def reading_all(self, kind):
        found = every(self, kind)
        read.update(r.key for r in found)
        return found

    for audience in ("internal", "public"):
        site = load_site(hub / "data", day=DAY, audience=audience)
        pages = [p for p in site.pages if p.depends is not None and not p.rendered]
        assert len(pages) > (40 if audience == "internal" else 20), audience
        # which entities have a public projection is one fixed point of the whole hub (relate.editions),
        # computed once per render; a page depends on its own entity's and its neighbours' part of it
        site.ctx.shareable(next(iter(site.catalog)))
        monkeypatch.setattr(Catalog, "get", reading_get)
        monkeypatch.setattr(Catalog, "all", reading_all)
        for page in pages:
            read.clear()
            assert page.content
            assert read <= page.depends, (audience, page.src, sorted(read - page.depends))
        monkeypatch.undo()
