"""Many pages render on two cores (``pmmhub.render.parallel``): the same text, and a failing
child leaves its share to this process, errors and all."""
import os
import threading
import time

import pytest

from pmmhub.render import parallel
from pmmhub.render.generated import Page

pytestmark = pytest.mark.skipif(parallel.cores() < 2 or not hasattr(os, "fork"), reason="needs two cores and fork")


@pytest.fixture(autouse=True)
def alone(monkeypatch, request):
    """The tests run where other tests may have left threads (a browser, a server): they count as
    none, except in the test of that rule."""
    if request.node.name != "test_with_other_threads_running_nothing_is_forked":
        monkeypatch.setattr(parallel, "_threads", lambda: 1)


def pages(count: int, make):
    return [Page(f"p/{i}.md", (lambda i=i: make(i))) for i in range(count)]


def test_a_child_renders_half_and_every_page_gets_its_own_text():
    me = os.getpid()
    many = pages(parallel.AT_LEAST, lambda i: f"{i}:{os.getpid()}")
    parallel.render(many)
    texts = [p.content.split(":") for p in many]
    assert [int(i) for i, _ in texts] == list(range(parallel.AT_LEAST))
    by = {pid for _, pid in texts}
    assert str(me) in by and len(by) == 2  # this process and one child
    assert all(pid == str(me) for _, pid in texts[0::2])


def test_few_pages_render_here():
    few = pages(parallel.AT_LEAST - 1, lambda i: str(os.getpid()))
    parallel.render(few)
    assert {p.content for p in few} == {str(os.getpid())}


def test_what_the_child_cannot_render_is_rendered_here():
    me = os.getpid()

    def make(i):
        if os.getpid() != me:
            raise RuntimeError("the child fails")
        return str(i)

    many = pages(parallel.AT_LEAST, make)
    parallel.render(many)
    assert [p.content for p in many] == [str(i) for i in range(parallel.AT_LEAST)]


def test_a_template_error_surfaces_here():
    def make(i):
        if i == 7:  # a page of the child's share
            raise ValueError("page 7 is broken")
        return str(i)

    with pytest.raises(ValueError, match="page 7 is broken"):
        parallel.render(pages(parallel.AT_LEAST, make))


def test_the_parents_own_failure_stops_and_reaps_the_child(tmp_path):
    me, seen = os.getpid(), tmp_path / "child.pid"

    def make(i):
        if os.getpid() != me:
            fresh = seen.with_name(f"{seen.name}.{os.getpid()}")
            fresh.write_text(str(os.getpid()))
            os.replace(fresh, seen)  # whole, never seen empty
            time.sleep(0.01)
        elif i == 0:  # the first page of this process's share, once the child is at work
            for _ in range(500):
                if seen.exists():
                    break
                time.sleep(0.01)
            raise ValueError("page 0 is broken")
        return str(i)

    with pytest.raises(ValueError, match="page 0 is broken"):
        parallel.render(pages(parallel.AT_LEAST, make))
    child = int(seen.read_text())
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # reaped already: no zombie left behind
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)  # and not running


def test_with_other_threads_running_nothing_is_forked():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        many = pages(parallel.AT_LEAST, lambda i: str(os.getpid()))
        parallel.render(many)
    finally:
        stop.set()
        other.join()
    assert {p.content for p in many} == {str(os.getpid())}


def test_real_pages_render_the_same_in_the_child(tmp_path, monkeypatch):
    import datetime as dt
    from pathlib import Path

    from pmmhub.render.site import load

    data = Path(__file__).resolve().parents[1] / "data"
    day = dt.date(2026, 12, 1)
    here = [p.content for p in load(data, day=day).pages]
    monkeypatch.setattr(parallel, "AT_LEAST", 2)
    forked = load(data, day=day).pages
    parallel.render(forked)
    assert [p.content for p in forked] == here


def test_a_map_of_an_odd_number_of_items_keeps_their_order_on_two_cores():
    me = os.getpid()
    items = list(range(2 * 7 + 1))
    made = parallel.on_two_cores(lambda i: (i * i, os.getpid()), items, at_least=2)
    assert [value for value, _ in made] == [i * i for i in items]
    assert {pid for _, pid in made[0::2]} == {me}
    child = {pid for _, pid in made[1::2]}
    assert len(child) == 1 and me not in child  # every other item, made by one child


def test_a_map_whose_child_fails_makes_the_childs_items_here():
    me = os.getpid()

    def square(i):
        if os.getpid() != me:
            raise RuntimeError("the child fails")
        return i * i

    assert parallel.on_two_cores(square, list(range(9)), at_least=2) == [i * i for i in range(9)]


def test_the_threshold_is_read_when_called():
    """Lowering ``AT_LEAST`` (as the test of real pages does) makes the next call fork."""
    parallel.AT_LEAST, before = 2, parallel.AT_LEAST
    try:
        pids = {pid for pid in parallel.on_two_cores(lambda i: os.getpid(), [1, 2, 3])}
    finally:
        parallel.AT_LEAST = before
    assert len(pids) == 2
