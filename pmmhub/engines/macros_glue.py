"""mkdocs-macros glue: registers the hub's macros; reports their errors with page and line.

mkdocs-macros calls ``define_env`` (via ``macros/__init__.py``) while MkDocs loads the
config. The hub is the hub plugin's (``mkdocs serve``) or is loaded as the config's
``extra.hub`` says (what ``hub build`` writes for any engine). A bad macro call or an undefined name stops the build
with one located message (other template errors: mkdocs-macros' ``on_error_fail: true``):

    docs/authoring.md:12: product_card: no product with id 'tidehb'
        hint: did you mean 'tidehub'?
"""
from __future__ import annotations

import datetime as dt
import functools
import os
from pathlib import Path

from jinja2.exceptions import TemplateSyntaxError, UndefinedError
from mkdocs.exceptions import PluginError

from pmmhub.problems import HubDataError
from pmmhub.render.site import load
from pmmhub.render.page_macros import macro_name, template_line
from pmmhub.render.snippets import MACROS, MacroError, Snippets, call, examples

def define_env(env) -> None:
    plugin = env.conf.plugins.get("hub") if hasattr(env.conf, "plugins") else None
    if plugin is not None and getattr(plugin, "serving", False) and plugin.prepared is None:
        return  # the preview shows the data's errors: every page is an error page, no macros run
    site = site_of(env.conf)
    for name in MACROS:
        env.macro(_bound(env, site, name), name)
    env.variables["example"] = {k.replace("-", "_"): v for k, v in examples(site.catalog).items()}
    hub = (env.conf.get("extra") or {}).get("hub") or {}
    _report_located_errors(Path(hub["docs"]) if "docs" in hub else None)


def site_of(config):
    """The hub as this build renders it: the hub plugin's, when it runs (``mkdocs serve``), else
    loaded as ``extra.hub`` says (the config ``hub build`` writes for any engine)."""
    plugin = config.plugins.get("hub") if hasattr(config, "plugins") else None
    if plugin is not None and getattr(plugin, "prepared", None) is not None:
        return plugin.prepared.site
    hub = (config.get("extra") or {}).get("hub") or {}
    if "data_dir" not in hub:
        raise PluginError("the hub's macros need the hub: add the `hub` plugin before `macros` in mkdocs.yml")
    try:
        return load(Path(hub["data_dir"]), audience=hub["audience"], day=dt.date.fromisoformat(hub["day"]),
                    directory_urls=config.get("use_directory_urls", True))
    except HubDataError as error:
        raise PluginError(f"the hub data has errors:\n{error}") from None


def _bound(env, site, name: str):
    def macro(*args, **kwargs):
        return call(site, env.page.file.src_uri, name, args, kwargs)

    macro.__name__ = name
    macro.__doc__ = getattr(Snippets, name).__doc__
    return macro


def _report_located_errors(docs: Path | None) -> None:
    """Our errors stop the build as ``page:line: message`` + hint: no traceback, shown even with --quiet.

    mkdocs-macros formats a failed page through ``format_error`` (one function per exception
    type); for ours we raise a ``PluginError`` there, which MkDocs prints as an error and
    which ends the build.
    """
    from mkdocs_macros.errors import format_error

    for error, stop in ((MacroError, _stop_macro_error), (UndefinedError, _stop_undefined),
                        (TemplateSyntaxError, _stop_syntax_error)):
        format_error.register(error, functools.partial(stop, docs=docs))


def _stop_macro_error(error: MacroError, markdown: str, page, docs: Path | None) -> str:
    where = _where(error, markdown, page, docs)
    name = _macro_name(error)
    text = f"{where}: {name}: {error.message}" if name else f"{where}: {error.message}"
    raise PluginError(text + (f"\n    hint: {error.hint}" if error.hint else "")) from None


def _stop_undefined(error: UndefinedError, markdown: str, page, docs: Path | None) -> str:
    raise PluginError(f"{_where(error, markdown, page, docs)}: {error.message}\n"
                      f"    hint: the hub's macros are {', '.join(MACROS)}; "
                      "to show {{ }} literally, wrap the text in {% raw %} … {% endraw %}") from None


def _stop_syntax_error(error: TemplateSyntaxError, markdown: str, page, docs: Path | None) -> str:
    raise PluginError(f"{_where(error, markdown, page, docs, error.lineno)}: {error.message}\n"
                      "    hint: macros are written {{ name(...) }}; "
                      "to show {{ or {% literally, wrap the text in {% raw %} … {% endraw %}") from None


def _where(error: Exception, markdown: str, page, docs: Path | None, line: int | None = None) -> str:
    """``docs/page.md:12``: the hand-written page (not its copy in the rendered tree) and the line."""
    path = docs / page.file.src_uri if docs is not None else page.file.abs_src_path
    shown = os.path.relpath(path) if path else page.file.src_uri
    line = line or template_line(error)
    return f"{shown}:{line + _front_matter_lines(page, markdown)}" if line else shown


def _front_matter_lines(page, markdown: str) -> int:
    source = page.file.content_string
    return source[: len(source) - len(markdown)].count("\n") if markdown and source.endswith(markdown) else 0


def _macro_name(error: Exception) -> str:
    return macro_name(error, __file__)
