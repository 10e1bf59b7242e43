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


# the tokenizer as first written (a lazy attribute run, '^' for headings): the oracle for the faster one
_PLAIN_TOKEN = re.compile(r"""^(?P<heading>\#{1,6}[ \t][^\n]*)$|<!--.*?-->|<(?P<end>/?)(?P<name>[A-Za-z][A-Za-z0-9-]*)"""
                          r"""(?:[^>"']|"[^"]*"|'[^']*')*?(?P<empty>/?)>""", re.M | re.S)
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


def plain_split(text: str):
    parts, depth, start, after = [], 0, 0, 0
    for token in _PLAIN_TOKEN.finditer(text):
        if depth == 0 and not text[after:token.start()].isspace() and token.start() > after:
            return None
        if token["heading"] is not None:
            if depth == 0:
                parts += [(False, text[start:token.start()]), (True, token["heading"])]
                start = token.end()
        elif token["name"] is not None and not token["empty"] and token["name"].lower() not in _VOID:
            depth += -1 if token["end"] else 1
            if depth < 0:
                return None
        if depth == 0:
            after = token.end()
    if depth or text[after:].strip():
        return None
    parts.append((False, text[start:]))
    return [(heading, part) for heading, part in parts if heading or part.strip()]


PIECES = ["<div>", "</div>", "<DIV class='a>b'>", "<p title=\"x/\">", "</p>", "<br>", "<BR/>", "<img src=a/>",
          "<span/>", "</span >", "<a href=x/y>", "</a>", "<input\ntype=x>", "<!-- c -->", "<!-- <div> -->",
          "<!--", "-->", "## 标题 { #h }", "# h", "####### x", "#x", "\n", "\n\n", " ", "\t", "text", "零售",
          "<", ">", "/", "\"", "'", "</>", "<1>", "<linK>", "<lin\u212a>", "<br-x>", "</br>", "<td\n>", "</td/>",
          "<q a='\"'>", "</q>", "\u00a0", "\u3000"]


@pytest.mark.unit
def test_the_tokenizer_splits_as_the_plain_one_on_random_pages():
    import random

    rng = random.Random(20261202)
    split_with_headings = 0
    for _ in range(20000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 14)))
        text = "\n" + text if rng.random() < 0.3 else text
        expected = split(text)
        assert expected == plain_split(text), repr(text)
        split_with_headings += bool(expected) and any(heading for heading, _ in expected)
    assert split_with_headings > 300  # not only pages left to Markdown


@pytest.mark.unit
def test_the_tokenizer_splits_as_the_plain_one_on_the_sample_pages(tree):
    for rel, page in tree.items():
        marked = page.split(MARKER, 1)[-1]
        assert split(marked) is not None and split(marked) == plain_split(marked), rel
