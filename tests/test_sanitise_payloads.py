"""Data text cannot inject script: the injection-payload hub, read page by page.

The payload hub (tests/fixtures/publish/payloads.py) puts a corpus of injection payloads in
every text field of every kind and of hub.yml, a hostile but valid URL in every URL field,
and calls every macro on every payload entity; it is built for real. No page then holds a
script, event handler, frame, style, form or loading element from data, nor a link that is
not http, https, mailto or truly relative (protocol-relative ``//host`` and backslashed
``/\\host`` leave for another host: not relative); payloads show as text and Jinja in data
is not run.
tests/test_browser_safety.py loads the same pages in Chromium. URL fields with another
scheme never get that far: validation refuses them (last test).
"""
from __future__ import annotations

import html.parser
import re
import urllib.parse

import pytest
import yaml
from fixtures.publish.fill import Filler, fill
from fixtures.publish.payloads import (LINK_PAGE, HUB_VOCAB, MARKS, PAYLOADS, PROTOCOL_RELATIVE, REFUSED_URLS, URLS,
                                       checked_pages, ident, links_page, macros_page, payload_site, write_payload_hub)

from pmmhub.relate.catalog import load
from pmmhub.model import KINDS
from pmmhub.model.fields import leaves
from pmmhub.render.snippets import MACROS


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return payload_site(tmp_path_factory)


# what the page holds --------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset",
                  "cite", "longdesc", "ping", "manifest", "codebase", "lowsrc", "dynsrc", "content"}
FORBIDDEN_IN_CONTENT = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form",
                        "input", "button", "textarea", "select", "meta", "link", "img", "image", "video", "audio",
                        "source", "picture", "math", "template", "noscript", "foreignobject", "animate", "set"}
SAFE_URL = re.compile(r"^(https?:|mailto:|#|\.{0,2}/|[^:/?#]*(?:[/?#]|$))", re.I)
OTHER_HOST = re.compile(r"^(?:[/\\]{2}|\\)")  # //host, /\host, \\host, \host: the browser goes to another host


def unsafe_url(url: str) -> bool:
    """Neither http, https, mailto nor a path on this site, read as a browser would."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", urllib.parse.unquote(urllib.parse.unquote(url)))
    return bool(OTHER_HOST.match(cleaned)) or not SAFE_URL.match(cleaned)


class Inspector(html.parser.HTMLParser):
    """What a page holds that could run or fetch: every problem as a line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.depth = 0  # inside the page content (Material's article) when > 0
        self.script = None
        self.widget = 0  # inside a control of the portal's own (data-hub-widget) when > 0

    def handle_starttag(self, tag, attrs):
        if tag == "div" and (self.widget or "data-hub-widget" in dict(attrs)):
            self.widget += 1  # a control of the portal's own (search box, kit narrowing): its form, inputs and
            # icon come from a template, not from data; the data inside it is still checked for handlers and URLs
        if tag == "article":
            self.depth += 1
        elif self.depth and tag in FORBIDDEN_IN_CONTENT and not self.widget:
            self.problems.append(f"<{tag}> in the page content")
        if self.depth and tag == "svg" and ("class", "hub-icon") not in attrs and not self._icon(attrs) and not self.widget:
            self.problems.append("<svg> in the page content")
        if tag == "script":
            self.script = dict(attrs)
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…> event handler")
            if name in URL_ATTRIBUTES and name != "content":
                for url in ([u.strip().split(" ")[0] for u in value.split(",")] if name == "srcset" else [value]):
                    if unsafe_url(url):
                        self.problems.append(f"<{tag} {name}={url!r}> unsafe URL")
            if tag != "a" and name in URL_ATTRIBUTES and "evil.example" in value:
                self.problems.append(f"<{tag} {name}={value!r}> loads from another host")
            if name == "style" and re.search(r"url\(|expression|@import", value, re.I):
                self.problems.append(f"<{tag} style={value!r}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "div" and self.widget:
            self.widget -= 1
        if tag == "article":
            self.depth -= 1
        if tag == "script":
            self.script = None

    def handle_data(self, data):
        if self.script is not None and any(mark in data for mark in MARKS):
            self.problems.append(f"<script> runs data: {data[:80]!r}")

    @staticmethod
    def _icon(attrs) -> bool:  # the theme's inline icons (edit button, permalinks): an svg with a viewBox
        return dict(attrs).get("viewbox") is not None and dict(attrs).get("xmlns") == "http://www.w3.org/2000/svg"


class Hrefs(html.parser.HTMLParser):
    """The href of every element of a page (not text that looks like one)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [value or "" for name, value in attrs if name == "href"]


def hrefs_of(file) -> list[str]:
    parser = Hrefs()
    parser.feed(file.read_text(encoding="utf-8"))
    return parser.found


def inspect(file) -> list[str]:
    parser = Inspector()
    parser.feed(file.read_text(encoding="utf-8"))
    return parser.problems


def test_every_text_field_of_every_kind_and_of_hub_yml_holds_a_payload(site):
    catalog = load(site.parent / "data")
    assert catalog.problems == [] and len(catalog) == len(KINDS) * len(PAYLOADS)
    for record in catalog:
        texts = [v for path, v, _ in leaves(record.entity) if isinstance(v, str) and path[-1] not in ("owner",)]
        assert all(v == PAYLOADS[int(record.id.rsplit("-", 1)[1])] or v in URLS or re.fullmatch(r"[a-z0-9-]+", v)
                   for v in texts), record.id
    hub = catalog.hub
    assert hub.company in PAYLOADS and hub.internal_banner in PAYLOADS
    assert set(hub.industries.values()) <= set(PAYLOADS)


def test_the_hand_written_pages_call_every_macro_that_shows_data():
    pages = macros_page() + links_page()
    assert {name for name in MACROS if f"{name}(" in pages} == set(MACROS) - {"search_box", "ways_in"}


def test_no_page_holds_script_handler_frame_style_or_unsafe_link_from_data(site):
    pages = checked_pages(site)
    assert len(pages) > len(KINDS) * len(PAYLOADS)
    found = [f"{page.relative_to(site)}: {problem}" for page in pages for problem in inspect(page)]
    assert found[:30] == [], f"{len(found)} problems"


def test_the_link_macro_shows_a_name_as_text(site):
    assert inspect(site / LINK_PAGE) == []


def test_payloads_show_as_text_and_templates_in_data_are_not_run(site):
    page = (site / "products" / "product-0" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;console.log(&#39;PWNED&#39;);window.__pwned=1&lt;/script&gt;" in page  # plain field: shown
    jinja = (site / "products" / ident("product", PAYLOADS.index(next(p for p in PAYLOADS if "7*191" in p)))
             / "index.html").read_text(encoding="utf-8")
    assert "{{ 7*191*1001 }}" in jinja
    assert not [p for p in site.rglob("*.html") if "1337337" in p.read_text(encoding="utf-8")]


def test_only_http_https_mailto_and_relative_links_survive_markdown(site):
    n = next(i for i, p in enumerate(PAYLOADS) if "好链接" in p)
    page = (site / "solutions" / ident("solution", n) / "index.html").read_text(encoding="utf-8")
    approach = page[page.index('id="approach"'):]
    approach = approach[: approach.index("</div>")]
    assert 'href="https://example.com/ok"' in approach and 'href="mailto:pmm@example.com"' in approach
    assert 'href="../products/"' in approach
    assert 'href="http://evil.example/ok"' in approach and "onclick" not in approach  # a link may leave; no handler


def test_links_that_leave_for_another_host_lose_their_href_in_every_markdown_field(site):
    """The protocol-relative payloads (Markdown, reference-style and raw-HTML links; //, \\, encoded
    and entity variants) sit in every Markdown field of every kind; no built page keeps one."""
    for n in PROTOCOL_RELATIVE:
        for kind, spec in KINDS.items():
            hrefs = hrefs_of(site / spec.folder / ident(kind, n) / "index.html")
            assert len(hrefs) > 20  # the page, its navigation and its links
            assert [h for h in hrefs if "evil.example" in h and not h.lower().startswith("https:")] == [], (kind, n)
    caps = (site / "solutions" / ident("solution", PROTOCOL_RELATIVE[-1]) / "index.html").read_text(encoding="utf-8")
    assert 'href="HTTPS://example.com/caps"' in caps  # HTTPS in capitals is https
    refs = (site / "solutions" / ident("solution", PROTOCOL_RELATIVE[-2]) / "index.html").read_text(encoding="utf-8")
    assert '<a rel="noopener noreferrer">参考</a>' in refs  # the reference-style link is kept as text


def test_the_inspector_sees_links_to_another_host():
    assert [u for u in ("//evil.example", "/\\evil", "\\\\evil", " \t//evil", "%2F%2Fevil", "/%5Cevil") if not unsafe_url(u)] == []
    assert [u for u in ("https://x.example", "HTTPS://x", "mailto:a@x.example", "../a/", "/a/", "#x", "a.pdf")
            if unsafe_url(u)] == []


# URL fields refuse other schemes -----------------------------------------------------------

def test_url_fields_of_every_kind_refuse_other_schemes(tmp_path):
    """Entity n of every kind has refused URL n (of REFUSED_URLS, in turn) in every URL field."""
    refused = list(REFUSED_URLS)
    data = write_payload_hub(tmp_path)
    expected = set()
    for kind, spec in KINDS.items():
        for n in range(len(PAYLOADS)):
            url_paths = []
            filler = Filler(text=lambda path, md: "文本",
                            url=lambda path: url_paths.append(path) or refused[n % len(refused)],
                            ref=lambda target: ident(target, (n + 1) % len(PAYLOADS) if target == kind else n),
                            vocab=lambda name: HUB_VOCAB[name])
            text = yaml.safe_dump(fill(spec.model, filler), allow_unicode=True, sort_keys=False)
            (data / spec.folder / f"{ident(kind, n)}.yml").write_text(text, encoding="utf-8")
            expected |= {(f"{ident(kind, n)}.yml", path.replace("[]", "[0]"), refused[n % len(refused)])
                         for path in url_paths}
    assert len(PAYLOADS) >= len(refused) and len(expected) > len(refused) * len(KINDS)
    problems = load(data).problems
    found = set()
    for p in problems:
        file = p.file.replace("\\", "/").rsplit("/", 1)[1]
        url = next(u for f, path, u in expected if (f, path) == (file, p.field))
        what = REFUSED_URLS[url]
        assert p.message.startswith("links must be http, https, mailto or relative"), p.message
        assert (f"not '{what}:'" in p.message) if what != "//" else ("starts with // or \\" in p.message), p.message
        found.add((file, p.field, url))
    assert found == expected
