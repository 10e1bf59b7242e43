"""``data/hub.yml``: the shared vocabulary and rules every entity is checked against."""
from typing import Annotated, Literal

from pydantic import Field, field_validator

from pmmhub.model.common import Id, Part, Text, Url, field
from pmmhub.model.kinds import KINDS

Vocabulary = dict[Id, Text]
REVIEW_EVERY = 90  # days, for every kind whose descriptor sets no review_every
DEFAULT_REVIEW_EVERY = {**{k.name: k.review_every for k in KINDS.values() if k.review_every}, "default": REVIEW_EVERY}
DEFAULT_SALES_ROLES = {"ar": "AR", "sr": "SR", "fr": "FR"}
# Search synonyms of a hub.yml without `synonyms` (data/hub.yml writes out its own list).
DEFAULT_SYNONYMS = [["价格", "报价", "太贵", "便宜", "贵", "price", "pricing", "cheaper", "expensive", "cost"],
                    ["零售", "retail"], ["竞品", "竞争对手", "对手", "competitor"], ["案例", "客户案例", "case study"]]
SynonymGroup = Annotated[list[Text], Field(min_length=2)]


class DealType(Part):
    label: Text = field("Display name.", "快速成交")
    max_deal_size: Annotated[int, Field(gt=0)] | None = field("Largest deal of this type, in the hub currency.", 40000,
                                                              default=None)


class Contact(Part):
    label: Text = field("Link text.", "联系我们")
    url: Url = field("Where it points: http(s) or mailto.", "https://www.example.com/contact")


class EditionSettings(Part):
    site_name: Text | None = field("The edition's site name (header, browser tab).", "云帆数智 · 客户资源中心",
                                   default=None)
    site_description: Text | None = field("The edition's description (search engines, link previews).",
                                          "行业方案、客户案例与产品资料", default=None)
    contact: Contact | None = field("A \"contact us\" link on every page of the edition.",
                                    {"label": "联系我们", "url": "https://www.example.com/contact"}, default=None)


class HubConfig(Part):
    company: Text = field("Company name shown in the portal.", "云帆数智")
    language: Literal["zh", "en"] = field("Portal language: zh or en.", "zh", default="zh")
    currency: Text = field("Currency of prices.", "CNY", default="CNY")
    internal_banner: Text | None = field("Banner on every internal page.", "内部资料，请勿外传", default=None)
    public_url: Url | None = field("Where the public edition is hosted; customer copies link there.",
                                   "https://resources.example.com/", default=None)
    editions: dict[Literal["internal", "public"], EditionSettings] = field(
        "Per edition: site name, description, contact link (the config's apply where unset).",
        {"public": {"site_name": "云帆数智 · 客户资源中心"}}, default_factory=dict)
    deal_types: dict[Id, DealType] = field("Deal types: quick (with max_deal_size) and strategic.",
                                           {"quick": {"label": "快速成交", "max_deal_size": 40000}},
                                           default_factory=lambda: {"quick": DealType(label="quick"),
                                                                    "strategic": DealType(label="strategic")})
    industries: Vocabulary = field("Industry ids and labels.", {"retail": "零售"}, default_factory=dict)
    regions: Vocabulary = field("Region ids and labels.", {"east-china": "华东"}, default_factory=dict)
    company_sizes: Vocabulary = field("Company size ids and labels.", {"enterprise": "大型企业"}, default_factory=dict)
    sales_roles: Vocabulary = field("Sales roles (iron triangle).", {"ar": "客户经理（AR）"},
                                    default_factory=lambda: dict(DEFAULT_SALES_ROLES))
    scenarios: Vocabulary = field("Solution scenario ids and labels.", {"omnichannel": "全渠道营销"}, default_factory=dict)
    functions: Vocabulary = field("Business function ids and labels.", {"marketing": "市场营销"}, default_factory=dict)
    synonyms: list[SynonymGroup] = field(
        "Search synonyms: groups of words (Chinese or English) that find each other; a query with one "
        "word of a group also finds pages with the others (ranked a little lower). Without it, a short "
        "built-in list applies.", [["太贵", "便宜", "价格", "price", "cheaper"], ["retail", "零售"]],
        default_factory=lambda: [list(group) for group in DEFAULT_SYNONYMS])
    review_every: dict[str, Annotated[int, Field(gt=0, le=3650)]] = field(
        "Days between reviews per kind, plus `default`.", {"battlecard": 30, "default": 90},
        default_factory=lambda: dict(DEFAULT_REVIEW_EVERY))

    @field_validator("review_every")
    @classmethod
    def _known_kinds(cls, value: dict) -> dict:
        unknown = sorted(set(value) - set(KINDS) - {"default"})
        if unknown:
            raise ValueError(f"unknown kind(s) {', '.join(unknown)}; use {', '.join(KINDS)} or default")
        return {**DEFAULT_REVIEW_EVERY, **value}

    def vocabularies(self) -> dict[str, dict]:
        """Every vocabulary (``VOCABULARIES``) as id -> label."""
        return {name: self.vocabulary(name) for name in VOCABULARIES}

    def vocabulary(self, name: str) -> dict:
        if name == "deal_types":
            return {key: value.label for key, value in self.deal_types.items()}
        return getattr(self, name)

    def review_interval(self, kind: str) -> int:
        return self.review_every.get(kind, self.review_every["default"])


# The controlled vocabularies, declared once: every id -> label map of HubConfig, then the deal types.
VOCABULARIES = tuple(name for name, info in HubConfig.model_fields.items() if info.annotation == Vocabulary) + ("deal_types",)
