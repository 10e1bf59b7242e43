"""Preview: with the README's serve command running, a saved YAML edit shows without a restart.

MkDocs watches only docs/ and mkdocs.yml by default; the hub plugin adds the data folder
in ``on_serve``. This test runs the real ``hub serve`` (``mkdocs serve --dirty`` with the hub
plugin's incremental render) on a free loopback port in a copy of the repository, edits one
battle card and polls its page and the page of a product it names, within a time limit; only
the pages that show the card are written again, and the save starts one rebuild. The server
swapped in for the file events, and the collector that keeps garbage collection out of builds,
are checked on their own too.
"""
import os
import re
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest
from conftest import MKDOCS
from datahelpers import copy_of_repository

STARTUP_SECONDS = 180
REBUILD_SECONDS = 60
CANARY = "PREVIEW-CANARY 预览已更新"

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(condition, seconds: float, server: subprocess.Popen):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if server.poll() is not None:
            return None
        time.sleep(0.5)
    return None


@pytest.fixture
def serve(tmp_path):
    """``mkdocs serve`` in a copy of the repository; yields (repo, base url, server)."""
    repo = copy_of_repository(tmp_path / "repo")
    mount = re.search(r"^site_url:\s*\S+?://[^/\s]+(/\S*)?", (repo / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    path = (mount.group(1) if mount and mount.group(1) else "/").rstrip("/") + "/"
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    hub = MKDOCS.parent / "hub"  # `hub serve`: `mkdocs serve --dirty` with the hub plugin
    server = subprocess.Popen([hub, "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=repo, stdout=log,
                              stderr=subprocess.STDOUT, env={**os.environ, "NO_COLOR": "1"})
    try:
        yield repo, f"http://127.0.0.1:{port}{path}", server
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)
        log.close()


def nav_titles(html: str, page_title: str) -> list[str]:
    """The titles the page's navigation shows, the page's own left out."""
    found = re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', html, re.S)
    return [title for title in found if title != page_title]


def rendered_times(repo) -> dict[str, int]:
    """Modification time of every file of the preview's rendered tree (what MkDocs builds from)."""
    tree = repo / "build" / "serve" / "internal" / "docs"
    return {p.relative_to(tree).as_posix(): p.stat().st_mtime_ns for p in tree.rglob("*.md")}


def test_an_edit_to_a_yaml_file_shows_without_a_restart(serve, tmp_path):
    repo, base, server = serve
    card = sorted((repo / "data" / "battlecards").glob("*.yml"))[0]
    text = card.read_text(encoding="utf-8")
    product = re.search(r"^products: \[([^,\]]+)", text, re.M).group(1).strip()
    url, product_url = f"{base}battlecards/{card.stem}/", f"{base}products/{product}/"
    first = wait_for(lambda: fetch(url), STARTUP_SECONDS, server)
    log = lambda: (tmp_path / "serve.log").read_text(encoding="utf-8", errors="replace")[-3000:]  # noqa: E731
    assert first is not None, f"the preview did not serve {url} within {STARTUP_SECONDS}s:\n{log()}"
    assert CANARY not in first and CANARY not in fetch(product_url)
    time.sleep(1.5)  # the first build is over: what the edit writes has newer times
    before = rendered_times(repo)

    edited = re.sub(r"^name: .*$", f"name: {CANARY}", text, count=1, flags=re.M)
    assert edited != text
    card.write_text(edited, encoding="utf-8")

    updated = wait_for(lambda: CANARY in (fetch(url) or ""), REBUILD_SECONDS, server)
    assert updated, (f"{url} did not change within {REBUILD_SECONDS}s of saving {card.relative_to(repo)}: "
                     "the preview does not watch data/ (the hub plugin's on_serve must call "
                     f"server.watch on the data folder)\n{log()}")
    assert CANARY in fetch(product_url)  # a page that shows the card is rebuilt too
    old_name = re.search(r"^name: (.*)$", text, re.M).group(1).strip()
    assert nav_titles(updated_html := fetch(url), CANARY) == nav_titles(first, old_name)  # the nav stays whole
    assert len(nav_titles(updated_html, CANARY)) > 10
    after = rendered_times(repo)
    written = {rel for rel in after if after[rel] != before.get(rel)}
    assert f"battlecards/{card.stem}.md" in written and f"products/{product}.md" in written
    assert len(written) < len(after) / 3, f"the edit rewrote {len(written)} of {len(after)} pages: {sorted(written)}"
    time.sleep(2)  # a build reads the sources: that must not start another one
    builds = (tmp_path / "serve.log").read_text(encoding="utf-8", errors="replace").count("Detected file changes")
    assert builds == 1, f"one save started {builds} rebuilds:\n{log()}"
    assert server.poll() is None  # still the same server: no restart

    # what every page's frame shows (the edition's site name, from hub.yml) reaches pages whose own
    # content did not change: --dirty must rebuild them too
    hub_yml = repo / "data" / "hub.yml"
    hub_text = hub_yml.read_text(encoding="utf-8")
    assert "site_name: 澄潮数智 · 销售门户" in hub_text
    hub_yml.write_text(hub_text.replace("site_name: 澄潮数智 · 销售门户", "site_name: 澄潮数智 · 新门户", 1), encoding="utf-8")
    persona = f"{base}personas/{sorted((repo / 'data' / 'personas').glob('*.yml'))[0].stem}/"
    assert wait_for(lambda: "澄潮数智 · 新门户" in (fetch(persona) or ""), REBUILD_SECONDS, server), log()


def test_a_deleted_entity_leaves_the_preview(serve, tmp_path):
    """A battle card added while the preview runs gets its page, API record and Markdown mirror;
    deleted again, they are gone (404), not served from the earlier build."""
    repo, base, server = serve
    log = lambda: (tmp_path / "serve.log").read_text(encoding="utf-8", errors="replace")[-3000:]  # noqa: E731
    assert wait_for(lambda: fetch(base), STARTUP_SECONDS, server), log()
    card = sorted((repo / "data" / "battlecards").glob("*.yml"))[0]
    added = card.with_name("preview-added.yml")
    text = re.sub(r"^name: .*$", f"name: {CANARY}", card.read_text(encoding="utf-8"), count=1, flags=re.M)
    time.sleep(1.5)
    added.write_text(text, encoding="utf-8")
    url = f"{base}battlecards/preview-added/"
    assert wait_for(lambda: CANARY in (fetch(url) or ""), REBUILD_SECONDS, server), log()
    listing = f"{base}battlecards/"
    assert CANARY in fetch(listing)
    record, mirror = f"{base}api/v1/battlecards/preview-added.json", f"{url}index.md"  # written after the page
    assert wait_for(lambda: CANARY in (fetch(record) or "") and fetch(mirror), REBUILD_SECONDS, server), log()
    added.unlink()
    assert wait_for(lambda: fetch(url) is None and fetch(listing) is not None, REBUILD_SECONDS, server), log()
    assert CANARY not in fetch(listing)
    assert wait_for(lambda: fetch(record) is None and fetch(mirror) is None, REBUILD_SECONDS, server), log()
    kept = [f"{base}battlecards/{card.stem}/", f"{base}battlecards/{card.stem}/index.md",
            f"{base}api/v1/battlecards/{card.stem}.json", f"{base}api/v1/index.json", f"{base}llms.txt"]
    assert all(fetch(page) for page in kept), [page for page in kept if not fetch(page)]  # nothing else went


def test_the_server_hears_changes_not_reads(tmp_path):
    """``live.swap``: MkDocs' server replaced by one on the system's file events, same address and
    folder; writing, adding, renaming and removing a file start a build, reading one does not."""
    from mkdocs.livereload import LiveReloadServer

    from pmmhub.engines.live import ChangesObserver, LiveServer, swap

    builds = []
    mkdocs_server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path),
                                     mount_path="/hub/")
    server = swap(mkdocs_server, [str(tmp_path)])
    assert isinstance(server, LiveServer) and isinstance(server.observer, ChangesObserver)
    assert (server.server_address, server.root, server.mount_path) == \
        (mkdocs_server.server_address, mkdocs_server.root, "/hub/")
    server.builder = lambda: builds.append(1)
    (tmp_path / "card.yml").write_text("name: a\n", encoding="utf-8")
    threading.Thread(target=server.serve, daemon=True).start()
    try:
        time.sleep(0.5)
        (tmp_path / "card.yml").read_text(encoding="utf-8")
        time.sleep(0.5)
        assert builds == [], "reading a file started a build"
        for change in (lambda: (tmp_path / "card.yml").write_text("name: b\n", encoding="utf-8"),
                       lambda: (tmp_path / "new.yml").write_text("name: c\n", encoding="utf-8"),
                       lambda: (tmp_path / "new.yml").rename(tmp_path / "moved.yml"),
                       lambda: (tmp_path / "moved.yml").unlink()):
            count = len(builds)
            change()
            assert wait_until(lambda: len(builds) > count, 5), "a change started no build"
    finally:
        server.shutdown(wait=True)


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_garbage_is_collected_between_builds_not_during_them():
    import gc

    from pmmhub.engines.collector import Collector

    collector = Collector(delay=0.05)
    assert gc.isenabled()
    collector.pause()
    assert not gc.isenabled()
    collector.resume()
    assert gc.isenabled() and collector.timer is not None
    collector.timer.join(5)
    assert not collector.timer.is_alive()  # the collection ran
    collector.pause()
    collector.pause()  # twice: still restored once
    collector.resume()
    collector.stop()
    assert gc.isenabled()


def test_a_one_shot_build_collects_no_garbage_until_it_ends():
    """``mkdocs build``: the plugin pauses the collector for the whole build, then switches it back on
    with what the build made frozen (the interpreter's exit does not walk it)."""
    import gc

    from pmmhub.engines.collector import Collector

    collector = Collector(delay=None)
    collector.pause()
    assert not gc.isenabled()
    made = [[] for _ in range(1000)]
    frozen = gc.get_freeze_count()
    try:
        collector.resume()
        assert gc.isenabled() and collector.timer is None
        assert gc.get_freeze_count() >= frozen + len(made)
    finally:
        gc.unfreeze()


def test_the_plugin_pauses_the_collector_under_mkdocs_build(tmp_path):
    import gc

    from conftest import make_project
    from mkdocs.config import load_config

    config = load_config(str(make_project(tmp_path / "p") / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        assert not gc.isenabled()
    finally:
        config.plugins.on_build_error(error=None)
        config.plugins.on_post_build(config=config)
    assert gc.isenabled()


def test_data_errors_show_in_the_browser_on_every_page_and_clear_once_fixed(serve, tmp_path, browser):
    """While a YAML file is broken, any page of the preview shows every problem as `hub validate`
    prints it, and live reload brings the page back by itself once the file is fixed."""
    from browserkit import new_page

    repo, base, server = serve
    card = sorted((repo / "data" / "battlecards").glob("*.yml"))[0]
    persona = sorted((repo / "data" / "personas").glob("*.yml"))[0]
    url = f"{base}battlecards/{card.stem}/"
    assert wait_for(lambda: fetch(url), STARTUP_SECONDS, server), "the preview did not start"
    good_card, good_persona = (f.read_text(encoding="utf-8") for f in (card, persona))
    with new_page(browser) as page:
        page.goto(url)
        page.wait_for_selector(".hub-header")
        card.write_text(good_card.replace("\nthreat: ", "\nthreat: 很高 #", 1).replace("\nowner:", "\nownr:", 1),
                        encoding="utf-8")
        persona.write_text(good_persona.replace("\nbuying_role:", "\nbuying_rol:", 1), encoding="utf-8")
        alert = page.wait_for_selector(".hub-errors", timeout=REBUILD_SECONDS * 1000)  # live reload, no click
        shown = alert.inner_text()
        shown_card = card.relative_to(repo).as_posix()
        assert "数据有错误" in shown
        assert f"{shown_card}:" in shown and "owner: required field missing" in shown and "ownr: unknown field" in shown
        assert f"{persona.relative_to(repo).as_posix()}:" in shown and "hint:" in shown
        assert fetch(f"{base}products/") and "hub-errors" in fetch(f"{base}products/")  # every page, no hang
        card.write_text(good_card, encoding="utf-8")
        persona.write_text(good_persona, encoding="utf-8")
        page.wait_for_selector(".hub-header", timeout=REBUILD_SECONDS * 1000)  # back by itself
        assert page.query_selector(".hub-errors") is None
    assert server.poll() is None
