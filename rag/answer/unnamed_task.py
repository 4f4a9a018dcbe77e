"""An English who-question about a task the plans do not have ("Which department leads fish restocking in the
Xiaofu River?"): its glossary terms name only where (a river, a place), and a word of the task is one the glossary
never uses. The who answerer then matched every task of that river and listed their leads, none of them the task
asked; such a question is refused instead."""
from __future__ import annotations

import re
from functools import lru_cache

from rag.answer.english_stems import english_key
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
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
NOT_A_TASK = "方案中没有关于这项任务的牵头或责任单位规定。"


@lru_cache(maxsize=2)
def glossary_vocabulary() -> frozenset[str]:
    """The stems of every word of the glossary's English forms: the words the plans' tasks are asked in. Measured
    on the dev splits: a task word only outside this set (restocking, stocking) named a task no plan has, while
    words inside it (dredging, remediation, ecological) named real tasks the glossary writes in other phrases."""
    return frozenset(stem for term in load_glossary().terms for word in term.english
                     for stem in english_key(normalize(word)).split())


def unnamed_task(query: Query) -> bool:
    """An English who-question whose terms name only waters or places while a word the glossary never uses is
    left: the task asked is none the plans' words name."""
    if query.language != "en" or query.intent not in WHO_INTENTS or not query.terms:
        return False
    if any(m.term.kind not in _WHERE_KINDS for m in query.terms):
        return False
    vocabulary = glossary_vocabulary()
    return any(not w[0].isupper() and w.lower() not in _ASKING and len(w) >= 4
               and english_key(w.lower()) not in vocabulary for w in _WORD.findall(query.text))
