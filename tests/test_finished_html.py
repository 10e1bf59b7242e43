"""Generated pages pass through Python-Markdown without their HTML being parsed again
(``pmmhub.render.finished_html``), and come out as they would have without the extension."""
import datetime as dt
import re
from pathlib import Path

import markdown
import pytest

from pmmhub.engines.config import edition_config, with_finished_html
from pmmhub.render.edition import prepare
from pmmhub.render.finished_html import MARKER, NAME, split

REPO = Path(__file__).resolve().parents[1]
DAY = dt.date(2026, 12, 1)
# the portal's own extensions (mkdocs.yml), as MkDocs hands them to Python-Markdown
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details", "pymdownx.highlight",
              "pymdownx.superfences"]
_BETWEEN_TAGS = re.compile(r">\s+<")


def html(body: str, extensions: list[str]) -> str:
    return _BETWEEN_TAGS.sub("><", markdown.markdown(body, extensions=extensions)).strip()


def body(page: str) -> str:
    return page.split("\n---\n", 1)[1]


@pytest.fixture(scope="module", params=["internal", "public"])
def tree(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(request.param)
    prepared = prepare(REPO, {"docs_dir": "docs"}, plugin_options={"audience": request.param}, out=out, day=DAY)
    return {rel: prepared.tree.files[rel].decode() for rel in {p.src for p in prepared.site.pages} & prepared.tree.pages}


def test_every_generated_page_is_marked_and_takes_the_fast_path(tree):
    assert len(tree) > 20  # entity pages, listings, industries, roles, toolkits, copies
    for rel, page in tree.items():
        assert body(page).startswith(MARKER + "\n"), rel
        assert split(body(page).split("\n", 1)[1]) is not None, f"{rel}: its tags do not balance"


def test_each_page_comes_out_as_without_the_extension(tree):
    for rel, page in tree.items():
        assert html(body(page), EXTENSIONS + [NAME]) == html(body(page).replace(MARKER, ""), EXTENSIONS), rel


def test_headings_make_the_table_of_contents_as_before():
    page = f"{MARKER}\n<div class=\"x\">\n<p>a</p>\n</div>\n\n## 30 秒速读 {{ #quick-take .hub-brief }}\n\n<p>b</p>\n"
    md = markdown.Markdown(extensions=["attr_list", "toc", NAME])
    out = md.convert(page)
    assert '<h2 class="hub-brief" id="quick-take">30 秒速读</h2>' in out
    assert [t["id"] for t in md.toc_tokens] == ["quick-take"]


@pytest.mark.parametrize("inside", [
    "<pre><code>\n## not a heading\n</code></pre>",  # a code sample in data text
    '<p title="a\n## b">text</p>',  # an attribute across lines
    '<p title="x > y">\n## still inside\n</p>',  # '>' inside a quoted attribute
    "<!-- a comment\n## inside it -->",
])
def test_a_hash_line_inside_an_element_stays_text(inside):
    page = f"{MARKER}\n{inside}\n"
    assert "<h2" not in markdown.markdown(page, extensions=[NAME])
    assert split(inside) == [(False, inside)]


@pytest.mark.parametrize("broken", [
    "<div>\n<p>open\n</div>", "</div>\n<p>x</p>", "<div>\n## heading?\n",
    "<p>x</p>\n\n*Markdown* another extension appended\n",  # text outside every element
    "loose text first\n<p>x</p>\n",
])
def test_a_page_whose_tags_do_not_balance_is_left_to_markdown(broken):
    assert split(broken) is None
    page = f"{MARKER}\n{broken}\n"
    assert markdown.markdown(page, extensions=[NAME]) == markdown.markdown(page, extensions=[])


def test_a_page_without_the_marker_is_plain_markdown():
    page = "# Title\n\n<span>inline *emphasis*</span>\n"
    assert markdown.markdown(page, extensions=[NAME]) == markdown.markdown(page)


def test_both_engines_get_the_extension_once():
    assert edition_config({"markdown_extensions": ["toc"]}, {})["markdown_extensions"] == ["toc", NAME]
    assert with_finished_html([{"toc": {"permalink": True}}, NAME]) == [{"toc": {"permalink": True}}, NAME]
    assert with_finished_html({"toc": {}}) == {"toc": {}, NAME: {}}
    assert with_finished_html(None) == [NAME]
