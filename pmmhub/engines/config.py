"""The project's ``mkdocs.yml`` as plain data, and the config of one edition for any engine.

``read`` loads the config as MkDocs does (``!ENV`` and ``!relative`` tags included) and
``hub_options`` finds the hub plugin's options in it. ``edition_config`` makes the config
``hub build`` hands an engine: the project's, with ``docs_dir`` pointing at the rendered
tree, the edition's settings applied (``pmmhub.render.settings``) and the hub plugin left
out (the tree is already rendered).
"""
from __future__ import annotations

import copy
from pathlib import Path

import yaml

from pmmhub.relate.catalog import DATA_DIR
from pmmhub.render.finished_html import NAME as FINISHED_HTML

HUB_PLUGIN = "hub"


class ConfigError(Exception):
    """The config file cannot be read; the message says where and why."""


def read(config_file: Path) -> dict:
    """``config_file`` as MkDocs reads it (its YAML tags resolved), without validating it."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(config_file, encoding="utf-8") as f:
            data = yaml_load(f)
    except OSError as error:
        raise ConfigError(f"{config_file}: cannot read the config ({error.strerror})") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"{config_file}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{config_file}: the config must be a mapping of settings")
    return data


def hub_options(config: dict) -> dict:
    """The hub plugin's options in ``config`` (``data_dir`` defaults to ``data``)."""
    options: dict = {}
    plugins = config.get("plugins") or ()
    items = plugins.items() if isinstance(plugins, dict) else ((p, {}) if isinstance(p, str) else next(iter(p.items()))
                                                               for p in plugins)
    for name, value in items:
        if name == HUB_PLUGIN:
            options = dict(value or {})
    options.setdefault("data_dir", DATA_DIR)
    return options


def data_dir(config_file: Path, config: dict | None = None) -> Path:
    """The hub folder the config's hub plugin names (default ``data``), next to the config;
    ``config`` is the file's content when it was read already."""
    options = hub_options(config if config is not None else read(config_file))
    return Path(config_file).parent / str(options["data_dir"])


def edition_config(config: dict, overrides: dict, *, without_plugins: tuple[str, ...] = (HUB_PLUGIN,)) -> dict:
    """``config`` for building the rendered tree ``docs/`` (theme overrides in ``overrides/``) next
    to it, with ``overrides`` applied (Zensical wants every folder inside the config's own)."""
    out = copy.deepcopy(config)
    out["docs_dir"] = "docs"
    out.pop("site_dir", None)
    theme = out.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = "overrides"
    for key, value in overrides.items():
        if "." in key:
            section, name = key.split(".", 1)
            out.setdefault(section, {})
            out[section][name] = value
        elif value is None:
            out.pop(key, None)
        else:
            out[key] = value
    out["plugins"] = _plugins(config.get("plugins"), without_plugins)
    out["markdown_extensions"] = with_finished_html(out.get("markdown_extensions"))
    return out


def with_finished_html(extensions):
    """``markdown_extensions`` (a list, or a mapping as Zensical also reads it) with the extension
    that passes generated pages' HTML through (``pmmhub.render.finished_html``)."""
    if isinstance(extensions, dict):
        return {**extensions, FINISHED_HTML: extensions.get(FINISHED_HTML) or {}}
    names = [e if isinstance(e, str) else next(iter(e), None) for e in extensions or ()]
    return list(extensions or ()) + ([] if FINISHED_HTML in names else [FINISHED_HTML])


def write(config: dict, file: Path) -> Path:
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return file


def _plugins(plugins, without: tuple[str, ...]) -> list:
    if not plugins:
        return []
    items = plugins.items() if isinstance(plugins, dict) else ((p, None) if isinstance(p, str) else next(iter(p.items()))
                                                               for p in plugins)
    return [name if value is None else {name: value} for name, value in items if name not in without]
