"""Render: the catalog turned into page sources (Markdown with front matter and raw HTML).

A plain library, independent of the site engine. ``site.load`` reads the hub once per
change; ``generated.generate`` runs every page producer in ``producers/``; ``pages``
renders one page from the templates in ``pmmhub/templates``; ``snippets`` are the macros
of hand-written pages; ``text`` turns data text into safe HTML; ``i18n`` holds the
portal's labels; ``urls`` the URL scheme; ``context`` what a template may ask.
"""
