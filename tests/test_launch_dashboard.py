"""`hub new launch` scaffolds seed 000's stage deliverables as the default readiness checklist."""
import datetime as dt

import pytest
import yaml

from pmmhub.contribute.scaffold import render
from pmmhub.model.launch import Launch


@pytest.mark.unit
def test_a_new_launch_starts_with_the_default_checklist_counted_back_from_its_date():
    text = render("launch", "tidehub-ga", {("name",): "TideHub GA", ("product",): "tidehub",
                                           ("launch_date",): dt.date(2027, 3, 1)})
    data = yaml.safe_load(text)
    steps = [(r["deliverable"], r["status"], r["due"]) for r in data["readiness"]]
    assert [s[0].split()[0] for s in steps] == ["消费者洞察报告", "卖点排序", "营销方案", "渠道准备"]
    assert {s[1] for s in steps} == {"todo"}
    assert [s[2] for s in steps] == [dt.date(2026, 12, 1), dt.date(2026, 12, 31), dt.date(2027, 1, 30),
                                     dt.date(2027, 2, 15)]
    assert text.count("readiness:") == 1  # the generic commented sample is left out
    Launch.model_validate({**data, "owner": "@li", "reviewed": "2026-11-01", "summary": "s"})


@pytest.mark.unit
def test_without_a_launch_date_the_checklist_has_no_due_dates():
    data = yaml.safe_load(render("launch", "x", {("name",): "X", ("product",): "tidehub"}))
    assert len(data["readiness"]) == 4 and all("due" not in r for r in data["readiness"])
