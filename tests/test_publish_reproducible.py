"""Two builds of one commit are byte-identical, in both editions.

The second build runs in a fresh clone of the canary project (another path, new file
times, another Python hash seed, later on the clock) and is compared file by file with
the first (tests/fixtures/publish).
"""
import hashlib

import pytest
from fixtures.publish.builds import canary_editions, git, hub_build


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    return canary_editions(tmp_path_factory)


def digests(site) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_two_builds_of_the_same_commit_are_byte_identical(editions, tmp_path, audience):
    clone = tmp_path / "elsewhere" / "clone"
    clone.parent.mkdir()
    git(clone.parent, "clone", "-q", str(editions.project), str(clone))
    done = hub_build(clone, audience, tmp_path / "again", f"canary hub ({audience}, again)")
    assert done.returncode == 0, done.stdout + done.stderr
    first, second = digests(editions.site(audience)), digests(tmp_path / "again")
    assert sorted(set(first) ^ set(second)) == []
    assert [name for name in first if first[name] != second[name]] == []
    assert {"sitemap.xml.gz", "hub-search/meta.json"} <= set(first)
