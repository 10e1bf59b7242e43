"""Garbage collection for a command that runs once and exits (``hub validate``, ``hub build``).

A loaded hub is hundreds of thousands of objects (the catalog's load pauses collection while it
makes them), and every full collection after it walks them all again: about a fifth of ``hub
validate`` and of ``hub build``'s checks at 1,000 entities, the interpreter's exit included.
``keep`` freezes what the process holds (``gc.freeze``): it stays until the process exits anyway.
A program that runs such commands one after another in one process calls ``gc.unfreeze()``
after each, or keeps every one's objects.
"""
from __future__ import annotations

import gc


def keep() -> None:
    """What the process holds now is exempt from every later collection."""
    gc.freeze()
