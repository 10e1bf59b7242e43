"""A portal with ``use_directory_urls: false`` builds both editions: a page is ``x.html`` and its
Markdown mirror ``x.md``, the page's own source name, which takes no path in the site (the
engine builds a page, it does not copy it); the public edition's shipped-files check allows
``x.html`` pages."""
import json

from datahelpers import copy_of_repository, hub_cli


def test_both_editions_build_with_page_urls_ending_in_html(tmp_path):
    repo = copy_of_repository(tmp_path / "repo")
    with (repo / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nuse_directory_urls: false\n")
    for audience in ("internal", "public"):
        site = tmp_path / audience
        done = hub_cli("build", "--audience", audience, "--site-dir", str(site), cwd=repo)
        assert done.returncode == 0, done.stdout + done.stderr
        record = json.loads((site / "api/v1/products/tidehub.json").read_text(encoding="utf-8"))
        assert record["mirror"] == "products/tidehub.md" and record["url"].endswith("products/tidehub.html")
        assert (site / "products/tidehub.html").is_file() and not (site / "products/tidehub/index.html").exists()
        assert (site / "products/tidehub.md").read_text(encoding="utf-8").startswith("# ")
        assert "products/tidehub.html" in (site / "llms.txt").read_text(encoding="utf-8")
