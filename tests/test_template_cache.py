"""Compiled templates kept on disk (``render.template_cache``) and files put into a site (``write.put``)."""
from __future__ import annotations

import jinja2
import pytest

from pmmhub.render import template_cache
from pmmhub.render.write import put

pytestmark = pytest.mark.unit


def _env(templates, **options) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), **options)


def _compiles(env: jinja2.Environment) -> list[str]:
    """Count ``env``'s compiles from source (what the cache saves)."""
    seen: list[str] = []
    compile_ = env.compile

    def counted(source, name=None, filename=None, *args, **kwargs):
        seen.append(name)
        return compile_(source, name, filename, *args, **kwargs)

    env.compile = counted
    return seen


@pytest.fixture
def templates(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("{% for x in items %}[{{ x }}]{% endfor %}\n", encoding="utf-8")
    return folder


def test_a_new_environment_loads_what_an_earlier_one_compiled(templates, tmp_path):
    cache = tmp_path / "cache"
    first = _env(templates)
    template_cache.attach(first, cache)
    assert _compiles(first) == [] and first.get_template("page.html").render(items=[1, 2]) == "[1][2]"
    assert list(cache.rglob("*.cache")), "the compiled template is on disk"
    second = _env(templates)  # a new process's environment: nothing in memory
    template_cache.attach(second, cache)
    compiled = _compiles(second)
    assert second.get_template("page.html").render(items=[3]) == "[3]"
    assert compiled == [], "loaded from the cache, not compiled again"


def test_a_changed_template_is_compiled_again(templates, tmp_path):
    cache = tmp_path / "cache"
    first = _env(templates)
    template_cache.attach(first, cache)
    first.get_template("page.html").render(items=[])
    (templates / "page.html").write_text("changed {{ items | length }}", encoding="utf-8")
    second = _env(templates)
    template_cache.attach(second, cache)
    compiled = _compiles(second)
    assert second.get_template("page.html").render(items=[1, 2]) == "changed 2"
    assert compiled == ["page.html"]


def test_environments_that_compile_differently_never_share_a_cache(templates, tmp_path):
    plain, trimmed = _env(templates), _env(templates, trim_blocks=True)
    assert template_cache.fingerprint(plain) != template_cache.fingerprint(trimmed)
    assert template_cache.fingerprint(plain) == template_cache.fingerprint(_env(templates))
    assert template_cache.fingerprint(plain) != template_cache.fingerprint(_env(templates, autoescape=True))
    template_cache.attach(plain, tmp_path / "cache")
    template_cache.attach(trimmed, tmp_path / "cache")
    assert plain.bytecode_cache.directory != trimmed.bytecode_cache.directory


def test_a_cache_that_cannot_be_made_or_read_is_no_cache(templates, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder goes")
    env = _env(templates)
    template_cache.attach(env, blocked)
    assert env.bytecode_cache is None and env.get_template("page.html").render(items=[1]) == "[1]"

    cache = tmp_path / "cache"
    first = _env(templates)
    template_cache.attach(first, cache)
    first.get_template("page.html")
    for entry in cache.rglob("*.cache"):
        entry.write_bytes(entry.read_bytes()[:20])  # cut short: a full disk, a killed build
    second = _env(templates)
    template_cache.attach(second, cache)
    assert second.get_template("page.html").render(items=[2]) == "[2]"


def test_put_makes_a_missing_folder_and_writes_into_an_existing_one(tmp_path):
    put(tmp_path / "a" / "b" / "x.json", b"1")
    put(tmp_path / "a" / "b" / "y.json", b"2")
    put(tmp_path / "a" / "b" / "x.json", b"3")
    assert (tmp_path / "a/b/x.json").read_bytes() == b"3" and (tmp_path / "a/b/y.json").read_bytes() == b"2"
    (tmp_path / "file").write_text("")
    with pytest.raises(NotADirectoryError):
        put(tmp_path / "file" / "z.json", b"")
