"""Files put into a built site (``write.put``): a folder is made only where one is missing."""
from __future__ import annotations

import pytest

from pmmhub.render.write import put

pytestmark = pytest.mark.unit


def test_put_makes_a_missing_folder_and_writes_into_an_existing_one(tmp_path):
    put(tmp_path / "a" / "b" / "x.json", b"1")
    put(tmp_path / "a" / "b" / "y.json", b"2")
    put(tmp_path / "a" / "b" / "x.json", b"3")
    assert (tmp_path / "a/b/x.json").read_bytes() == b"3" and (tmp_path / "a/b/y.json").read_bytes() == b"2"
    (tmp_path / "file").write_text("")
    with pytest.raises(NotADirectoryError):
        put(tmp_path / "file" / "z.json", b"")
