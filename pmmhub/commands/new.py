"""``hub new <kind> <id>``: a valid, commented starter file, then the next steps.

In a terminal the required fields are asked for; otherwise they come from options
(``--name``, ``--summary``, ``--owner``, …, one per required field of the kind; see
``hub new <kind> --help``). Nothing is written unless the answers are valid, and the
file written passes ``hub validate``.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from pmmhub.contribute import scaffold
from pmmhub.load import files as entity_files
from pmmhub.relate.catalog import load, read_hub, today
from pmmhub.problems import format_text
from pmmhub.model import KINDS
from pmmhub.commands import codeowners as owners_file

TRIES = 3


class KindGroup(click.Group):
    """One subcommand per kind, built from the model; unknown kinds get a friendly hint."""

    def list_commands(self, ctx):
        return list(KINDS)

    def get_command(self, ctx, name):
        kind = scaffold.resolve_kind(name)
        return _kind_command(kind) if kind else None

    def resolve_command(self, ctx, args):
        command = self.get_command(ctx, args[0])
        if command is None:
            raise click.UsageError(f"unknown kind '{args[0]}'; {scaffold.kind_hint(args[0])}", ctx)
        return command.name, command, args[1:]


@click.group(cls=KindGroup)
def new():
    """Create data/<folder>/<ID>.yml for a new entity of KIND: hub new KIND ID.

    \b
    Examples:
      hub new case-study huadong-retail-chain      (asks for the required fields)
      hub new battlecard xinghe-data --name 星河数据 --summary "…" --owner @li-na …
    """


def _kind_command(kind: str) -> click.Command:
    params = [click.Argument(["id"], callback=lambda ctx, param, value: _check_id(ctx, param, value, kind))]
    for q in scaffold.questions(kind):
        params.append(click.Option([q.option, q.dest], help=_help(q), metavar=_metavar(q),
                                   type=click.Choice(q.choices) if q.choices else None))
    params.append(click.Option(["--data-dir"], default="data", show_default=True,
                               type=click.Path(file_okay=False), help="The hub to add to."))
    model = KINDS[kind].model
    doc = (model.__doc__ or sys.modules[model.__module__].__doc__ or kind).strip().splitlines()[0]
    return click.Command(kind, params=params, callback=lambda **kw: _create(kind, **kw),
                         help=f"{doc}\n\nWrites data/{KINDS[kind].folder}/ID.yml.", short_help=doc)


def _help(q: scaffold.Question) -> str:
    text = q.description.rstrip(".")
    if q.path == ("reviewed",):
        return f"{text}. Default: today."
    extra = " (at least one of industry, scenario, function)" if not q.required else ""
    return f"{text}{extra}. Example: {q.example}"


def _metavar(q: scaffold.Question) -> str:
    if q.date:
        return "YYYY-MM-DD"
    return "ID" if (q.vocabulary or q.ref) else "TEXT"


def _check_id(ctx, param, value: str, kind: str) -> str:
    problem = scaffold.id_problem(value)
    if problem:
        raise click.BadParameter(problem, ctx, param)
    reserved = value in entity_files.RESERVED_IDS and entity_files.id_problem(value, kind)
    if reserved:
        raise click.BadParameter(f"{reserved[0]}; {reserved[1]}", ctx, param)
    return value


def _create(kind: str, id: str, data_dir: str, **options) -> None:
    data = Path(data_dir)
    hub = _hub(data)
    _check_folder(data, kind)
    taken = scaffold.existing(data, kind, id) or next(
        (p for p in (scaffold.target(data, kind, id), scaffold.target(data, kind, id).with_suffix(".yaml"))
         if entity_files.exists(p)), None)  # a broken link or a pipe is taken too
    if taken:
        raise click.ClickException(f"{taken.as_posix()} already exists: edit that file, or choose another id")
    catalog = load(data)
    answers = _answers(kind, options)
    interactive = sys.stdin.isatty()
    if interactive:
        _ask(kind, answers, hub, catalog)
    else:
        _require(kind, answers)
    problems = scaffold.check(kind, answers, hub, catalog)
    for _ in range(TRIES if interactive else 0):
        if not problems:
            break
        for path, message in problems.items():
            click.secho(f"{_question(kind, path).name}: {message}", fg="red", err=True)
            answers[path] = _prompt(kind, _question(kind, path), answers, hub, catalog)
        problems = scaffold.check(kind, answers, hub, catalog)
    if problems:
        lines = "\n".join(f"  {_question(kind, p).option}: {m}" for p, m in problems.items())
        raise click.UsageError(f"the answers are not valid for a {scaffold.label(kind)}:\n{lines}")
    path = _write(kind, id, data, answers)
    _next_steps(kind, id, path, data, answers[("owner",)])


def _hub(data: Path):
    if not (data / "hub.yml").is_file():
        raise click.ClickException(f"no hub at {data.as_posix()}/ (hub.yml not found): run `hub new` from the "
                                   "repository root, or pass --data-dir")
    return read_hub(data)


def _check_folder(data: Path, kind: str) -> None:
    """``hub new`` writes only into a real folder of the hub, never through a link."""
    folder = data / KINDS[kind].folder
    if entity_files.exists(folder) and (folder.is_symlink() or not folder.is_dir()):
        what = entity_files.what_is(folder) if folder.is_symlink() else "a file"
        raise click.ClickException(f"{folder.as_posix()} is not a real folder ({what}): commit the folder itself; "
                                   "`hub new` writes only inside the hub")


def _question(kind: str, path: tuple) -> scaffold.Question:
    return next(q for q in scaffold.questions(kind) if q.path == path)


def _answers(kind: str, options: dict) -> dict:
    answers = {}
    for q in scaffold.questions(kind):
        value = options.get(q.dest)
        if value is not None and value.strip():
            answers[q.path] = scaffold.typed(q, value)
    answers.setdefault(("reviewed",), today())
    return answers


def _missing(kind: str, answers: dict) -> list[scaffold.Question]:
    return [q for q in scaffold.questions(kind) if q.required and q.path not in answers]


def _require(kind: str, answers: dict) -> None:
    missing = _missing(kind, answers)
    if missing:
        names = ", ".join(q.option for q in missing)
        raise click.UsageError(f"missing required fields for a {scaffold.label(kind)}: {names}\n"
                               f"Pass them as options (see `hub new {kind} --help`), or run the command in a "
                               "terminal to be asked for them.")


def _ask(kind: str, answers: dict, hub, catalog) -> None:
    missing = _missing(kind, answers)
    optional = [q for q in scaffold.questions(kind) if not q.required]
    if missing:
        click.echo(f"A new {scaffold.label(kind)} needs these fields (press Enter after each):")
    for q in missing:
        answers[q.path] = _prompt(kind, q, answers, hub, catalog)
    if optional and not any(q.path in answers for q in optional):
        click.echo(f"A {scaffold.label(kind)} needs at least one of: {', '.join(q.name for q in optional)} "
                   "(Enter skips one).")
        for q in optional:
            value = _prompt(kind, q, answers, hub, catalog, skippable=True)
            if value != "":
                answers[q.path] = value


def _prompt(kind: str, q: scaffold.Question, answers: dict, hub, catalog, skippable: bool = False):
    """Ask for one field until the answer is valid (or skipped)."""
    choices = _choices(q, hub, catalog)
    if choices:
        click.echo(f"  {q.name}: " + " · ".join(f"{key} {label}".strip() for key, label in choices.items()))

    def valid(text: str):
        if skippable and not text.strip():
            return ""
        value = scaffold.typed(q, text)
        problem = scaffold.check(kind, {**answers, q.path: value}, hub, catalog).get(q.path)
        if problem:
            raise click.UsageError(problem)
        return value

    label = f"{q.name} — {q.description.rstrip('.')} (e.g. {q.example})"
    return click.prompt(label, default="" if skippable else None, show_default=False, value_proc=valid)


def _choices(q: scaffold.Question, hub, catalog) -> dict[str, str]:
    if q.choices:
        return {c: "" for c in q.choices}
    if q.vocabulary and hub is not None:
        return dict(hub.vocabulary(q.vocabulary))
    if q.ref:
        return {r.id: r.entity.name for r in catalog.all(q.ref)}
    return {}


def _write(kind: str, id_: str, data: Path, answers: dict) -> Path:
    path = scaffold.target(data, kind, id_)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:
        out.write(scaffold.render(kind, id_, answers))
    mine = [p for p in load(data).errors if Path(p.file).resolve() == path.resolve()]
    if mine:  # a bug in the starter: never leave a broken file behind
        path.unlink()
        raise click.ClickException("the starter did not pass validation; nothing was written:\n" + format_text(mine))
    return path


def _next_steps(kind: str, id_: str, path: Path, data: Path, owner: str) -> None:
    shown = path.as_posix()
    owners = owners_file.update(data)
    click.echo(f"Created {shown}: a {scaffold.label(kind)} starter that passes `hub validate`.")
    if owners:
        click.echo(f"Updated {owners_file.display(owners)}: {owner} will be asked to review changes to {shown}.")
    folder = KINDS[kind].folder
    branch = f"add-{kind}-{id_}"
    click.echo(f"""
Next steps:
  1. Edit {shown}: replace the sample text, and delete the "# " in front of each optional field you use.
  2. Check it:   hub validate
  3. Preview it: start the preview with the command in README.md, then open
                 http://127.0.0.1:8000/{folder}/{id_}/  (the page updates each time you save)
  4. Propose it: git switch -c {branch}
                 git add {shown}{' ' + owners_file.display(owners) if owners else ''}
                 git commit -m "Add {kind} {id_}"
                 git push -u origin {branch}
                 then open a pull request and tick the checklist; the owner reviews it.""")
