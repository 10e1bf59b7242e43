"""The synthetic hub generator: deterministic, valid at every size, every kind, every reference."""
import datetime as dt
import re

import pytest
import yaml
from click.testing import CliRunner

from pmmhub.relate.catalog import load
from pmmhub.cli import main
from pmmhub.validate.freshness import stale_records
from pmmhub.model import KINDS
from pmmhub.model.common import MARKDOWN, Ref
from pmmhub.model.fields import leaves
from hubdev.synth import SHARES, counts, generate

TODAY = dt.date(2026, 11, 1)


def files_of(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def hub_large(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth-large")
    made = generate(out, 400, seed=7, today=TODAY)  # large enough for every share and reference rule
    return out / "data", made, load(out / "data")


def test_counts_follow_the_shares_and_add_up():
    assert counts(1000) == {"product": 80, "persona": 60, "battlecard": 100, "case-study": 500, "solution": 160,
                            "launch": 100}
    for n in (6, 7, 13, 50, 333, 2000):
        made = counts(n)
        assert sum(made.values()) == n and min(made.values()) >= 1 and list(made) == list(SHARES)


def test_refuses_fewer_entities_than_kinds(tmp_path):
    with pytest.raises(ValueError, match="at least 6"):
        generate(tmp_path, 5, seed=1, today=TODAY)


def test_same_seed_same_bytes(tmp_path):
    generate(tmp_path / "a", 120, seed=3, today=TODAY)
    generate(tmp_path / "b", 120, seed=3, today=TODAY)
    generate(tmp_path / "c", 120, seed=4, today=TODAY)
    a, b, c = (files_of(tmp_path / x) for x in "abc")
    assert len(a) == 121 and a == b
    assert a != c


def test_refuses_to_write_over_a_hub(tmp_path):
    generate(tmp_path, 6, seed=1, today=TODAY)
    with pytest.raises(FileExistsError):
        generate(tmp_path, 6, seed=1, today=TODAY)


@pytest.mark.parametrize("n", [6, 50])
def test_small_hubs_are_valid(tmp_path, n):
    generate(tmp_path, n, seed=n, today=TODAY)
    catalog = load(tmp_path / "data")
    assert catalog.problems == [] and len(catalog) == n


def test_large_hub_is_valid_with_every_kind_in_proportion(hub_large):
    data, made, catalog = hub_large
    assert catalog.problems == []
    assert made == counts(400)
    assert {kind: len(catalog.records[kind]) for kind in KINDS} == made
    for kind in KINDS:
        assert len(list((data / KINDS[kind].folder).glob("*.yml"))) == made[kind]


def test_every_reference_resolves_to_the_right_kind(hub_large):
    _, _, catalog = hub_large
    refs = 0
    for record in catalog:
        for path, value, markers in leaves(record.entity):
            for marker in (m for m in markers if isinstance(m, Ref)):
                target = catalog.get(marker.kind, value)
                assert target is not None and target is not record, (record.path, path, value)
                refs += 1
    assert refs == len(catalog.links) > 5 * len(catalog)
    # every kind that can be referred to is referred to, and reverse links exist
    assert {link.target[0] for link in catalog.links} == {"product", "persona", "battlecard", "case-study"}
    some_product = catalog.all("product")[0]
    assert catalog.referrers("product", some_product.id)


def test_some_entities_are_mildly_stale(hub_large):
    _, _, catalog = hub_large
    stale = stale_records(catalog, TODAY)
    assert 0.05 * len(catalog) < len(stale) < 0.2 * len(catalog)
    ages = [int(re.search(r"verified (\d+) days", p.message)[1]) for p in stale]
    assert max(ages) <= 180 + 30  # mildly: at most a month past the longest interval


def test_files_look_like_the_sample_files(hub_large):
    data, _, _ = hub_large
    assert (data / "hub.yml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema/hub.schema.json\n")
    for kind in KINDS:
        for file in list((data / KINDS[kind].folder).glob("*.yml"))[:20]:
            text = file.read_text(encoding="utf-8")
            assert text.startswith(f"# yaml-language-server: $schema=../../schema/{kind}.schema.json\n")
            assert "\\u" not in text and "\\n" not in text  # Unicode as is, long text as | blocks


def test_yaml_1_1_look_alikes_are_quoted_and_stay_text(hub_large):
    data, _, catalog = hub_large
    raw = "\n".join(p.read_text(encoding="utf-8") for p in (data / "battlecards").glob("*.yml"))
    assert "us: 'yes'" in raw and "them: 'no'" in raw and "'1.10'" in raw
    for record in catalog.all("battlecard"):
        assert all(row.us in ("yes", "partial", "no") for row in record.entity.comparison)
    tags = {tag for record in catalog for tag in record.entity.tags}
    assert {"1.10", "2.0"} <= tags


def test_fields_are_filled_at_realistic_sizes_in_chinese_and_english(hub_large):
    _, _, catalog = hub_large
    markdown = [v for r in catalog for _, v, m in leaves(r.entity) if MARKDOWN in m]
    assert sum(len(v) >= 200 for v in markdown) > len(catalog)  # long Markdown, more than one per entity
    assert all("\n" in v for v in markdown if len(v) > 200)
    assert any("**" in v for v in markdown) and any("\n- " in v for v in markdown)
    summaries = [r.entity.summary for r in catalog]
    assert sum(bool(re.search(r"[\u4e00-\u9fff]", s)) for s in summaries) > len(summaries) / 2
    assert sum(bool(re.fullmatch(r"[\x20-\x7e]+", s)) for s in summaries) > len(summaries) / 10
    for record in catalog.all("battlecard"):
        card = record.entity
        assert 3 <= len(card.landmines) <= 8 and 4 <= len(card.comparison) <= 8 and card.quick_take.one_liner
    for record in catalog.all("product"):
        assert 3 <= len(record.entity.value_props) <= 8 and record.entity.pricing.tiers


def test_hidden_cli_command_writes_a_hub_that_validates(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["synth", str(tmp_path), "--entities", "50", "--seed", "2", "--today", "2026-11-01"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("wrote 50 entities")
    assert runner.invoke(main, ["validate", str(tmp_path / "data"), "--no-stale"]).exit_code == 0
    assert "synth" not in runner.invoke(main, ["--help"]).output
    again = runner.invoke(main, ["synth", str(tmp_path), "--entities", "50"])
    assert again.exit_code == 2 and "not empty" in again.output
    with_yaml = yaml.safe_load((tmp_path / "data" / "hub.yml").read_text(encoding="utf-8"))
    assert with_yaml["language"] == "zh"


def test_every_kind_of_the_registry_has_a_share_and_a_builder():
    from hubdev.synth import SHARES, _Synth

    assert set(SHARES) == set(KINDS)
    assert all(hasattr(_Synth, kind.replace("-", "_")) and hasattr(_Synth, "_plan_" + kind.replace("-", "_"))
               for kind in KINDS)


def test_a_skewed_hub_has_the_long_tail_of_a_real_one(tmp_path):
    """One flagship product cited by about a third of the case studies and met in most battle
    cards, one competitor displaced far more than any other; still valid."""
    import collections

    from hubdev.synth import generate

    generate(tmp_path, 600, seed=3, today=dt.date(2026, 11, 20), skewed=True)
    catalog = load(tmp_path / "data")
    assert catalog.errors == []
    cases, cards = catalog.all("case-study"), catalog.all("battlecard")
    cited = collections.Counter(p for r in cases for p in r.entity.products).most_common(2)
    met = collections.Counter(p for r in cards for p in r.entity.products).most_common(1)
    displaced = collections.Counter(b for r in cases for b in r.entity.displaced).most_common(2)
    assert 0.28 <= cited[0][1] / len(cases) <= 0.5 and cited[0][1] > 1.8 * cited[1][1]
    assert met[0][0] == cited[0][0] and met[0][1] / len(cards) > 0.5
    assert displaced[0][1] > 1.8 * displaced[1][1]


def test_hub_synth_skewed_writes_the_long_tail(tmp_path):
    import collections

    result = CliRunner().invoke(main, ["synth", str(tmp_path), "-n", "200", "--skewed", "--today", "2026-11-20"])
    assert result.exit_code == 0, result.output
    cases = load(tmp_path / "data").all("case-study")
    top = collections.Counter(p for r in cases for p in r.entity.products).most_common(1)[0][1]
    assert top / len(cases) >= 0.28
