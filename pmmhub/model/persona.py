"""Buyer persona: who we sell to, what they want, what they object to."""
from typing import Literal

from pmmhub.model.common import Entity, Markdown, Part, RefTo, Text, VocabOf, field

BuyingRole = Literal["decision-maker", "influencer", "user", "blocker", "champion"]


class Objection(Part):
    objection: Text = field("What they say.", "我们已经有 ERP 了")
    response: Markdown = field("How to answer.", "ERP 管账，我们管门店的每一小时……")


class Message(Part):
    product: RefTo("product") = field("The product this message is for.", "fanlink-cdp")
    message: Text = field("What to say to this persona about it.", "把会员数据变成复购")


class Persona(Entity):
    role: Text = field("Job title or function.", "连锁零售 CIO")
    buying_role: BuyingRole = field("decision-maker, influencer, user, blocker or champion.", "decision-maker")
    industries: list[VocabOf("industries")] = field("Industries where this persona is found.", ["retail"],
                                                    default_factory=list)
    goals: list[Text] = field("What they are measured on.", ["IT 成本下降"], default_factory=list)
    pains: list[Text] = field("What hurts today.", ["系统烟囱林立"], default_factory=list)
    objections: list[Objection] = field("Objections and responses.", [{"objection": "太贵", "response": "算一笔账……"}],
                                        default_factory=list)
    messaging: list[Message] = field("Messages per product.", [{"product": "fanlink-cdp", "message": "……"}],
                                     default_factory=list)
    discovery_questions: list[Text] = field("Questions to ask in discovery.", ["你们多久盘点一次？"], default_factory=list)
