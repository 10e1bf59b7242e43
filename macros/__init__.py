"""The product-marketing hub engine.

The data layer (``loader``, ``model``, ``catalog``) is a plain library; ``define_env``
below is the thin entry point mkdocs-macros looks for when ``module_name: macros``.
"""


def define_env(env):  # pragma: no cover - exercised by real builds
    from .portal.macros_glue import define_env as _define_env

    _define_env(env)
