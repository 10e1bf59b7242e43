"""Launch schema: start from a valid launch and break one thing."""
from datahelpers import check, entity

FILE = "launches/cdp-2.yml"


def test_checkpoint_decision(tmp_path):
    checkpoints = [{"name": "DCP1", "decision": "go"}, {"name": "DCP2", "decision": "maybe"}]
    assert check(tmp_path, "launch", entity("launch", checkpoints=checkpoints)) == [
        (FILE, "decision: maybe", "checkpoints[1].decision",
         "expected one of 'pending', 'go', 'no-go' or 'redirect'; found 'maybe'")]


def test_readiness_status(tmp_path):
    readiness = [{"deliverable": "培训", "status": "done!"}]
    assert check(tmp_path, "launch", entity("launch", readiness=readiness)) == [
        (FILE, "status: done!", "readiness[0].status",
         "expected one of 'todo', 'doing', 'done' or 'n-a'; found 'done!'")]


def test_product_must_exist(tmp_path):
    assert check(tmp_path, "launch", entity("launch", product="cdp-3")) == [
        (FILE, "product: cdp-3", "product", "no product with id 'cdp-3'")]


def test_launch_date_required(tmp_path):
    found = check(tmp_path, "launch", entity("launch", launch_date=None))
    assert [(field, msg) for _, _, field, msg in found] == [("launch_date", "required field missing")]
