"""``hub schema``: JSON Schema per kind, for editors (yaml-language-server) and tools."""
import json
from pathlib import Path

import click
from click.core import ParameterSource

from pmmhub.validate.jsonschema import all_schemas


@click.command()
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--data-dir", default="data", show_default=True, type=click.Path(file_okay=False),
              help="The hub's data folder: its hub.yml vocabularies become enums (skipped if missing).")
@click.option("--data", "legacy_dir", hidden=True, type=click.Path(file_okay=False),
              help="The older spelling of --data-dir.")
@click.pass_context
def schema(ctx, out_dir, data_dir, legacy_dir):
    """Write <kind>.schema.json for every kind and hub.schema.json into OUT_DIR."""
    if legacy_dir is not None:
        if ctx.get_parameter_source("data_dir") is not ParameterSource.DEFAULT and legacy_dir != data_dir:
            raise click.UsageError(f"two data folders given: --data '{legacy_dir}' and --data-dir '{data_dir}'; "
                                   "pass only --data-dir", ctx)
        click.echo(f"warning: --data is the older spelling; write --data-dir {legacy_dir}", err=True)
        data_dir = legacy_dir
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, body in all_schemas(Path(data_dir)).items():
        (out / f"{name}.schema.json").write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        click.echo(f"wrote {out / name}.schema.json")
