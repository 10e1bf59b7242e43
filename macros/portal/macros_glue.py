"""mkdocs-macros glue: registers the hub's macros; reports their errors with page and line.

mkdocs-macros calls ``define_env`` (via ``macros/__init__.py``) while MkDocs loads the
config. The hub is loaded through ``portal.site.load`` (shared with the hub plugin), in
the edition HUB_AUDIENCE names. A bad macro call or an undefined name stops the build
with one located message (other template errors: mkdocs-macros' ``on_error_fail: true``):

    docs/authoring.md:12: product_card: no product with id 'tidehb'
        hint: did you mean 'tidehub'?
"""
from __future__ import annotations

import os
from pathlib import Path

from jinja2.exceptions import TemplateSyntaxError, UndefinedError
from mkdocs.exceptions import PluginError

from ..catalog import DATA_DIR
from ..errors import HubDataError
from .site import load
from .snippets import MACROS, MacroError, Snippets, call, examples

AUDIENCE = "HUB_AUDIENCE"  # the edition to build: internal (default) or public; set by `hub build`


def define_env(env) -> None:
    site = load_site(env.conf)
    for name in MACROS:
        env.macro(_bound(env, site, name), name)
    env.variables["example"] = {k.replace("-", "_"): v for k, v in examples(site.catalog).items()}
    _report_located_errors()


def data_dir(config) -> Path:
    """The hub plugin's ``data_dir`` option (default ``data``), relative to mkdocs.yml."""
    plugin = config.plugins.get("hub")
    name = plugin.config.data_dir if plugin is not None else DATA_DIR
    return Path(config.config_file_path or ".").resolve().parent / name


def audience() -> str:
    return os.environ.get(AUDIENCE) or "internal"


def load_site(config):
    """The hub for this MkDocs config, as a ``Site``; problems become a ``PluginError`` (no traceback)."""
    try:
        return load(data_dir(config), directory_urls=config.use_directory_urls, audience=audience())
    except HubDataError as error:
        raise PluginError(f"the hub data has errors:\n{error}") from None
    except ValueError as error:
        raise PluginError(f"{AUDIENCE}: {error}") from None


def _bound(env, site, name: str):
    def macro(*args, **kwargs):
        return call(site, env.page.file.src_uri, name, args, kwargs)

    macro.__name__ = name
    macro.__doc__ = getattr(Snippets, name).__doc__
    return macro


def _report_located_errors() -> None:
    """Our errors stop the build as ``page:line: message`` + hint: no traceback, shown even with --quiet.

    mkdocs-macros formats a failed page through ``format_error`` (one function per exception
    type); for ours we raise a ``PluginError`` there, which MkDocs prints as an error and
    which ends the build.
    """
    from mkdocs_macros.errors import format_error

    format_error.register(MacroError, _stop_macro_error)
    format_error.register(UndefinedError, _stop_undefined)
    format_error.register(TemplateSyntaxError, _stop_syntax_error)


def _stop_macro_error(error: MacroError, markdown: str, page) -> str:
    where = _where(error, markdown, page)
    name = _macro_name(error)
    text = f"{where}: {name}: {error.message}" if name else f"{where}: {error.message}"
    raise PluginError(text + (f"\n    hint: {error.hint}" if error.hint else "")) from None


def _stop_undefined(error: UndefinedError, markdown: str, page) -> str:
    raise PluginError(f"{_where(error, markdown, page)}: {error.message}\n"
                      f"    hint: the hub's macros are {', '.join(MACROS)}; "
                      "to show {{ }} literally, wrap the text in {% raw %} … {% endraw %}") from None


def _stop_syntax_error(error: TemplateSyntaxError, markdown: str, page) -> str:
    raise PluginError(f"{_where(error, markdown, page, error.lineno)}: {error.message}\n"
                      "    hint: macros are written {{ name(...) }}; "
                      "to show {{ or {% literally, wrap the text in {% raw %} … {% endraw %}") from None


def _where(error: Exception, markdown: str, page, line: int | None = None) -> str:
    path = page.file.abs_src_path
    shown = os.path.relpath(path) if path else page.file.src_uri
    line = line or _template_line(error)
    return f"{shown}:{line + _front_matter_lines(page, markdown)}" if line else shown


def _template_line(error: Exception) -> int | None:
    """The line of the page (as Jinja saw it) where the error was raised."""
    line, tb = None, error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _front_matter_lines(page, markdown: str) -> int:
    source = page.file.content_string
    return source[: len(source) - len(markdown)].count("\n") if markdown and source.endswith(markdown) else 0


def _macro_name(error: Exception) -> str:
    tb, name = error.__traceback__, ""
    while tb is not None:
        if tb.tb_frame.f_code.co_name == "macro" and tb.tb_frame.f_code.co_filename == __file__:
            name = tb.tb_frame.f_locals.get("name", "")
        tb = tb.tb_next
    return name
