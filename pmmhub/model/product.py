"""Product: what we sell, where it is in its lifecycle, and why it wins (FABE)."""

from typing import Literal

from pmmhub.model.common import Date, Entity, Evidence, Markdown, OneOrMany, Part, RefTo, Text, Url, VocabOf, Visibility, field

Stage = Literal["planning", "launch-prep", "in-market", "end-of-life"]
# Asset types a strategic deal's toolkit gathers: security questionnaires, certifications, tender documents.
SECURITY_ASSET_TYPES = ("security", "tender")


class Lifecycle(Part):
    stage: Stage = field("IPMS stage: planning, launch-prep, in-market or end-of-life.", "in-market")
    ga: Date | None = field("General availability date.", "2025-03-18", default=None)
    end_of_sale: Date | None = field("Last date it can be sold.", "2027-06-30", default=None)
    successor: RefTo("product") | None = field("The product that replaces it.", "fanlink-cdp-2", default=None)


class ValueProp(Part):
    feature: Text = field("F — what it has or does.", "实时库存同步")
    advantage: Text = field("A — why that is better than the alternatives.", "秒级同步，无需夜间批处理")
    benefit: Text = field("B — what the customer gains.", "缺货率下降，门店少丢单")
    evidence: OneOrMany(Evidence) = field("E — proof: case-study metrics or plain facts.",
                                          [{"case_study": "huadong-retail-chain", "metric": "缺货率下降 27%"}],
                                          default_factory=list)


class Tier(Part):
    name: Text = field("Tier name.", "标准版")
    price: float | Text = field("Price, or text such as 面议.", "39800")
    unit: Text | None = field("What the price is per.", "年/门店", default=None)
    notes: Text | None = field("Conditions.", "含 10 个门店", default=None)


class Pricing(Part):
    model: Text = field("How it is priced.", "按门店数订阅")
    tiers: list[Tier] = field("Price tiers.", [{"name": "标准版", "price": "39800", "unit": "年"}], default_factory=list)
    deal_type: VocabOf("deal_types") | None = field("quick or strategic deal.", "quick", default=None)
    visibility: Visibility = field("Pricing is internal unless marked public.", "internal", default="internal")


class Pitch(Part):
    elevator: Markdown | None = field("30-second pitch.", "让每一家门店都知道下一小时该补什么货。", default=None)
    two_minute: Markdown | None = field("Two-minute pitch.", "零售企业的库存……", default=None)


class Faq(Part):
    q: Text = field("The question customers ask.", "支持私有化部署吗？")
    a: Markdown = field("The answer.", "支持，提供私有化与混合云两种方式。")


class Asset(Part):
    title: Text = field("Asset title.", "产品彩页")
    url: Url = field("Where it is.", "https://intranet.example/brochure.pdf")
    type: Text | None = field("deck, datasheet, video, demo, …", "datasheet", default=None)
    visibility: Visibility = field("internal (default) or public.", "public", default="internal")


class Product(Entity):
    tagline: Text | None = field("Short slogan.", "让补货快一步", default=None)
    lifecycle: Lifecycle = field("Lifecycle stage and dates.", {"stage": "in-market", "ga": "2025-03-18"})
    positioning: Markdown | None = field("Positioning statement.", "面向连锁零售的……", default=None)
    personas: list[RefTo("persona")] = field("Buyer personas it serves.", ["retail-cio"], default_factory=list)
    value_props: list[ValueProp] = field("FABE value propositions.", [{"feature": "实时库存同步", "advantage": "秒级",
                                         "benefit": "少丢单"}], default_factory=list)
    pricing: Pricing | None = field("Pricing model and tiers.", {"model": "订阅"}, default=None)
    competitors: list[RefTo("battlecard")] = field("Battle cards of competitors it meets.", ["xinghe-data"],
                                                   default_factory=list)
    pitch: Pitch | None = field("Elevator and two-minute pitches.", {"elevator": "……"}, default=None)
    faq: list[Faq] = field("Frequently asked questions.", [{"q": "支持私有化吗？", "a": "支持。"}], default_factory=list)
    assets: list[Asset] = field("Decks, datasheets, demos.", [{"title": "彩页", "url": "https://intranet.example/a.pdf"}],
                                default_factory=list)
