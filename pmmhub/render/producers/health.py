"""The health dashboard (health/, internal edition only), from the same report as ``hub report``.

``health/index.md`` shows the freshness table by owner, the product × industry heat map
(each cell opens the case-study finder with both filters), the gap lists, the lowest
quality scores and the 26-week trend from git history. Every list is bounded (``TOP``
rows and "all n →"); the full lists are paged pages of ``PAGE_SIZE`` rows under
``health/<list>/``, so no page grows with the hub.
"""
from __future__ import annotations

from dataclasses import dataclass

from pmmhub.operate import quality
from pmmhub.operate.report import build
from pmmhub.render.environment import environment
from pmmhub.render.generated import Page
from pmmhub.render.pages import PAGE_SIZE
from pmmhub.render.urls import entity_src, listing_src

SRC = "health/index.md"
TOP = 10  # rows per list on the dashboard
HEAT_PRODUCTS, HEAT_INDUSTRIES = 12, 10  # the heat map's bounds: the page must not grow with the hub


@dataclass(frozen=True)
class Cell:
    text: str
    href: str | None = None  # a page source path
    anchor: str = ""


@dataclass(frozen=True)
class Table:
    """A full list as rows of cells, paged under health/<name>/."""

    name: str
    title: str
    head: tuple[str, ...]
    rows: list[tuple[Cell, ...]]

    def src(self, page: int = 1) -> str:
        return f"health/{self.name}/index.md" if page == 1 else f"health/{self.name}/page/{page}.md"

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.rows) // PAGE_SIZE))


def pages(site):
    if site.audience != "internal":
        return
    report = build(site.catalog, site.data_dir, site.ctx.today)
    tables = full_lists(report, site.ctx)
    ctx = site.ctx.at(SRC)
    yield Page(SRC, environment().get_template("health/index.md").render(
        ctx=ctx, t=ctx.t, r=report, top=TOP, tables={t.name: t for t in tables}, heat=heat(report, ctx),
        trend=chart(report.trend), formula=quality.FORMULA, listing_src=listing_src), in_nav=True)
    for table in tables:
        for n in range(1, table.pages + 1):
            here = site.ctx.at(table.src(n))
            yield Page(table.src(n), environment().get_template("health/list.md").render(
                ctx=here, t=here.t, table=table, page=n, rows=table.rows[(n - 1) * PAGE_SIZE: n * PAGE_SIZE],
                pager=[(k, table.src(k)) for k in range(1, table.pages + 1)] if table.pages > 1 else []))


def _entity(record) -> Cell:
    return Cell(record.entity.name, entity_src(record.kind, record.id))


def full_lists(report, ctx) -> list[Table]:
    t = ctx.t
    kind = lambda rec: Cell(t(f"kind.{rec.kind}.one"))  # noqa: E731
    due = [(_entity(d.record), kind(d.record), Cell(d.record.entity.owner), Cell(str(d.fresh.due)),
            Cell(t("report.overdue", days=d.overdue) if d.stale else t("report.due_in", days=-d.overdue)))
           for d in report.due]
    owners = [(Cell(o.name), Cell(str(o.entities)), Cell(str(len(o.stale))), Cell(str(o.days)), Cell(str(len(o.soon))))
              for o in report.owners]
    orphans = [(Cell(o.owner), Cell("; ".join(t(f"report.orphan.{x}", days=report.orphan_days) for x in o.reasons)),
                Cell(str(o.last_seen or "—")), Cell(str(len(o.records)))) for o in report.orphans]
    scores = [(_entity(s.record), kind(s.record), Cell(str(s.value)), Cell(", ".join(s.missing) or "—"),
               Cell("✓" if s.evidence else "✗"), Cell("✓" if s.fresh else "✗")) for s in report.scores]
    tables = [
        Table("due", t("health.due"), (t("listing.name"), t("report.kind"), t("whatsnew.owner"), t("health.due_date"),
                                       t("health.status")), due),
        Table("owners", t("report.freshness"), (t("whatsnew.owner"), t("report.entities"), t("report.stale"),
                                                t("report.days_overdue"), t("report.soon")), owners),
        Table("orphans", t("report.orphans"), (t("whatsnew.owner"), t("health.reason"), t("health.last_seen"),
                                               t("report.entities")), orphans),
        Table("quality", t("report.quality"), (t("listing.name"), t("report.kind"), t("health.score"),
                                               t("health.missing"), t("health.evidence"), t("health.fresh")), scores),
    ]
    for what, found in report.gaps.items():
        rows = [(_entity(g.record) if g.record else Cell(g.subject), Cell(g.owner), Cell(_gap_text(g, t)))
                for g in found]
        tables.append(Table(f"gaps-{what}", t(f"report.gap.{what}"),
                            (t("listing.name"), t("whatsnew.owner"), t("health.gap")), rows))
    return tables


def _gap_text(gap, t) -> str:
    if gap.what == "competitors":
        return t("report.gap_line.competitors", id=gap.subject, files=", ".join(gap.where))
    if gap.what == "messaging":
        return t("report.gap_line.messaging", product=gap.detail)
    if gap.what == "pricing":
        return t(f"report.pricing.{gap.detail}")
    return t(f"report.gap_line.{gap.what}")


def heat(report, ctx) -> dict:
    """The heat map's rows: (product, [(industry id, label, count, shade 0–5, finder link)]), bounded."""
    m = report.matrix
    finder = ctx.url(listing_src("case-study"))
    industries = m.industries[:HEAT_INDUSTRIES]
    rows = []
    for product in m.products[:HEAT_PRODUCTS]:
        cells = []
        for id_, label in industries:
            n = m.count(product.id, id_)
            shade = min(5, 1 + int(4 * n / m.peak)) if n and m.peak else 0  # a CSS class, not a style per cell
            cells.append((id_, label, n, shade, f"{finder}?product={product.id}&industry={id_}"))
        rows.append((product, cells))
    return {"industries": industries, "rows": rows, "more_products": len(m.products) - len(rows),
            "more_industries": len(m.industries) - len(industries), "finder": finder}


def chart(weeks, width: int = 18, height: int = 120) -> dict:
    """Bars for the trend: entity count (light) and stale count (dark) per week, scaled to the peak."""
    peak = max((w.entities for w in weeks), default=0) or 1
    bars = [(i * width, w, round(height * w.entities / peak), round(height * w.stale / peak)) for i, w in enumerate(weeks)]
    return {"bars": bars, "width": width, "height": height, "total": width * len(weeks), "peak": peak}
