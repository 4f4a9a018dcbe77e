"""An English who-question about a task the plans do not have ("Which department leads fish restocking in the
Xiaofu River?"): its glossary terms name only where (a river, a place), and words naming the task remain that no
term covers. The who answerer then matched every task of that river and listed their leads, none of them the
task asked; such a question is refused instead."""
from __future__ import annotations

import re

from functools import lru_cache

from rag.answer.english_stems import english_key, english_stem
from rag.answer.query import Query
from rag.lexicon import load_glossary
from rag.normalize import normalize

WHO_INTENTS = frozenset({"lead", "cooperate", "implement"})
_WHERE_KINDS = frozenset({"water", "place"})
# Words of asking, of roles and of grammar: they name no task.
_ASKING = frozenset("""who whom whose which what where when how is are was were be been does do did the a an of in
on at for to by with from into and or its their this that these those there here department departments bureau
bureaus agency agencies office offices unit units authority authorities body bodies government lead leads leading
led charge responsible responsibility handle handles handling manage manages managing oversee oversees overseeing
supervise supervises cooperate cooperates cooperating assist assists assisting implement implements implementing
carry carries out task tasks work job plan plans city county district province town village river lake basin
local main please tell me know want would like can could should must will around along near about over under
between within across water""".split())
# Action words that any task of a water may be called by ("groundwater management", "restoration around the lake"):
# they name no task of their own, the object does ("fish restocking", "dam removal").
_GENERIC = frozenset("""management managing protection protecting protect restoration restoring restore control
controlling treatment treating treat governance prevention preventing monitoring monitor construction building
improvement improving improve work works programme programmes program programs project projects scheme schemes
campaign campaigns effort efforts matter matters issue issues affairs overall general environmental environment
pollution clean cleanup cleaning quality""".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
NOT_A_TASK = "方案中没有关于这项任务的牵头或责任单位规定。"


def unnamed_task(query: Query) -> bool:
    """An English who-question whose terms name only waters or places while task words remain uncovered."""
    if query.language != "en" or query.intent not in WHO_INTENTS or not query.terms:
        return False
    if any(m.term.kind not in _WHERE_KINDS for m in query.terms):
        return False
    covered = {english_stem(w) for m in query.terms for w in re.findall(r"[a-z0-9]+", m.surface)} | glossary_words(query.norm)
    left = [w for w in _WORD.findall(query.text)
            if not w[0].isupper() and w.lower() not in _ASKING | _GENERIC and len(w) >= 4
            and english_stem(w.lower()) not in covered]
    return bool(left)


_LONGEST = 8  # words in the longest English form of the glossary worth looking for


@lru_cache(maxsize=2)
def _english_forms() -> frozenset[str]:
    return frozenset(english_key(normalize(word)) for term in load_glossary().terms for word in term.english)


def glossary_words(norm: str) -> set[str]:
    """The stems of every word of the question inside some English form of the glossary, overlapping ones too:
    "flooded land around Songhua Lake" has its 松花湖 read from "land around songhua lake", and "flooded land"
    (水淹地) is still a task's words the plans have."""
    words = english_key(norm).split()
    forms = _english_forms()
    covered: set[str] = set()
    for start in range(len(words)):
        for size in range(2, min(_LONGEST, len(words) - start) + 1):
            if " ".join(words[start:start + size]) in forms:
                covered.update(words[start:start + size])
    return covered
