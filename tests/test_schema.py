"""One source of truth: the models document every field, and the shipped JSON Schemas
are generated from them and current."""
import json
from pathlib import Path

import pytest
from datahelpers import hub_cli

from pmmhub.validate.jsonschema import all_schemas
from pmmhub.model import KINDS, HubConfig
from pmmhub.model.fields import models

ROOT = Path(__file__).parents[1]


def all_models():
    return list({m: None for root in (HubConfig, *(k.model for k in KINDS.values())) for m in models(root)})


@pytest.mark.parametrize("model", all_models(), ids=lambda m: m.__name__)
def test_every_field_has_description_and_example(model):
    for name, info in model.model_fields.items():
        assert info.description, f"{model.__name__}.{name} has no description"
        assert info.examples, f"{model.__name__}.{name} has no example"


def test_the_walk_reaches_nested_parts():
    assert {m.__name__ for m in all_models()} >= {"Lifecycle", "ValueProp", "CaseStudyEvidence", "QuickTake",
                                                  "Checkpoint", "Readiness", "Approvals", "DealType"}


def test_vocabulary_fields_become_enums_from_hub_yml():
    schema = all_schemas(ROOT / "data")["case-study"]
    industry = schema["$defs"]["Customer"]["properties"]["industry"]
    assert industry["x-hub-vocabulary"] == "industries"
    assert "retail" in industry["enum"]


def test_shipped_schemas_are_current(tmp_path):
    done = hub_cli("schema", str(tmp_path), "--data-dir", "data", cwd=ROOT)  # the real command, in this process
    assert done.returncode == 0, done.stderr
    for file in sorted(tmp_path.glob("*.schema.json")):
        shipped = ROOT / "schema" / file.name
        assert shipped.read_text(encoding="utf-8") == file.read_text(encoding="utf-8"), \
            f"schema/{file.name} is stale: run `hub schema schema`"
    assert len(list(tmp_path.glob("*.schema.json"))) == len(KINDS) + 1


def test_sample_files_carry_the_schema_modeline():
    for kind in KINDS.values():
        for file in (ROOT / "data" / kind.folder).glob("*.yml"):
            first = file.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../../schema/{kind.name}.schema.json", file
    assert json.loads((ROOT / ".vscode" / "settings.json").read_text())["yaml.schemas"]


def test_the_older_data_option_still_works_and_two_folders_are_refused(tmp_path):
    new = hub_cli("schema", str(tmp_path / "a"), "--data-dir", "data", cwd=ROOT)
    old = hub_cli("schema", str(tmp_path / "b"), "--data", "data", cwd=ROOT)
    assert (new.returncode, new.stderr, old.returncode) == (0, "", 0)
    assert old.stderr.strip() == "warning: --data is the older spelling; write --data-dir data"
    assert [f.read_bytes() for f in sorted((tmp_path / "a").iterdir())] == \
        [f.read_bytes() for f in sorted((tmp_path / "b").iterdir())]
    both = hub_cli("schema", str(tmp_path / "c"), "--data", "data", "--data-dir", "other", cwd=ROOT)
    assert both.returncode == 2 and not (tmp_path / "c").exists()
    assert "two data folders given: --data 'data' and --data-dir 'other'; pass only --data-dir" in both.stderr
