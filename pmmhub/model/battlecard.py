"""Competitor battle card: always internal; the 30-second read comes first."""
from typing import Literal

from pydantic import model_validator

from pmmhub.model.common import Date, Entity, Evidence, Markdown, OneOrMany, Part, RefTo, Text, Url, field

Support = Literal["yes", "partial", "no"]
Threat = Literal["high", "medium", "low"]  # most dangerous first: the listing order


class Competitor(Part):
    name: Text = field("Competitor's name.", "星河数据")
    website: Url | None = field("Their website.", "https://xinghe.example", default=None)
    their_pitch: Text | None = field("How they describe themselves.", "一站式数据中台", default=None)
    target_customers: Text | None = field("Who they go after.", "大型国企", default=None)


class QuickTake(Part):
    we_win_when: Markdown = field("When we win.", "客户要求两周上线")
    they_win_when: Markdown = field("When they win.", "客户只看价格")
    one_liner: Text = field("The one line to say.", "他们卖工具，我们交付结果。")


class WhyWeWin(Part):
    point: Text = field("A reason we win.", "上线快")
    proof: list[RefTo("case-study")] = field("Case studies that prove it.", ["huadong-retail-chain"],
                                             default_factory=list)


class Objection(Part):
    objection: Text = field("What the prospect says.", "星河更便宜")
    response: Markdown = field("How to answer.", "算总拥有成本……")
    evidence: OneOrMany(Evidence) = field("Proof for the response.", ["三年 TCO 低 18%"], default_factory=list)


class TheySay(Part):
    claim: Text = field("What they say about us.", "云帆只适合小客户")
    answer: Markdown = field("Our answer.", "我们服务了 3 家百亿级零售集团……")


class Comparison(Part):
    capability: Text = field("Capability compared.", "私有化部署")
    us: Support = field("Our support: yes, partial or no.", "yes")
    them: Support = field("Their support: yes, partial or no.", "partial")
    note: Text | None = field("Detail.", "他们仅支持单机版", default=None)


class CompetitorPricing(Part):
    as_of: Date = field("When this was true.", "2026-10-01")
    summary: Text = field("What they charge.", "按节点收费，起价 20 万")
    talk_track: Markdown | None = field("How to talk about price.", "不比单价，比三年总成本。", default=None)


class Intel(Part):
    date: Date = field("When it was heard.", "2026-11-02")
    note: Text = field("What was learned.", "星河发布 5.0 版本")
    source: Text | None = field("Where from.", "华东区销售", default=None)


class Source(Part):
    title: Text = field("Source title.", "星河官网产品页")
    url: Url = field("Where it is.", "https://xinghe.example/product")
    date: Date | None = field("When it was read.", "2026-10-20", default=None)


class Battlecard(Entity):
    competitor: Competitor = field("Who the competitor is.", {"name": "星河数据"})
    threat: Threat = field("Threat level: high, medium or low.", "high")
    products: list[RefTo("product")] = field("Our products it competes with.", ["fanlink-cdp"], default_factory=list)
    quick_take: QuickTake = field("The 30-second read.", {"we_win_when": "…", "they_win_when": "…", "one_liner": "…"})
    why_we_win: list[WhyWeWin] = field("Why we win, with proof.", [{"point": "上线快"}], default_factory=list)
    where_they_win: list[Text] = field("Where they are stronger.", ["价格"], default_factory=list)
    objections: list[Objection] = field("Objections and responses.", [{"objection": "…", "response": "…"}],
                                        default_factory=list)
    landmines: list[Text] = field("Questions to ask that expose their weakness.", ["升级要停机多久？"],
                                  default_factory=list)
    they_say: list[TheySay] = field("What they say about us, and our answer.", [{"claim": "…", "answer": "…"}],
                                    default_factory=list)
    comparison: list[Comparison] = field("Capability comparison.", [{"capability": "私有化", "us": "yes", "them": "no"}],
                                         default_factory=list)
    pricing: CompetitorPricing | None = field("Their pricing.", {"as_of": "2026-10-01", "summary": "…"}, default=None)
    dont_say: list[Text] = field("Things never to say.", ["不要说他们要倒闭了"], default_factory=list)
    intel: list[Intel] = field("Field intelligence, newest first.", [{"date": "2026-11-02", "note": "…"}],
                               default_factory=list)
    sources: list[Source] = field("Where the facts come from.", [{"title": "官网", "url": "https://x.example"}],
                                  default_factory=list)

    @model_validator(mode="after")
    def _always_internal(self):
        if self.visibility != "internal":
            raise ValueError("battle cards are always internal; remove `visibility: public`")
        return self
