"""The leak scanner finds a secret however the output spells it, and an anonymous customer's
name always (fast: no build, but for one real build that must be refused)."""
import gzip
import json
import os
from pathlib import Path

import material
import pytest
from datahelpers import entity, write_hub
from fixtures.publish.builds import DATA, canary_project, hub_build

from pmmhub.relate.catalog import load
from pmmhub.relate.editions import edition
from pmmhub.publish.leakcheck import internal_only, scan

SECRET = "价格底线请先找区域总监确认"
ENGLISH = "Ask the regional director before going below the floor price"
SECRETS = {SECRET: "data/products/x.yml: internal_notes", ENGLISH: "data/products/x.yml: pricing.model"}


def site_with(tmp_path: Path, name: str, content: str | bytes) -> Path:
    file = tmp_path / "site" / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return tmp_path / "site"


def found(site: Path) -> list[str]:
    return [str(leak) for leak in scan(site, SECRETS)]


def test_a_secret_in_a_page_is_named_with_file_and_source(tmp_path):
    site = site_with(tmp_path, "a/index.html", f"<p>{SECRET}</p>")
    assert found(site) == [f"a/index.html: contains internal text '{SECRET}' from data/products/x.yml: internal_notes"]


def test_the_search_index_spelling_is_seen_through(tmp_path):
    # Material's search index: Chinese segmented with zero-width spaces, written with \\u escapes
    segmented = "\u200b".join(["价格", "底线", "请", "先找", "区域", "总监", "确认"])
    index = json.dumps({"docs": [{"location": "a/", "text": f"<p>\u200b{segmented}\u200b</p>"}]})
    assert "价格" not in index
    assert found(site_with(tmp_path, "search/search_index.json", index)) != []


def test_markup_escapes_line_breaks_and_gzip_are_seen_through(tmp_path):
    variants = {
        "inline.html": "<p>价格<strong>底线</strong>请先找区域总监确认</p>",
        "escaped.html": "<p>" + "".join(f"&#x{ord(c):x};" for c in SECRET) + "</p>",
        "wrapped.html": "<p>Ask the regional director\n    before going below the floor price</p>",
        "sitemap.xml.gz": gzip.compress(f"<loc>{SECRET}</loc>".encode()),
        "attachment.bin": b"\x00\x01" + SECRET.encode() + b"\xff",
    }
    for name, content in variants.items():
        assert found(site_with(tmp_path / name, name, content)) != [], name


def test_files_shipped_unchanged_by_the_theme_are_skipped_changed_ones_are_not(tmp_path):
    shipped = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "bundle.*.min.js"
    bundle = next(shipped.parent.glob(shipped.name))
    secrets = {"function": "theme code"}  # occurs in the bundle, but the bundle is Material's own
    site = site_with(tmp_path, f"assets/javascripts/{bundle.name}", bundle.read_bytes())
    assert scan(site, secrets) == []
    (site / "assets" / "javascripts" / bundle.name).write_bytes(bundle.read_bytes() + b"\n// function")
    assert [leak.file for leak in scan(site, secrets)] == [f"assets/javascripts/{bundle.name}"]


def test_in_the_internal_edition_the_only_secret_is_an_anonymous_customer_name():
    catalog = load(DATA)
    secrets = internal_only(catalog, edition(catalog, "internal"))
    assert list(secrets) == ["CANARY-anonymous-customer 金丝雀匿名客户"]
    assert secrets["CANARY-anonymous-customer 金丝雀匿名客户"].endswith("case-studies/open-case-study.yml: customer.name")


def test_text_that_public_content_also_uses_is_not_a_secret(tmp_path):
    shared = "私有化部署与混合云"
    product = entity("product", visibility="public", summary=f"支持{shared}两种方式")
    card = entity("battlecard", landmines=[shared, "升级要停机多久才能完成"])
    catalog = load(write_hub(tmp_path, {"product": product, "battlecard": card}))
    secrets = internal_only(catalog, edition(catalog, "public"))
    assert shared not in secrets and "升级要停机多久才能完成" in secrets


def test_a_note_with_spacing_width_or_punctuation_changed_is_still_caught(tmp_path):
    variants = {
        "space.html": "<p>价格底线 请先找区域总监确认</p>",
        "full-width.html": "<p>价格底线，请先找区域总监确认。</p>",
        "spread.html": "<p>价 格 底 线 请 先 找 区 域 总 监 确 认</p>",
        "english.html": "<p>ＡＳＫ the regional-director, before going below the floor-price!</p>",
        "joined.json": json.dumps({"text": "askTheRegionalDirectorBeforeGoingBelowTheFloorPrice"}),
    }
    for name, content in variants.items():
        assert found(site_with(tmp_path / name, name, content)) != [], name
    leak = scan(site_with(tmp_path / "shown", "a.html", "<p>价格底线，请先找区域总监确认。</p>"), SECRETS)
    assert [str(x) for x in leak] == [f"a.html: contains internal text '{SECRET}' from data/products/x.yml: internal_notes"]


def test_text_that_differs_is_not_a_leak(tmp_path):
    assert found(site_with(tmp_path, "a.html", "<p>价格底线请找销售确认；Ask the director first.</p>")) == []


def test_an_anonymous_name_is_a_secret_however_short_even_where_public_text_has_it(tmp_path):
    case = entity("case-study", visibility="public",
                  customer={"name": "恒川电气", "aliases": ["恒川", "HC"], "anonymous": True, "industry": "retail"})
    product = entity("product", visibility="public", summary="恒川电气 HC 都在用")  # a validation error, too
    catalog = load(write_hub(tmp_path, {"case-study": case, "product": product}))
    assert any("names the anonymous customer" in p.message for p in catalog.errors)
    for audience in ("public", "internal"):
        secrets = internal_only(catalog, edition(catalog, audience))
        assert {"恒川电气", "恒川", "HC"} <= set(secrets), audience
        assert secrets["HC"].endswith("case-studies/huadong.yml: customer.aliases[1]")


def test_a_short_latin_name_is_found_as_a_word_only(tmp_path):
    secrets = {"HC": "data/case-studies/x.yml: customer.aliases[0]"}
    for text in ("HC 的门店", "我们为ＨＣ提供", "h.c. said", "<b>HC</b>'s stores"):
        assert scan(site_with(tmp_path / str(len(text)), "a.html", f"<p>{text}</p>"), secrets) != [], text
    assert scan(site_with(tmp_path / "none", "a.html", "<p>much care, HCM and schools</p>"), secrets) == []


def test_a_build_naming_the_anonymous_customer_is_refused_even_where_public_text_has_the_name(tmp_path):
    project = canary_project(tmp_path / "project")
    hub = project / "data" / "hub.yml"  # a vocabulary label is public text the data check does not read
    label = "manufacturing: CANARY-anonymous-customer 金丝雀匿名客户"
    hub.write_text(hub.read_text(encoding="utf-8").replace("manufacturing: 制造", label), encoding="utf-8")
    (project / "docs" / "notes.md").write_text(
        "客户 ＣＡＮＡＲＹ anonymous-customer，金丝雀 匿名客户 同意做推荐。\n\n"
        "竞品地雷：CANARY battlecard landmines·金丝雀机密\n", encoding="utf-8")
    site = tmp_path / "site-public"
    done = hub_build(project, "public", site)
    output = done.stdout + done.stderr
    assert done.returncode != 0 and not site.exists()
    assert ("notes/index.html: contains internal text 'CANARY-anonymous-customer 金丝雀匿名客户' "
            "from data/case-studies/open-case-study.yml: customer.name") in output
    assert ("notes/index.html: contains internal text 'CANARY-battlecard-landmines 金丝雀机密' "
            "from data/battlecards/canary-battlecard.yml: landmines[0]") in output
    assert "Traceback" not in output


def test_a_whole_text_normalised_at_once_is_each_part_between_boundaries_normalised():
    """The leak check normalises a file in one pass (``_spaced``); the result must be what
    normalising each part between two ``BOUNDARY``s on its own gives (``anonymity.spaced``)."""
    import random

    from pmmhub.publish.leakcheck import BOUNDARY, _spaced
    from pmmhub.validate.anonymity import spaced

    alphabet = ["a", "Z", "_", " ", "＿", "ß", "한", "\u1100", "\u1161", "\u0301", "-", "，", "。", "\u200b", "Ａ", "1",
                "１", "İ", "ﬁ", "\n", BOUNDARY, BOUNDARY + "\u0301"]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        assert _spaced(text) == BOUNDARY.join(spaced(part) for part in text.split(BOUNDARY)), repr(text)


def test_a_secret_in_a_file_the_second_core_reads_is_found(tmp_path, monkeypatch):
    """Many files are read on two cores (every other file in a forked child): a secret in one
    file of the child's share, and one in this process's, are both reported, in file order."""
    from pmmhub.render import parallel

    if parallel.cores() < 2 or not hasattr(os, "fork"):
        pytest.skip("needs two cores and fork")
    monkeypatch.setattr(parallel, "AT_LEAST", 4)
    monkeypatch.setattr(parallel, "_threads", lambda: 1)  # a browser or server another test left
    for i in range(9):
        site = site_with(tmp_path, f"p{i}.html", f"<p>{SECRET if i in (3, 4) else 'nothing here'}</p>")
    assert [leak.file for leak in scan(site, SECRETS)] == ["p3.html", "p4.html"]  # p3 the child's, p4 this process's
