"""The preview while the data has errors: every page shows the errors, exactly as ``hub validate`` prints them.

``mkdocs serve`` keeps serving the last good site when a build fails, and a reload waits
for a good build, so a PMM sees nothing of what is wrong. Instead the preview renders this
tree: every page it had becomes a page that lists the problems (file:line, field, hint: all
of them), so whatever page is open shows them and live reload brings the real page back
as soon as the file is fixed. Other files stay as they were.
"""
from __future__ import annotations

import html
import json

from pmmhub.problems import Problem, format_text

HEADINGS = {
    "zh": ("数据有错误，修正后页面会自动恢复", "预览暂停：下列问题修正并保存后，此页会自动刷新。"),
    "en": ("The hub data has errors; the page comes back once they are fixed",
           "Preview paused: fix and save the problems below and this page reloads by itself."),
}


def error_page(problems: list[Problem], language: str) -> bytes:
    """One page source listing ``problems`` as ``hub validate`` prints them."""
    title, lead = HEADINGS.get(language, HEADINGS["en"])
    front = {"title": title, "render_macros": False, "search": {"exclude": True}, "edit_url": "",
             "hide": ["toc"]}
    body = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in front.items())
    return (f"---\n{body}---\n\n<div class=\"hub-errors\" role=\"alert\" data-search-exclude>\n"
            f"<h1>{html.escape(title)}</h1>\n<p>{html.escape(lead)}</p>\n"
            f"<pre class=\"hub-errors__list\">{html.escape(format_text(problems))}</pre>\n</div>\n").encode("utf-8")


def error_tree(previous: dict[str, bytes], problems: list[Problem], language: str,
               always: tuple[str, ...] = ("index.md",)) -> dict[str, bytes]:
    """``previous`` (the last tree) with every Markdown page, and ``always``, replaced by the error page."""
    page = error_page(problems, language)
    tree = {rel: (page if rel.endswith(".md") else data) for rel, data in previous.items()}
    tree.update({rel: page for rel in always})
    return tree
