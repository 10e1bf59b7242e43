"""Solution: products, proof and talk track for an industry, scenario or function."""
from pydantic import model_validator

from pmmhub.model.common import Entity, Markdown, RefTo, Text, VocabOf, field


class Solution(Entity):
    industry: VocabOf("industries") | None = field("Industry id from hub.yml.", "retail", default=None)
    scenario: VocabOf("scenarios") | None = field("Scenario id from hub.yml.", "omnichannel", default=None)
    function: VocabOf("functions") | None = field("Business function id from hub.yml.", "marketing", default=None)
    products: list[RefTo("product")] = field("Products in the solution.", ["fanlink-cdp"], default_factory=list)
    personas: list[RefTo("persona")] = field("Personas it serves.", ["retail-cio"], default_factory=list)
    case_studies: list[RefTo("case-study")] = field("Proof.", ["huadong-retail-chain"], default_factory=list)
    pains: list[Text] = field("Pains it addresses.", ["线上线下会员割裂"], default_factory=list)
    approach: Markdown | None = field("How we solve it.", "1. 打通会员……", default=None)
    talk_track: Markdown | None = field("What reps say (internal: never in the public edition).", "先问客户……", default=None)
    deal_type: VocabOf("deal_types") | None = field("quick or strategic.", "strategic", default=None)

    @model_validator(mode="after")
    def _needs_a_focus(self):
        if not (self.industry or self.scenario or self.function):
            raise ValueError("a solution needs at least one of industry, scenario or function")
        return self
