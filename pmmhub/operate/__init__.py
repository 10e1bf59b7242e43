"""Productised operations: what a PMM lead runs every week, computed from the hub and its git history.

A plain library: ``report.build`` gathers freshness by owner (``freshness``), orphaned owners
(``orphans``, from ``history`` and CODEOWNERS), coverage and gaps (``coverage``), a quality score
per entity (``quality``) and the weekly trend (``trend``). ``hub report``, the health dashboard
(``render/producers/health.py``) and the owner digests (``digest``) all read one ``Report``.
"""
