"""The Markdown mirror is clean Markdown from the data: labels, links, escaped plain text, inert HTML;
who keeps an entity and when it was verified in the internal edition only."""
import datetime as dt
import posixpath

import pytest
from conftest import FIXTURE_DATA, make_project

from pmmhub.channels import channel_files
from pmmhub.model import KINDS
from pmmhub.render.site import load

DAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def files():
    return channel_files(load(FIXTURE_DATA, day=DAY))


def test_every_entity_has_a_mirror_that_links_its_relations_to_their_mirrors(files):
    site = load(FIXTURE_DATA, day=DAY)
    for record in site.catalog:
        here = f"{KINDS[record.kind].folder}/{record.id}"
        text = files[f"{here}/index.md"].decode()
        assert text.startswith(f"# ") and f"> {record.entity.summary.split()[0]}" in text
        assert f"<{here}/>" in text  # the page's address, to cite
        for other in site.catalog.targets(record):
            target = posixpath.relpath(f"{KINDS[other.kind].folder}/{other.id}/index.md", here)
            assert f"]({target})" in text, (record.id, target)


def test_the_public_mirror_names_no_owner_and_no_review_date(files):
    public = channel_files(load(FIXTURE_DATA, day=DAY, audience="public"))["products/lanyun/index.md"].decode()
    internal = files["products/lanyun/index.md"].decode()
    facts = "- **产品:** <products/lanyun/>\n- **Tags:** 数据平台; 指标\n"
    assert facts in public and "@zhou-lan" not in public and "2026-11-08" not in public and "复核" not in public
    assert "- **负责人:** @zhou-lan\n" in internal and "2026-11-08 (每 90 天复核一次" in internal
    assert "可对客户公开" in internal and "可对客户公开" not in public  # an asset's visibility…
    assert "## 资料下载\n\n### 岚云产品彩页\n" in public  # …but not the asset


def test_hostile_text_stays_text_in_the_mirror(tmp_path):
    project = make_project(tmp_path / "p")
    card = next((project / "data" / "battlecards").glob("*.yml"))
    text = card.read_text(encoding="utf-8")
    text = text.replace("\nsummary:", '\nsummary: "[click](javascript:alert(1)) <img src=x onerror=alert(1)>"\nold_summary:', 1)
    text = text.replace("old_summary:", "# old_summary:", 1)
    card.write_text(text + "\ninternal_notes: |\n  <script>alert(1)</script>\n  # Not a heading of the mirror\n",
                    encoding="utf-8")
    files = channel_files(load(project / "data", day=DAY))
    mirror = files[f"battlecards/{card.stem}/index.md"].decode()
    assert "\\[click\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\>" in mirror
    assert "<script>" not in mirror and "&lt;script>" in mirror
    assert "\n# Not a heading" not in mirror and "### Not a heading of the mirror" in mirror
