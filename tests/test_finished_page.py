"""Under MkDocs the hub converts its generated pages itself (``finished_html.to_html``, through
``engines.finished_page.FinishedPage``) and they come out exactly as Python-Markdown makes them:
the same HTML, table of contents, title and anchors, and the same built site."""
import datetime as dt
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.pages import Page

from conftest import REPO, build, built, make_project
from pmmhub.engines.finished_page import FinishedPage, converts_like_fast_path
from pmmhub.render.edition import prepare
from pmmhub.render.finished_html import MARKER, Converted, ahead, digest, to_html

DAY = dt.date(2026, 12, 1)
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", {"toc": {"permalink": True}}, "pymdownx.details",
              "pymdownx.highlight", "pymdownx.superfences", "pmmhub.render.finished_html"]


def mkdocs_config(root: Path, docs: Path, extensions=EXTENSIONS):
    config_file = root / "mkdocs.yml"
    settings = {"site_name": "t", "docs_dir": str(docs), "site_dir": str(root / "site"), "markdown_extensions": extensions}
    config_file.write_text(yaml.safe_dump(settings), encoding="utf-8")
    return load_config(str(config_file))


def toc(items) -> list:
    return [(i.title, i.id, i.level, toc(i.children)) for i in items]


def converted(page: Page, config, files) -> tuple:
    page.read_source(config)
    page.render(config, files)
    return page.content, toc(page.toc), page.title, page.present_anchor_ids


@pytest.fixture(scope="module", params=["internal", "public"])
def edition(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(request.param)
    prepared = prepare(REPO, {"docs_dir": "docs"}, plugin_options={"audience": request.param}, out=root / "docs",
                       day=DAY)
    config = mkdocs_config(root, root / "docs")
    return config, get_files(config), prepared.site.page_srcs()


def test_the_portal_config_converts_like_the_fast_path(edition):
    config, _, _ = edition
    assert converts_like_fast_path(config)


def test_every_generated_page_comes_out_as_markdown_makes_it(edition):
    config, files, generated = edition
    pages = [f for f in files.documentation_pages() if f.src_uri in generated]
    assert len(pages) > 20  # entity pages, listings, industries, roles, toolkits, customer copies
    for file in pages:
        expected = converted(Page(None, file, config), config, files)
        page = FinishedPage(None, file, config)
        page.read_source(config)
        assert to_html(page.markdown) is not None, f"{file.src_uri} left the fast path"
        assert converted(page, config, files) == expected, file.src_uri


def marked_page(root: Path, heading: str):
    """A marked page ``docs/p.md`` under ``root`` with ``heading`` between two HTML blocks: its body,
    the MkDocs config, its files and the page's file."""
    body = f"{MARKER}\n\n<div class=\"hub-header\">\n<h1>T</h1>\n</div>\n\n{heading}\n\n<p>text</p>\n"
    (root / "docs").mkdir()
    (root / "docs" / "p.md").write_text(f"---\ntitle: T\n---\n{body}", encoding="utf-8")
    config = mkdocs_config(root, root / "docs")
    files = get_files(config)
    return body, config, files, files.get_file_from_path("p.md")


# heading text the templates could write from data, and Markdown's answer to compare with
HEADINGS = [
    "## 推介话术 { #pitch }", "## 能力对比 { #comparison .hub-brief }", "### real\\-time \\*sync\\* { #o-1 .hub-brief }",
    '## 解决方案 <span class="hub-count">22</span> { #solutions }', "## (2) 价格 + 折扣! { #p }", "## a\\\\b { #b }",
    '## 他说"好" 5.0 { #q }', "## a & b { #amp }", "## a < b { #lt }", "## *em* { #em }", "## `code` { #code }",
    "## [link](x.md) { #link }", "## C# { #c }", "## closing ## { #close }", "## snake_case { #snake }",
    "## x { #id .a .b }", "## x {#tight}", "## no id", "##　全角空格　{ #wide }", "## a\u3000b { #mid }",
    '## <span class="other">1</span> { #other }', "## \\> quote { #gt }", "## x { #dup }\n\n## y { #dup }",
    "## a  b { #two-spaces }", "## 10~20 人 { #tilde }", "## a \\| b { #pipe }",
]


@pytest.mark.parametrize("heading", HEADINGS)
def test_a_heading_is_converted_as_markdown_does_or_left_to_it(heading, tmp_path):
    body, config, files, file = marked_page(tmp_path, heading)
    expected = converted(Page(None, file, config), config, files)
    assert converted(FinishedPage(None, file, config), config, files) == expected
    simple = heading.startswith(("## 推介", "## 能力", "### real", "## 解决", "## (2)", "## a\\\\", '## 他说', "## x { #dup", "## 10~20"))
    assert (to_html(body) is not None) == simple, "the fast path takes what it knows, and only that"


@pytest.mark.parametrize("body", [
    "<span>inline first</span>\n\n## h { #h }\n",  # Markdown wraps inline HTML in a paragraph
    "# 标题 { #t }\n\n<p>x</p>\n",  # a title heading: MkDocs reads the page's title from it
    "<p>a</p>\n\ttabbed\n", "<p>a</p>\r\n<p>b</p>\r\n",
    "<div-x>custom</div-x>\n", "<div\nclass=\"x\">a</div>\n",  # Markdown reads neither as a block
])
def test_what_the_fast_path_does_not_know_goes_to_markdown(body):
    assert to_html(f"{MARKER}\n{body}") is None
    assert to_html(body.replace(MARKER, "")) is None  # no marker: a hand-written page


def test_a_config_with_other_extensions_or_toc_options_keeps_markdown(tmp_path):
    (tmp_path / "docs").mkdir()
    assert converts_like_fast_path(mkdocs_config(tmp_path, tmp_path / "docs"))
    other = [e for e in EXTENSIONS if e != "pymdownx.superfences"] + ["pymdownx.tilde"]
    assert not converts_like_fast_path(mkdocs_config(tmp_path, tmp_path / "docs", other))
    titled = [e if not isinstance(e, dict) else {"toc": {"permalink": True, "permalink_title": "¶"}} for e in EXTENSIONS]
    assert not converts_like_fast_path(mkdocs_config(tmp_path, tmp_path / "docs", titled))
    without = [e for e in EXTENSIONS if e != "pmmhub.render.finished_html"]
    assert not converts_like_fast_path(mkdocs_config(tmp_path, tmp_path / "docs", without))


def test_the_plugin_converts_generated_pages_and_the_nav_keeps_its_titles(tmp_path):
    from mkdocs.structure.nav import get_navigation

    project = make_project(tmp_path / "p")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace("  - products/index.md", "  - 产品一览: products/index.md"),
                                        encoding="utf-8")
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        files = config.plugins.on_files(get_files(config), config=config)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        generated = {src for src in config.plugins["hub"].prepared.site.page_srcs() if src.endswith(".md")}
    finally:
        config.plugins["hub"].on_build_error(None)  # stop the channel child on_files started
    kinds = {f.src_uri: type(f.page) for f in files.documentation_pages()}
    assert {kinds[src] for src in generated} == {FinishedPage}
    taken = 0
    for src in generated:  # the render converted the pages it rendered, from the very Markdown MkDocs reads
        page = files.get_file_from_path(src).page
        page.read_source(config)
        if page.ahead is not None:
            taken += 1
            assert page.ahead[0] == digest(page.markdown) and page.ahead[1] == to_html(page.markdown), src
    entity_pages = {src for src in generated if src.startswith("products/") and not src.endswith("index.md")}
    assert entity_pages and taken > len(entity_pages)
    assert all(files.get_file_from_path(src).page.ahead is not None for src in entity_pages)
    assert {kinds[src] for src in set(kinds) - generated} == {Page}  # hand-written pages: MkDocs converts them
    listing = files.get_file_from_path("products/index.md").page
    assert listing in nav.pages and listing.title == "产品一览"  # the navigation's title, kept


def test_the_fast_path_needs_attribute_lists(tmp_path):
    (tmp_path / "docs").mkdir()
    without = [e for e in EXTENSIONS if e != "attr_list"]
    assert not converts_like_fast_path(mkdocs_config(tmp_path, tmp_path / "docs", without))


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_a_built_site_is_the_same_with_and_without_the_fast_path(audience, tmp_path):
    """Byte for byte: a default ``permalink_title`` spelled out makes the same HTML and keeps Markdown."""
    fast = make_project(tmp_path / "fast", data=REPO / "data", audience=audience)
    slow = make_project(tmp_path / "slow", data=REPO / "data", audience=audience)
    text = (slow / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      permalink: true\n" in text
    (slow / "mkdocs.yml").write_text(text.replace("      permalink: true\n",
                                                  "      permalink: true\n      permalink_title: Permanent link\n"),
                                     encoding="utf-8")
    sites = [built(build(project, f"fast path {project.name} ({audience})")).site for project in (fast, slow)]
    pages = {p.relative_to(sites[0]) for p in sites[0].rglob("*.html")}
    assert len(pages) > {"internal": 40, "public": 20}[audience] and pages == {p.relative_to(sites[1]) for p in sites[1].rglob("*.html")}
    for rel in sorted(pages):
        assert (sites[0] / rel).read_bytes() == (sites[1] / rel).read_bytes(), rel


def test_hub_build_hands_mkdocs_the_pages_plugin_and_the_site_is_the_same_without_it(tmp_path, monkeypatch):
    """``hub build``'s MkDocs config names ``hub-pages`` (pages skip Python-Markdown); byte for byte
    the site is the one MkDocs makes from the same tree without it."""
    import dataclasses

    from pmmhub.engines import run

    project = make_project(tmp_path / "p", data=REPO / "data")
    fast = run.build_with("mkdocs", project / "mkdocs.yml", "internal", tmp_path / "fast", day=DAY)
    assert "hub-pages" in yaml.safe_load(fast.config_file.read_text(encoding="utf-8"))["plugins"]
    monkeypatch.setitem(run.TRAITS, "mkdocs", dataclasses.replace(run.TRAITS["mkdocs"], plugins=()))
    slow = run.build_with("mkdocs", project / "mkdocs.yml", "internal", tmp_path / "slow", day=DAY)
    assert "hub-pages" not in yaml.safe_load(slow.config_file.read_text(encoding="utf-8"))["plugins"]
    pages = sorted(p.relative_to(tmp_path / "fast") for p in (tmp_path / "fast").rglob("*.html"))
    assert len(pages) > 40 and pages == sorted(p.relative_to(tmp_path / "slow") for p in (tmp_path / "slow").rglob("*.html"))
    for rel in pages:
        assert (tmp_path / "fast" / rel).read_bytes() == (tmp_path / "slow" / rel).read_bytes(), rel


def test_a_page_takes_the_renders_conversion_only_while_its_markdown_is_the_one_converted(tmp_path):
    body, config, files, file = marked_page(tmp_path, "## 推介话术 { #pitch }")
    source = (tmp_path / "docs" / "p.md").read_text(encoding="utf-8")
    made = ahead(source)
    assert made is not None and made[0] == digest(body) and made[1] == to_html(body)
    marked = Converted("<p>from the render</p>", [], set())
    page = FinishedPage(None, file, config)
    page.ahead = (made[0], marked)
    assert converted(page, config, files)[0] == "<p>from the render</p>" and page.ahead is None  # taken, then let go
    page = FinishedPage(None, file, config)
    page.ahead = (digest(body + "<p>a plugin added this</p>\n"), marked)  # other Markdown than the page's
    assert converted(page, config, files) == converted(Page(None, file, config), config, files)


def test_the_render_converts_ahead_only_when_asked(tmp_path):
    """``hub build`` hands the tree to another process, which converts the pages itself."""
    asked = prepare(REPO, {"docs_dir": "docs"}, plugin_options={}, out=tmp_path / "a", day=DAY, convert_ahead=True)
    plain = prepare(REPO, {"docs_dir": "docs"}, plugin_options={}, out=tmp_path / "b", day=DAY)
    assert len(asked.tree.converted) > 20 and plain.tree.converted == {}
    assert set(asked.tree.converted) <= {src for src in asked.tree.pages if src.endswith(".md")}
