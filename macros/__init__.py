"""What mkdocs-macros loads (``plugins: - macros: modules: [macros]``): the hub's macros.

The engine is the ``pmmhub`` package; this module only hands mkdocs-macros its entry point.
"""


def define_env(env):  # pragma: no cover - exercised by real builds
    from pmmhub.engines.macros_glue import define_env as _define_env

    _define_env(env)
