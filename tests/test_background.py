"""The child that writes channel files beside a build (``engines.background``): what went wrong
reaches the parent, precisely for an expected error and with its traceback for a bug."""
import os

import pytest

from pmmhub.channels import ChannelConflict
from pmmhub.engines.background import Background

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def run(work, **options):
    child = Background()
    child.start(work, waited=True, **options)
    return child, child.wait()


def test_work_that_succeeds_reports_nothing(tmp_path):
    child, failed = run(lambda: (tmp_path / "done").write_text("yes"))
    assert failed is None and (tmp_path / "done").read_text() == "yes"
    child.stop()  # nothing left to stop: no error, no file descriptor closed twice


def test_an_expected_error_comes_back_as_its_message():
    def work():
        raise ChannelConflict("docs/ has 价格.md, where the hub writes its channel files")

    _, failed = run(work, expected=(ChannelConflict,))
    assert failed == "the hub could not write its channel files: docs/ has 价格.md, where the hub writes its channel files"


def test_a_bug_comes_back_with_its_traceback():
    def work():
        return {}["missing"]

    _, failed = run(work, expected=(ChannelConflict,))
    assert failed.startswith("the hub could not write its channel files: 'missing'")
    assert "Traceback" in failed and "KeyError" in failed and "in work" in failed


def test_a_long_message_is_cut_and_still_decodes():
    def work():
        raise ChannelConflict("文" * 40_000)  # 120,000 bytes of UTF-8: more than a pipe holds

    _, failed = run(work, expected=(ChannelConflict,))
    assert failed.startswith("the hub could not write its channel files: 文文")
    assert 59_000 < len(failed.encode("utf-8")) <= 60_000 + 2  # a cut character decodes as one replacement


def test_the_second_step_waits_for_release_and_gets_what_the_first_made(tmp_path):
    import time

    child = Background()
    child.start(lambda: (tmp_path / "computed").write_text("yes") and "made", waited=True,
                then=lambda made: (tmp_path / "written").write_text(made))
    deadline = time.monotonic() + 30
    while not (tmp_path / "computed").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)  # room for a child that would not wait to write
    assert (tmp_path / "computed").exists() and not (tmp_path / "written").exists()
    child.release()
    assert child.wait() is None and (tmp_path / "written").read_text() == "made"


def test_a_child_stopped_before_release_writes_nothing(tmp_path):
    child = Background()
    child.start(lambda: "made", waited=True, then=lambda made: (tmp_path / "written").write_text(made))
    child.stop()
    assert child.wait() is None and not (tmp_path / "written").exists()


def test_wait_releases_a_child_still_held_back(tmp_path):
    child = Background()
    child.start(lambda: "made", waited=True, then=lambda made: (tmp_path / "written").write_text(made))
    assert child.wait() is None and (tmp_path / "written").read_text() == "made"
