"""``hub report``: freshness by owner, orphaned owners, coverage, gaps, quality and trend (``pmmhub.operate``)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from pmmhub.operate import digest as digests_
from pmmhub.operate import formats
from pmmhub.operate.freshness import SOON_DAYS
from pmmhub.operate.orphans import ORPHAN_DAYS
from pmmhub.operate.report import build
from pmmhub.operate.trend import WEEKS
from pmmhub.problems import format_text
from pmmhub.relate.catalog import load, today

FORMATS = ("text", "markdown", "json", "digest")


@click.command()
@click.option("--data-dir", default="data", show_default=True, type=click.Path(file_okay=False),
              help="The hub's data folder.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text for people, markdown for issues and job summaries, json for tools, "
                   "digest for one owner's issue body (with --owner).")
@click.option("--owner", help="With --format digest: whose digest, e.g. @li-na.")
@click.option("--digests", "digest_dir", type=click.Path(file_okay=False),
              help="Also write one digest per owner into this folder (<owner>.md and digests.json).")
@click.option("--orphan-days", default=ORPHAN_DAYS, show_default=True, type=click.IntRange(1, 3650),
              help="An owner with no commit to the data folder in this many days is orphaned.")
@click.option("--soon-days", default=SOON_DAYS, show_default=True, type=click.IntRange(0, 365),
              help="Entities due within this many days are listed as due soon.")
@click.option("--weeks", default=WEEKS, show_default=True, type=click.IntRange(0, 104),
              help="Weeks of trend read from git history (0: none).")
@click.option("--day", type=click.DateTime(["%Y-%m-%d"]),
              help="The report's today (YYYY-MM-DD). Default: today, or SOURCE_DATE_EPOCH when set.")
def report(data_dir, fmt, owner, digest_dir, orphan_days, soon_days, weeks, day):
    """Report the hub's operating health: what is stale per owner, whose content is orphaned,
    where proof is missing (product × industry), the gaps sales would hit, a quality score per
    entity and the weekly trend from git history.

    \b
    Examples:
      hub report                                  (text, in the hub's language)
      hub report --format markdown >> "$GITHUB_STEP_SUMMARY"
      hub report --format digest --owner @li-na   (one owner's issue body)
      hub report --digests digests                (every owner's, for the weekly workflow)
    """
    if fmt == "digest" and not owner:
        raise click.UsageError("--format digest needs --owner, e.g. --owner @li-na")
    if owner and fmt != "digest":
        raise click.UsageError("--owner goes with --format digest")
    catalog = load(data_dir)
    if catalog.errors:  # report what is valid (a dangling battle card is a gap too), then exit 1
        click.echo(format_text(catalog.errors), err=True)
        click.echo(f"error: {len(catalog.errors)} problems in {data_dir} (see `hub validate`); the report leaves "
                   "the files with errors out and the exit code is 1", err=True)
    result = build(catalog, Path(data_dir), day.date() if day else today(), orphan_days=orphan_days,
                   soon_days=soon_days, weeks=weeks if fmt != "digest" else 0)
    if digest_dir:
        written = digests_.write(result, Path(digest_dir))
        open_ = sum(1 for d in written if d.body)
        click.echo(f"wrote {open_} digests and {digests_.MANIFEST} ({len(written)} owners) to {digest_dir}", err=True)
    if fmt == "digest":
        owners = sorted({r.entity.owner for r in catalog})
        if owner not in owners:
            raise click.UsageError(f"no entity is owned by '{owner}'; owners: {', '.join(owners)}")
        click.echo(digests_.digest(result, owner).body or "", nl=False)
    else:
        show = {"text": formats.to_text, "markdown": formats.to_markdown, "json": formats.to_json}[fmt]
        click.echo(show(result), nl=False)
    sys.exit(1 if catalog.errors else 0)
