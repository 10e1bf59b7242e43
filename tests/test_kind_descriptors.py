"""The kind descriptors and the field shapes every walk uses: each rule is stated once and holds."""
import gc
from typing import get_args

import pytest
from datahelpers import write_hub
from pydantic import ValidationError

from pmmhub.model import KINDS, VOCABULARIES, Entity, HubConfig, Known
from pmmhub.model.common import Vocab
from pmmhub.model.fields import leaves, models, shape_at, shapes
from pmmhub.model.hub import Vocabulary
from pmmhub.model.kinds import SALES_STAGES
from pmmhub.model.product import Product, Stage
from pmmhub.relate.catalog import Catalog, load


@pytest.mark.parametrize("kind", KINDS.values(), ids=lambda k: k.name)
def test_every_facet_reads_a_field_whose_values_can_be_named(kind):
    for facet in kind.facets:
        shape = shape_at(kind.model, tuple(facet.field.split(".")))
        assert shape is not None, f"{kind.name}.{facet.key}: no field {facet.field}"
        if facet.flag:
            assert shape.form == "list" or shape.type is bool, facet.key
            continue
        shape = shape.item if shape.form == "list" else shape
        assert shape.vocab or shape.ref or (shape.choices and facet.labels), facet.key


@pytest.mark.parametrize("kind", KINDS.values(), ids=lambda k: k.name)
def test_every_named_field_of_a_descriptor_exists(kind):
    assert kind.badge_field is None or shape_at(kind.model, tuple(kind.badge_field.split(".")))
    assert kind.public_approval is None or shape_at(kind.model, tuple(kind.public_approval.split("."))).type is bool
    assert all(name in kind.model.model_fields for name in kind.also_ask)
    assert KINDS[kind.name] is kind and kind.folder and kind.word


def test_the_sales_order_covers_every_lifecycle_stage_once():
    assert sorted(SALES_STAGES) == sorted(get_args(Stage))


def test_every_vocabulary_a_model_names_is_one_hub_yml_declares():
    named = {m.name for kind in KINDS.values() for model in models(kind.model) for _, info in model.model_fields.items()
             for m in _markers(info.annotation, tuple(info.metadata)) if isinstance(m, Vocab)}
    assert named and named <= set(VOCABULARIES)
    declared = {n for n, info in HubConfig.model_fields.items() if info.annotation == Vocabulary}
    assert set(VOCABULARIES) == declared | {"deal_types"}


def _markers(annotation, markers):
    from pmmhub.model.fields import shape_of

    todo, out = [shape_of(annotation, markers)], []
    while todo:
        shape = todo.pop()
        out += shape.markers
        todo += [s for s in (shape.item, *shape.options) if s is not None]
    return out


def test_shapes_are_computed_once_per_class_and_not_inherited():
    assert shapes(Product) is shapes(Product)
    assert [f.name for f in shapes(Entity)] == list(Entity.model_fields)
    assert [f.name for f in shapes(Product)] == list(Product.model_fields) != list(Entity.model_fields)


def test_publicity_is_the_kinds_rule(tmp_path):
    catalog = load(write_hub(tmp_path))
    for record in catalog:
        kind = KINDS[record.kind]
        public = record.entity.model_copy(update={"visibility": "public"})
        assert kind.is_public(record.entity.model_copy(update={"visibility": "internal"})) is False
        expected = not kind.always_internal and (kind.public_approval is None or
                                                 record.entity.approvals.public_story)
        assert kind.is_public(public) is expected, record.kind
    assert KINDS["battlecard"].always_internal and KINDS["case-study"].public_approval == "approvals.public_story"


def test_a_load_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    hub = write_hub(tmp_path)
    frozen = gc.get_freeze_count()
    load(hub)
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    gc.disable()
    try:
        load(hub)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_catalog_indexes_its_own_links(tmp_path):
    loaded = load(write_hub(tmp_path))
    made = Catalog(loaded.hub, loaded.records)
    assert made.links == loaded.links and made.links
    assert made.referrers("product", "cdp") == loaded.referrers("product", "cdp")
    assert made.targets(made.get("product", "cdp")) == loaded.targets(loaded.get("product", "cdp"))


def test_the_validation_context_is_typed(tmp_path):
    record = load(write_hub(tmp_path)).get("case-study", "huadong")
    data = record.doc.data
    with pytest.raises(TypeError, match="Known"):
        KINDS["case-study"].model.model_validate(data, context={"ids": {}})
    with pytest.raises(ValidationError, match="no product with id"):
        KINDS["case-study"].model.model_validate(data, context=Known(ids={"product": set()}))
    with pytest.raises(ValidationError, match="not in hub.yml industries"):
        KINDS["case-study"].model.model_validate(data, context=Known(vocab={"industries": {"finance"}}))
    with pytest.raises(ValidationError, match="refers to itself"):
        KINDS["case-study"].model.model_validate(data, context=Known().of("product", data["products"][0]))
    assert KINDS["case-study"].model.model_validate(data, context=Known()).name == record.entity.name


def test_leaves_carry_the_markers_of_lists_and_optional_fields(tmp_path):
    record = load(write_hub(tmp_path)).get("case-study", "huadong")
    found = {path: markers for path, _, markers in leaves(record.entity)}
    assert any(isinstance(m, Vocab) and m.name == "industries" for m in found[("customer", "industry")])
    assert any(getattr(m, "kind", None) == "product" for m in found[("products", 0)])
