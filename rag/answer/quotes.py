"""Answers quoted from clause sentences: table listings, counts, enumerations, duties, general questions."""
from __future__ import annotations

import re
from collections.abc import Callable

from rag.answer.about import ENUMERATION, named_term_grams, states_year, without_enumerations
from rag.answer.draft import Context, Draft
from rag.answer.evidence import FACT_FLOOR, content_of, coverage
from rag.answer.glossary import _ALTERNATIVE_HEAD, other_actor
from rag.answer.query import Query
from rag.normalize import normalize, sentences
from rag.types import Hit

# "有几条" asks a number; "哪几条" asks which ones, answered by the names (a table's rows, an enumeration).
_COUNT_ASKED = re.compile(r"(?<!哪)几|多少(个|条|家|座|处|项|类)|how many")
_HOW_MANY = re.compile(r"\bhow many\b")  # English asks a number in these words only, never "which ones"
_COUNT = re.compile(r"\d+\s*(个|条|家|座|处|项|类)")
_DUTY_WORDS = ("禁止", "不得", "严禁", "必须", "应当", "应", "要", "一律", "严格", "取缔", "关闭", "依法")
_FORBIDDEN = ("禁止", "不得", "严禁", "不准", "一律不")
_BY_WHEN = re.compile(r"(?:19|20)\d{2}年(?:\d{1,2}月)?(?:年?底|末|\d{1,2}日)?(?:前|之前|以前)")
ACTOR_BONUS = 0.15  # the sentence names the asker's kind of actor
# "养殖场的废水处理完能浇地吗" asks a permission: a sentence that permits or encourages ("鼓励废水经处理后回用于…
# 农田灌溉") answers it as a duty answers "what must I do".
_PERMISSION_ASKED = re.compile(r"(?:能|可以|可不可以|允许|让)[^，。？?]{0,12}吗|能不能|可不可以|\b(?:can|may) (?:i|we)\b")
_PERMITTING = ("鼓励", "允许", "可以", "支持")
CLOSEST_BONUS = 0.2  # the sentence vectors found this sentence closest to the question


def listing(ctx: Context, query: Query, hits: list[Hit]) -> Draft:
    """A count the plan states ("3条黑臭水体"), the rows of a table, or the plan's own enumeration."""
    if _COUNT_ASKED.search(query.norm):
        # Matched on the matching form: a traditional-script plan counts in 個 ("1000個行政村").
        counted = best_sentence(ctx, query, hits[:3], lambda s: bool(_COUNT.search(normalize(s))))
        if counted.lines:
            return counted
    table = next((h.clause for h in hits[:3] if h.clause.kind in ("table", "table-row")), None)
    if table is None and _HOW_MANY.search(query.norm):
        # "How many plants…" with no count stated: an enumeration of other things is no number (issue 11).
        draft = Draft(ctx.corpus, abstained=True)
        draft.lines.append("方案中没有写明所问的数量。 The plans state no such number.")
        return draft
    if table is None:
        return best_sentence(ctx, query, hits[:5], lambda s: s.count("、") >= 3)
    corpus = ctx.corpus
    draft = Draft(corpus)
    table_id = table.clause_id if table.kind == "table" else table.parent_id or table.clause_id.rsplit("/", 1)[0]
    rows = [c for c in corpus.clauses if c.kind == "table-row" and c.clause_id.startswith(table_id + "/")]
    draft.lines.append(f"{corpus.clause(table_id).text.splitlines()[0]}： [{draft.cite(corpus.clause(table_id))}]")
    for row in rows[:12]:
        draft.lines.append(f"- {row.text} [{draft.cite(row)}]")
    return draft


def best_sentence(ctx: Context, query: Query, hits: list[Hit], keep: Callable[[str], bool]) -> Draft:
    """The on-topic sentence of the given clauses that passes `keep`, quoted; empty when none is on topic."""
    draft = Draft(ctx.corpus)
    subject = content_of(query.about())
    # The clause title counts with the sentence: an enumeration's items are not the question's words.
    found = [(coverage(subject, f"{hit.clause.path[-1] if hit.clause.path else ''} {s}"), s, hit.clause)
             for hit in hits for s in sentences(hit.clause.text) if keep(s) and not listed_as_item(query, s)]
    if found:
        score, sentence, clause = max(found, key=lambda row: row[0])
        if score >= FACT_FLOOR:
            draft.lines.append(f"{ctx.prefix(query, clause.plan_id)}「{sentence}」[{draft.cite(clause, sentence)}]")
    return draft


def obligation(ctx: Context, query: Query, hits: list[Hit]) -> Draft:
    """The sentences that bind someone like the asker, each one plain line: what is forbidden, what must be done,
    by when. On-topic first; a duty word, the asker's kind of actor (养殖户, 餐饮, 加油站…) and the sentence the
    dense search found closest each add to a sentence's score. A sentence addressing another kind of actor is
    no duty of the asker's: when only such sentences are on topic, the answer says so instead of quoting them."""
    draft = Draft(ctx.corpus)
    subject = content_of(query.about())
    actor_forms = with_trades(tuple(normalize(form) for m in query.terms
                                    if m.term.kind == "actor" and not denied(m.surface, query.norm)
                                    for form in (m.term.official, *m.term.aliases)))
    duties = []
    binding = _DUTY_WORDS + (_PERMITTING if _PERMISSION_ASKED.search(query.norm) else ())
    for rank, hit in enumerate(hits[:5]):
        for sentence in sentences(hit.clause.text):
            norm = normalize(sentence)
            score = coverage(subject, sentence) - 0.03 * rank + 0.15 * any(w in sentence for w in binding)
            score += ACTOR_BONUS * any(form in norm for form in actor_forms)
            score += CLOSEST_BONUS * (bool(hit.sentence) and hit.sentence.strip() == sentence)
            duties.append((score, sentence, hit.clause))
    on_topic = [d for d in sorted(duties, key=lambda d: -d[0]) if d[0] >= FACT_FLOOR]
    others = {d[1]: other_actor(d[1], actor_forms) for d in on_topic} if actor_forms else {}
    own = [d for d in on_topic if not others.get(d[1])]
    if actor_forms and own and not any(names_actor(sentence, clause, actor_forms) for _, sentence, clause in own[:3]):
        # A question from a kind of actor (农家乐, 造纸厂) quoted only sentences that bind nobody in particular
        # ("严禁…生活污水未经处理达标直接排放"): no duty of the asker's is stated, so say so.
        draft.lines.append("方案中没有找到针对所问对象的规定。 The plans state no duty for the one asking.")
        draft.cite(own[0][2], own[0][1])
        draft.abstained = True
        return draft
    for _, sentence, clause in own[:3]:
        draft.lines.append(f"- {duty_kind(sentence)}「{sentence}」[{draft.cite(clause, sentence)}]")
    if on_topic and not own:
        _, sentence, clause = on_topic[0]
        draft.lines.append(f"方案中找到的规定针对的是{others[sentence]}，不是所问的对象 [{draft.cite(clause, sentence)}]。")
        draft.abstained = True
    return draft


# An actor the asker says they are not ("养了几头牛，不算规模养殖场"): naming it tells what the duties of that kind
# are not, so its sentences are no bonus and no test of whom a sentence binds.
_DENIED = r"(?:不算|不是|不属于|算不上|达不到|够不上)(?:什么)?"


def denied(surface: str, question_norm: str) -> bool:
    """The question names this actor only to say the asker is not one."""
    return bool(re.search(_DENIED + re.escape(surface), question_norm))


# Words by which a sentence binds anyone at all: an unlawful act is punished whoever commits it ("重点打击私设暗管…
# 等环境违法行为"), and a duty of "any unit or person" is everybody's.
_ANYONE = ("违法", "任何单位", "任何个人")
# A business named by its trade and a generic head ("制药厂", "造纸企业", "洗车店"): the plans name the trade
# ("制药(抗生素、维生素)行业", "造纸行业"), so the trade alone (two characters or more) names the asker too.
_BUSINESS_HEAD = re.compile(r"^([\u4e00-\u9fff]{2,})(?:厂|企业|店)$")


def names_actor(sentence: str, clause, actor_forms: tuple[str, ...]) -> bool:
    """The sentence, or the title of its clause ("规范整治小型餐饮服务业"), names the asker's kind of actor, or
    binds anyone."""
    title = clause.path[-1] if clause.path else ""
    text = normalize(f"{title} {sentence}")
    # "畜禽养殖场(小区)" names the 养殖小区 too (the bracket is an alternative head, as in other_actor).
    text += " " + _ALTERNATIVE_HEAD.sub(r"\1 \2\3", text)
    return any(form in text for form in with_trades(actor_forms)) or any(word in text for word in _ANYONE)


def with_trades(actor_forms: tuple[str, ...]) -> tuple[str, ...]:
    """The actor forms and the trades of those that are businesses ("制药厂" → also "制药")."""
    trades = (m.group(1) for form in actor_forms if (m := _BUSINESS_HEAD.match(form)))
    return tuple(dict.fromkeys((*actor_forms, *trades)))


def duty_kind(sentence: str) -> str:
    """The plain lead-in of an obligation: 禁止 / 期限 … / 须 — or nothing for a sentence that is neither."""
    if any(word in sentence for word in _FORBIDDEN):
        return "禁止："
    when = _BY_WHEN.search(sentence)
    if when:
        return f"期限 {when.group(0)}："
    return "须：" if any(word in sentence for word in _DUTY_WORDS) else ""


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?=年)")
OTHER_YEAR = 0.5  # coverage a sentence loses for stating years, none of them the one asked


def other_year(query: Query, sentence: str) -> bool:
    """The sentence states years and the question asks another ("山西 2030 黑臭水体" and "2020年底前,…")."""
    return bool(query.year) and bool(_YEAR.search(sentence)) and not states_year(sentence, query.year)


def general(ctx: Context, query: Query, hits: list[Hit], floor: float = 0.0) -> Draft:
    """The sentence of the top clauses that best covers the question, quoted; with a year asked, a sentence of
    another year steps back, and is left out beside one of the year asked."""
    draft = Draft(ctx.corpus)
    subject = content_of(query.about())
    found = []
    for hit in hits[:2]:
        title = hit.clause.path[-1] if hit.clause.path else ""
        # A bare task title ("取缔“十小”企业。") restates the question; the sentences after it answer it.
        body = [s for s in sentences(hit.clause.text) if s != title and len(s) > 8] or sentences(hit.clause.text)
        # The sentence the dense search found closest counts as if it covered CLOSEST_BONUS more of the subject.
        ranked = sorted(body, key=lambda s: -(coverage(subject, s) + CLOSEST_BONUS * (s == hit.sentence.strip())
                                             - OTHER_YEAR * other_year(query, s)))
        if ranked and coverage(subject, ranked[0]) >= floor:
            found.append((hit, ranked[0]))
    if any(not other_year(query, quote) and query.year and states_year(quote, query.year) for _, quote in found):
        found = [(hit, quote) for hit, quote in found if not other_year(query, quote)]
    for hit, quote in found:
        draft.lines.append(f"{ctx.prefix(query, hit.clause.plan_id)}「{quote}」[{draft.cite(hit.clause, quote)}]")
    return draft


def list_quotes(ctx: Context, query: Query, hits: list[Hit]) -> Draft:
    """For a "which ones" question with no enumeration on its subject: the closest sentences on the subject that
    name it outside a list of peers. A sentence naming it only as one item of a list ("取消其获得的…节水型城市、园林城市、
    卫生城市等荣誉称号") says nothing of which places are such cities: left out, and the assistant refuses."""
    draft = Draft(ctx.corpus)
    subject = content_of(query.about())
    parts = [(hit, general(ctx, query, [hit])) for hit in hits[:2]]
    quotes = [(hit, part, part.citations[0].quote) for hit, part in parts if part.lines]
    peers = any(listed_as_item(query, quote) for _, _, quote in quotes)
    for hit, part, quote in quotes:
        title = hit.clause.path[-1] if hit.clause.path else ""
        text = f"{title} {quote}"
        # Once the subject is seen named as a peer, another clause's quote must be on the subject itself.
        if not listed_as_item(query, quote) and (
                not peers or coverage(subject, text, named_term_grams(query, text)) >= FACT_FLOOR):
            draft.absorb(part)
    return draft


def listed_as_item(query: Query, sentence: str) -> bool:
    """A plan term the question names is written in the sentence only as one whole item of a list of three or
    more: the list names its peers, not its members or what is said of it. A name after the list's 等 ("农药等
    (“十小”企业)", "后湾水库等良好水体区域") is what the list is of, not an item."""
    outside = without_enumerations(sentence)
    items = list_items(sentence)
    for mention in query.terms:
        if mention.term.kind == "unit":
            continue
        names = [normalize(form) for form in (mention.term.official, *mention.term.aliases) if len(form) >= 2]
        if any(name in items for name in names) and not any(name in outside for name in names):
            return True
    return False


def list_items(sentence: str) -> set[str]:
    """The items of the sentence's lists of three or more: the middle items whole, and the last item cut at 等 / 及 /
    和 (the first is left out: the list's pattern cannot tell where it starts, "以及汾河水库")."""
    items: set[str] = set()
    for found in ENUMERATION.finditer(normalize(sentence)):
        parts = found.group(0).split("、")
        items.update(parts[1:-1])
        items.add(re.split(r"等|及|和", parts[-1])[0])
    return items

