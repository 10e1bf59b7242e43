"""The ``hub`` command. Each subcommand is a module in ``pmmhub/commands/`` defining a
click command of the same name; it is imported only when it runs, so ``hub validate``
never pays for MkDocs or Markdown."""
from __future__ import annotations

import importlib
import pkgutil

import click

from pmmhub import commands


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(m.name for m in pkgutil.iter_modules(commands.__path__) if not m.name.startswith("_"))

    def get_command(self, ctx, name):
        if name not in self.list_commands(ctx):
            return None
        return getattr(importlib.import_module(f"{commands.__name__}.{name}"), name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """The product-marketing hub: validate, scaffold, diff and build hub content."""
