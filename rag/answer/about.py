"""Whether a fact is about what the question asks: the question's key terms, weighted by how rare they are in
the plans, found in the task's own text (its title and the text a note covers), not in a passing mention."""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from rag.answer.evidence import bigrams, content_of
from rag.answer.query import Query
from rag.corpus.year_columns import name_cell
from rag.normalize import normalize
from rag.types import Corpus

# A task is about a subject when it holds more than a third of the subject's weight. Measured on the dev lead and
# cooperate questions of the three gold sets: right answers score 0.36 and up, answers from another task 0.34
# and below (a river clause sharing only 处理/处置 with a sludge question scores 0.31).
ABOUT_FLOOR = 0.35
# An enumeration of three or more short items ("污水处理、污泥处理处置、河道整治、…等项目") names things in
# passing: a funding clause that lists 污泥处理处置 among what it pays for is not the sludge task.
# Items holding a digit are stated values ("分别达到95%、96%、97%"), not names in passing.
ENUMERATION = re.compile(r"(?:[^、，。；,;：:\s\d]{1,12}、){2,}[^、，。；,;：:\s\d]{1,12}")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
# A count ("那两条臭水沟", "两处黑臭水体") says how many, not what: a plan writing 两处 for the asker's 两条 holds the
# same task, and a count that one unrelated plan happens to write would otherwise weigh as a rare word.
_COUNT = re.compile(r"^[一二两三四五六七八九十几]\s*[条处个座家项批]$")
# A stated figure: a share, a water class, or an amount with its unit ("88.3%", "Ⅳ类", "350亿立方米").
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|‰|个百分点|mg/l|毫克|亿|万|吨|立方米|平方|公里|千米)|[ⅰⅱⅲⅳⅴiv]+类", re.IGNORECASE)
_YEAR = re.compile(r"((?:19|20)\d\d)年")
# A stated time: a year, or a limit such as 年底前 / 月底前 / 之前 / 起.
_TIME = re.compile(r"(?:19|20)\d\d年|[一二三四五六七八九十\d]+月底|底前|之前|以前|每(?:年|季度|月)")


# The tasks' own forms judge only which note a who-question is about; a target's indicator keeps its own name
# (its written aliases let another indicator's figure through, ev-target-125).
_WHO_INTENTS = frozenset({"lead", "cooperate", "implement"})


def subject_of(query: Query) -> str:
    """The question's subject words; for an English question, the plans' terms its glossary added."""
    subject = content_of(query.search_text)
    if query.language == "en":  # English words never occur in a Chinese plan; a term in the plans' own form
        forms = dict(query.plan_forms) if query.intent in _WHO_INTENTS else {}
        return " ".join(" ".join(forms.get(run, (run,))) for run in _CJK_RUN.findall(subject))
    return subject


# A list whose items each get a value ("总氮、总磷排放量分别比2015年削减13%、15%") names the indicators the sentence
# sets targets for, not things in passing: 分别 soon after the list marks it.
_PAIRED_AFTER = re.compile(r"[^。；;，,]{0,16}?分别")


def without_enumerations(text: str) -> str:
    """The text with its lists of three or more items blanked out (lists whose items get paired values kept)."""
    def blank(match: re.Match) -> str:
        last_item = match.group(0).rsplit("、", 1)[-1]
        paired = "分别" in last_item or _PAIRED_AFTER.match(match.string, match.end())
        return match.group(0) if paired else " "
    return ENUMERATION.sub(blank, normalize(text))


@lru_cache(maxsize=4)
def document_frequency(corpus: Corpus) -> tuple[Counter, int]:
    """(clauses holding each bigram, number of clauses) over the corpus."""
    return Counter(gram for clause in corpus.clauses for gram in bigrams(clause.norm)), len(corpus.clauses)


def subject_weights(corpus: Corpus, subject: str) -> dict[str, float]:
    """The subject's bigrams that occur in the plans, each weighted by its idf (rare words weigh more)."""
    frequency, clauses = document_frequency(corpus)
    return {gram: math.log(clauses / frequency[gram]) for gram in bigrams(normalize(subject))
            if len(gram) > 1 and frequency.get(gram) and not _COUNT.match(gram)}


def weighted_cover(weights: dict[str, float], title: str, text: str, named: frozenset[str] = frozenset()) -> float:
    """Share of the weight found in the title and the text without its enumerations (0 with no weight); `named`
    are bigrams counted as found (see named_term_grams)."""
    total = sum(weights.values())
    if not total:
        return 0.0
    found = bigrams(normalize(title)) | bigrams(without_enumerations(text)) | named
    return sum(weight for gram, weight in weights.items() if gram in found) / total


def named_term_grams(query: Query, text: str) -> frozenset[str]:
    """The bigrams of the everyday words by which a Chinese question names a glossary term the text writes in one of
    its forms: "老自来水管" is about a sentence on 供水管网, though the sentence shares none of 自来水's bigrams."""
    text = normalize(text)
    grams: set[str] = set()
    for mention in query.terms:
        if mention.how == "english" or mention.term.kind == "unit":
            continue
        surface = normalize(mention.surface)
        # a form inside the asker's own words is less than they named: "化肥" written is not "化肥使用量" asked
        if any(len(form) >= 2 and normalize(form) in text and normalize(form) not in surface
               for form in (mention.term.official, *mention.term.aliases)):
            grams |= bigrams(surface)
    return frozenset(grams)


def aboutness(corpus: Corpus, subject: str, title: str, text: str) -> float:
    """How much of the subject a task's title and text hold (see subject_weights and weighted_cover)."""
    return weighted_cover(subject_weights(corpus, subject), title, text)


def states_time(sentence: str) -> bool:
    """The sentence states when: a year or a time limit."""
    return bool(_TIME.search(normalize(sentence)))


def states_figure(sentence: str, year: int | None) -> bool:
    """The sentence states a figure, for the year asked when it names years at all."""
    text = normalize(sentence)
    if not _FIGURE.search(text):
        return False
    years = {int(y) for y in _YEAR.findall(text)}
    return not (year and years and year not in years)


# A year after 比/较/与/相比 is the baseline a change is measured from ("比2015年下降20%"): the sentence states
# no value for that year.
_BASELINE = re.compile(r"(?:比|较|与|相比)\s*$")


def baseline_at(text: str, at: int) -> bool:
    """The year starting at `at` in the text is a baseline (written after 比/较/与/相比)."""
    return bool(_BASELINE.search(text[max(0, at - 6):at]))


def states_year(text: str, year: int) -> bool:
    """The text names the year as the year of a fact, not only as a baseline ("比2015年分别下降25%、20%" states
    nothing for 2015: a question on 2015's value is not answered by it)."""
    return any(not baseline_at(text, match.start()) for match in re.finditer(rf"(?<!\d){year}(?!\d)", text))


def off_subject(corpus: Corpus, query: Query, citations) -> bool:
    """No cited sentence (with its clause title) is about the question's subject: the answer would state a
    figure of another indicator ("化肥利用率" for a question on 畜禽粪污综合利用率)."""
    weights = subject_weights(corpus, subject_of(query))
    best = 0.0
    for citation in citations:
        clause = corpus.clause(citation.clause_id)
        title = clause.path[-1] if clause.path else ""
        quote = citation.quote or clause.text
        if clause.kind == "table-row" and quote != clause.text:  # one cell quoted: its row's name cell says what
            quote = f"{name_cell(clause.text)}；{quote}"         # it measures ("指标：城市污水处理率（%）；2020年：95")
        best = max(best, weighted_cover(weights, title, quote, named_term_grams(query, f"{title} {quote}")))
    return best < ABOUT_FLOOR
