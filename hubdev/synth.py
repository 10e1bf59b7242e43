"""Synthetic hubs for tests and benchmarks.

``generate(out_dir, n, seed)`` writes ``out_dir/data/hub.yml`` and ``n`` entities over the
six kinds in realistic proportions, every field of the contract filled at realistic sizes
(Chinese and English text, Markdown fields of a few hundred characters, lists of 3–8
items), every reference resolving to an entity of the right kind, and ~10% of the
entities mildly past their review interval. The output is byte-identical for the same
``n``, ``seed`` and ``today``; ``today`` defaults to the build's notion of today
(``SOURCE_DATE_EPOCH`` when set), so review dates stay realistic whenever it runs.
"""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import yaml

from pmmhub.relate.catalog import HUB_FILE, today as build_day
from pmmhub.model import KINDS
from pmmhub.model.hub import DEFAULT_REVIEW_EVERY

SHARES = {"product": 0.08, "persona": 0.06, "battlecard": 0.10, "case-study": 0.50, "solution": 0.16, "launch": 0.10}
STALE_SHARE = 0.10
MODELINE = "# yaml-language-server: $schema={up}schema/{name}.schema.json\n"

VOCAB = {
    "industries": {"retail": "零售", "manufacturing": "制造", "finance": "金融", "healthcare": "医疗健康",
                   "education": "教育", "logistics": "物流", "energy": "能源", "public-sector": "政务与公共事业"},
    "regions": {"east-china": "华东", "north-china": "华北", "south-china": "华南", "central-china": "华中",
                "southwest": "西南", "northwest": "西北", "northeast": "东北"},
    "company_sizes": {"smb": "中小企业", "mid-market": "中型企业", "enterprise": "大型企业"},
    "sales_roles": {"ar": "客户经理（AR）", "sr": "解决方案经理（SR）", "fr": "交付经理（FR）"},
    "scenarios": {"member-marketing": "会员精细化运营", "management-cockpit": "经营驾驶舱",
                  "sales-forecast": "销售过程与预测", "data-governance": "数据治理与指标统一",
                  "supply-chain-visibility": "供应链可视化", "risk-monitoring": "风险监控预警"},
    "functions": {"sales": "销售管理", "marketing": "市场营销", "finance": "财务", "operations": "运营管理",
                  "it-data": "IT与数据", "supply-chain": "供应链"},
}

# Word pools: (Chinese, English) pairs where a phrase appears in both languages.
THINGS = [("门店补货", "store replenishment"), ("会员数据", "member data"), ("商机跟进", "opportunity follow-up"),
          ("月度经营报表", "the monthly management report"), ("指标口径", "metric definitions"),
          ("库存周转", "inventory turnover"), ("加盟线索", "franchise leads"), ("渠道返利", "channel rebates"),
          ("回款计划", "collection plans"), ("设备点检", "equipment inspections"), ("门诊排班", "clinic rosters"),
          ("理赔工单", "claims tickets"), ("供应商对账", "supplier reconciliation"), ("销售预测", "the sales forecast"),
          ("营销活动复盘", "campaign reviews"), ("监管报送", "regulatory reporting")]
PROBLEMS = [("靠人工汇总", "is compiled by hand"), ("分散在五六个系统里", "is scattered across five or six systems"),
            ("每周要花两天整理", "takes two days a week to assemble"), ("各部门口径不一", "means something different in every department"),
            ("只能事后追查", "can only be checked after the fact"), ("依赖个人经验", "depends on personal experience"),
            ("在 Excel 里层层转发", "travels through layers of Excel files")]
EFFECTS = [("管理层拿到数字时已经过期", "numbers are stale by the time management sees them"),
           ("一线销售不断丢单", "front-line reps keep losing deals"), ("每次审计都要临时加班", "every audit means overtime"),
           ("旺季缺货和积压同时出现", "stock-outs and overstock happen in the same peak season"),
           ("总部看不清区域的真实经营", "head office cannot see how the regions really perform"),
           ("客户体验参差不齐", "customer experience varies from store to store")]
CAPABILITIES = [("实时数据同步", "real-time sync"), ("统一指标中心", "a shared metrics layer"),
                ("自然语言问数", "natural-language questions"), ("企业微信原生集成", "native WeCom integration"),
                ("智能补货模型", "a replenishment model"), ("低代码流程配置", "low-code workflows"),
                ("行业模板开箱即用", "industry templates out of the box"), ("私有化部署与国密加密", "on-premises deployment with SM encryption"),
                ("异常自动预警", "automatic anomaly alerts"), ("移动端审批", "mobile approvals")]
OUTCOMES = [("处理效率提升", "throughput rose"), ("周期缩短", "cycle time fell"), ("准确率提升", "accuracy rose"),
            ("人力成本下降", "labour cost fell"), ("错误率下降", "the error rate fell"), ("转化率提升", "conversion rose")]
ROLES = [("CIO", "cio"), ("销售总监", "sales-director"), ("财务总监", "cfo"), ("门店运营经理", "store-ops"),
         ("数据负责人", "data-lead"), ("信息安全官", "security-officer"), ("渠道经理", "channel-manager"),
         ("客服主管", "service-lead"), ("总经理", "general-manager")]
PRODUCT_LINES = [("Tide", "tide"), ("Wave", "wave"), ("Crest", "crest"), ("Harbor", "harbor"), ("Lumen", "lumen"),
                 ("Nimbus", "nimbus"), ("Atlas", "atlas"), ("Quill", "quill"), ("Orbit", "orbit"), ("Vega", "vega")]
PRODUCT_TYPES = [("CRM", "销售云"), ("CDP", "客户数据平台"), ("Insight", "智能分析"), ("Hub", "数据中台"),
                 ("Agent", "经营分析智能体"), ("Flow", "流程引擎"), ("Report", "报表平台"), ("Desk", "客户服务台")]
BRANDS = [("星河", "xinghe"), ("数衡", "shuheng"), ("青梧", "qingwu"), ("峰图", "fengtu"), ("云栈", "yunzhan"),
          ("北辰", "beichen"), ("鲸算", "jingsuan"), ("墨麟", "molin"), ("启明", "qiming"), ("Norvan", "norvan"),
          ("Baltic", "baltic"), ("Kestrel", "kestrel")]
CITIES = [("杭州", "hangzhou"), ("苏州", "suzhou"), ("成都", "chengdu"), ("武汉", "wuhan"), ("青岛", "qingdao"),
          ("佛山", "foshan"), ("西安", "xian"), ("长沙", "changsha"), ("宁波", "ningbo"), ("合肥", "hefei")]
CUSTOMERS = {"retail": ["连锁超市", "新茶饮品牌", "家居零售集团"], "manufacturing": ["汽车零部件厂", "精密机械集团", "电气设备公司"],
             "finance": ["城市商业银行", "保险经纪公司", "消费金融公司"], "healthcare": ["民营医院集团", "连锁药房", "体检中心"],
             "education": ["职业教育集团", "K12 培训机构", "民办高校"], "logistics": ["区域快运公司", "冷链物流企业", "仓配服务商"],
             "energy": ["光伏组件厂", "燃气集团", "新能源运营商"], "public-sector": ["政务服务中心", "水务集团", "公交集团"]}
PEOPLE = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"]
HANDLES = ["li-na", "wang-siyuan", "chen-yuqing", "liu-mengjie", "zhao-lei", "he-wenjun", "sun-qi", "enablement-team"]
TAGS = ["SaaS", "私有化", "快速成交", "战略大单", "信创", "AI", "竞争替换", "标杆客户", "on-prem", "1.10", "2.0", "NO-CODE"]
CHECKPOINTS = ["CDCP 概念决策", "PDCP 计划决策", "ADCP 可获得性决策", "上市后 90 天复盘", "EOX 退市决策"]
DELIVERABLES = ["客户洞察报告与卖点排序", "定价方案审批", "打单 PPT 与产品一页纸", "竞争作战卡更新", "铁三角销售认证",
                "官网产品页", "线上发布会", "渠道伙伴培训", "FR 交付手册", "首批可引用客户授权"]
ASSET_TYPES = ["deck", "datasheet", "video", "demo", "whitepaper"]


def counts(n: int) -> dict[str, int]:
    """Entities per kind for a hub of ``n``: the shares above, rounded to sum to ``n``, at least one each."""
    if n < len(SHARES):
        raise ValueError(f"a synthetic hub needs at least {len(SHARES)} entities (one per kind), not {n}")
    exact = {kind: n * SHARES[kind] for kind in KINDS}
    out = {kind: int(value) for kind, value in exact.items()}
    for kind in sorted(exact, key=lambda k: out[k] - exact[k])[: n - sum(out.values())]:
        out[kind] += 1
    for kind in out:
        if out[kind] == 0:
            out[max(out, key=out.get)] -= 1
            out[kind] = 1
    return out


def generate(out_dir: Path | str, n: int, seed: int = 1, today: dt.date | None = None,
             skewed: bool = False) -> dict[str, int]:
    """Write a synthetic hub of ``n`` entities into ``out_dir/data``; return the count per kind.

    ``skewed``: references follow a long tail, as in a real hub (``_Synth.refs``)."""
    data = Path(out_dir) / "data"
    if data.exists() and any(data.iterdir()):
        raise FileExistsError(f"{data} is not empty; generate into a new directory")
    synth = _Synth(random.Random(seed), today or build_day(), counts(n), skewed)
    _write(data / HUB_FILE, MODELINE.format(up="../", name="hub"), synth.hub())
    for kind, id_, body in synth.entities():
        _write(data / KINDS[kind].folder / f"{id_}.yml", MODELINE.format(up="../../", name=kind), body)
    return dict(synth.counts)


SKEW = 1.0  # Zipf exponent of a skewed hub's references


class Flow(list):
    """A list written on one line, as PMMs write lists of ids: ``[a, b]``."""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """The safe dumper (YAML 1.1 look-alikes such as ``yes`` or ``1.10`` get quoted) plus block text."""


def _represent_str(dumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


def _represent_flow(dumper, value: Flow):
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(Flow, _represent_flow)


def _write(file: Path, modeline: str, body: dict) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(body, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)
    file.write_text(modeline + text, encoding="utf-8", newline="\n")


class _Text:
    """Sentences, Markdown and lists in Chinese or English from the word pools."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def pick(self, pool, lang: str = "zh"):
        item = self.rng.choice(pool)
        return item[0 if lang == "zh" else 1] if isinstance(item, tuple) else item

    def sentence(self, lang: str) -> str:
        p, pct = self.pick, self.rng.randint(12, 68)
        if lang == "en":
            return self.rng.choice([
                f"{p(THINGS, 'en').capitalize()} {p(PROBLEMS, 'en')}, so {p(EFFECTS, 'en')}.",
                f"With {p(CAPABILITIES, 'en')}, {p(THINGS, 'en')} improved: {p(OUTCOMES, 'en')} by {pct}%.",
                f"Customers choose us for {p(CAPABILITIES, 'en')} and {p(CAPABILITIES, 'en')}."])
        return self.rng.choice([
            f"{p(THINGS)}{p(PROBLEMS)}，{p(EFFECTS)}。",
            f"借助{p(CAPABILITIES)}，{p(THINGS)}的{p(OUTCOMES)} {pct}%。",
            f"{p(ROLES)}最关心{p(THINGS)}，其次是{p(CAPABILITIES)}能否在 {self.rng.randint(2, 12)} 周内上线。"])

    def line(self, lang: str) -> str:
        return self.sentence(lang).rstrip("。.")

    def lines(self, lang: str, low: int = 3, high: int = 6) -> list[str]:
        return [self.line(lang) for _ in range(self.rng.randint(low, high))]

    def prose(self, lang: str) -> str:
        """Two or three sentences of Markdown prose with some bold: an answer, a response, a note."""
        sentences = [self.sentence(lang) for _ in range(self.rng.randint(2, 3))]
        k = self.rng.randrange(len(sentences))
        sentences[k] = f"**{sentences[k][:-1]}**{sentences[k][-1]}"
        return ("" if lang == "zh" else " ").join(sentences) + "\n"

    def markdown(self, lang: str) -> str:
        """A paragraph and a bulleted list with bold leads, sometimes a link or a template placeholder."""
        para = ("" if lang == "zh" else " ").join(self.sentence(lang) for _ in range(self.rng.randint(1, 2)))
        sep = "：" if lang == "zh" else ": "
        bullets = [f"- **{self.pick(CAPABILITIES, lang)}**{sep}{self.sentence(lang)}" for _ in range(self.rng.randint(3, 4))]
        extra = self.rng.random()
        tail = []
        if extra < 0.2:
            url = f"https://intranet.example/kb/{self.rng.randint(100, 999)}.pdf"
            tail = [f"详见[方案白皮书]({url})。" if lang == "zh" else f"See the [white paper]({url})."]
        elif extra < 0.25:  # text that looks like a template must reach the page literally
            tail = ["邮件开头可写：“尊敬的 {{ 客户名称 }}，感谢您抽出时间……”" if lang == "zh"
                    else "Open the e-mail with: “Dear {{ customer_name }}, thank you for your time…”"]
        return "\n\n".join([para, "\n".join(bullets), *tail]) + "\n"


class _Synth:
    """Plans ids for every kind first, so each entity can name any other of the right kind."""

    def __init__(self, rng: random.Random, today: dt.date, counts: dict[str, int], skewed: bool = False):
        self.skewed = skewed
        self.rng, self.today, self.counts = rng, today, counts
        self.text = _Text(rng)
        self.names: dict[tuple[str, str], str] = {}
        self.facets: dict[tuple[str, str], dict] = {}  # vocabulary ids chosen with the name
        self.ids = {kind: [self._plan(kind, i) for i in range(1, count + 1)] for kind, count in counts.items()}
        self.uses: dict[str, list[str]] = {}  # product id -> case studies that use it
        self.displaced: dict[str, list[str]] = {}  # battlecard id -> case studies that displaced it

    # ids and names -------------------------------------------------------------------
    def _plan(self, kind: str, i: int) -> str:
        id_, name = getattr(self, "_plan_" + kind.replace("-", "_"))(i)
        self.names[kind, id_] = name
        return id_

    def _plan_product(self, i: int) -> tuple[str, str]:
        (line, slug), (kind_en, kind_zh) = self.rng.choice(PRODUCT_LINES), self.rng.choice(PRODUCT_TYPES)
        return f"{slug}-{kind_en.lower()}-{i}", f"{line}{kind_en} {kind_zh} {i}"

    def _plan_persona(self, i: int) -> tuple[str, str]:
        (role, slug), industry = self.rng.choice(ROLES), self.rng.choice(list(VOCAB["industries"]))
        return f"{slug}-{industry}-{i}", f"{VOCAB['industries'][industry]}行业{role}"

    def _plan_battlecard(self, i: int) -> tuple[str, str]:
        brand, slug = self.rng.choice(BRANDS)
        return f"{slug}-{i}", f"{brand}{self.rng.choice(['数据', '软件', '智能', 'Analytics'])} {i}"

    def _plan_case_study(self, i: int) -> tuple[str, str]:
        (city, slug), industry = self.rng.choice(CITIES), self.rng.choice(list(VOCAB["industries"]))
        # unique, and no name inside another: an anonymous customer must be named nowhere
        id_ = f"{slug}-{industry}-{i}"
        self.facets["case-study", id_] = {"industry": industry}
        return id_, f"{city}{self.rng.choice(CUSTOMERS[industry])}（{i:05d}）"

    def _plan_solution(self, i: int) -> tuple[str, str]:
        industry, scenario = self.rng.choice(list(VOCAB["industries"])), self.rng.choice(list(VOCAB["scenarios"]))
        id_ = f"{industry}-{scenario}-{i}"
        self.facets["solution", id_] = {"industry": industry, "scenario": scenario}
        return id_, f"{VOCAB['industries'][industry]}{VOCAB['scenarios'][scenario]}解决方案"

    def _plan_launch(self, i: int) -> tuple[str, str]:
        return f"launch-{self.today.year + 1}-{i}", f"{self.today.year + 1} 上市计划 {i}"

    def refs(self, kind: str, low: int, high: int, exclude: str | None = None, head: float = 0.0) -> Flow:
        """``low``..``high`` ids of ``kind``: uniform, or in a skewed hub along a long tail (Zipf,
        exponent ``SKEW``: the first product is cited by about a third of the case studies, the
        first competitor displaced far more than any other); ``head``: the first id's share at
        least (in a skewed hub, most battle cards meet the flagship product)."""
        pool = [i for i in self.ids[kind] if i != exclude]
        k = min(len(pool), self.rng.randint(low, high))
        if not self.skewed:
            return Flow(self.rng.sample(pool, k))
        # weighted sampling without replacement (Efraimidis-Spirakis): the k largest u ** (1 / w)
        keys = [(self.rng.random() ** ((rank + 1) ** SKEW), id_) for rank, id_ in enumerate(pool)]
        picked = [id_ for _, id_ in sorted(keys, reverse=True)[:k]]
        if pool and pool[0] not in picked and self.rng.random() < head:  # ``head``: the first's share at least
            picked[-1:] = [pool[0]]
        return Flow(picked)

    # shared pieces -------------------------------------------------------------------
    def day(self, low: int, high: int) -> dt.date:
        """A date ``low``..``high`` days from today (negative = past)."""
        return self.today + dt.timedelta(days=self.rng.randint(low, high))

    def owner(self) -> str:
        handle = self.rng.choice(HANDLES)
        return f"{handle.replace('-', '.')}@chengchao.example" if self.rng.random() < 0.2 else f"@{handle}"

    def envelope(self, kind: str, id_: str, lang: str, public: bool) -> dict:
        rng = self.rng
        body = {"name": self.names[kind, id_], "summary": self.text.line(lang), "owner": self.owner()}
        interval = rng.choice([60, 120]) if rng.random() < 0.1 else None
        due = interval or DEFAULT_REVIEW_EVERY.get(kind, DEFAULT_REVIEW_EVERY["default"])
        age = due + rng.randint(1, 30) if rng.random() < STALE_SHARE else rng.randint(0, due - 1)
        body["reviewed"] = self.today - dt.timedelta(days=age)
        if interval:
            body["review_every"] = interval
        if public and rng.random() < 0.4:
            body["visibility"] = "public"
        body["tags"] = Flow(rng.sample(TAGS, rng.randint(3, 6)))
        body["links"] = [{"title": f"{self.names[kind, id_]} 资料 {k + 1}",
                          "url": f"https://intranet.example/{KINDS[kind].folder}/{id_}/{k + 1}"}
                         for k in range(rng.randint(1, 3))]
        return body

    def lang(self) -> str:
        return "en" if self.rng.random() < 0.25 else "zh"

    # kinds -----------------------------------------------------------------------------
    def entities(self):
        """(kind, id, body) for every entity; case studies first so proof can point at real users."""
        for kind in sorted(KINDS, key=lambda k: k != "case-study"):  # stable: then in registry order
            build = getattr(self, kind.replace("-", "_"))
            for id_ in self.ids[kind]:
                yield kind, id_, build(id_)

    def case_study(self, id_: str) -> dict:
        rng, t, lang = self.rng, self.text, self.lang()
        customer, anonymous = self.names["case-study", id_], rng.random() < 0.3
        if anonymous:  # the story never names the customer: its title says who, not which
            industry = VOCAB["industries"][self.facets["case-study", id_]["industry"]]
            self.names["case-study", id_] = f"某{industry}客户案例 {id_.rsplit('-', 1)[-1]}"
        body = self.envelope("case-study", id_, lang, public=True)
        body["customer"] = {"name": customer, "anonymous": anonymous,
                            "industry": self.facets["case-study", id_]["industry"],
                            "region": rng.choice(list(VOCAB["regions"])), "size": rng.choice(list(VOCAB["company_sizes"]))}
        body["products"] = self.refs("product", 1, 3)
        body["personas"] = self.refs("persona", 1, 3)
        displaced = self.refs("battlecard", 0, 2)
        if displaced:
            body["displaced"] = displaced
        for product in body["products"]:
            self.uses.setdefault(product, []).append(id_)
        for card in displaced:
            self.displaced.setdefault(card, []).append(id_)
        body["challenge"], body["solution"] = t.markdown(lang), t.markdown(lang)
        body["results"] = [self.result(lang) for _ in range(rng.randint(3, 5))]
        body["quotes"] = [{"text": t.sentence(lang), "who": f"{rng.choice(PEOPLE)}总", "title": t.pick(ROLES)}
                          for _ in range(rng.randint(1, 2))]
        body["approvals"] = {"public_story": rng.random() < 0.6, "logo": rng.random() < 0.4,
                             "reference_calls": rng.random() < 0.5}
        body["deal_type"] = rng.choice(["quick", "strategic"])
        body["date"] = self.day(-720, -30)
        if rng.random() < 0.5:
            body["internal_notes"] = t.prose(lang)
        return body

    def result(self, lang: str) -> dict:
        rng = self.rng
        before = round(rng.uniform(5, 90), 1)
        after = round(before * rng.uniform(0.3, 1.8), 1)
        unit = rng.choice(["%", "天", "小时", "万元"])
        return {"metric": f"{self.text.pick(THINGS, lang)} {self.text.pick(OUTCOMES, lang)}", "before": before,
                "after": after, "unit": unit}

    def product(self, id_: str) -> dict:
        rng, t, lang = self.rng, self.text, self.lang()
        body = self.envelope("product", id_, lang, public=True)
        body["tagline"] = t.line(lang)
        stage = rng.choice(["planning", "launch-prep", "in-market", "in-market", "in-market", "end-of-life"])
        body["lifecycle"] = self.lifecycle(id_, stage)
        body["positioning"] = t.markdown(lang)
        body["personas"] = self.refs("persona", 2, 4)
        body["value_props"] = [self.value_prop(id_, lang) for _ in range(rng.randint(3, 4))]
        body["pricing"] = self.pricing(lang)
        body["competitors"] = self.refs("battlecard", 1, 3)
        body["pitch"] = {"elevator": t.prose(lang), "two_minute": t.markdown(lang)}
        body["faq"] = [{"q": t.line(lang) + ("？" if lang == "zh" else "?"), "a": t.prose(lang)}
                       for _ in range(rng.randint(3, 4))]
        body["assets"] = [{"title": f"{self.names['product', id_]} {kind}", "type": kind,
                           "url": f"https://intranet.example/pmm/{id_}/{kind}-{k}.pdf",
                           "visibility": rng.choice(["internal", "public"])}
                          for k, kind in enumerate(rng.sample(ASSET_TYPES, rng.randint(3, 5)))]
        body["internal_notes"] = t.prose(lang)
        return body

    def lifecycle(self, id_: str, stage: str) -> dict:
        out = {"stage": stage}
        if stage != "planning":
            out["ga"] = self.day(60, 200) if stage == "launch-prep" else self.day(-1500, -90)
        if stage == "end-of-life":
            out["end_of_sale"] = self.day(-60, 400)
            others = [p for p in self.ids["product"] if p != id_]
            if others:
                out["successor"] = self.rng.choice(others)
        return out

    def value_prop(self, id_: str, lang: str) -> dict:
        t, rng = self.text, self.rng
        proof = self.uses.get(id_) or self.ids["case-study"]
        evidence = [{"case_study": cs, "metric": t.line(lang)} for cs in rng.sample(proof, min(len(proof), rng.randint(1, 2)))]
        if rng.random() < 0.3:
            evidence.append(t.line(lang))
        return {"feature": f"{t.pick(CAPABILITIES, lang)}", "advantage": t.line(lang), "benefit": t.line(lang),
                "evidence": evidence}

    def pricing(self, lang: str) -> dict:
        rng = self.rng
        tiers = [{"name": name, "price": rng.choice([rng.randrange(980, 99800, 100), "面议"]),
                  "unit": rng.choice(["元/用户/年", "元/门店/年", "元/节点", "元/次"]), "notes": self.text.line(lang)}
                 for name in ["团队版", "专业版", "企业版", "2 周上线包"][: rng.randint(3, 4)]]
        return {"model": rng.choice(["按用户数订阅，按年付费", "按节点买断 + 年维保", "按门店数订阅"]), "tiers": tiers,
                "deal_type": rng.choice(["quick", "strategic"]), "visibility": rng.choice(["internal", "public"])}

    def persona(self, id_: str) -> dict:
        rng, t, lang = self.rng, self.text, self.lang()
        body = self.envelope("persona", id_, lang, public=True)
        body["role"] = f"{self.names['persona', id_]}，{t.line(lang)}"
        body["buying_role"] = rng.choice(["decision-maker", "influencer", "user", "blocker", "champion"])
        body["industries"] = Flow(rng.sample(list(VOCAB["industries"]), rng.randint(1, 4)))
        body["goals"], body["pains"] = t.lines(lang, 3, 5), t.lines(lang, 3, 5)
        body["objections"] = [{"objection": t.line(lang), "response": t.prose(lang)} for _ in range(rng.randint(2, 3))]
        body["messaging"] = [{"product": p, "message": t.line(lang)} for p in self.refs("product", 1, 3)]
        body["discovery_questions"] = [q + ("？" if lang == "zh" else "?") for q in t.lines(lang, 3, 5)]
        return body

    def battlecard(self, id_: str) -> dict:
        rng, t, lang = self.rng, self.text, self.lang()
        body = self.envelope("battlecard", id_, lang, public=False)
        name = self.names["battlecard", id_]
        body["competitor"] = {"name": name, "website": f"https://www.{id_}.example", "their_pitch": t.line(lang),
                              "target_customers": t.line(lang)}
        body["threat"] = rng.choice(["high", "medium", "low"])
        body["products"] = self.refs("product", 1, 3, head=0.7)  # most cards meet the flagship
        body["quick_take"] = {"we_win_when": t.sentence(lang), "they_win_when": t.sentence(lang), "one_liner": t.line(lang)}
        proof = self.displaced.get(id_) or self.ids["case-study"]
        body["why_we_win"] = [{"point": t.line(lang), "proof": Flow(rng.sample(proof, min(len(proof), rng.randint(1, 2))))}
                              for _ in range(rng.randint(2, 4))]
        body["where_they_win"] = t.lines(lang)
        body["objections"] = [{"objection": t.line(lang), "response": t.prose(lang),
                               "evidence": [{"case_study": rng.choice(proof), "metric": t.line(lang)}]}
                              for _ in range(rng.randint(2, 3))]
        body["landmines"] = [q + ("？" if lang == "zh" else "?") for q in t.lines(lang)]
        body["they_say"] = [{"claim": t.line(lang), "answer": t.prose(lang)} for _ in range(rng.randint(2, 3))]
        body["comparison"] = [{"capability": t.pick(CAPABILITIES, lang), "us": rng.choice(["yes", "yes", "partial"]),
                               "them": rng.choice(["yes", "partial", "no"]), "note": t.line(lang)}
                              for _ in range(rng.randint(4, 6))]
        body["pricing"] = {"as_of": self.day(-120, -1), "summary": t.line(lang), "talk_track": t.prose(lang)}
        body["dont_say"] = t.lines(lang, 2, 4)
        body["intel"] = [{"date": d, "note": t.line(lang), "source": rng.choice(["华东区销售", "行业展会", "客户访谈"])}
                         for d in sorted((self.day(-180, -1) for _ in range(rng.randint(3, 5))), reverse=True)]
        body["sources"] = [{"title": f"{name} 官网 {k + 1}", "url": f"https://www.{id_}.example/p/{k + 1}",
                            "date": self.day(-200, -1)} for k in range(rng.randint(2, 4))]
        return body

    def solution(self, id_: str) -> dict:
        rng, t, lang = self.rng, self.text, self.lang()
        body = self.envelope("solution", id_, lang, public=True)
        body.update(self.facets["solution", id_])
        body["function"] = rng.choice(list(VOCAB["functions"]))
        body["products"] = self.refs("product", 1, 3)
        body["personas"] = self.refs("persona", 2, 4)
        body["case_studies"] = self.refs("case-study", 3, 6)
        body["pains"] = t.lines(lang, 3, 6)
        body["approach"], body["talk_track"] = t.markdown(lang), t.markdown(lang)
        body["deal_type"] = rng.choice(["quick", "strategic"])
        return body

    def launch(self, id_: str) -> dict:
        rng, t, lang = self.rng, self.text, self.lang()
        body = self.envelope("launch", id_, lang, public=False)
        body["product"] = rng.choice(self.ids["product"])
        launch_day = self.day(14, 300)
        body["launch_date"] = launch_day
        names = CHECKPOINTS[: rng.randint(3, 5)]
        body["checkpoints"] = [{"name": name, "date": launch_day - dt.timedelta(days=(len(names) - 2 - k) * 60),
                                "decision": "go" if k < 2 else "pending", "notes": t.sentence(lang)}
                               for k, name in enumerate(names)]
        body["readiness"] = [{"deliverable": d, "owner": f"@{rng.choice(HANDLES)}",
                              "status": rng.choice(["todo", "doing", "done", "n-a"]),
                              "due": launch_day - dt.timedelta(days=rng.randint(0, 90)),
                              "link": f"https://intranet.example/gtm/{id_}/{k}"}
                             for k, d in enumerate(rng.sample(DELIVERABLES, rng.randint(4, 8)))]
        body["internal_notes"] = t.prose(lang)
        return body

    # hub.yml ---------------------------------------------------------------------------
    def hub(self) -> dict:
        return {"company": "澄潮数智（合成数据）", "language": "zh", "currency": "CNY",
                "internal_banner": "内部资料，请勿外传",
                "deal_types": {"quick": {"label": "快速成交", "max_deal_size": 40000}, "strategic": {"label": "战略大单"}},
                **{name: dict(labels) for name, labels in VOCAB.items()},
                "review_every": dict(DEFAULT_REVIEW_EVERY)}
