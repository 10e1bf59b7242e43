"""Many pages render on two cores (``pmmhub.render.parallel``): the same text, and a failing
child leaves its share to this process, errors and all."""
import os

import pytest

from pmmhub.render import parallel
from pmmhub.render.generated import Page

pytestmark = pytest.mark.skipif(parallel.cores() < 2 or not hasattr(os, "fork"), reason="needs two cores and fork")


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
