"""The parser-free path for common field text gives exactly what Python-Markdown and nh3 give."""
import datetime as dt
import random
from pathlib import Path

import pytest

from pmmhub.render import simple_markdown, text

ROOT = Path(__file__).resolve().parent.parent


def full_path(source: str) -> str:
    """What ``text.markdown`` made of ``source`` before the fast path: preprocess, parse, sanitise."""
    source = text._lists_after_paragraphs(source)
    if not text._FENCE.search(source):
        source = text._SOFT_BREAK.sub("", source)
    return text._inert(text._CLEANER.clean(text._MARKDOWN.reset().convert(source))).strip()


def fast_path(source: str) -> str | None:
    source = text._lists_after_paragraphs(source)
    if not text._FENCE.search(source):
        source = text._SOFT_BREAK.sub("", source)
    return simple_markdown.to_html(source.strip("\n"))


def sample_texts() -> set[str]:
    """Every long-text field the sample hub's pages convert."""
    from pmmhub.render import parallel, site, tree

    seen: set[str] = set()
    converted = text._converted
    try:
        text._converted = lambda source: (seen.add(source), converted(source))[1]
        loaded = site.load(ROOT / "data", audience="internal", day=dt.date(2026, 12, 1), directory_urls=True,
                           links_from_source=False)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(parallel, "forks", lambda *args, **kwargs: False)
            tree.edition_tree(loaded, ROOT / "docs")
    finally:
        text._converted = converted
    return seen


def test_every_sample_text_the_fast_path_takes_converts_as_markdown_would():
    texts = sample_texts()
    taken = [source for source in texts if fast_path(source) is not None]
    assert len(texts) > 100 and len(taken) > len(texts) / 2  # the fast path is the common case
    for source in taken:
        assert fast_path(source) == full_path(source), source


# pieces a PMM's text is made of, the awkward ones included
PIECES = ["客户", "门店补货", "TideHub", "data", " ", "  ", "\n", "\n\n", "\n\n\n", "- ", "-", "--- ", "* ", "*",
          "**", "**加粗**", "+ ", "1. ", "2) ", "2024.", "：", ":", "。", "\"", "'", "(", ")", "    ", " \n", "#",
          "> ", "_", "`", "<b>", "&", "=", "\xa0", "\t", "a**b**c", "**x **", "** y**", "****", "***z***"]


@pytest.mark.parametrize("seed", range(8))
def test_random_texts_convert_as_markdown_would_or_take_the_full_path(seed):
    rng = random.Random(seed)
    taken = 0
    for _ in range(1500):
        source = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 14))).strip() or "x"
        fast = fast_path(source)
        if fast is not None:
            taken += 1
            assert fast == full_path(source), repr(source)
    assert taken > 100  # the generator reaches the fast path, so the comparison means something


@pytest.mark.parametrize("source, html", [
    ("痛点在于口径不一。\n\n- **实时数据同步**：当天可见\n- 移动端审批", "<p>痛点在于口径不一。</p>\n<ul>\n<li><strong>实时数据同步</strong>：当天可见</li>\n<li>移动端审批</li>\n</ul>"),
    ("**门诊排班**口径不一", "<p><strong>门诊排班</strong>口径不一</p>"),
    ("Line one\nline two", "<p>Line one\nline two</p>"),
])
def test_the_common_shapes_take_the_fast_path(source, html):
    assert fast_path(source) == html == full_path(source)
    assert text.markdown(source) == html


@pytest.mark.parametrize("source", [
    "- a\n\n- b",  # two lists in a row: one loose list
    "- a\nlazy line",  # a paragraph line that continues the item
    "a\n---",  # an underline: a heading
    "* a",  # another bullet
    "1. a",  # a numbered list
    "a  \nb",  # a hard line break
    "*em*",  # emphasis
    "- - nested",
    "a\xa0b",  # the sanitiser writes &nbsp;
])
def test_what_the_fast_path_does_not_know_goes_to_markdown(source):
    assert fast_path(source) is None
