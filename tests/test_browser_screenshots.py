"""The README's screenshots are made by this tooling: scripts/screenshots.py on the real build.

The script writes docs/assets/screenshots/{home,battlecard,toolkit,finder-phone}.png; here it
writes to a temporary folder, with the session's browser, and the images are checked for their
fixed viewports (the phone's is 390×844).
"""
import importlib.util
import struct

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


def test_the_readme_screenshots_at_fixed_viewports(browser, built_site, tmp_path):
    module = script()
    written = module.take(built_site, tmp_path, browser)
    assert sorted(f.name for f in written) == ["battlecard.png", "finder-phone.png", "home.png", "toolkit.png"]
    for file in written:
        viewport = module.SHOTS[file.name][1]
        assert png_size(file) == (viewport["width"], viewport["height"])
        assert file.stat().st_size > 20_000, f"{file.name} looks blank"
    assert module.SHOTS["finder-phone.png"][1] == {"width": 390, "height": 844}


def test_the_readme_shows_every_screenshot_the_script_makes():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [name for name in script().SHOTS if f"docs/assets/screenshots/{name}" not in readme]
    assert missing == [], f"README.md does not show {missing}"
