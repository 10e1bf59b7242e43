"""Expand the hub's macros in a hand-written page, for engines that cannot run them well.

mkdocs-macros runs the macros under MkDocs. Zensical re-implements mkdocs-macros but calls
``define_env`` again for every page (loading the hub each time) and reports a failed macro
without its page, so for Zensical ``hub render`` expands them itself, here: the same
macros (``snippets``), the same variables (``hub``, ``example``, ``config``), the same
strictness, and every error as ``docs/page.md:12: product_card: … hint: …``.
"""
from __future__ import annotations

import jinja2

from pmmhub.problems import Problem
from pmmhub.render.snippets import MACROS, MacroError, call, examples

def expand(site, src: str, source: str, shown: str, variables: dict) -> tuple[str, Problem | None]:
    """``source`` (a page with front matter) with its macros run; or the text as is and the problem."""
    body_start = _body_start(source)
    head, body = source[:body_start], source[body_start:]
    if "render_macros: false" in head:
        return source, None
    offset = head.count("\n")
    values = {"example": {k.replace("-", "_"): v for k, v in examples(site.catalog).items()}, **variables}
    for name in MACROS:
        values[name] = _bound(site, src, name)
    try:
        return head + _environment().from_string(body).render(**values), None
    except MacroError as error:
        name = macro_name(error)
        return source, Problem(shown, (template_line(error) or 1) + offset, 1, name, error.message, error.hint)
    except jinja2.TemplateSyntaxError as error:
        return source, Problem(shown, (error.lineno or 1) + offset, 1, "", error.message or "template syntax error",
                               "macros are written {{ name(...) }}; to show {{ or {% literally, "
                               "wrap the text in {% raw %} … {% endraw %}")
    except jinja2.UndefinedError as error:
        return source, Problem(shown, (template_line(error) or 1) + offset, 1, "", error.message or "undefined",
                               f"the hub's macros are {', '.join(MACROS)}; to show {{{{ }}}} literally, "
                               "wrap the text in {% raw %} … {% endraw %}")


def template_line(error: Exception) -> int | None:
    """The line of the page (as Jinja saw it) where the error was raised."""
    line, tb = None, error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _bound(site, src: str, name: str):
    def macro(*args, **kwargs):
        return call(site, src, name, args, kwargs)

    macro.__name__ = name
    return macro


def macro_name(error: Exception, where: str = __file__) -> str:
    """The name of the hub macro (a function ``macro`` defined in the file ``where``) that raised ``error``."""
    tb, name = error.__traceback__, ""
    while tb is not None:
        if tb.tb_frame.f_code.co_name == "macro" and tb.tb_frame.f_code.co_filename == where:
            name = tb.tb_frame.f_locals.get("name", "")
        tb = tb.tb_next
    return name


def _body_start(source: str) -> int:
    if not source.startswith("---"):
        return 0
    end = source.find("\n---", 3)
    if end < 0:
        return 0
    newline = source.find("\n", end + 4)
    return len(source) if newline < 0 else newline + 1


def _environment() -> jinja2.Environment:
    return jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=False)  # as mkdocs-macros
