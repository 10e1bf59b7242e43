"""Hostile files: only regular files inside the hub are read, everything else is a located problem.

Real files, FIFOs, sockets, symbolic links, permissions and git repositories; every run is a
real ``hub`` process with a timeout, so a hang fails the test instead of stalling it.
"""
import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from datahelpers import hub_cli, GIT_ENV, commit, entity, git, write_hub

from pmmhub.contribute.contentdiff import md
from pmmhub.load import files
from pmmhub.load import safe_yaml as loader

HUB = str(Path(sys.executable).with_name("hub"))
SECRET = "绝密：外部文件的内容"


def hub(cwd: Path, *args: str, user: int | None = None):
    if user is None:  # in this process; another user needs a process of its own
        result = hub_cli(*args, cwd=cwd, env=GIT_ENV)
    else:
        command = [shutil.which("setpriv"), f"--reuid={user}", f"--regid={user}", "--clear-groups", HUB, *args]
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=60,
                                env={**os.environ, **GIT_ENV})
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


def validate(root: Path):
    return hub(root, "validate", "data", "--no-stale")


def outside_file(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.yml"
    secret.parent.mkdir()
    secret.write_text(yaml.safe_dump(entity("product", name=SECRET), allow_unicode=True), encoding="utf-8")
    return secret


# ---------------------------------------------------------------- hub validate


@pytest.mark.parametrize("target", ["outside", "broken", "/dev/zero", "/etc/passwd"])
def test_a_symbolic_link_is_refused_whatever_it_points_at(tmp_path, target):
    data = write_hub(tmp_path)
    points_at = {"outside": str(outside_file(tmp_path)), "broken": str(tmp_path / "nowhere.yml")}.get(target, target)
    os.symlink(points_at, data / "products" / "linked.yml")
    result = validate(tmp_path)
    assert result.returncode == 1
    assert (f"data/products/linked.yml:1:1: not a regular file (a symbolic link to {points_at})\n"
            "    hint: commit the file itself, not a link to it") in result.stdout
    assert SECRET not in result.stdout


def test_a_fifo_is_refused_without_hanging(tmp_path):
    data = write_hub(tmp_path)
    os.mkfifo(data / "products" / "pipe.yml")
    os.mkfifo(data / "hub-extra.yml")
    result = validate(tmp_path)
    assert result.returncode == 1
    assert "data/products/pipe.yml:1:1: not a regular file (a named pipe (FIFO))" in result.stdout
    assert "data/hub-extra.yml:1:1: not a hub folder" in result.stdout


def test_a_socket_is_refused(tmp_path):
    data = write_hub(tmp_path)
    path = data / "personas" / "s.yml"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        result = validate(tmp_path)
    assert "data/personas/s.yml:1:1: not a regular file (a socket)" in result.stdout


def test_a_folder_named_like_a_data_file(tmp_path):
    data = write_hub(tmp_path)
    (data / "products" / "x.yml").mkdir()
    (data / "products" / "drafts").mkdir()
    result = validate(tmp_path)
    assert result.returncode == 1
    assert ("data/products/x.yml:1:1: a folder named like a data file is not read here\n"
            "    hint: each product is one <id>.yml file directly in products/") in result.stdout
    assert "data/products/drafts:1:1: a folder is not read here" in result.stdout


def test_a_kind_folder_that_is_a_link_or_a_file(tmp_path):
    data = write_hub(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(data / "products", elsewhere)
    os.symlink(elsewhere, data / "products")
    shutil.rmtree(data / "launches")
    (data / "launches").write_text("x: 1\n", encoding="utf-8")
    result = validate(tmp_path)
    assert (f"data/products:1:1: not a hub folder: products must be a folder, and this is a symbolic link to "
            f"{elsewhere}") in result.stdout
    assert "data/launches:1:1: not a hub folder: launches must be a folder, and this is a file" in result.stdout
    assert "elsewhere/cdp.yml" not in result.stdout  # nothing inside the link was read


def test_hub_yml_as_a_link_or_a_fifo(tmp_path):
    data = write_hub(tmp_path)
    (data / "hub.yml").unlink()
    os.symlink("/dev/zero", data / "hub.yml")
    result = validate(tmp_path)
    assert result.returncode == 1
    assert "data/hub.yml:1:1: not a regular file (a symbolic link to /dev/zero)" in result.stdout
    (data / "hub.yml").unlink()
    os.mkfifo(data / "hub.yml")
    assert "data/hub.yml:1:1: not a regular file (a named pipe (FIFO))" in validate(tmp_path).stdout


@pytest.mark.skipif(shutil.which("setpriv") is None or os.geteuid() != 0,
                    reason="needs root to run hub as an unprivileged user (root reads everything)")
def test_unreadable_files_and_folders_are_problems(tmp_path):
    base = Path("/tmp") / f"hub-perm-{os.getpid()}"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(mode=0o755)
    try:
        data = write_hub(base)
        for path in [base, *base.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        (data / "products" / "cdp.yml").chmod(0)
        (data / "personas").chmod(0)
        result = hub(base, "validate", "data", "--no-stale", user=65534)
        assert result.returncode == 1
        assert ("data/products/cdp.yml:1:1: cannot read the file (permission denied)\n"
                "    hint: make the file readable (chmod u+r) or remove it") in result.stdout
        assert ("data/personas:1:1: cannot read the folder (permission denied)\n"
                "    hint: make the folder readable (chmod u+rx) or remove it") in result.stdout
    finally:
        shutil.rmtree(base)


# ---------------------------------------------------------------- reading one file


def test_read_refuses_a_fifo_and_a_link_swapped_in_after_the_listing(tmp_path):
    pipe, link = tmp_path / "p.yml", tmp_path / "l.yml"
    os.mkfifo(pipe)
    os.symlink("/dev/zero", link)
    assert loader.read(pipe, "p.yml")[1][0].message == "not a regular file (a named pipe (FIFO))"
    assert loader.read(link, "l.yml")[1][0].message == "not a regular file (a symbolic link to /dev/zero)"


def test_read_never_reads_past_the_limit(tmp_path):
    sparse = tmp_path / "huge.yml"
    with open(sparse, "wb") as out:
        out.truncate(8 * 1024 ** 3)  # 8 GiB that occupy no disk
    doc, problems = loader.read(sparse, "huge.yml")
    assert doc is None and problems[0].message == "the file is over 64 MiB; the limit is 1 MiB"
    raw, problem = files.read_bytes(Path("/proc/self/status"), "status")  # size 0 in stat, content anyway
    assert problem is None and raw.startswith(b"Name:")


# ---------------------------------------------------------------- depth


@pytest.mark.parametrize("levels", [500, 100_000])
@pytest.mark.parametrize("shape", ["brackets", "braces", "dashes", "indentation"])
def test_deep_nesting_is_a_located_error(tmp_path, levels, shape):
    text = {"brackets": "name: " + "[" * levels + "]" * levels + "\n",
            "braces": "name: " + "{a: " * levels + "}" * levels + "\n",
            "dashes": "name:\n" + "- " * levels + "x\n",
            "indentation": "".join(" " * i + "a:\n" for i in range(min(levels, 1400)))}[shape]
    data = write_hub(tmp_path, {"product": text})
    result = validate(tmp_path)
    assert result.returncode == 1
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("data/products/cdp.yml"))
    assert line.endswith("nested too deeply (more than 50 levels of lists and mappings)")
    assert data.is_dir()


def test_nesting_through_a_chain_of_aliases_is_refused():
    text = "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 600))
    problems = loader.parse_text(text, "x.yml")[1]
    assert [p.message for p in problems] == ["nested too deeply (more than 50 levels of lists and mappings)"]


def test_fifty_levels_are_fine():
    text = "a: " + "[" * 49 + "]" * 49 + "\n"
    doc, problems = loader.parse_text(text, "x.yml")
    assert problems == [] and doc is not None


# ---------------------------------------------------------------- reserved ids


@pytest.mark.parametrize("id_", ["index", "page"])
def test_reserved_ids_are_refused_by_validate_and_new(tmp_path, id_):
    data = write_hub(tmp_path, {f"product/{id_}": entity("product")})
    result = validate(tmp_path)
    assert result.returncode == 1
    assert f"data/products/{id_}.yml:1:1: the id '{id_}' is reserved: the portal uses products/{id_} for" in result.stdout
    (data / "products" / f"{id_}.yml").unlink()
    new = hub(tmp_path, "new", "product", id_, "--name", "x", "--summary", "y", "--owner", "@li-na")
    assert new.returncode == 2 and f"the id '{id_}' is reserved" in new.stderr
    assert not (data / "products" / f"{id_}.yml").exists()


def test_finder_is_an_ordinary_id(tmp_path):
    write_hub(tmp_path, {"product/finder": entity("product")})
    assert "finder" not in validate(tmp_path).stdout


# ---------------------------------------------------------------- hub diff


@pytest.fixture
def repo(tmp_path):
    write_hub(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "the hub")
    return tmp_path


def diff(repo: Path, *args: str):
    return hub(repo, "diff", *args)


def test_diff_of_committed_links_reads_none_of_them(repo):
    outside = repo.parent / f"{repo.name}-secret.yml"
    outside.write_text(yaml.safe_dump(entity("product", name=SECRET), allow_unicode=True), encoding="utf-8")
    os.symlink("/dev/zero", repo / "data/products/zero.yml")
    os.symlink(str(outside), repo / "data/products/secret.yml")
    os.symlink("../../../etc/passwd", repo / "data/personas/passwd.yml")
    commit(repo, "links")
    for args in (("HEAD~1", "HEAD"), ("HEAD~1",)):  # the commit, and the working tree
        result = diff(repo, *args)
        assert result.returncode == 1, result.stderr  # the change adds validation errors: the PR check fails
        assert "- data/products/zero.yml:1:1: not a regular file (a symbolic link to /dev/zero)" in result.stdout
        assert f"- data/products/secret.yml:1:1: not a regular file (a symbolic link to {md(str(outside))})" in result.stdout
        assert "data/personas/passwd.yml:1:1: not a regular file (a symbolic link to ../../../etc/passwd)" in result.stdout
        assert SECRET not in result.stdout and "root:" not in result.stdout


def test_diff_refuses_an_oversized_blob_without_reading_it(repo):
    big = repo / "data/products/big.yml"
    big.write_text("name: x\nnotes: |\n" + "  一行很长的文字\n" * 80_000, encoding="utf-8")
    commit(repo, "big")
    big.unlink()
    result = diff(repo, "HEAD~1", "HEAD")
    assert result.returncode == 1  # a new validation error
    assert "- data/products/big.yml:1:1: the file is 1.8 MiB; the limit is 1 MiB" in result.stdout


def test_diff_of_a_submodule_and_a_fifo(repo):
    sha = git(repo, "rev-parse", "HEAD")
    git(repo, "update-index", "--add", "--cacheinfo", f"160000,{sha},data/products/sub.yml")
    git(repo, "commit", "-q", "-m", "a submodule")
    result = diff(repo, "HEAD~1", "HEAD")
    assert "- data/products/sub.yml:1:1: a folder named like a data file is not read here" in result.stdout
    os.mkfifo(repo / "data/personas/pipe.yml")
    result = diff(repo, "HEAD")
    assert "- data/personas/pipe.yml:1:1: not a regular file (a named pipe (FIFO))" in result.stdout


def test_diff_when_the_hub_folder_is_a_link_at_a_revision(repo):
    shutil.move(repo / "data", repo / "real")
    os.symlink("real", repo / "data")
    commit(repo, "data is a link")
    shutil.rmtree(repo / "real")
    (repo / "data").unlink()
    write_hub(repo)
    result = diff(repo, "HEAD")
    assert result.returncode == 2
    assert "Error: data is not a folder at" in result.stderr and "the hub folder must be a real folder" in result.stderr


def test_diff_still_reports_ordinary_changes(repo):
    (repo / "data/personas/cfo.yml").write_text(yaml.safe_dump(entity("persona", name="财务总监"), allow_unicode=True),
                                                encoding="utf-8")
    os.chmod(repo / "data/personas/cfo.yml", stat.S_IRUSR | stat.S_IWUSR | stat.S_IXUSR)  # executable bit: 100755
    commit(repo, "cfo")
    result = diff(repo, "HEAD~1", "HEAD")
    assert "- 买家画像 cfo (财务总监) — data/personas/cfo.yml" in result.stdout  # in the hub's language
