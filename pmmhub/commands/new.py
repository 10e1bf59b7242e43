"""``hub new <kind> <id>``: a valid, commented starter file, then the next steps.

In a terminal the required fields are asked for, in the hub's language (``new.*`` labels
of ``pmmhub/i18n``); otherwise they come from options (``--name``, ``--summary``,
``--owner``, …, one per required field of the kind; see ``hub new <kind> --help``). A
vocabulary answer may be its id or its label (``零售`` for ``retail``), a fixed choice its
label (``高`` for ``high``), a reference the entity's name; the choices and examples shown
are real ids of the hub. Nothing is written unless the answers are valid, and the file
written passes ``hub validate``.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from pmmhub.contribute import scaffold
from pmmhub.load import files as entity_files
from pmmhub.relate.catalog import load, read_hub, today
from pmmhub.problems import format_text
from pmmhub.model import KINDS
from pmmhub.commands import codeowners as owners_file
from pmmhub.model.fields import shapes
from pmmhub.render.i18n import labels as portal_labels

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
                                   type=LabelledChoice(q) if q.choices else None))
    params.append(click.Option(["--data-dir"], default="data", show_default=True,
                               type=click.Path(file_okay=False), help="The hub to add to."))
    model = KINDS[kind].model
    doc = (model.__doc__ or sys.modules[model.__module__].__doc__ or kind).strip().splitlines()[0]
    return click.Command(kind, params=params, callback=lambda **kw: _create(kind, **kw),
                         help=f"{doc}\n\nWrites data/{KINDS[kind].folder}/ID.yml.", short_help=doc)


class LabelledChoice(click.Choice):
    """A fixed choice that also accepts its label in either language (``高`` for ``high``)."""

    def __init__(self, q: scaffold.Question):
        super().__init__(q.choices)
        self.q = q

    def convert(self, value, param, ctx):
        return super().convert(_choice_of(self.q, str(value)), param, ctx)


def _t(hub):
    """The labels of the hub's language (English without a readable hub.yml)."""
    return portal_labels(hub.language if hub is not None else "en")


def _choice_label(q: scaffold.Question, choice: str, t) -> str:
    key = f"{q.path[-1]}.{choice}"
    return t(key) if t.has(key) else ""


def _choice_of(q: scaffold.Question, text: str) -> str:
    """``text`` as one of ``q.choices``: the choice itself, or its label in any language."""
    text = text.strip()
    if text in q.choices:
        return text
    for language in ("zh", "en"):
        t = portal_labels(language)
        found = [c for c in q.choices if _choice_label(q, c, t).casefold() == text.casefold()]
        if found:
            return found[0]
    return text


def resolve(q: scaffold.Question, text: str, hub, catalog) -> str:
    """An answer as the id the file needs: a vocabulary label, a choice's label or an entity's name
    becomes its id; ``retail 零售`` (a choice as displayed) becomes ``retail``; anything else is kept."""
    text = text.strip()
    if q.choices:
        return _choice_of(q, text)
    known = _choices(q, hub, catalog)
    if not known or text in known:
        return text
    first = text.split(maxsplit=1)[0] if text else ""
    if first in known and text == f"{first} {known[first]}".strip():
        return first
    by_label = [key for key, label in known.items() if label and label.strip().casefold() == text.casefold()]
    return by_label[0] if len(by_label) == 1 else text


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
    answers = _answers(kind, options, hub, catalog)
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
    if owners_file.default_output(data).is_file():
        click.echo(_t(hub)("new.codeowners_ahead", owner=answers[("owner",)]))
    path = _write(kind, id, data, answers, _real_examples(kind, hub, catalog))
    _next_steps(kind, id, path, data, answers[("owner",)], hub)


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


def _answers(kind: str, options: dict, hub=None, catalog=None) -> dict:
    answers = {}
    for q in scaffold.questions(kind):
        value = options.get(q.dest)
        if value is not None and value.strip():
            answers[q.path] = scaffold.typed(q, resolve(q, value, hub, catalog))
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
    t = _t(hub)
    if missing:
        click.echo(t("new.needs", kind=t(f"new.kind.{kind}")))
    for q in missing:
        answers[q.path] = _prompt(kind, q, answers, hub, catalog)
    if optional and not any(q.path in answers for q in optional):
        click.echo(t("new.one_of", kind=t(f"new.kind.{kind}"), fields=", ".join(q.name for q in optional)))
        for q in optional:
            value = _prompt(kind, q, answers, hub, catalog, skippable=True)
            if value != "":
                answers[q.path] = value


def _prompt(kind: str, q: scaffold.Question, answers: dict, hub, catalog, skippable: bool = False):
    """Ask for one field until the answer is valid (or skipped)."""
    t = _t(hub)
    choices = _choices(q, hub, catalog)
    if q.choices:
        choices = {c: _choice_label(q, c, t) for c in q.choices}
    if choices:
        click.echo("  " + t("new.choices", name=q.name,
                            choices=" · ".join(f"{key} {label}".strip() for key, label in choices.items())))

    def valid(text: str):
        if skippable and not text.strip():
            return ""
        value = scaffold.typed(q, resolve(q, text, hub, catalog))
        problem = scaffold.check(kind, {**answers, q.path: value}, hub, catalog).get(q.path)
        if problem:
            raise click.UsageError(problem)
        return value

    key = f"new.field.{q.name}"
    description = t(key) if t.has(key) else q.description.rstrip(".")
    label = t("new.prompt", name=q.name, description=description, example=_example(q, choices))
    return click.prompt(label, default="" if skippable else None, show_default=False, value_proc=valid)


def _example(q: scaffold.Question, choices: dict) -> str:
    """A real id of the hub for a vocabulary or reference question, else the model's example."""
    if (q.vocabulary or q.ref) and choices:
        return next(iter(choices))
    return str(q.example)


def _choices(q: scaffold.Question, hub, catalog) -> dict[str, str]:
    if q.choices:
        return {c: "" for c in q.choices}
    if q.vocabulary and hub is not None:
        return dict(hub.vocabulary(q.vocabulary))
    if q.ref:
        return {r.id: r.entity.name for r in catalog.all(q.ref)}
    return {}


def _real_examples(kind: str, hub, catalog) -> dict[str, str]:
    """The model's example ids (``fanlink-cdp``, ``east-china``) -> a real id of the hub of that kind or vocabulary."""
    found: dict[str, str] = {}

    def walk(model, depth=0):
        for f in shapes(model):
            shape = f.shape.item if f.shape.form == "list" else f.shape
            if shape.form == "model" and depth < 4:
                walk(shape.type, depth + 1)
            target = shape.ref.kind if shape.ref else None
            ids = (sorted(catalog.records.get(target, {})) if target else
                   list(hub.vocabulary(shape.vocab.name)) if shape.vocab and hub is not None else [])
            for example in _example_ids(f.info.examples):
                if ids and example not in ids:
                    found.setdefault(example, ids[0])

    walk(KINDS[kind].model)
    return found


def _example_ids(examples) -> list[str]:
    """The id-like strings of a field's examples (ids inside lists and mappings too)."""
    out, todo = [], list(examples or [])
    while todo:
        value = todo.pop()
        if isinstance(value, str) and scaffold.id_problem(value) is None:
            out.append(value)
        elif isinstance(value, list):
            todo += value
        elif isinstance(value, dict):
            todo += list(value.values())
    return out


def _with_real_ids(text: str, real: dict[str, str]) -> str:
    """The starter with the model's example ids in commented-out samples replaced by real ones,
    so that uncommenting a sample gives a valid reference."""
    if not real:
        return text
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(real, key=len, reverse=True))) + r")(?![\w-])")
    return "\n".join(pattern.sub(lambda m: real[m.group(1)], line) if line.lstrip().startswith("#") and ":" in line
                     else line for line in text.split("\n"))


def _write(kind: str, id_: str, data: Path, answers: dict, real: dict[str, str] | None = None) -> Path:
    path = scaffold.target(data, kind, id_)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:
        out.write(_with_real_ids(scaffold.render(kind, id_, answers), real or {}))
    mine = [p for p in load(data).errors if Path(p.file).resolve() == path.resolve()]
    if mine:  # a bug in the starter: never leave a broken file behind
        path.unlink()
        raise click.ClickException("the starter did not pass validation; nothing was written:\n" + format_text(mine))
    return path


def _next_steps(kind: str, id_: str, path: Path, data: Path, owner: str, hub=None) -> None:
    t = _t(hub)
    shown = path.as_posix()
    owners = owners_file.update(data)
    click.echo(t("new.created", path=shown, kind=t(f"new.kind.{kind}")))
    if owners:
        click.echo(t("new.codeowners_done", file=owners_file.display(owners), owner=owner, path=shown))
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
