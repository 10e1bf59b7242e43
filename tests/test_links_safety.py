"""One URL rule for URL fields and for links in Markdown: http, https, mailto or truly relative.

``//host``, ``/\\host``, ``\\\\host`` and their encoded, entity and padded variants are not
relative: a browser goes to another host. The validator refuses them (an error at the field)
and the sanitiser drops the ``href`` of any Markdown, reference-style or raw-HTML link that
fails the same rule. The payload hub (tests/test_sanitise_payloads.py) checks built pages.
"""
from __future__ import annotations

import html
import re

import pytest
from datahelpers import check, entity

from pmmhub.model.common import url_problem
from pmmhub.render.text import markdown

ALLOWED = ["https://example.com/a", "HTTPS://example.com/caps", "Http://example.com", "mailto:pmm@example.com",
           "MAILTO:pmm@example.com", "../case-studies/a/", "./a.pdf", "a.pdf", "docs/a%20b.pdf", "/products/",
           "#pricing", "?tab=1", "docs/a:b", "https://example.com/?next=//x", "a/b\\c"]
SCHEMES = {"javascript:alert(1)": "javascript", "JaVaScRiPt:alert(1)": "javascript", " javascript:alert(1)": "javascript",
           "java\tscript:alert(1)": "javascript", "java\nscript:alert(1)": "javascript",
           "\x00javascript:alert(1)": "javascript", "\u200bjavascript:alert(1)": "javascript",
           "javascript&#58;alert(1)": "javascript", "&#x6A;avascript:alert(1)": "javascript",
           "java%09script:alert(1)": "javascript", "javascript%3Aalert(1)": "javascript",
           "data:text/html,<script>alert(1)</script>": "data", "DATA:image/png;base64,AAAA": "data",
           "vbscript:msgbox(1)": "vbscript", "file:///etc/passwd": "file", "ftp://example.com": "ftp"}
OTHER_HOST = ["//evil.example", "/\\evil.example", "\\\\evil.example", "\\evil.example", "/\\/evil.example",
              "\\/evil.example", "%2F%2Fevil.example", "%2f%2fevil.example", "%5C%5Cevil.example",
              "%252F%252Fevil.example", "  //evil.example", "\t//evil.example", "\x01//evil.example",
              "/\t/evil.example", "/\n/evil.example", "\u200b//evil.example", "&#47;&#47;evil.example",
              "&#x2F;/evil.example", "&sol;&sol;evil.example", "&#92;&#92;evil.example"]


@pytest.mark.parametrize("url", ALLOWED)
def test_http_https_mailto_and_true_relative_paths_are_links(url):
    assert url_problem(url) is None


@pytest.mark.parametrize("url, scheme", SCHEMES.items())
def test_other_schemes_are_refused_by_name_however_disguised(url, scheme):
    message, hint = url_problem(url)
    assert message == f"links must be http, https, mailto or relative, not '{scheme}:'"
    assert "https://" in hint


@pytest.mark.parametrize("url", OTHER_HOST)
def test_links_that_leave_for_another_host_are_not_relative(url):
    message, hint = url_problem(url)
    assert message.startswith("links must be http, https, mailto or relative; one that starts with //")
    assert "https://" in hint and "../" in hint


@pytest.mark.parametrize("url", [*ALLOWED, *SCHEMES, *OTHER_HOST])
def test_the_sanitiser_keeps_a_raw_html_link_exactly_when_the_rule_allows_it(url):
    out = markdown(f'<a href="{html.escape(url)}">链接</a>')
    assert ("href=" in out) == (url_problem(url) is None), out


@pytest.mark.parametrize("url", [u for u in OTHER_HOST + list(SCHEMES) if not re.search(r"[\s\x00-\x1f\u200b()<>]", u)])
def test_markdown_inline_and_reference_links_that_fail_the_rule_lose_their_href(url):
    inline, reference = markdown(f"[链接]({url})"), markdown(f"[链接][r]\n\n[r]: {url}")
    assert "href=" not in inline and "href=" not in reference and "链接" in inline + reference


def test_links_inside_lists_tables_and_angle_brackets_follow_the_rule():
    out = markdown("说明：\n- [a](//evil.example/a)\n- [b](<//evil.example/b>)\n\n| x |\n|---|\n| [c](/\\evil.example) |\n\n"
                   "[ok](HTTPS://example.com/caps)")
    assert "<li>" in out and "<td>" in out
    assert re.findall(r'href="([^"]*)"', out) == ["HTTPS://example.com/caps"]


def test_url_fields_refuse_protocol_relative_links_at_the_field(tmp_path):
    links = [{"title": "坏", "url": url} for url in ("//evil.example/x", "%2F%2Fevil.example", "https://ok.example")]
    found = check(tmp_path, "product", entity("product", links=links))
    assert [(line, field) for _, line, field, _ in found] == [("url: //evil.example/x", "links[0].url"),
                                                             ("url: '%2F%2Fevil.example'", "links[1].url")]
    assert all(message.startswith("links must be http, https, mailto or relative; one that starts with //")
               for *_, message in found)


def test_every_kind_s_url_fields_use_the_rule(tmp_path):
    card = entity("battlecard", competitor={"name": "星河", "website": "/\\evil.example"},
                  sources=[{"title": "来源", "url": "\\\\evil.example/s"}])
    launch = entity("launch", readiness=[{"deliverable": "培训", "link": "//evil.example/t"}])
    fields = {field for _, _, field, _ in check(tmp_path, "battlecard", card)}
    assert fields == {"competitor.website", "sources[0].url"}
    assert {field for _, _, field, _ in check(tmp_path / "l", "launch", launch)} == {"readiness[0].link"}


def test_the_url_error_carries_its_hint_for_the_report():
    from pydantic import ValidationError

    from pmmhub.model.common import Link

    with pytest.raises(ValidationError) as caught:
        Link.model_validate({"title": "坏", "url": "/\\evil.example"})
    (error,) = caught.value.errors()
    assert error["ctx"]["error"].hint == url_problem("/\\evil.example")[1]
