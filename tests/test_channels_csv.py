"""The CSV channel: opens with ``csv``, keeps Chinese, has the documented columns (the public
edition's without owners, freshness or visibility), runs no formula."""
import csv
import datetime as dt
import io

import pytest
from conftest import FIXTURE_DATA

from pmmhub.channels import channel_files
from pmmhub.channels.spreadsheet import ENVELOPE, PUBLIC_ENVELOPE, _safe, header
from pmmhub.model import KINDS
from pmmhub.render.site import load

DAY = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def files():
    return channel_files(load(FIXTURE_DATA, day=DAY), "https://hub.example/")


def rows(files, kind):
    data = files[f"api/v1/{KINDS[kind].folder}.csv"]
    assert data.startswith("\ufeff".encode())  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_has_a_csv_with_its_header_and_a_row_per_entity(files, kind):
    table = rows(files, kind)
    assert table[0] == header(kind) and table[0][: len(ENVELOPE)] == list(ENVELOPE)
    site = load(FIXTURE_DATA, day=DAY)
    assert [r[0] for r in table[1:]] == [r.id for r in site.catalog.all(kind)]
    assert all(len(r) == len(table[0]) for r in table)


def test_chinese_text_survives_and_cells_are_what_sales_ops_import(files):
    site = load(FIXTURE_DATA, day=DAY)
    record = next(r for r in site.catalog.all("case-study") if not r.entity.customer.anonymous)
    table = rows(files, "case-study")
    row = dict(zip(table[0], next(r for r in table if r[0] == record.id)))
    assert row["name"] == record.entity.name and any("\u4e00" <= c <= "\u9fff" for c in row["name"])
    assert row["url"] == f"https://hub.example/case-studies/{record.id}/"
    assert row["customer.industry"] == site.catalog.hub.industries[record.entity.customer.industry]  # the label
    assert row["products"] == "; ".join(record.entity.products)  # ids: they join products.csv
    assert row["stale"] in ("true", "false") and row["reviewed"] == record.entity.reviewed.isoformat()
    assert "customer.aliases" not in table[0] and "internal_notes" not in table[0] and "challenge" not in table[0]


def test_the_public_csvs_have_no_owner_freshness_or_visibility_columns(files):
    public = rows(channel_files(load(FIXTURE_DATA, day=DAY, audience="public"), "https://hub.example/"), "product")
    assert list(PUBLIC_ENVELOPE) == ["id", "name", "summary", "url", "tags"]
    assert public[0] == header("product", "public") and public[0][: len(PUBLIC_ENVELOPE)] == list(PUBLIC_ENVELOPE)
    assert "pricing.visibility" in header("product") and "pricing.visibility" not in public[0]
    assert [r[0] for r in public[1:]] == ["lanyun"] and all(len(r) == len(public[0]) for r in public)
    assert not any("@zhou-lan" in cell for r in public for cell in r)  # lanyun's owner
    internal = rows(files, "product")
    row = dict(zip(internal[0], next(r for r in internal if r[0] == "lanyun")))
    assert row["owner"] == "'@zhou-lan" and row["stale"] == "false" and row["visibility"] == "public"


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_quoted():
    assert _safe('=HYPERLINK("https://evil.example","x")') == '\'=HYPERLINK("https://evil.example","x")'
    assert _safe("+1 call") == "'+1 call" and _safe("@SUM(A1)") == "'@SUM(A1)" and _safe("-x") == "'-x"
    assert _safe("-12.5") == "-12.5" and _safe("云帆") == "云帆"
