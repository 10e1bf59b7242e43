"""The hub's search index (``pmmhub.search``): terms, names, shards, what an edition makes
searchable, and the ``synonyms`` table of hub.yml. No build, no browser."""
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from pmmhub.engines import config as project_config
from pmmhub.model.hub import DEFAULT_SYNONYMS, HubConfig
from pmmhub.render.edition import prepare
from pmmhub.search import FOLDER, index_files, text
from pmmhub.search.documents import documents
from pmmhub.search.index import MAX_SHARD, postings, shards

REPO = Path(__file__).resolve().parents[1]
DAY = dt.date(2026, 12, 1)


def prepared(tmp_path: Path, audience: str = "internal", data: Path = REPO / "data"):
    shutil.copy2(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(REPO / "docs", tmp_path / "docs")
    shutil.copytree(data, tmp_path / "data")
    config = project_config.read(tmp_path / "mkdocs.yml")
    options = {**project_config.hub_options(config), "audience": audience}
    return prepare(tmp_path, config, plugin_options=options, out=tmp_path / "build" / "docs", day=DAY)


@pytest.fixture(scope="module")
def internal(tmp_path_factory):
    """The sample hub's internal edition, prepared once for the tests that only read it."""
    return prepared(tmp_path_factory.mktemp("internal"))


def test_a_chinese_word_is_its_pairs_so_retail_never_matches_auto_parts():
    assert "g:零售" in text.terms("锦禾优选是零售连锁")
    assert not {"g:零售", "w:零售"} & text.terms("汽车零部件龙头企业")


def test_jieba_words_are_whole_word_terms_and_long_text_gets_pairs_only():
    assert {"w:一票否决", "w:否决", "g:票否"} <= text.terms("一票否决型角色")
    body = text.terms("一票否决型角色", words=False)
    assert "g:票否" in body and "w:否决" not in body


def test_english_is_case_folded_width_folded_and_lightly_stemmed():
    assert text.terms("Prices ＭｅｔｒｉｃＯｎｅ policies") == {"w:price", "w:metricone", "w:policy"}
    assert text.stem("class") == "class" and text.stem("analysis") == "analysis"


def test_a_names_parts_are_names_but_a_sentence_is_not_cut_into_names():
    assert {"n:数衡科技", "n:metricone", "n:数衡科技metricone"} <= text.name_terms("数衡科技（MetricOne）")
    assert {"n:tidecrm", "n:销售云"} <= text.name_terms("TideCRM 销售云")
    sentence = text.name_terms("某汽车零部件龙头企业：自建 14 个月未交付，切换 TideHub 后 10 周上线经营指标")
    assert "n:tidehub" not in sentence


def test_shards_follow_the_first_two_characters():
    assert text.key("w:零售业") == text.key("g:零售") == "零售" != text.key("g:零部")
    assert text.key("w:metricone") == text.key("w:meta") == "me"
    assert text.key("s:12") == "12"
    assert text.shard_of("w:零售业", 64) == text.shard_of("g:零售", 64)
    assert text.shard_of("w:metricone", 1) == 0
    assert text.shard_of("w:tidehub", 256) == 254  # FNV-1a of "ti": search.js computes the same (browser test)


def test_every_shard_of_a_big_index_is_under_the_limit():
    index = {f"w:{a}{b}{n}": [(d, 16) for d in range(0, 3000, 7)] for a in "abcdefghij" for b in "xyz" for n in range(3)}
    split = shards(index)
    assert len(split) > 1
    assert max(len(json.dumps(s, separators=(",", ":"))) for s in split) <= MAX_SHARD * 1.3
    assert sum(len(s) for s in split) == len(index)


def test_postings_mark_the_tier_and_synonym_groups(internal):
    docs = documents(internal)
    by_path = {d.path: i for i, d in enumerate(docs)}
    groups = [["便宜", "太贵", "cheaper"]]
    index = dict(postings(docs, groups))
    card = by_path["battlecards/shuheng-metricone/"]
    assert dict(index["n:metricone"])[card] == 1  # the competitor's name
    assert dict(index["w:metricone"])[card] & 1  # in the name tier
    assert dict(index["s:0"])[card]  # "MetricOne 报价比你们便宜 30%": a word of the group
    assert dict(index["s:0"])[by_path["personas/smb-owner/"]]  # "太贵了，……"


def test_the_internal_edition_indexes_entities_and_hand_written_pages_not_the_home(internal):
    docs = documents(internal)
    assert all(d.reviewed for d in docs if d.kind != "page")  # the results' freshness line (internal only)
    kinds = {d.kind for d in docs}
    assert {"product", "persona", "battlecard", "case-study", "solution", "launch", "page"} <= kinds
    paths = {d.path for d in docs}
    assert "contributing/" in paths and "" not in paths and "index.md" not in paths
    assert not any(p.startswith(("roles/", "whatsnew/", "industries/")) for p in paths)


def test_an_anonymous_customers_name_and_aliases_are_never_indexed(tmp_path):
    data = tmp_path / "src"
    shutil.copytree(REPO / "data", data)
    file = data / "case-studies" / "auto-parts-leader-data-platform.yml"
    study = yaml.safe_load(file.read_text(encoding="utf-8"))
    assert study["customer"]["anonymous"] is True
    study["customer"]["name"] = "Quxian Zhouzhi Gufen"
    study["customer"]["aliases"] = ["Quxianauto", "曲线智造"]
    file.write_text(yaml.safe_dump(study, allow_unicode=True), encoding="utf-8")
    (tmp_path / "p").mkdir()
    files = index_files(prepared(tmp_path / "p", data=data))
    blob = b"".join(files.values()).decode("utf-8")
    for secret in ("quxian", "zhouzhi", "quxianauto", "曲线", "线智", "智造"):
        assert secret not in blob.casefold(), secret


def test_the_public_edition_indexes_no_battle_card_and_no_internal_only_word(tmp_path):
    files = index_files(prepared(tmp_path, "public"))
    meta = json.loads(files[f"{FOLDER}/meta.json"])
    assert "battlecard" not in {k["kind"] for k in meta["kinds"]}
    terms = set()
    for rel, data in files.items():
        if "/t/" in rel:
            terms |= set(json.loads(data))
    # words that only battle cards and internal pages hold (the competitor, a phrase of its objections)
    assert not {"w:metricone", "n:metricone", "g:压舱", "w:norvan", "w:peakchart"} & terms
    rows = [row for rel, data in files.items() if "/d/" in rel for row in json.loads(data)]
    assert rows and not any(row[0].startswith(("battlecards/", "contributing", "authoring")) for row in rows)
    assert all(row[4] == "" and not row[5] for row in rows)  # no review date or stale flag: an internal rule


def test_the_index_is_the_same_bytes_for_the_same_hub(internal, tmp_path):
    # two separate prepares of the same hub, in other folders (the shared one and one of this test's own)
    assert index_files(prepared(tmp_path)) == index_files(internal)


def test_the_sample_hub_ships_synonyms_and_a_hub_without_them_gets_the_defaults():
    sample = HubConfig.model_validate(yaml.safe_load((REPO / "data" / "hub.yml").read_text(encoding="utf-8")))
    assert any({"太贵", "便宜", "价格", "price", "cheaper"} <= set(g) for g in sample.synonyms)
    assert any({"retail", "零售"} <= set(g) for g in sample.synonyms)
    assert HubConfig(company="x").synonyms == DEFAULT_SYNONYMS


@pytest.mark.parametrize("synonyms, where", [
    ([["太贵"]], "synonyms.0"),  # a group of one word finds nothing else
    ([["太贵", ""]], "synonyms.0.1"),
    (["太贵, 便宜"], "synonyms.0"),  # a string, not a list
])
def test_a_bad_synonym_group_is_refused_with_its_place(synonyms, where):
    with pytest.raises(ValidationError) as error:
        HubConfig(company="x", synonyms=synonyms)
    assert where in {".".join(map(str, e["loc"])) for e in error.value.errors()}


def test_a_docs_file_in_the_index_folder_is_refused(tmp_path):
    from pmmhub.channels import ChannelConflict, site_files
    from pmmhub.search import write_index

    ready = prepared(tmp_path)
    ready.tree.files[f"{FOLDER}/meta.json"] = b"{}"
    with pytest.raises(ChannelConflict, match=f"(?s){FOLDER}/meta.json.*hint"):
        write_index(tmp_path / "site", ready)
    assert not (tmp_path / "site").exists()
    with pytest.raises(ChannelConflict, match=f"(?s){FOLDER}/meta.json.*hint"):
        site_files.compute(ready, None)  # what a build runs beside the engine, before writing anything
