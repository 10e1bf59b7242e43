"""The customer-shareable edition, as the hub plugin makes it with `audience: public`."""
import re

import pytest
from conftest import article, build, built, make_project, text

GUIDE = "---\ntitle: 零售指南\n---\n\n# 零售指南\n\n{{ product_card(\"lanyun\") }}\n"


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("portal-public"), pages={"guide.md": GUIDE}, audience="public")
    return built(build(project, "portal fixture (public)"))


def test_only_public_entities_get_pages(public):
    assert (public.site / "products" / "lanyun" / "index.html").is_file()  # visibility: public
    for internal in ("products/lanbao-classic", "battlecards/xingyao", "personas/cio", "case-studies/huaxin-retail"):
        assert not (public.site / internal).exists(), internal
    assert not (public.site / "battlecards").exists()


def test_internal_parts_and_internal_links_are_left_out(public):
    html = public.page("products/lanyun/")
    body = text(article(html))
    assert "价格底线请先找区域总监确认" not in body  # internal_notes
    assert "按节点订阅" not in body  # pricing: visibility internal
    assert "岚云产品彩页" in body  # a public asset
    assert 'rel="edit"' not in html and "git.chengchao.example" not in html
    assert "测试门户，内部资料" not in html  # the internal banner


def test_the_home_page_offers_only_what_the_edition_has_in_its_own_words(public):
    from pmmhub.render.i18n import labels

    html = article(public.page(""))
    home = text(html)
    assert f'placeholder="{labels("zh", "public")("home.search")}"' in html  # the search box's words
    assert labels("zh")("home.search") not in html  # "搜索竞争卡片……": there are none here
    assert labels("zh")("home.by_industry") not in home  # no industry has public content
    assert "岚云" in home  # the public product


def test_pages_marked_internal_are_not_published_and_public_pages_are(public):
    assert not (public.site / "authoring").exists()  # docs/authoring.md: audience: internal
    assert 'data-hub-id="lanyun"' in public.page("guide/")


def test_a_page_that_embeds_internal_content_fails_with_a_hint(tmp_path):
    page = "---\ntitle: 竞争简报\n---\n\n# 竞争简报\n\n{{ quick_take(\"xingyao\") }}\n"
    done = build(make_project(tmp_path, pages={"brief.md": page}, audience="public"), "public, internal macro")
    assert done.returncode != 0 and "Traceback" not in done.output
    assert re.search(r"docs/brief\.md:7: quick_take: battlecard 'xingyao' is not in the public edition\n"
                     r"\s+hint: add `audience: internal` to this page's front matter", done.output), done.output
