"""The portal: the catalog turned into pages and macros, independent of the site engine.

``site.load`` reads the hub once per change; ``pages.generate`` runs every page producer
in ``producers/``; ``snippets`` are the macros of hand-written pages. The MkDocs glue
(``macros/mkdocs_plugin.py``, ``macros_glue.py``) only wires these in.
"""
