"""What a question asks: its intent (who leads, by when, what figure, what must I do…) and who is asking."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from rag.lexicon import load_glossary
from rag.normalize import normalize

# Intent rules, first match wins. The order is the precedence:
# compare (two plans named, or one of the words below) > lead > cooperate > implement (explicit responsibility roles)
# > deadline (a "when" question word) > obligation (what must I / must not) > list-count (how many, list)
# > target (values, rates) > deadline-phrase (底前 with no value asked) > list (有哪些) > general.
# So "哪些方案…目标" is compare, "什么时候达到95%" is deadline, "2017年底前污水处理率达到多少" is target
# and "2017年底前要完成哪些任务" asks for the deadlines of that year, not a bare list.
# Plan titles and issuers are cut out first: "落实…工作方案" and "人民政府" name a plan, not an intent.
INTENT_RULES: tuple[tuple[str, str], ...] = (
    ("compare", r"各方案|哪些方案|哪个方案|几个方案|各个方案|各计划|对比|比较|相比|各地|不同方案|有何不同|有什么不同|区别"
                r"|\bcompare|\bcomparison|\bdiffer|each plan|which plans?\b|all plans|across the plans"),
    # "Which departments assist / support / carry out …": in English the verb after the unit asked names the role
    # ("which departments" alone read as a lead question refused a cooperate one: the lead of the note is told).
    ("cooperate", r"\bwhich (?:[a-z]+ ){0,2}(?:departments?|agenc(?:y|ies)|bureaus?|offices?|units?|bod(?:y|ies)"
                  r"|authorit(?:y|ies)|organi[sz]ations?)\s+(?:also\s+|will\s+|should\s+|must\s+)?"
                  r"(?:assist|support|cooperat|help|back(?:s|ed)? up|work(?:s)? with|participat|take part|join)"),
    ("implement", r"\bwhich (?:[a-z]+ ){0,2}(?:departments?|agenc(?:y|ies)|bureaus?|offices?|units?|bod(?:y|ies)"
                  r"|authorit(?:y|ies)|organi[sz]ations?|compan(?:y|ies)|enterprises?)\s+(?:will\s+|should\s+|must\s+)?"
                  r"(?:carr(?:y|ies) out|implement)"),
    # 责任主体 is the label of an implementer in some plans and "X为责任主体" a lead in others: the roles line
    # answers it either way, and a lead question is refused only when the note names no unit at all.
    ("lead", r"谁牵头|牵头部门|牵头单位|由谁牵头|哪个部门牵头|哪些部门牵头|哪个单位牵头|谁负责(?!落实)|由谁负责(?!落实)"
             r"|主办单位|主责|责任主体"  # 主责 alone: a task table's label of its lead ("汝州…隔离网 主责")
             # Any word for one body ("哪个局负责", "哪家单位管", "哪个部门抓"): people name the body as they know it.
             # "哪些单位负责" stays a list: it asks a note's units in whatever role (tests/answer/test_everyday_kinds.py).
             r"|主管部门|牵头|主办|哪(?:个|家|一个)(?:部门|单位|局|厅|委|机关|机构|科室)[^，。？]{0,3}(?:负责(?!落实)|管|抓)"
             r"|哪些部门负责(?!落实)"
             r"|归哪|谁(来)?(?:管|抓)"
             # officials say a task is "抓" by whom ("考核问责谁来抓", "哪个部门抓"); citizens ask whom to "找"
             r"|找(?:谁|哪(?:个|家)(?:部门|单位))"
             r"|(?:长|人)(?:叫什么|姓什么|是谁)"  # a person asked for ("河长叫什么名字"): a who question
             r"|who leads|\blead(s|ing)?\b|who(?: is|['’]s| are) (in charge|responsible)|in charge of"
             r"|which (?:[a-z]+ ){0,2}(?:department|agency|bureau|office|authority|ministry)"
             r"|\b(?:is|are) responsible for\b|\boversee(?:s|ing)?\b|\bsupervis"),
    # Helpers asked in everyday words ("哪些单位帮着做", "还有谁一起搞"), and "Who helps the housing bureau…" as
    # "which departments help" (read as a who question, the lead was told): the cooperating units.
    ("cooperate", r"配合|参与|协助|协同|协办|参加单位|协作单位|帮(?:着|忙)|一(?:起|块儿?|同)(?:搞|做|干|抓|管|弄|办|负责)"
                  r"|cooperat|assist|\bsupport|participat|\bwork(?:s|ing)? (?:together )?with\b|\balongside\b"
                  r"|\bhelp(?:s|ing|ed)?\b"),
    # the body that carries a task out, named by the plans' own label 实施主体 or asked "由谁实施"
    ("implement", r"落实|责任单位|责任部门|实施单位|落实部门|负责实施|实施主体|具体实施|具体负责"
                  r"|由(?:谁|哪[^，。？]{0,6}?)(?:来|负责)?(?:具体)?实施|谁(?:来|负责)?实施|implement|carr(y|ies) out"
                  # the doer asked in everyday words ("具体谁去干", "由谁来做"): who carries the task out
                  r"|谁(?:去|来)(?:具体)?(?:干|做|办|搞|弄)|具体(?:由)?谁|谁(?:具体)?(?:去)?干"),
    # An English question opening with "who" asks a unit whatever its verb ("who is drawing up…", "who checks…",
    # "who dredges…"): read as general it quoted the task without its note.
    ("lead", r"^(?:[a-z ]{1,30},\s*)?who\b(?!\s+(?:else|other))"),
    # A question opening with "how much" asks an amount; a "when" after it states a condition ("how much must a
    # county pay … when the water fails"), not a time asked.
    ("target", r"^(?:by )?how much\b(?! time\b)"),
    # Everyday "when" words (啥时候, 几时, 哪天, 几月份前, 最晚/最迟) ask the deadline as 什么时候 does; left to
    # the glossary's role words, which are tried last, they lost to a 目标 or a 率 of the same question.
    ("deadline", r"什么时候|什么时间|何时|啥时|几时|多会儿|哪天|哪个月|几月"
                 r"|最(?:晚|迟)(?!要?达到)|哪一?年(?!的)|期限|时限|截止|完成时间|deadline|by when|\bwhen\b|what year|which year"
                 r"|\bcut-?off\b|\bdue (?:by|date|to be)\b|\btime ?frame|\btimeline"
                 # "by what date / on which date" asks the deadline as "by when" does
                 r"|\b(?:by|on|before) (?:what|which) (?:date|month|time)\b"),
    # A value asked for ("must reach what rate", "必须达到多少") is a target, not an obligation.
    # A quantity with its unit asked ("多少吨", "how many tonnes") is a figure, not a list or a duty.
    # A value asked in other words ("定的目标是多少", "指标定在多少"): a figure even from a citizen ("我是种地的…").
    ("target", r"达到多少|提高到多少|控制在多少|下降多少|多少%|百分之几|多少(?:钱|元|万|吨|立方米|亩|公里|平方米)"
               r"|(?:目标|指标)值?(?:是|定在|定的是|为)?多少|定(?:的|了)[^，。？]{0,8}多少"
               r"|\brate\b|percent|proportion|\bshare\b|how much|what (?:water )?(?:quality )?class\b|which class\b"
               # a change asked for ("what reduction in pesticide use") is a value: the plan's 下降10%
               r"|\bwhat (?:reduction|decrease|increase|cut)s?\b"
               r"|how many (?:tonnes|tons|cubic|square|mu|yuan|litres|liters|kilometres|km|years)\b"
               # a price or fee is a value: the plan states it or it does not ("what is the water price")
               r"|\b(?:price|prices|tariff|tariffs|fee|fees|cost)\b"
               # a limit asked ("the phosphorus limit for effluent") is a value: stated or not
               r"|\blimits? (?:for|on|of)\b|\bconcentration\b"),
    ("obligation", r"必须|禁止|不得|应当|不准|不允许|不能|强制|需要遵守|要遵守|要做什么|该做什么|需要[^，。？]{0,10}什么"
                   r"|有什么义务|有(?:什么|啥|哪些)[^，。？]{0,6}?(?:要求|规定|限制|讲究|说法)|(?:要|得|该|需要|应该)注意(?:些|点|哪些)?(?:什么|啥)|(?:咋|怎么)(?:办|弄)|(能|可以|允许)[^，。？]{0,12}吗|会怎样|怎么办|该怎么|应该怎么|处罚|罚款|后果"
                   # what befalls an owner ("会怎么罚", "会被关掉吗", "会怎么样") and a duty asked yes or no ("是不是要")
                   r"|(?:咋|怎么|如何)罚|会被(?:关|罚|查|拆|封|取缔|没收)|会怎么样|是不是(?:要|得)"
                   r"|我(是|作为|们)|我家|我的|\bmust (i|we)\b|\b(i|we) must\b|\bdo (i|we) (have|need)|\b(i|we) (have|need) to"
                   r"|allowed|forbidden|prohibit|obligat|\b(may|can|could) (i|we)\b|penalt|punish|\bfined\b|\bcomply"
                   r"|what (happens|will happen|would happen)|\b(am|are) (i|we) (encouraged|supposed|required)"
                   r"|\bshould (i|we)\b|\b(?:required|obliged) to\b|\bmust (?:it|they)\b(?! (?:reach|achieve|meet|hit|be)\b)|\bis there (?:any )?(?:rule|requirement)s?\b"),
    ("list", r"多少个|多少项|多少条|多少家|多少处|几条|几个|几项|几家|几处|名单|清单|列出|列举|how many|\blist\b"),
    # Shorthand names the measured thing only ("乐都 2020 地下水超采面积"): its measure word makes it a figure.
    ("target", r"目标|指标|控制在|比例|多少|百分之|率|水质标准|(?:什么|啥|哪个|哪种|哪一?类|何种)(?:样的?)?(?:排放|出水|水质)?标准|几类|什么水平|什么程度|达标|面积|浓度|数量|用量|系数"
               # "village-level river chiefs", "county-level plants": a rank that modifies a noun asks no level
               r"|target|\bgoal|(?<!-)\blevels?\b(?!-)|\bcap\b|standard"),
    ("deadline", r"底前|之前完成|前完成|以前完成"),
    ("list", r"有哪些|哪些|哪几|\bwhich\b|\bwhat are\b"),
)

# Asker roles, checked in order: a restaurant or farm is also a business, so the narrower role wins.
PARTY_RULES: tuple[tuple[str, str], ...] = (
    ("restaurant", r"餐馆|饭店|餐厅|饭馆|餐饮|农家乐|小吃|restaurant|\bcafe|\bdiner|catering"),
    ("farmer", r"农民|农户|养殖户|养殖场|种植户|种地|种田|养猪|养鸡|养牛|渔民|farmer|\bfarm\b|livestock|\bpig|poultry"),
    ("company", r"企业|公司|工厂|厂家|厂商|老板|业主|company|factory|enterprise|business|firm\b|plant\b"),
    ("government", r"政府|镇办|街道办|乡镇|官员|公务员|government|official|township"),
    ("citizen", r"市民|居民|村民|老百姓|百姓|公民|个人|公众|群众|citizen|resident|\bpublic\b|我|\bi\b|\bmy\b"),
)

def _intent(asked: str, plan_count: int) -> str:
    """The intent: two plans named, or values spread over unnamed plans (分别), make a comparison."""
    if plan_count >= 2 or (plan_count == 0 and re.search(r"分别|各是|各为|各自|respectively", asked)):
        return "compare"
    intent = first_match(INTENT_RULES, asked) or first_match(_glossary_role_rules(), asked) or "general"
    if intent == "lead" and _KNOWN_LEAD.search(asked) and re.search(dict(INTENT_RULES)["cooperate"], asked):
        return "cooperate"
    return intent


# A business named in a question that asks nothing else ("山西的饭店污水要怎么处理？", "What must
# restaurants do about their wastewater?") asks what applies to it: answered as a general question, it quoted
# industrial parks' and motorway service areas' duties to a restaurant owner.
_DUTY_BEARERS = frozenset({"restaurant", "company"})


def _asked_of(intent: str, party: str | None) -> str:
    return "obligation" if intent == "general" and party in _DUTY_BEARERS else intent


# "除了住建局牵头，还有哪些部门参与", "农牧局牵头，哪个部门配合": the lead is told, the cooperating units asked.
_KNOWN_LEAD = re.compile(r"除了|之外|以外|另外|此外|还有|其他|其余|别的|牵头(?:的)?[，,]")


@lru_cache(maxsize=1)
def _glossary_role_rules() -> tuple[tuple[str, str], ...]:
    """The glossary's Chinese question words per role ("啥时候", "最晚"…), tried after the rules above.

    Its English words stay out: measured on the dev questions, "how long", "share" misroute English questions
    that the rules above leave to the general answer.
    """
    rules = []
    for role, words in load_glossary().roles:
        forms = [normalize(w) for w in words if len(normalize(w)) >= 2 and not w.isascii()]
        alternatives = (re.escape(f) for f in sorted(forms, key=len, reverse=True))
        if forms:
            rules.append((role, "|".join(alternatives)))
    return tuple(rules)


def first_match(rules: Sequence[tuple[str, str]], norm: str) -> str | None:
    for name, pattern in rules:
        if re.search(pattern, norm):
            return name
    return None


def intent_patterns(*intents: str) -> tuple[str, ...]:
    """The question-word patterns of the given intents, in rule order (a follow-up strips them)."""
    return tuple(pattern for name, pattern in INTENT_RULES if name in intents)


def asked_intent(asked: str, plan_count: int, party: str | None) -> str:
    """The intent of a normalised question naming `plan_count` plans, asked by `party` (see PARTY_RULES)."""
    return _asked_of(_intent(asked, plan_count), party)
