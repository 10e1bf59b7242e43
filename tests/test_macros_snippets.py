"""The macros of hand-written pages, called directly: output, and errors with hints."""
import re

import pytest
from conftest import BUILD_DAY, FIXTURE_DATA, REPO

from pmmhub.render.site import load
from pmmhub.render.snippets import MACROS, MacroError, call, examples, usage

SITE = load(FIXTURE_DATA, day=BUILD_DAY)


def run(name, *args, page="guide.md", **kwargs):
    return call(SITE, page, name, args, kwargs)


def test_the_macros_are_the_documented_ones():
    assert set(MACROS) == {"product_card", "fabe", "case_studies", "quick_take", "comparison", "link",
                           "search_box", "ways_in"}


@pytest.mark.parametrize("name", MACROS)
def test_every_macro_is_documented_with_an_example_on_the_authoring_page(name):
    authoring = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert re.search(rf"^## .*\b{name}\b", authoring, re.M), f"no section for {name}"
    assert re.search(rf"{{{{ {name}\(", authoring), f"no example of {name}"


def test_output_is_an_html_block_with_links_relative_to_the_calling_page():
    html = run("product_card", "lanyun", page="guides/retail.md")
    assert html.startswith("\n\n<div") and html.endswith("</div>\n\n")
    assert '<a href="../../products/lanyun/">岚云数据平台</a>' in html


def test_case_studies_filter_by_industry_and_product_newest_first():
    assert re.findall(r'<tr data-hub-id="([^"]+)"', run("case_studies")) == ["huaxin-retail", "hidden-factory"]
    assert re.findall(r'<tr data-hub-id="([^"]+)"', run("case_studies", industry="manufacturing")) == ["hidden-factory"]
    assert re.findall(r'<tr data-hub-id="([^"]+)"', run("case_studies", product="lanyun", limit=1)) == ["huaxin-retail"]
    assert "<tr data-hub-id" not in run("case_studies", industry="energy")


def test_link_is_inline():
    assert run("link", "battlecard", "xingyao") == '<a href="../battlecards/xingyao/">星耀分析</a>'


@pytest.mark.parametrize("name, args, kwargs, message, hint", [
    ("product_card", ("lanyn",), {}, "no product with id 'lanyn'", "did you mean 'lanyun'?"),
    ("product_card", ("zzz",), {}, "no product with id 'zzz'", "the product ids are the file names in data/products/"),
    ("product_card", (3,), {}, "expected a product id in quotes; found 3", 'e.g. "lanbao-classic"'),
    ("fabe", ("xingyao",), {}, "no product with id 'xingyao'", ""),
    ("quick_take", ("xinyao",), {}, "no battlecard with id 'xinyao'", "did you mean 'xingyao'?"),
    ("case_studies", (), {"industy": "retail"}, "no argument 'industy'", "did you mean 'industry'?"),
    ("case_studies", (), {"industry": "retial"}, "industry: 'retial' is not in hub.yml industries",
     "did you mean 'retail'?"),
    ("case_studies", (), {"limit": 0}, "limit must be a whole number of at least 1; found 0", "e.g. limit=5"),
    ("case_studies", ("retail", "lanyun", 3, 4), {}, "too many positional arguments",
     "usage: case_studies(industry=None, product=None, limit=None)"),
    ("comparison", (), {}, "missing a required argument: 'id'", "usage: comparison(id)"),
    ("link", ("case-studies", "huaxin-retail"), {}, "no kind 'case-studies'", "did you mean 'case-study'?"),
])
def test_bad_ids_and_arguments_raise_with_a_hint(name, args, kwargs, message, hint):
    with pytest.raises(MacroError) as error:
        call(SITE, "guide.md", name, args, kwargs)
    assert error.value.message == message
    assert error.value.hint == hint or (not hint and error.value.hint)


def test_usage_names_the_arguments():
    assert usage("quick_take") == "quick_take(id)"
    assert usage("ways_in") == "ways_in()"


def test_examples_pick_ids_that_exist():
    found = examples(SITE.catalog)
    assert found["product"] == "lanyun" and found["battlecard"] == "xingyao" and found["industry"] == "retail"
