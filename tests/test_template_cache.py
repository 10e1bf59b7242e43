"""Compiled page templates are kept between processes, and never serve code the sources outgrew."""
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from pmmhub.render import template_cache

pytestmark = pytest.mark.unit

# compile every page template in a new process; print how many Jinja compiled there
COMPILES = """
import jinja2
from pmmhub.render import environment
compiled = []
original = jinja2.Environment.compile
jinja2.Environment.compile = lambda self, *a, **k: compiled.append(1) or original(self, *a, **k)
environment.compile_all()
print(len(compiled))
"""


def compiled_in_new_process(package: Path) -> int:
    env = {**os.environ, "PYTHONPATH": str(package.parent)}
    run = subprocess.run([sys.executable, "-c", COMPILES], env=env, cwd=package.parent, capture_output=True, text=True,
                         check=True)
    return int(run.stdout)


@pytest.fixture
def package(tmp_path) -> Path:
    """A copy of the hub's package without its caches, importable from ``tmp_path``."""
    copy = tmp_path / "pmmhub"
    shutil.copytree(template_cache.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_a_second_process_compiles_nothing(package):
    first = compiled_in_new_process(package)
    assert first > 50  # every page template
    assert len(list((package / "__pycache__").glob("jinja-pages-*/*.cache"))) == first
    assert compiled_in_new_process(package) == 0


def test_a_changed_template_is_compiled_again(package):
    compiled_in_new_process(package)
    template = package / "templates" / "entity" / "_page.md"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert compiled_in_new_process(package) == 1


def test_changed_hub_code_starts_a_new_folder(package):
    """A filter or ``finalize`` may be folded into the code: any change to the hub's code counts."""
    compiled_in_new_process(package)
    (before,) = (package / "__pycache__").glob("jinja-pages-*")
    text = package / "render" / "text.py"
    text.write_text(text.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    assert compiled_in_new_process(package) > 50
    (after,) = (package / "__pycache__").glob("jinja-pages-*")  # the old folder is gone
    assert after != before


def test_settings_and_functions_are_in_the_fingerprint():
    def finalize(value):
        return value

    base = {"autoescape": True, "finalize": finalize}
    assert template_cache.fingerprint(base) == template_cache.fingerprint(dict(base))
    assert template_cache.fingerprint(base) != template_cache.fingerprint({**base, "autoescape": False})
    assert template_cache.fingerprint(base) != template_cache.fingerprint({**base, "finalize": str})


def test_a_damaged_cache_file_is_compiled_again(tmp_path):
    cache = template_cache._Cache(str(tmp_path))
    env = jinja2.Environment(loader=jinja2.DictLoader({"t": "{{ 1 + x }}"}), bytecode_cache=cache)
    assert env.get_template("t").render(x=1) == "2"
    for file in tmp_path.iterdir():
        file.write_bytes(file.read_bytes()[:-7] + b"garbage")
    fresh = jinja2.Environment(loader=jinja2.DictLoader({"t": "{{ 1 + x }}"}), bytecode_cache=cache)
    assert fresh.get_template("t").render(x=2) == "3"


def test_where_no_folder_can_be_made_each_process_compiles(package):
    (package / "__pycache__").write_text("a file where the cache folder would go")
    first = compiled_in_new_process(package)
    assert first > 50 and compiled_in_new_process(package) == first


def test_a_cache_that_cannot_be_written_still_renders(tmp_path):
    cache = template_cache._Cache(str(tmp_path / "missing"))  # every write fails
    env = jinja2.Environment(loader=jinja2.DictLoader({"t": "{{ x }}!"}), bytecode_cache=cache)
    assert env.get_template("t").render(x="ok") == "ok!"


def test_an_editors_lock_file_in_the_package_changes_nothing(package):
    """Emacs keeps ``.#name.py``, a link to nowhere, beside a file being edited."""
    (package / "render" / ".#text.py").symlink_to("user@host.1234:1700000000")
    assert compiled_in_new_process(package) > 50
    assert compiled_in_new_process(package) == 0


def test_a_planted_link_named_like_an_old_folder_is_not_followed(package, tmp_path):
    """Old cache folders are removed; a link with such a name is not followed out of the package."""
    canary = tmp_path / "canary"
    canary.mkdir()
    (canary / "keep.txt").write_text("still here")
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / f"jinja-pages-{sys.implementation.cache_tag}-0000").symlink_to(canary)
    assert compiled_in_new_process(package) > 50
    assert (canary / "keep.txt").read_text() == "still here"
