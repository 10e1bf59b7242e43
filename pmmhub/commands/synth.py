"""``hub synth``: write a synthetic hub for tests and benchmarks (hidden from ``hub --help``).

The generator is development tooling (``hubdev.synth``), not the runtime engine: it is
imported only when this command runs.
"""
import datetime as dt

import click


@click.command(hidden=True)
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--entities", "-n", default=1000, show_default=True, type=click.IntRange(min=6),
              help="How many entities, over all six kinds.")
@click.option("--seed", default=1, show_default=True, type=int, help="Same seed, same bytes.")
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Date the review dates are relative to (default: today, or SOURCE_DATE_EPOCH).")
@click.option("--skewed", is_flag=True,
              help="References follow a long tail, as in a real hub: one flagship product cited by about a "
                   "third of the case studies and met in most battle cards, one competitor displaced most.")
def synth(out_dir, entities, seed, today, skewed):
    """Write OUT_DIR/data: hub.yml plus N valid, cross-referenced entities."""
    try:
        from hubdev.synth import generate
    except ModuleNotFoundError as err:
        if err.name != "hubdev":
            raise
        raise click.ClickException("hub synth needs the development tooling (hubdev/), which is not installed "
                                   "here; run it from a checkout of the hub repository") from None
    day: dt.date | None = today.date() if today else None
    try:
        made = generate(out_dir, entities, seed, day, skewed=skewed)
    except FileExistsError as err:
        raise click.UsageError(str(err)) from None
    summary = ", ".join(f"{count} {kind}" for kind, count in made.items())
    click.echo(f"wrote {sum(made.values())} entities to {out_dir}/data ({summary})")
