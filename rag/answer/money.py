"""Amounts of money: a fine, a fee, a compensation or a budget asked for is answered only by an amount in 元.

A sentence that states money often states two amounts under two conditions ("考核断面为3个(含)以下的，每月每断面
征收50万元，考核断面为4个(含)以上的，每月每断面征收40万元"). Quoting the sentence whole answers a question on
one condition with both amounts; a date or a percentage beside the money answers it with another kind of fact.
Here each amount is stated with the condition before it, and the question's own numbers pick the condition.
"""
from __future__ import annotations

import re

from rag.answer.draft import Context, Draft
from rag.answer.evidence import FACT_FLOOR, coverage, subject_without
from rag.answer.query import Query
from rag.normalize import normalize, sentences
from rag.types import Hit

# Money asked for: a plan that answers states an amount in 元 (a fine, a fee, a compensation, a budget). "Water use
# per 10,000 yuan of GDP" names an indicator's denominator (万元生产总值用水量), not an amount asked.
# A reward or a deduction is money too ("查实了给多少奖励", "超标一次扣多少"): the plans state it in 元 ("每件200元奖励",
# "每超标一项次扣缴…5万元"). A fund is asked with its word first as well ("经费是多少", "资金有多少").
MONEY = re.compile(r"多少钱|几块钱|每吨.{0,4}多少|收费标准|多少.{0,4}(补贴|补助|赔偿金|罚款|资金|费|投资|预算|奖励|奖金)"
                   r"|(补贴|补助|罚款|罚金|投资|预算|赔偿金|奖励|奖金|收费|扣缴|扣|经费|资金|费用)[^，。？?]{0,6}多少|罚多少|多少[万亿]元"
                   r"|subsid|\byuan\b(?!\s+(?:of\s+)?(?:gdp|industrial|value|output))|how much money|\bfees?\b|\bfines?\b|\bpenalt|compensation|\bbudget|\binvest(?:ment|ed)?\b"
                   r"|\bspen[dt]\b|\bspending\b|\bearmark|\bset aside\b"
                   # "How much does X pay / give / charge a village": the verb, not "money", says an amount is asked
                   r"|how much\b[^?]{0,60}\b(?:pay|pays|paid|charged?|give|gives|reward|award|collect)\b")
_MONEY_TERM = re.compile(r"补贴|补助|补偿|赔偿|罚款|罚金|资金|费|投资|预算|奖励金|收费|价|元")
AMOUNT = re.compile(r"\d+(?:\.\d+)?\s*[万亿]?元")
_PIECES = re.compile(r"[，,；;]")
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]*\s*[万亿]?元)")
_YEAR = re.compile(r"(?:19|20)\d\d年?")
# Words that ask the amount, not what it is for: set aside before the subject is matched against plan text
# ("每月得交多少钱" names no subject; "考核断面有4个以上" does).
# "罚多少钱" leaves 钱 after 罚多少; "被抓到", "会被" tell how the asker meets the fine, not what it is for.
_MONEY_ASKING = re.compile(MONEY.pattern + r"|(?:每|一个?)(?:月|年|天|次)|[交缴罚付给发钱]|得|要是|如果|下面|拿到"
                                          r"|被(?:抓|查|发现)到?|会被")
# Which way the money goes. A question on a reward or a subsidy is not answered by a fine or a levy of the same
# clause ("完成水质考核目标的县能拿到多少奖励" beside "每月每断面征收50万元"), nor the other way round.
_GRANT = re.compile(r"补贴|补助|奖励|奖补|奖金|以奖代补|拿到|领到|发放|subsid|reward|award|grant|bonus|incentive"
                    r"|\bgives?\b")
_LEVY = re.compile(r"罚|缴|[要得需]交|交(?:纳|钱|费|多少)|征收|收取|收费|赔偿|扣|\bfines?d?\b|penalt|\bcharged?\b"
                   r"|\blev(?:y|ied)\b|compensat|\bfees?\b")
# Chinese numerals before a measure word ("两三个断面", "四个以上") pick a condition as digits do.
_HAN_NUMBER = re.compile(r"([一二两三四五六七八九十]+)(?=个|家|处|座|条)")
_HAN_DIGITS = {"一": "1", "二": "2", "两": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8",
               "九": "9", "十": "10"}
_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
          "nine": "9", "ten": "10"}


def asks_money(query: Query) -> bool:
    """The question asks for an amount of money. The name of a policy the question cites is not its ask:
    "under the 'rewards instead of subsidies' programme" (以奖促治) asks a count of villages, so the words a
    glossary term was read from are set aside first."""
    text = query.norm
    for mention in query.terms:
        # a term that is itself money (生态赔偿金, 补贴资金) stays: asking of it is asking an amount; so does an
        # act ("会被罚款多少" names 查处 by 被罚): what is done to the asker is the amount's own verb
        if mention.term.kind not in ("unit", "act") and not _MONEY_TERM.search(mention.term.official):
            # the surface is stemmed for English: its term's written forms are not
            for form in sorted((mention.surface, *mention.term.english), key=len, reverse=True):
                text = text.replace(normalize(form), " ") if form else text
    return bool(MONEY.search(text))


def question_numbers(query: Query) -> set[str]:
    """The numbers the question names besides years ("3个以内", "four or more"): they pick a condition."""
    text = _YEAR.sub(" ", query.norm)
    found = set(_NUMBER.findall(text))
    for run in _HAN_NUMBER.findall(text):
        # "两三个" is two or three; "二十" would be a number, not read here; "一个月" is "a month", no count
        if len(run) <= 2 and "十" not in run and run != "一":
            found.update(_HAN_DIGITS[c] for c in run)
    return found | {digit for word, digit in _WORDS.items() if re.search(rf"\b{word}\b", text)}


# A condition stated as a bound on a count: "考核断面为4个(含)以上的", "3个(含)以下", "不足3个", "超过5个".
_AT_LEAST = re.compile(r"(\d+)\s*[个家处座条项]?\s*(?:\(含\))?\s*(?:以上|及以上)")
_AT_MOST = re.compile(r"(\d+)\s*[个家处座条项]?\s*(?:\(含\))?\s*(?:以下|及以下|以内)")
_ABOVE = re.compile(r"(?:超过|多于)\s*(\d+)")
_BELOW = re.compile(r"(?:不足|少于|低于)\s*(\d+)")


def in_range(number: float, condition: str) -> bool:
    """The count the question names falls in the bound the amount's condition states: 5 sections are "4个(含)以上",
    2 are "3个(含)以下". False when the condition states no bound (a number it writes is matched as written)."""
    text = normalize(AMOUNT.sub(" ", condition))
    checks = [(_AT_LEAST, lambda bound: number >= bound), (_AT_MOST, lambda bound: number <= bound),
              (_ABOVE, lambda bound: number > bound), (_BELOW, lambda bound: number < bound)]
    bounds = [(pattern.search(text), test) for pattern, test in checks]
    stated = [(float(match.group(1)), test) for match, test in bounds if match]
    return bool(stated) and all(test(bound) for bound, test in stated)


# A budget set aside ("区财政三年统筹安排攻坚资金不少于2.4亿元") is a third way: neither a fine asked ("游泳罚多少") nor
# a reward is answered by it, nor a budget asked by a fine. An English question names it as a budget, an allocation,
# spending or funds ("How much does X budget each year for…"); the plans as 经费 or 资金 a government 安排s.
_FUND = re.compile(r"安排|投入|统筹|专项资金|筹措|预算|budget|\binvest|earmark|set aside|\bspen[dt]|allocat"
                   r"|\bfund(?:s|ing|ed)?\b")


def direction(text: str) -> str:
    """grant (a reward, a subsidy), levy (a fine, a fee, a compensation paid), fund (a budget set aside) or ""
    when the text says none."""
    text = normalize(text)
    if _GRANT.search(text):
        return "grant"
    if _LEVY.search(text):
        return "levy"
    return "fund" if _FUND.search(text) else ""


def money_subject(query: Query) -> str:
    """The question's subject words without the words that ask the amount, and without the plan terms a glossary
    added that the asker did not type (they are search words, not the asker's subject)."""
    about = query.about()
    if query.language == "en":  # an English question's subject is the plans' terms its glossary added
        return subject_without(about, _MONEY_ASKING)
    for mention in query.terms:
        if normalize(mention.term.official) not in query.norm:
            about = about.replace(normalize(mention.term.official), " ")
    return subject_without(about, _MONEY_ASKING)


def _same_way(asked: str, amount: str, sentence: str) -> bool:
    """The amount goes the way the question asks, or one of them does not say which way. A budget asked is the
    amount's own way (a fund, or no way stated): its sentence's reward ("…经费300万元，…奖励10万元") is another
    amount's."""
    if asked == "fund":
        return direction(amount) in ("", "fund")
    stated = direction(amount) or direction(sentence)
    return not asked or not stated or asked == stated


def stated_amounts(sentence: str) -> list[str]:
    """Each amount of the sentence with the condition before it, as one piece of plan text ("考核断面为3个(含)以下的，
    每月每断面征收50万元"): the piece stating the amount, and the piece before it when that piece states none."""
    pieces = [p.strip() for p in _PIECES.split(sentence.rstrip("。"))]
    stated = []
    for i, piece in enumerate(pieces):
        if AMOUNT.search(normalize(piece)):
            before = pieces[i - 1] if i and not AMOUNT.search(normalize(pieces[i - 1])) else ""
            stated.append(f"{before}，{piece}" if before else piece)
    return stated


CONTEXT_LOSS = 0.05  # what a money sentence loses when its clause's earlier sentences, not itself, name the subject


def sentence_cover(subject: str, clause: str, sentence: str, question: str = "") -> float:
    """How much of the subject a money sentence covers, read with the sentences of its clause before it: a clause
    names what it assesses once ("以出境断面和乡镇交界断面水质为依据，对各乡镇实行按月考核。断面水质月均值超标的，每超标
    一项次扣缴…5万元"), and its amount sentence does not repeat it. A sentence naming the subject itself ranks first.
    An earlier sentence on another party or zone than the question's lends no subject (the 一级保护区 fine's words
    do not make the next sentence's 排污口 fine one for a farm in the 二级保护区)."""
    before = clause[: max(clause.find(sentence), 0)]
    context = "".join(s for s in sentences(before) if fits_party(question, s) and fits_zone(question, s))
    own = coverage(subject, sentence)
    at = clause.find(sentence)
    return max(own, coverage(subject, context + sentence) - CONTEXT_LOSS) if at > 0 and context else own


def money(ctx: Context, query: Query, hits: list[Hit]) -> Draft:
    """The amounts of the closest sentence on the subject that states money, each with its condition; only those
    whose condition holds a number the question names, when any does. Empty when no such sentence is found
    (the caller refuses: a figure of another kind is no answer to "how much money")."""
    draft = Draft(ctx.corpus)
    subject = money_subject(query)
    asked = direction(query.norm)
    # The clauses stating money of the top hit's plan are read first (money_first); only the retriever's own top
    # clause lends its whole text to a sentence's evidence (a promoted 资金与考核 paragraph's fund sentence is not
    # about the fine asked for sharing the paragraph with it).
    top = hits[0].clause.clause_id if hits else ""
    found = [(_evidence(subject, s, hit.clause.text, rank if hit.clause.clause_id == top else max(rank, 1),
                        query.norm), s, hit.clause)
             for rank, hit in enumerate(money_first(query, hits)[:3]) for s in sentences(hit.clause.text)
             if stated_amounts(s)]
    fitting = [f for f in found if fits_party(query.norm, f[1]) and fits_zone(query.norm, f[1])]
    # The sentence naming most of the subject itself states another party's or zone's amount ("在二级保护区游泳罚多少"
    # beside "一级保护区内从事…游泳…的个人…可处500元"): the plan is silent on the one asked, whatever else it fines.
    other = max((coverage(subject, f[1]) for f in found if f not in fitting), default=0.0)
    found = [f for f in fitting if f[0] >= FACT_FLOOR and coverage(subject, f[1]) >= other]
    if not found:
        return draft
    # A reward beside a deduction in one clause ("考核优秀的奖励20万元；考核不达标的每次扣缴10万元") scores alike:
    # only a sentence with an amount going the way asked is chosen.
    found = [f for f in found if any(_same_way(asked, a, f[1]) for a in stated_amounts(f[1]))]
    if not found:
        return draft
    # Of sentences scoring alike (a clause's whole text lends them the same words), the one naming more of the
    # subject itself: "单位倾倒的，处5000元…" for a unit dumping, not the firm's 排污口 fine before it.
    _, sentence, clause = max(found, key=lambda f: (round(f[0], 6), coverage(subject, f[1])))
    amounts = [a for a in stated_amounts(sentence) if _same_way(asked, a, sentence)]
    if not amounts:
        return draft
    numbers = question_numbers(query)
    # The year asked picks the amount stated for it ("其中2021年安排8000万元" beside the three years' 2.4亿元).
    dated = [a for a in amounts if query.year and f"{query.year}年" in normalize(a)]
    picked = dated or [a for a in amounts if numbers & set(_NUMBER.findall(normalize(AMOUNT.sub(" ", a))))] \
        or [a for a in amounts if any(in_range(float(n), a) for n in numbers)]
    if not picked and len(amounts) > 1:  # "考核优秀的镇街奖励多少钱": the amount whose condition the question names
        scores = [coverage(subject, a) for a in amounts]
        picked = [a for a, score in zip(amounts, scores) if score == max(scores) and score > 0]
    for amount in picked or amounts:
        draft.lines.append(f"{ctx.prefix(query, clause.plan_id)}「{amount}」[{draft.cite(clause, amount)}]")
        draft.facts.append({"type": "money", "clause_id": clause.clause_id, "text": amount})
    return draft


# Who pays: a fine paragraph states one amount for a person, another for a firm and another for a unit ("对向河道
# 倾倒垃圾的个人…可处200元以下罚款；单位倾倒的，处5000元以上5万元以下罚款", the firm's 超标排放 fine before them).
# A party asked is not answered by another's fine. 排污单位/生产经营单位 are the plans' words for a polluting firm.
_PERSON = re.compile(r"个人|居民|村民|市民|公民|老百姓|百姓|\bpersons?\b|individual|resident|citizen|\bpeople\b")
_FIRM = re.compile(r"企业|公司|工厂|厂家|厂商|经营户|商户|(?:排污|生产经营|经营)单位|company|companies|\bfirms?\b"
                   r"|enterprise|factor(?:y|ies)|business")
_UNIT = re.compile(r"单位|organi[sz]ation|institution")
# A protection zone of one grade is not another's: the fine for 一级保护区 does not answer 二级保护区.
_ZONE = re.compile(r"([一二三]级|准)保护区")


def parties(text: str) -> set[str]:
    """Who a text names as paying or doing: person, firm, unit, several or none."""
    text = normalize(text)
    return {name for name, pattern in (("person", _PERSON), ("firm", _FIRM), ("unit", _UNIT)) if pattern.search(text)}


def fits_party(question: str, sentence: str) -> bool:
    """The money sentence is about the party the question asks of, or one of them names none."""
    asked, stated = parties(question), parties(re.sub(r"由[^，,；;。]{1,14}(?:局|委|办|政府)", " ", sentence))
    return not asked or not stated or bool(asked & stated)


def fits_zone(question: str, sentence: str) -> bool:
    """The sentence names the protection zone grade asked, or names none."""
    asked, stated = set(_ZONE.findall(normalize(question))), set(_ZONE.findall(normalize(sentence)))
    return not asked or not stated or bool(asked & stated)


def _evidence(subject: str, sentence: str, clause_text: str, rank: int, question: str = "") -> float:
    """How well a sentence stating money answers the subject: its own words read with the sentences before it
    (sentence_cover), or the top clause's words (its title and the sentences around it say what the amount is for:
    "实行水质生态赔偿制度"), less a little per rank."""
    # the clause's sentences on another party or zone than the question's lend nothing (see sentence_cover)
    fitting = "".join(s for s in sentences(clause_text) if fits_party(question, s) and fits_zone(question, s))
    clause_wide = coverage(subject, fitting) if rank == 0 else 0.0
    return max(sentence_cover(subject, clause_text, sentence, question), clause_wide) - 0.03 * rank


def money_first(query: Query, hits: list[Hit]) -> list[Hit]:
    """For an amount asked, the clauses of the top hit's plan that state an amount in 元 move before the others
    (in their own order): a plan states its fines and funds in a 保障措施 or 资金与考核 paragraph that shares fewer
    words with the question than the task the fine is for ("在水源地一级保护区里钓鱼罚多少" reaches the protection
    task first). The amount must still cover the subject (money); no other plan's clause moves."""
    if not hits or not asks_money(query):
        return hits
    plan = hits[0].clause.plan_id
    stating = [hit for hit in hits if hit.clause.plan_id == plan and AMOUNT.search(hit.clause.norm)]
    return stating + [hit for hit in hits if hit not in stating]
