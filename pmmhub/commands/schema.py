"""``hub schema``: JSON Schema per kind, for editors (yaml-language-server) and tools."""
import json
from pathlib import Path

import click

from pmmhub.validate.jsonschema import all_schemas


@click.command()
@click.argument("out_dir", type=click.Path(file_okay=False))
@click.option("--data", "data_dir", default="data", show_default=True, type=click.Path(file_okay=False),
              help="Hub whose hub.yml vocabularies become enums (skipped if missing).")
def schema(out_dir, data_dir):
    """Write <kind>.schema.json for every kind and hub.schema.json into OUT_DIR."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, body in all_schemas(Path(data_dir)).items():
        (out / f"{name}.schema.json").write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        click.echo(f"wrote {out / name}.schema.json")
