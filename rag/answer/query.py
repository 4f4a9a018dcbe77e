"""Question analysis: which plan, what kind of answer, which year and indicator, who is asking."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from rag.answer.glossary import (
    Mention,
    asked_indicator,
    core_name,
    expansion,
    mentions,
    role_terms,
)
from rag.answer.plan_words import plans_words
from rag.answer.places import detect_places, english_named_places, place_count, title_key, without_level_words
from rag.answer.waters import english_terms
from rag.lexicon import Term, load_glossary, load_lexicon
from rag.normalize import normalize, to_simplified
from rag.types import Clause, Plan

# Intent rules, first match wins. The order is the precedence:
# compare (two plans named, or one of the words below) > lead > cooperate > implement (explicit responsibility roles)
# > deadline (a "when" question word) > obligation (what must I / must not) > list-count (how many, list)
# > target (values, rates) > deadline-phrase (底前 with no value asked) > list (有哪些) > general.
# So "哪些方案…目标" is compare, "什么时候达到95%" is deadline, "2017年底前污水处理率达到多少" is target
# and "2017年底前要完成哪些任务" asks for the deadlines of that year, not a bare list.
# Plan titles and issuers are cut out first: "落实…工作方案" and "人民政府" name a plan, not an intent.
_INTENT_RULES: tuple[tuple[str, str], ...] = (
    ("compare", r"各方案|哪些方案|哪个方案|几个方案|各个方案|各计划|对比|比较|相比|各地|不同方案|有何不同|有什么不同|区别"
                r"|\bcompare|\bcomparison|\bdiffer|each plan|which plans?\b|all plans|across the plans"),
    ("lead", r"谁牵头|牵头部门|牵头单位|由谁牵头|哪个部门牵头|哪些部门牵头|哪个单位牵头|谁负责(?!落实)|由谁负责(?!落实)"
             r"|哪个部门负责(?!落实)|哪些部门负责(?!落实)|主管部门|牵头|哪个(部门|单位|局|厅|委)[^，。？]{0,3}管|归哪|谁(来)?管"
             r"|(?:长|人)(?:叫什么|姓什么|是谁)"  # a person asked for ("河长叫什么名字"): a who question
             r"|who leads|\blead(s|ing)?\b|who is (in charge|responsible)|in charge of"
             r"|which (?:[a-z]+ ){0,2}(?:department|agency|bureau|office|authority|ministry)"
             r"|\b(?:is|are) responsible for\b|\boversee(?:s|ing)?\b|\bsupervis"),
    ("cooperate", r"配合|参与|协助|协同|cooperat|assist|\bsupport|participat"),
    ("implement", r"落实|责任单位|实施单位|落实部门|负责实施|implement|carr(y|ies) out"),
    ("deadline", r"什么时候|什么时间|何时|哪一?年(?!的)|期限|时限|截止|完成时间|deadline|by when|\bwhen\b|what year|which year"
                 r"|\bcut-?off\b|\bdue (?:by|date|to be)\b|\btime ?frame|\btimeline"),
    # A value asked for ("must reach what rate", "必须达到多少") is a target, not an obligation.
    # A quantity with its unit asked ("多少吨", "how many tonnes") is a figure, not a list or a duty.
    ("target", r"达到多少|提高到多少|控制在多少|下降多少|多少%|百分之几|多少(?:钱|元|万|吨|立方米|亩|公里|平方米)"
               r"|\brate\b|percent|proportion|\bshare\b|how much|what (?:water )?(?:quality )?class\b|which class\b"
               r"|how many (?:tonnes|tons|cubic|square|mu|yuan|litres|liters|kilometres|km)\b"
               # a price or fee is a value: the plan states it or it does not ("what is the water price")
               r"|\b(?:price|prices|tariff|tariffs|fee|fees|cost)\b"
               # a limit asked ("the phosphorus limit for effluent") is a value: stated or not
               r"|\blimits? (?:for|on|of)\b|\bconcentration\b"),
    ("obligation", r"必须|禁止|不得|应当|不准|不允许|不能|强制|需要遵守|要遵守|要做什么|该做什么|需要[^，。？]{0,10}什么"
                   r"|有什么义务|有(?:什么|啥|哪些)[^，。？]{0,6}?(?:要求|规定|限制|讲究|说法)|要注意(?:什么|啥)|(?:咋|怎么)(?:办|弄)|(能|可以|允许)[^，。？]{0,12}吗|会怎样|怎么办|该怎么|应该怎么|处罚|罚款|后果"
                   r"|我(是|作为|们)|我家|我的|\bmust (i|we)\b|\b(i|we) must\b|\bdo (i|we) (have|need)|\b(i|we) (have|need) to"
                   r"|allowed|forbidden|prohibit|obligat|\b(may|can|could) (i|we)\b|penalt|punish|\bfined\b|\bcomply"
                   r"|what (happens|will happen|would happen)|\b(am|are) (i|we) (encouraged|supposed|required)"
                   r"|\bshould (i|we)\b|\b(?:required|obliged) to\b|\bmust (?:it|they)\b(?! (?:reach|achieve|meet|hit|be)\b)|\bis there (?:any )?(?:rule|requirement)s?\b"),
    ("list", r"多少个|多少项|多少条|多少家|多少处|几条|几个|几项|几家|几处|名单|清单|列出|列举|how many|\blist\b"),
    # Shorthand names the measured thing only ("乐都 2020 地下水超采面积"): its measure word makes it a figure.
    ("target", r"目标|指标|控制在|比例|多少|百分之|率|水质标准|什么标准|几类|什么水平|什么程度|达标|面积|浓度|数量|用量|系数"
               r"|target|\bgoal|\blevels?\b|\bcap\b|standard"),
    ("deadline", r"底前|之前完成|前完成|以前完成"),
    ("list", r"有哪些|哪些|哪几|\bwhich\b|\bwhat are\b"),
)

# Asker roles, checked in order: a restaurant or farm is also a business, so the narrower role wins.
_PARTY_RULES: tuple[tuple[str, str], ...] = (
    ("restaurant", r"餐馆|饭店|餐厅|饭馆|餐饮|农家乐|小吃|restaurant|\bcafe|\bdiner|catering"),
    ("farmer", r"农民|农户|养殖户|养殖场|种植户|种地|种田|养猪|养鸡|养牛|渔民|farmer|\bfarm\b|livestock|\bpig|poultry"),
    ("company", r"企业|公司|工厂|厂家|厂商|老板|业主|company|factory|enterprise|business|firm\b|plant\b"),
    ("government", r"政府|镇办|街道办|乡镇|官员|公务员|government|official|township"),
    ("citizen", r"市民|居民|村民|老百姓|百姓|公民|个人|公众|群众|citizen|resident|\bpublic\b|我|\bi\b|\bmy\b"),
)

_LEXICON = load_lexicon()

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[a-zA-Z]")
_YEAR = re.compile(r"(?<![\d.])((?:19[5-9]|20\d)\d)(?![\d.%万吨个])")
# A year after 比/较/与 is a baseline ("比2015年下降多少"), not the year asked about.
_BASELINE_YEAR = re.compile(r"(?:比|较|与)\s*((?:19[5-9]|20\d)\d)\s*年")
_CN_YEAR_DIGITS = str.maketrans(_LEXICON.digit_chars, "".join(str(v) for _, v in _LEXICON.digits))
_CN_YEAR = re.compile(rf"([{_LEXICON.digit_chars}]{{4}})年")


@dataclass(frozen=True)
class Query:
    """What the question asks, as the retrievers and the answer composer need it."""

    text: str  # the cleaned question as typed
    norm: str  # normalised: NFKC, simplified, casefolded
    intent: str  # lead | cooperate | implement | target | deadline | obligation | compare | list | general
    plan_ids: tuple[str, ...]  # plans the question names, in order of mention
    unknown_places: tuple[str, ...]  # places named that no plan covers (canonical Chinese names)
    year: int | None  # the year asked about: the latest one named
    years: tuple[int, ...]  # every year named, in order of mention
    indicator: str | None
    party: str | None  # citizen | company | farmer | restaurant | government
    language: str  # zh | en
    traditional: bool  # the question was written in traditional characters
    search_text: str  # what the retrievers search for
    terms: tuple[Mention, ...] = ()  # glossary terms the question names, in any words
    expansion: str = ""  # official terms named only in other words: the lexical side adds them at a lower weight
    subject: str = ""  # the search text in the plans' words (everyday aliases replaced, English by its terms)
    scopes: tuple[tuple[str, ...], ...] = ()  # parts of the area named (农村, 县城…): the Chinese forms of each
    # An English question's terms the plans write only in another form (增加政府资金投入 → 加大政府投入): official →
    # those forms, for judging what a task is about (about.subject_of), not for searching.
    plan_forms: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def about(self) -> str:
        """What the question is about, in the plans' words, for matching facts and sentences."""
        return self.subject or self.search_text


def language_of(text: str) -> str:
    """en when the text has more Latin letters than Chinese characters, else zh."""
    return "en" if len(_LATIN.findall(text)) > len(_CJK.findall(text)) else "zh"


def analyze(question: str, plans: Sequence[Plan], clauses: Sequence[Clause] = ()) -> Query:
    """Analyse a cleaned question against the plans of the corpus (its clauses give the water bodies' names)."""
    norm = normalize(question)
    plan_ids, unknown = detect_places(norm, tuple(plans))
    years = _years(norm)
    asked = _without_plan_names(norm, plans)
    language = language_of(norm)
    if language == "en":  # the County of "Dangshan County" is a rank, not the county-town scope
        asked = without_level_words(asked)
    found = english_terms(asked, clauses) if language == "en" else mentions(asked)
    if language == "en":
        if clauses:  # without the plans' text no name can be known to be unwritten
            found += unknown_waters(question, found)
            plan_ids = plan_ids or plans_writing_waters(found, clauses)
    indicator = asked_indicator(found)
    # An English actor reaches the plans as its official name and, when they never write that, the forms they
    # do write (农家乐 → the 民宿 a homestay question asks about), as a Chinese alias does. Only actors: a task's
    # or a facility's forms widen an English question's subject past what it asks (ev-en20: three quotes lost).
    named = found if language == "zh" else tuple(m for m in found if m.term.kind == "actor")
    written = plans_words(named, clauses, plan_ids) if named else {}
    added = expansion(found, norm) + (role_terms(norm) if language == "en" else ())
    added += tuple(w for words in written.values() for w in words if w not in added and w not in norm)
    if language == "en":  # a place inside a plan's area, named in pinyin, in the plan's characters
        added += english_named_places(norm, tuple(plans))
    return Query(
        text=question,
        norm=norm,
        intent=_asked_of(_intent(asked, place_count(plan_ids, plans)), _first_match(_PARTY_RULES, asked)),
        plan_ids=plan_ids,
        unknown_places=unknown,
        year=_asked_year(norm, years),
        years=years,
        indicator=indicator.official if indicator else None,
        party=_first_match(_PARTY_RULES, asked),
        language=language,
        traditional=to_simplified(unicodedata.normalize("NFKC", question)) != unicodedata.normalize("NFKC", question),
        search_text=_search_text(norm, language, plan_ids, plans,
                                 added if language == "en" else tuple(w for ws in written.values() for w in ws)),
        terms=found,
        expansion=" ".join(added),
        subject=_subject(_without_regions(asked, plan_ids, plans), found, language, added, written),
        scopes=scopes_named(_without_regions(asked, plan_ids, plans)),
        plan_forms=_task_forms(found, clauses, plan_ids) if language == "en" else (),
    )


# A pinyin syllable: initial and final ("ling", "hu", "xiang"); a name made of them only is a Chinese name spelt out,
# while an English word before "River" ("Yellow", "North") is a translation that the pinyin index cannot find.
_SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|uai|iao|ian|uan|ai|ei|ao|ou|an"
             r"|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)")
_PINYIN_WATER = re.compile(r"(?<!^)\b([A-Z][a-z]{1,11})\s+"
                           r"(River|Lake|Reservoir|Stream|Creek|Canal|Channel|Spring)s?\b")


def _task_forms(found: tuple[Mention, ...], clauses: Sequence[Clause],
                plan_ids: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The tasks an English question names that the plans write in exactly one other form (增加政府资金投入 →
    加大政府投入): that form is the plan's name for the task. Several forms (节约用水, 节水) are words the plans use
    in many tasks, and judging by them let another task's note through (ev-lead-309)."""
    tasks = tuple(m for m in found if m.term.kind == "task")
    return tuple((official, forms) for official, forms in plans_words(tasks, clauses, plan_ids).items()
                 if len(forms) == 1)


def plans_writing_waters(found: tuple[Mention, ...], clauses: Sequence[Clause]) -> tuple[str, ...]:
    """The plans that write every water an English question names by its pinyin name (菱湖 for "Linghu"), when the
    question names no place: the answer is about that water, and another plan's clause on black and odorous water
    in general is not (a Linghu question was answered from 山西省). () when it names none or no plan writes it."""
    names = [m.term.official for m in found if m.term.kind == "water" and not m.term.aliases
             and m.how == "english" and not m.term.official.isascii() and m.term.english == (m.surface,)]
    if not names:
        return ()
    writing = [{getattr(c, "plan_id", "") for c in clauses if normalize(name) in c.norm} - {""} for name in names]
    return tuple(sorted(set.intersection(*writing)))


def unknown_waters(question: str, found: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """A water body an English question names in pinyin ("Linghu Lake") that no plan writes: a mention of the
    name as the question spells it, so that the check for things the plans never mention (absent.unwritten_term)
    refuses rather than answering from another water's clause. Names the plans write are found already
    (waters.english_terms) and their words are in a mention's surface."""
    known = " ".join(m.surface for m in found if m.term.kind == "water")
    out = []
    for match in _PINYIN_WATER.finditer(question):
        if not re.fullmatch(rf"(?:{_SYLLABLE}){{1,4}}", match.group(1).lower()):
            continue
        name = f"{match.group(1)} {match.group(2)}"
        surface = name.lower()
        if match.group(1).lower() not in known:
            out.append(Mention(Term(name, "water", (), (surface,)), surface, "english"))
    return tuple(out)


def scopes_named(text: str) -> tuple[tuple[str, ...], ...]:
    """The glossary's scopes a question names ("农村", "county town"), each as its Chinese forms. A phrase found
    is used up, so "county town" is the county's scope and not also a town's."""
    found = []
    for chinese, english in load_glossary().scopes:
        forms = [normalize(f) for f in chinese] + [rf"(?<![a-z]){re.escape(w)}(?![a-z])" for w in english]
        hit = next((f for f in forms if re.search(f if f.startswith("(?<!") else re.escape(f), text)), None)
        if hit:
            text = re.sub(hit if hit.startswith("(?<!") else re.escape(hit), " ", text)
            found.append(tuple(normalize(f) for f in chinese))
    return tuple(found)


def in_scope(query: Query, clause: Clause) -> bool:
    """Whether a clause (its text or its headings) names every part of the area the question names."""
    text = clause.norm + normalize(" ".join(clause.path))
    return all(any(form in text for form in forms) for forms in query.scopes)


def _without_plan_names(norm: str, plans: Sequence[Plan]) -> str:
    """The question with plan titles and issuers blanked out."""
    for plan in plans:
        for name in (title_key(plan.title), normalize(plan.issuer)):
            if name:
                norm = norm.replace(name, " ")
    return norm


def _intent(asked: str, plan_count: int) -> str:
    """The intent: two plans named, or values spread over unnamed plans (分别), make a comparison."""
    if plan_count >= 2 or (plan_count == 0 and re.search(r"分别|各是|各为|各自|respectively", asked)):
        return "compare"
    intent = _first_match(_INTENT_RULES, asked) or _first_match(_glossary_role_rules(), asked) or "general"
    if intent == "lead" and _KNOWN_LEAD.search(asked) and re.search(dict(_INTENT_RULES)["cooperate"], asked):
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


def _first_match(rules: Sequence[tuple[str, str]], norm: str) -> str | None:
    for name, pattern in rules:
        if re.search(pattern, norm):
            return name
    return None


def _without_regions(norm: str, plan_ids: tuple[str, ...], plans: Sequence[Plan]) -> str:
    names = {normalize(name) for plan in plans if plan.plan_id in plan_ids
             for name in (*plan.regions, plan.province, plan.title) if name}
    for name in sorted(names, key=len, reverse=True):
        norm = norm.replace(name, " ")
    return re.sub(r"\s+", " ", norm).strip() or norm


def _asked_year(norm: str, years: tuple[int, ...]) -> int | None:
    """The latest year named that is not only a baseline."""
    baselines = [m.group(1) for m in _BASELINE_YEAR.finditer(norm)]
    asked = [y for y in years if str(y) not in baselines or norm.count(str(y)) > baselines.count(str(y))]
    return max(asked) if asked else None


def _years(norm: str) -> tuple[int, ...]:
    found = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(norm)]
    found += [(m.start(), int(m.group(1).translate(_CN_YEAR_DIGITS))) for m in _CN_YEAR.finditer(norm)]
    years: list[int] = []
    for _, year in sorted(found):
        if year not in years:
            years.append(year)
    return tuple(years)


def _search_text(norm: str, language: str, plan_ids: tuple[str, ...], plans: Sequence[Plan],
                 added: tuple[str, ...]) -> str:
    """The normalised question without the names of the plans it filters to, plus the plans' words for what it
    names in words no plan writes (Chinese terms for English; 车辆冲洗 for 洗车行).

    A named plan becomes a filter; left in the text, its place name would pull in every clause that repeats it
    (table rows full of 周村区) instead of the clauses about the question's subject.
    """
    norm = _without_regions(norm, plan_ids, plans)
    if not added:
        return norm
    return " ".join([norm, *added])


def _subject(text: str, found: tuple[Mention, ...], language: str, added: tuple[str, ...],
             written: dict[str, tuple[str, ...]] | None = None) -> str:
    """The question in the plans' words: an everyday alias becomes its official term ("臭水沟" → "黑臭水体"),
    or, when the plans never write the official term, the term's forms they do write ("洗车行" → 洗车场 is no
    plan's word; 车辆冲洗, 车辆清洗 are); an English question becomes the Chinese terms it maps to."""
    if language == "en":
        cores = {m.term.official: core_name(m.term) for m in found}
        words = (" ".join((written or {}).get(word, ()) or (cores.get(word, word),)) for word in added)
        return " ".join(dict.fromkeys(" ".join(words).split())) or text
    written = written or {}
    official = {m.surface for m in found if m.how == "official"}  # "县城污水处理率" is also an alias of 污水处理率
    for mention in sorted(found, key=lambda m: -len(m.surface)):
        if mention.how == "alias" and mention.surface not in official and mention.surface in text:
            words = written.get(mention.term.official)
            replacement = " ".join((mention.surface, *words)) + " " if words else \
                f"{mention.surface} {normalize(mention.term.official)}"
            text = text.replace(mention.surface, replacement)
    return text


def intent_patterns(*intents: str) -> tuple[str, ...]:
    """The question-word patterns of the given intents, in rule order (a follow-up strips them)."""
    return tuple(pattern for name, pattern in _INTENT_RULES if name in intents)
