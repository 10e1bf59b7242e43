"""Launch: the GTM plan of one product, its decision checkpoints and readiness."""
from typing import Literal

from pmmhub.model.common import Date, Entity, Markdown, Part, RefTo, Text, Url, field


class Checkpoint(Part):
    name: Text = field("Decision checkpoint.", "DCP2 上市决策")
    date: Date | None = field("Planned or actual date.", "2026-12-10", default=None)
    decision: Literal["pending", "go", "no-go", "redirect"] = field("pending, go, no-go or redirect.", "pending",
                                                                   default="pending")
    notes: Markdown | None = field("What was decided and why.", "价格方案待财经确认", default=None)


class Readiness(Part):
    deliverable: Text = field("What must be ready.", "销售培训")
    owner: Text | None = field("Who delivers it.", "@zhao-lei", default=None)
    status: Literal["todo", "doing", "done", "n-a"] = field("todo, doing, done or n-a.", "doing", default="todo")
    due: Date | None = field("Due date.", "2026-12-01", default=None)
    link: Url | None = field("Where the deliverable is.", "https://intranet.example/training", default=None)


class Launch(Entity):
    product: RefTo("product") = field("The product being launched.", "fanlink-cdp-2")
    launch_date: Date = field("Planned launch date.", "2027-01-15")
    checkpoints: list[Checkpoint] = field("DCP decision checkpoints.", [{"name": "DCP1 概念决策", "decision": "go"}],
                                          default_factory=list)
    readiness: list[Readiness] = field("Launch readiness deliverables.", [{"deliverable": "销售培训", "status": "doing"}],
                                       default_factory=list)

    @property
    def progress(self) -> tuple[int, int]:
        """(done, needed): readiness deliverables done, of those that apply (not ``n-a``)."""
        return (sum(r.status == "done" for r in self.readiness), sum(r.status != "n-a" for r in self.readiness))
