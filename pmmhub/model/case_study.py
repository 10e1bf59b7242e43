"""Customer case study: challenge, solution, measured results, approvals."""
from pmmhub.model.common import Date, Entity, Markdown, Part, RefTo, Text, VocabOf, field


class Customer(Part):
    name: Text = field("Customer name; when anonymous, it is never shown and no text of the hub may contain it.",
                       "华东某连锁超市")
    anonymous: bool = field("Hide the name everywhere.", False, default=False)
    industry: VocabOf("industries") = field("Industry id from hub.yml.", "retail")
    region: VocabOf("regions") | None = field("Region id from hub.yml.", "east-china", default=None)
    size: VocabOf("company_sizes") | None = field("Company size id from hub.yml.", "enterprise", default=None)
    aliases: list[Text] = field("Other names the customer goes by (short names, abbreviations, brands); "
                                "when anonymous, they are hidden everywhere too.", ["华东连锁", "HDCS"],
                                default_factory=list)


class Result(Part):
    metric: Text = field("What was measured.", "缺货率")
    before: float | Text | None = field("Value before.", "12", default=None)
    after: float | Text | None = field("Value after.", "8.7", default=None)
    unit: Text | None = field("Unit.", "%", default=None)


class Quote(Part):
    text: Markdown = field("What they said.", "上线三个月，门店补货再也不靠经验了。")
    who: Text = field("Who said it.", "王总")
    title: Text | None = field("Their title.", "运营副总裁", default=None)


class Approvals(Part):
    public_story: bool = field("The customer approved publishing the story.", True, default=False)
    logo: bool = field("The customer approved using the logo.", False, default=False)
    reference_calls: bool = field("The customer takes reference calls.", True, default=False)


class CaseStudy(Entity):
    customer: Customer = field("The customer.", {"name": "华东某连锁超市", "industry": "retail"})
    products: list[RefTo("product")] = field("Products in use.", ["fanlink-cdp"], default_factory=list)
    personas: list[RefTo("persona")] = field("Personas involved.", ["retail-cio"], default_factory=list)
    displaced: list[RefTo("battlecard")] = field("Competitors we replaced.", ["xinghe-data"], default_factory=list)
    challenge: Markdown | None = field("The problem.", "门店补货靠经验……", default=None)
    solution: Markdown | None = field("What we did.", "三周上线实时库存……", default=None)
    results: list[Result] = field("Measured results.", [{"metric": "缺货率", "before": "12", "after": "8.7", "unit": "%"}],
                                  default_factory=list)
    quotes: list[Quote] = field("Customer quotes.", [{"text": "……", "who": "王总"}], default_factory=list)
    approvals: Approvals = field("What the customer approved.", {"public_story": True}, default_factory=Approvals)
    deal_type: VocabOf("deal_types") | None = field("quick or strategic.", "strategic", default=None)
    date: Date | None = field("When the project went live.", "2026-06-30", default=None)
