"""Places a question names → the plans that cover them, through the gazetteer of administrative divisions.

A county inside a province plan's area means that plan (not a second plan, not an unknown place); a city named
right before its district ("西安市临潼区") means the district's plan; several plans of one place are told apart by
the words of their titles."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rag.answer.english_place_names import without_locating, without_waters
from rag.answer.unplaced import unplaced_divisions, unplaced_towns
from rag.corpus.gazetteer import Place, find_pinyin_places, find_places, resolve_chain
from rag.lexicon import DATA_DIR, load_lexicon
from rag.normalize import normalize
from rag.types import Plan

_CJK = re.compile(r"[\u4e00-\u9fff]{2}")
PLACES_FILE = DATA_DIR / "places.txt"
_DEPTH = {"province": 0, "city": 1, "county": 2}
_TOWN_LEVELS = ("镇", "乡")


@lru_cache(maxsize=8)
def plan_places(plans: tuple[Plan, ...]) -> dict[str, Place]:
    """Each plan's own division, read from its regions and title (plans the gazetteer cannot place are left out)."""
    placed: dict[str, Place] = {}
    for plan in plans:
        for source in (*plan.regions, plan.title):
            chain = resolve_chain(tuple(m for m in find_places(normalize(source))
                                        if m.text in {p.name for p in m.places} or m.start == 0))
            if chain:
                placed[plan.plan_id] = chain[-1]
                break
    return placed


def _named_places(norm: str, placed: dict[str, Place]) -> list[tuple[int, int, Place]]:
    """Divisions named in the question: full names, short names of provinces and cities, and of plans' places.

    A county name that several divisions share ("新城区", "城区") is a common word unless it is a plan's own place
    or follows the division it lies in ("呼和浩特市新城区").
    """
    own = {p.code for p in placed.values()}
    found: list[tuple[int, int, Place]] = []
    for mention in find_places(norm):
        full = [p for p in mention.places if p.name == mention.text]
        usable = full or [p for p in mention.places if p.level != "county" or p.code in own]
        after = found[-1][2] if found and found[-1][1] == mention.start else None
        if after is not None:
            usable = [p for p in usable if p.within(after)] or usable
        if len({p.code for p in usable if p.level == "county"}) > 1 and not any(p.code in own for p in usable) \
                and not (after and any(p.within(after) for p in usable)):
            continue
        if not usable:
            continue
        ranked = sorted(usable, key=lambda p: (p.code not in own, not _covered(p, placed), _DEPTH[p.level]))
        found.append((mention.start, mention.end, ranked[0]))
    return found


def _covered(place: Place, placed: dict[str, Place]) -> bool:
    return any(place.within(p) for p in placed.values())


def _covering(place: Place, placed: dict[str, Place]) -> list[str]:
    """The plans of this place, else those of the smallest division containing it."""
    exact = [pid for pid, p in placed.items() if p.code == place.code]
    if exact:
        return exact
    around = [(pid, p) for pid, p in placed.items() if place.within(p)]
    deepest = max((_DEPTH[p.level] for _, p in around), default=-1)
    return [pid for pid, p in around if _DEPTH[p.level] == deepest]


def _by_title(norm: str, plan_ids: list[str], plans: Sequence[Plan]) -> list[str]:
    """Of several plans of one place, the one whose title shares most two-character words with the question."""
    if len(plan_ids) < 2:
        return plan_ids
    norm = _without_places(norm)
    grams = {norm[i:i + 2] for i in range(len(norm) - 1) if _CJK.fullmatch(norm[i:i + 2])}
    titles = {p.plan_id: _without_places(normalize(p.title)) for p in plans}
    scores = {pid: sum(1 for g in grams if g in titles.get(pid, "")) for pid in plan_ids}
    best = max(scores.values())
    chosen = [pid for pid in plan_ids if scores[pid] == best]
    return chosen if len(chosen) == 1 else plan_ids


def _without_places(text: str) -> str:
    for mention in sorted(find_places(text), key=lambda m: -m.start):
        text = text[:mention.start] + " " + text[mention.end:]
    return text


def refine(norm: str, plans: Sequence[Plan], plan_ids: tuple[str, ...],
           unknown: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The plans and unknown places found by name lists, completed and corrected through the gazetteer."""
    placed = plan_places(tuple(plans))
    named = _named_places(norm, placed)
    # A division written right before one inside it ("西安市临潼区", "宿迁沭阳县") only locates the second.
    locating = {p.code for i, (s, e, p) in enumerate(named)
                if i + 1 < len(named) and named[i + 1][0] == e and named[i + 1][2].within(p)}
    # So does one in brackets after a division inside it ("湘东区（萍乡）"): a parent written to place the child.
    locating |= {p.code for s, e, p in named if bracketed(norm, s)
                 and any(other.within(p) and other.code != p.code for s2, e2, other in named if e2 <= s)}
    named = [(s, e, p) for s, e, p in named if p.code not in locating]
    ids: list[str] = []
    for _, _, place in named:
        for pid in _by_title(norm, _covering(place, placed), plans):
            if pid not in ids:
                ids.append(pid)
    for pid in plan_ids:  # names the gazetteer does not know (aliases, English, titles) keep their plans
        if pid in placed and (placed[pid].code in locating or _inside_named(pid, ids, placed)):
            continue  # its place is already answered for, or only locates a smaller one
        group = [other for other, p in placed.items() if pid in placed and p.code == placed[pid].code]
        ids.extend(chosen for chosen in (_by_title(norm, group, plans) if group else [pid]) if chosen not in ids)
    kept = tuple(u for u in unknown if not _known(u, ids, placed))
    return tuple(ids), kept


def _inside_named(pid: str, ids: list[str], placed: dict[str, Place]) -> bool:
    return pid in placed and any(o in placed and o != pid and placed[o].code == placed[pid].code for o in ids)


def _known(place_name: str, ids: list[str], placed: dict[str, Place]) -> bool:
    """True when an 'unknown' place is in fact the place, a part, or a parent of a named plan's place."""
    places = [m for m in find_places(normalize(place_name)) for m in m.places if m.name == normalize(place_name)]
    return any(p.within(placed[pid]) or placed[pid].within(p) for p in places for pid in ids if pid in placed)


def place_count(plan_ids: tuple[str, ...], plans: Sequence[Plan]) -> int:
    """How many distinct places the named plans stand for (two plans of one province count once)."""
    placed = plan_places(tuple(plans))
    return len({placed[pid].code if pid in placed else pid for pid in plan_ids})


# The place table (rag/data/places.txt): names, aliases and English forms of places questions name.

@dataclass(frozen=True)
class _Place:
    """One line of places.txt."""

    name: str
    aliases: tuple[str, ...]  # normalised, the name included


@lru_cache(maxsize=1)
def load_places(path: Path = PLACES_FILE) -> tuple[_Place, ...]:
    """The place table: canonical Chinese name and its normalised aliases."""
    places = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            names = [name.strip() for name in line.split("|") if name.strip()]
            places.append(_Place(names[0], tuple(dict.fromkeys(normalize(name) for name in names))))
    return tuple(places)


@lru_cache(maxsize=8)
def _place_matcher(plans: tuple[Plan, ...]) -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """One regex over every alias (longest first) and what each alias means: ("plan", id) or ("place", name)."""
    meaning: dict[str, tuple[str, str]] = {}
    region_plan = {normalize(region): plan.plan_id for plan in plans for region in plan.regions}
    for place in load_places():
        plan_id = next((region_plan[alias] for alias in place.aliases if alias in region_plan), None)
        for alias in place.aliases:
            meaning[alias] = ("plan", plan_id) if plan_id else ("place", place.name)
    meaning.update({region: ("plan", plan_id) for region, plan_id in region_plan.items()})
    # A plan the place table does not know is still found by its regions' pinyin ("Zhoucun" for 周村区).
    for region, plan_id in region_plan.items():
        for alias in _pinyin_names(region):
            meaning.setdefault(alias, ("plan", plan_id))
    meaning.update({title_key(plan.title): ("plan", plan.plan_id) for plan in plans if plan.title})
    alternatives = [_alias_pattern(alias) for alias in sorted(meaning, key=len, reverse=True)]
    return re.compile("|".join(alternatives)), meaning


def _pinyin_names(region: str) -> tuple[str, ...]:
    """"周村区" → ("zhoucun", "zhoucunqu"): the name without and with its level, in toneless pinyin."""
    from pypinyin import lazy_pinyin

    # A town's plan (莫干山镇) is below the gazetteer's counties: English names it without 镇/乡 too ("Moganshan Town").
    levels = (*dict(load_lexicon().place_levels), *_TOWN_LEVELS)
    stem = region[:-1] if len(region) > 2 and region[-1] in levels else region
    if not re.search(r"[\u4e00-\u9fff]", stem):
        return ()
    return tuple(dict.fromkeys("".join(lazy_pinyin(name)) for name in (stem, region)))


def title_key(title: str) -> str:
    # Questions name a draft plan without its "(征求意见稿)" tail.
    return re.sub(r"[(（][^)）]*[)）]$", "", normalize(title))


def _alias_pattern(alias: str) -> str:
    # English names need word boundaries ("ledu" must not match inside "scheduled"); Chinese names cannot have them.
    if alias.isascii():
        return rf"(?<![a-z]){re.escape(alias)}(?![a-z])"
    return re.escape(alias)


def detect_places(norm: str, plans: tuple[Plan, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Plans named (in order) and named places that no plan covers."""
    pattern, meaning = _place_matcher(plans)
    matches = without_waters(norm, list(pattern.finditer(norm)), meaning)  # read once: names, spans, "in X"
    placed = plan_places(plans)
    plan_ids: list[str] = []
    places: list[str] = []
    for match in matches:
        kind, key = meaning[match.group(0)]
        target = plan_ids if kind == "plan" else places
        if key not in target:
            target.append(key)
    spans = [match.span() for match in matches]
    plan_ids = without_locating(norm, matches, meaning, plan_ids, placed)
    for place in _pinyin_divisions(norm, plans, spans, [placed[pid] for pid in plan_ids if pid in placed]):
        plan_ids.extend(pid for pid in _covering(place, placed) if pid not in plan_ids)
    places.extend(p for p in unplaced_divisions(norm, placed.values(), spans) if p not in places)
    places.extend(p for p in unplaced_towns(norm, plans, spans) if p not in places)
    named = [plan for plan in plans if plan.plan_id in plan_ids]
    unknown = [place for place in places if not any(_contains_place(plan, place) for plan in named)]
    # A place of the table inside a plan's division ("Jinan" with the Shandong plan held) is that plan's.
    inside = {place: _covering(division, placed) for place in unknown for division in _divisions(place)}
    plan_ids.extend(pid for pids in inside.values() for pid in pids if pid not in plan_ids)
    unknown = [place for place in unknown if not inside.get(place)]
    return refine(norm, plans, tuple(plan_ids), tuple(unknown))


def place_spans(norm: str, plans: tuple[Plan, ...]) -> tuple[tuple[int, int], ...]:
    """Where a question writes a place's name (a plan's region or title, a division of the place table)."""
    pattern, _ = _place_matcher(plans)
    return tuple(match.span() for match in pattern.finditer(norm))


def without_level_words(norm: str) -> str:
    """The question without the level word after a division it names in pinyin: in "designated towns in Dangshan
    County" the county is the place's rank, not the county-town scope or an indicator's word (the name stays: it
    is searched for and read by the question's other rules)."""
    for mention in sorted(find_pinyin_places(norm), key=lambda m: -m.start):
        name_end = mention.start + len(mention.text.split()[0])
        norm = norm[:name_end] + norm[mention.end:]
    return norm


def _divisions(name: str) -> list[Place]:
    norm = normalize(name)
    return [p for m in find_places(norm) for p in m.places if p.name == norm][:1]


def bracketed(norm: str, start: int) -> bool:
    """The name starting at `start` is written in brackets ("湘东区（萍乡）", "Xiangdong district (Pingxiang)")."""
    return norm[:start].rstrip().endswith(("(", "（"))


def _pinyin_divisions(norm: str, plans: Sequence[Plan], taken: list[tuple[int, int]],
                      named: Sequence[Place] = ()) -> list[Place]:
    """Divisions an English question names in pinyin that neither the place table nor a plan's region knows
    ("Longyou County" inside the Quzhou plan's city): only one inside a held plan's division, else none — a pinyin
    word that could be two places there, or that lies in no plan's area, is not guessed at."""
    placed = plan_places(tuple(plans))
    found = []
    for mention in find_pinyin_places(norm):
        if any(s < mention.end and mention.start < e for s, e in taken):
            continue
        if bracketed(norm, mention.start) and any(o.within(p) and o.code != p.code for o in named for p in mention.places):
            continue  # a parent in brackets after a named plan's place only locates it ("Xiangdong (Pingxiang)")
        covered = {p.code: p for p in mention.places if _covered(p, placed)}
        if len(covered) == 1:
            found.append(next(iter(covered.values())))
    return found


def _contains_place(plan: Plan, place: str) -> bool:
    """True when the place is the plan's province or a parent named in its regions or issuer (淄博市 › 周村区)."""
    place_aliases = next((p.aliases for p in load_places() if p.name == place), (normalize(place),))
    haystack = normalize(" ".join((*plan.regions, plan.issuer, plan.province)))
    return any(not alias.isascii() and alias in haystack for alias in place_aliases)


def english_named_places(norm: str, plans: tuple[Plan, ...]) -> tuple[str, ...]:
    """Places an English question names in pinyin or English that lie inside a plan's own division ("Taiyuan" in
    the Shanxi plan → 太原市): their Chinese names, which the plan's sentences use ("太原市建成区基本消除黑臭水体")
    and which a Chinese question would have written itself. A plan's own place adds nothing."""
    placed = plan_places(plans)
    pattern, _ = _place_matcher(plans)
    named = {m.group(0) for m in pattern.finditer(norm) if m.group(0).isascii()}
    spans = [match.span() for match in pattern.finditer(norm)]
    inside = [p.name for p in _pinyin_divisions(norm, plans, spans) if not any(p.code == o.code for o in placed.values())]
    for place in load_places():
        if not named & set(place.aliases):
            continue
        divisions = [p for m in find_places(normalize(place.name)) for p in m.places if p.name == normalize(place.name)]
        if any(d.code != own.code and d.within(own) for d in divisions for own in placed.values()):
            inside.append(place.name)
    return tuple(dict.fromkeys(inside))
