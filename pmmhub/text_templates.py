"""Jinja for plain-text output (YAML starters, Markdown reports): strict, not HTML-escaped."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import jinja2


@lru_cache(maxsize=None)
def text_environment(folder: Path) -> jinja2.Environment:
    """The templates in ``folder``; an undefined name is an error, blocks leave no blank lines."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder), undefined=jinja2.StrictUndefined,
                              keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, autoescape=False)
