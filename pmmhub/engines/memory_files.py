"""A full ``mkdocs build`` takes the generated pages from memory, in the order MkDocs' own walk gives.

Under ``mkdocs build`` (not the preview, not ``--dirty``: those compare the files' times), the render
writes only what it copied from ``docs/`` into the rendered tree (hand-written pages, the files
macros include, assets), and the generated pages reach MkDocs as its generated files
(``File.generated``), the bytes the render made: at 1,000 entities, 1,500 files fewer to write and
read back. They take the places MkDocs' walk of a written tree would give them
(``file_sort_key``), so the build, its navigation and its sitemap come out the same.
"""
from __future__ import annotations

import os

from mkdocs.structure.files import File, Files, file_sort_key, set_exclusions


def with_generated(files: Files, config, contents: dict[str, bytes], names: frozenset[str]) -> Files:
    """``files`` (from the docs folder, then the theme's and other plugins') with the files ``names``
    of ``contents`` among the docs folder's; a theme file of the same name gives way, as it would."""
    docs = os.path.normpath(config.docs_dir)
    walked = [file for file in files if file.src_dir is not None and os.path.normpath(file.src_dir) == docs]
    ours = {id(file) for file in walked}
    made = [File.generated(config, name, content=_as_read(contents[name])) for name in names]
    set_exclusions(made, config)  # as MkDocs' walk sets them, for the plugins that follow
    rest = [file for file in files if id(file) not in ours and file.src_uri not in names]
    return Files(sorted(walked + made, key=file_sort_key) + rest)


def _as_read(data: bytes) -> bytes:
    """The bytes as MkDocs would read them from a file: a text file's line ends made ``\n``."""
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n") if b"\r" in data else data
