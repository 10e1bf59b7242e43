"""A public entity that needs a withheld one: validation warns, the public edition leaves it out.

One rule (``editions.withheld``) serves both: ``hub validate`` reports a warning at the field
that forces the entity out, and ``edition()`` (so ``hub build --audience public``) leaves it
out, and then everything that would need *it*. A real public build of such a hub succeeds and
passes its leak check.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUILD_DAY, REPO, epoch, make_project
from datahelpers import entity, write_hub

from pmmhub.model.common import Entity, Part, RefTo
from pmmhub.publish.build import check_leaks
from pmmhub.relate.catalog import load
from pmmhub.relate.editions import Withheld, _project, edition, is_public, withheld, withheld_warnings

HUB = str(Path(sys.executable).with_name("hub"))
FIXTURES = REPO / "tests" / "fixtures"


def public_launch_hub(tmp_path, **product):
    """The standard hub with a public launch of the product ``cdp`` (internal unless ``product`` says)
    and a public case study."""
    return write_hub(tmp_path, {"launch": entity("launch", visibility="public"), "product": entity("product", **product),
                                "case-study": entity("case-study", visibility="public")})


def test_a_public_launch_of_an_internal_product_is_left_out_without_a_traceback(tmp_path):
    catalog = load(public_launch_hub(tmp_path))
    assert catalog.problems == []
    public = edition(catalog, "public")
    assert public.get("launch", "cdp-2") is None
    assert {r.key for r in public} == {("case-study", "huadong")}


def test_the_warning_is_located_at_the_field_and_says_what_to_do(tmp_path):
    data = public_launch_hub(tmp_path)
    (warning,) = withheld_warnings(load(data))
    assert Path(warning.file) == data / "launches" / "cdp-2.yml"
    line = (data / "launches" / "cdp-2.yml").read_text(encoding="utf-8").splitlines()[warning.line - 1]
    assert line[warning.column - 1:] == "cdp" and line.startswith("product:")
    assert (warning.field, warning.severity) == ("product", "warning")
    assert warning.message == ("this public launch names the internal product 'cdp'; "
                               "the public edition leaves the launch out")
    assert warning.hint == "make 'cdp' public or this launch internal"


def test_a_public_product_keeps_its_public_launch(tmp_path):
    catalog = load(public_launch_hub(tmp_path, visibility="public"))
    assert withheld(catalog) == {} and withheld_warnings(catalog) == []
    assert edition(catalog, "public").get("launch", "cdp-2").entity.product == "cdp"


def test_hub_validate_warns_and_still_exits_zero(tmp_path):
    public_launch_hub(tmp_path)
    done = subprocess.run([HUB, "validate", "--no-stale"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
    assert done.stdout.splitlines() == [
        "data/launches/cdp-2.yml:5:10: warning: product: this public launch names the internal product 'cdp'; "
        "the public edition leaves the launch out",
        "    hint: make 'cdp' public or this launch internal",
        "0 error(s), 1 warning(s)",
        "ok: 6 entities in data are valid",
    ]
    as_json = subprocess.run([HUB, "validate", "--no-stale", "--format", "json"], cwd=tmp_path, capture_output=True,
                             text=True)
    assert [(p["field"], p["severity"]) for p in json.loads(as_json.stdout)] == [("product", "warning")]


def test_no_withheld_warning_while_the_hub_has_errors(tmp_path):
    write_hub(tmp_path, {"launch": entity("launch", visibility="public", launch_date="soon")})
    done = subprocess.run([HUB, "validate", "--no-stale"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 1
    assert "launch_date: expected a date" in done.stdout and "the public edition leaves" not in done.stdout


@pytest.mark.parametrize("data", [REPO / "data", FIXTURES / "portal" / "data", FIXTURES / "publish" / "data"])
def test_validation_and_the_edition_agree_on_every_hub(tmp_path, data):
    """What is marked public but missing from the public edition is exactly what validation warns about."""
    for hub in (data, public_launch_hub(tmp_path)):
        catalog = load(hub)
        missing = {r.key for r in catalog if is_public(r)} - {r.key for r in edition(catalog, "public")}
        warned = {(r.kind, r.id) for r in catalog for w in withheld_warnings(catalog) if w.file == r.path}
        assert missing == warned == set(withheld(catalog))


# the rule is the field walk, not a special case of launches ---------------------------------

class Target(Part):
    product: RefTo("product")


class Holder(Entity):
    target: Target
    optional: RefTo("product") | None = None
    many: list[RefTo("product")] = []


def holder(**fields) -> Holder:
    return Holder(name="x", summary="x", owner="@a", reviewed="2026-11-01", **fields)


def test_a_required_reference_nested_in_a_required_part_withholds_the_entity_with_its_path():
    out = _project(holder(target={"product": "gone"}), {("product", "kept")}, ())
    assert out == Withheld(("target", "product"), ("product", "gone"))


def test_optional_references_and_list_items_just_go():
    out = _project(holder(target={"product": "kept"}, optional="gone", many=["gone", "kept"]), {("product", "kept")}, ())
    assert (out.optional, out.many, out.target.product) == (None, ["kept"], "kept")


# a real public build -----------------------------------------------------------------------------

def launch_of_an_internal_product(root: Path) -> Path:
    """The portal fixture project with its launch made public and pointed at the internal product."""
    project = make_project(root)
    launch = project / "data" / "launches" / "lanyun-3.yml"
    text = launch.read_text(encoding="utf-8").replace("product: lanyun", "product: lanbao-classic")
    launch.write_text("visibility: public\n" + text, encoding="utf-8")
    catalog = load(project / "data")
    assert catalog.problems == [] and [w.field for w in withheld_warnings(catalog)] == ["product"]
    return project


def assert_without_the_launch(site: Path) -> None:
    assert (site / "index.html").is_file() and (site / "products" / "lanyun").is_dir()
    assert not (site / "launches").exists() and not (site / "products" / "lanbao-classic").exists()
    for file in site.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".json", ".txt", ".md", ".csv", ".xml"):
            assert "岚云 3.0 上市" not in file.read_text(encoding="utf-8", errors="replace"), file


def test_hub_build_public_of_such_a_hub_succeeds_leaves_the_launch_out_and_passes_the_leak_check(tmp_path):
    project = launch_of_an_internal_product(tmp_path / "project")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": epoch(BUILD_DAY)}
    done = subprocess.run([HUB, "build", "--audience", "public", "--site-dir", str(tmp_path / "public")],
                          cwd=project, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]  # the build runs the leak check itself
    assert "Traceback" not in done.stderr
    assert_without_the_launch(tmp_path / "public")
    assert check_leaks(tmp_path / "public", project / "data", "public") == []

