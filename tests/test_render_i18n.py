"""Every label the hub adds exists in every language, and every label a template asks for exists."""
import re
import string

import pytest

from pmmhub.render.environment import TEMPLATES
from pmmhub.render.i18n import labels, languages
from pmmhub.render.snippets import ROLE_VIEWS

LANGS = languages()


def test_zh_and_en_are_there():
    assert {"zh", "en"} <= set(LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_has_the_same_keys(lang):
    assert set(labels(lang).table) == set(labels("en").table)


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_match_across_languages(lang):
    def fields(text):
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    for key, text in labels("en").table.items():
        assert fields(labels(lang).table[key]) == fields(text), key


PORTAL_TEMPLATES = [f for folder in ("entity", "listing", "fragments", "partials", "toolkit", "launches", "roles", "health",
                                      "customer") for f in (TEMPLATES / folder).iterdir()]
PORTAL_TEMPLATES += list(TEMPLATES.glob("*.md"))


def used_keys() -> set[str]:
    keys = set()
    for file in PORTAL_TEMPLATES:
        if file.is_file():
            keys |= set(re.findall(r"""\bt\(\s*["']([a-z_.-]+)["']""", file.read_text(encoding="utf-8")))
    return {k for k in keys if not k.endswith(".")}  # "stage." ~ value: see the next test


def test_every_label_a_template_names_exists():
    known = set(labels("en").table)
    assert used_keys() and used_keys() - known == set()


def test_labels_built_from_values_exist():
    """Templates build keys like "stage." ~ value: every value of every such field has a label."""
    from typing import get_args

    from pmmhub.model.battlecard import Battlecard, Support
    from pmmhub.model.launch import Checkpoint, Readiness
    from pmmhub.model.persona import BuyingRole
    from pmmhub.model.product import Stage

    table = labels("zh").table
    values = {
        "stage": get_args(Stage), "buying_role": get_args(BuyingRole), "support": get_args(Support),
        "threat": get_args(Battlecard.model_fields["threat"].annotation),
        "decision": get_args(Checkpoint.model_fields["decision"].annotation),
        "status": get_args(Readiness.model_fields["status"].annotation),
        "visibility": ("internal", "public"), "approval": ("yes", "no"),
        "home.role_hint": (*ROLE_VIEWS, "other"),
    }
    for prefix, options in values.items():
        for option in options:
            assert f"{prefix}.{option}" in table, f"{prefix}.{option}"
    for kind in ("product", "persona", "battlecard", "case-study", "solution", "launch", "industry"):
        assert f"kind.{kind}.one" in table and f"kind.{kind}.many" in table


@pytest.mark.parametrize("lang", languages())
def test_the_public_wording_replaces_labels_that_exist(lang):
    table = labels(lang).table
    reworded = {k.removeprefix("public."): v for k, v in table.items() if k.startswith("public.")}
    assert reworded and set(reworded) <= set(table)
    public = labels(lang, "public")
    assert all(public(key) == text != labels(lang)(key) for key, text in reworded.items())


def test_an_unknown_label_is_an_error_not_a_blank():
    with pytest.raises(KeyError, match="no label 'nope' in pmmhub/i18n/zh.yml"):
        labels("zh")("nope")


def test_every_label_is_used():
    dynamic = ("stage.", "threat.", "visibility.", "buying_role.", "decision.", "status.", "support.", "approval.",
               "kind.", "home.role_hint.", "js.", "roles.", "finder.", "public.",
               "report.", "health.", "digest.", "new.", "diff.",  # tests/test_report_labels.py checks these
               "search.",  # docs/assets/search.js reads them
               "toolkit.section.", "toolkit.gap.", "toolkit.asset_type.", "launches.state.")
    from pathlib import Path

    code = "".join(f.read_text(encoding="utf-8") for f in PORTAL_TEMPLATES)
    code += "".join((Path(TEMPLATES).parent / "render" / name).read_text(encoding="utf-8")
                    for name in ("snippets.py", "settings.py"))
    unused = [k for k in labels("en").table
              if not k.startswith(dynamic) and f'"{k}"' not in code and f"'{k}'" not in code]
    assert unused == []
