"""``hub report``'s formats: text for people, Markdown for issues and job summaries, JSON for tools.

Text and Markdown come from ``templates/health/report.md.j2`` (one template, two flavours:
Markdown escapes data text, text prints it as is); labels are the hub's language.
"""
from __future__ import annotations

import json
from pathlib import Path

from pmmhub.contribute.contentdiff import md
from pmmhub.operate import quality
from pmmhub.operate.report import Report
from pmmhub.render.i18n import labels
from pmmhub.text_templates import text_environment

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "health"
LIMIT = 20  # items per list in text and Markdown; JSON has everything


def inline(text) -> str:
    """Data text for Markdown on GitHub: escaped, on one line, and no @mention of anyone."""
    return md(" ".join(str(text).split())).replace("@", "@\u2060")


def render(template: str, report: Report, markdown: bool, **values) -> str:
    env = text_environment(TEMPLATES)
    t = labels(report.language)
    return env.get_template(template).render(r=report, t=t, markdown=markdown, md=inline if markdown else str,
                                             formula=quality.FORMULA, limit=LIMIT, **values)


def to_text(report: Report) -> str:
    return render("report.md.j2", report, markdown=False)


def to_markdown(report: Report) -> str:
    return render("report.md.j2", report, markdown=True)


def due_item(d, report: Report) -> dict:
    r = d.record
    return {"kind": r.kind, "id": r.id, "name": r.entity.name, "owner": r.entity.owner, "file": report.path(r),
            "reviewed": r.entity.reviewed.isoformat(), "interval": d.fresh.interval, "due": d.fresh.due.isoformat(),
            "days_overdue": d.overdue}


def _debt(d) -> dict:
    return {"name": d.name, "entities": d.entities, "stale": len(d.stale), "soon": len(d.soon), "days_overdue": d.days}


def _gap(g, report: Report) -> dict:
    out = {"subject": g.subject, "owner": g.owner, "detail": g.detail}
    if g.record is not None:
        out.update(kind=g.record.kind, id=g.record.id, name=g.record.entity.name, file=report.path(g.record))
    if g.where:
        out["named_in"] = list(g.where)
    return out


def to_data(report: Report) -> dict:
    m = report.matrix
    return {
        "day": report.today.isoformat(),
        "entities": len(report.catalog),
        "settings": {"soon_days": report.soon_days, "orphan_days": report.orphan_days},
        "freshness": {"stale": [due_item(d, report) for d in report.stale],
                      "soon": [due_item(d, report) for d in report.soon],
                      "owners": [_debt(d) for d in report.owners], "kinds": [_debt(d) for d in report.kinds]},
        "orphans": {"checked": {"git": report.history, "codeowners": report.roster},
                    "owners": [{"owner": o.owner, "last_seen": o.last_seen and o.last_seen.isoformat(),
                                "reasons": o.reasons, "entities": [f"{r.kind}/{r.id}" for r in o.records]}
                               for o in report.orphans]},
        "coverage": {"counts": "case studies with metrics", "industries": [i for i, _ in m.industries],
                     "products": [{"id": p.id, "name": p.entity.name,
                                   "counts": {i: m.count(p.id, i) for i, _ in m.industries}} for p in m.products]},
        "gaps": {what: [_gap(g, report) for g in found] for what, found in report.gaps.items()},
        "quality": {"formula": quality.FORMULA,
                    "entities": [{"kind": s.record.kind, "id": s.record.id, "score": s.value, "missing": list(s.missing),
                                  "evidence": s.evidence, "fresh": s.fresh} for s in report.scores]},
        "trend": [{"week": w.day.isoformat(), "commit": w.commit, "entities": w.entities, "stale": w.stale}
                  for w in report.trend],
    }


def to_json(report: Report) -> str:
    return json.dumps(to_data(report), ensure_ascii=False, indent=2) + "\n"
