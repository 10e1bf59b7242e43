"""The README's screenshots are made by this tooling: scripts/screenshots.py on the real build.

The script writes docs/assets/screenshots/{home,battlecard}.png; here it writes to a temporary
folder, with the session's browser, and the images are checked for their fixed viewport.
"""
import importlib.util
import struct

from browserkit import VIEWPORT
from conftest import REPO


def script():
    spec = importlib.util.spec_from_file_location("screenshots", REPO / "scripts" / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def png_size(file) -> tuple[int, int]:
    head = file.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", file
    return struct.unpack(">II", head[16:24])


def test_home_and_battle_card_screenshots_at_a_fixed_viewport(browser, built_site, tmp_path):
    written = script().take(built_site, tmp_path, browser)
    assert sorted(f.name for f in written) == ["battlecard.png", "home.png"]
    for file in written:
        assert png_size(file) == (VIEWPORT["width"], VIEWPORT["height"])
        assert file.stat().st_size > 20_000, f"{file.name} looks blank"
