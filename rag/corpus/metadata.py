"""Plan metadata read from the text when plans.toml has no entry: title, issuer, level, year, regions."""
from __future__ import annotations

import re
from pathlib import Path

from rag.corpus.cleaning import is_page_mark
from rag.corpus.gazetteer import Mention, Place, by_code, find_places, load_gazetteer, pinyin_index, resolve_chain
from rag.corpus.repair import repaired
from rag.lexicon import lexicon_section
from rag.types import Plan

_PLAN_WORD = r"(?:方案|计划|规划|意见|办法|任务|措施|要点|细则|纲要)"
_YEARS_TAIL = r"(?:[(（][^()（）]{4,14}年[)）])?"
# The plan a notice issues: "关于印发《X》的通知", "批转…拟定的X的通知", "现将《X》印发", "《X》已经…同意".
_ISSUED = (
    re.compile(rf"(?:印发|转发|下发)《([^《》,，。]{{4,80}}?{_PLAN_WORD}{_YEARS_TAIL})》的通知"),
    re.compile(rf"(?:印发|转发|下发)〈?([^《》〈〉,，。]{{4,60}}?{_PLAN_WORD}{_YEARS_TAIL})〉?的通知"),
    re.compile(rf"批转[^。，,]{{0,20}}?拟定的([^《》,，。]{{4,60}}?{_PLAN_WORD}{_YEARS_TAIL})的通知"),
    re.compile(rf"现将《([^《》]{{4,80}}?{_PLAN_WORD}{_YEARS_TAIL})》"),
    re.compile(rf"《([^《》]{{4,60}}?{_PLAN_WORD}{_YEARS_TAIL})》(?:已经|发布|印发)"),
)
# A heading line that is the title: it starts the line and ends in a plan word (a body may follow, run in).
_HEADING = re.compile(rf"^[、\s]*([^\s,，。;；:：《》()（）]{{4,50}}?{_PLAN_WORD}{_YEARS_TAIL})(?=$|[\s,，。为按根])")
_NOT_TITLE_START = ("为", "按照", "根据", "关于", "现将", "各", "一、")
_NOT_IN_TITLE = ("关于", "印发", "通知", "人民政府办公")
_CHROME_TAG = re.compile(r"【[^】]{0,12}】")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}[〔\[]\d{4}[〕\]]\d{1,4}号")
# A date followed by 前 is a time limit in the text, not the plan's date ("2016年12月31日前完成…").
_DATE = re.compile(r"(?<![\dA-Za-z-])((?:19|20)\d{2})[年-](\d{1,2})[月-](\d{1,2})(?!\d)日?(?!日?\s*(?:前|以前|之前))")
_ISSUER = re.compile(r"^\s*(?:发文机关\s*)?([\u4e00-\u9fff]{2,24}(?:人民政府|行政公署|领导小组)(?:办公室|办公厅)?)\s*$", re.M)
# The issuer opening a notice's title line: "砀山县人民政府关于印发…的通知".
_NOTICE_ISSUER = re.compile(r"^\s*([\u4e00-\u9fff]{2,24}(?:人民政府|行政公署|领导小组)(?:办公室|办公厅)?)关于", re.MULTILINE)
_OUTER_CITED = re.compile(r"《[^《》]*》")
_NUMBERED = re.compile(r"^\s*([一二三四五六七八九十]+\s*[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d+\s*[.、])")
_CITED = re.compile(r"《[^《》]*》|〈[^〈〉]*〉")
_FIRST_SECTION = re.compile(r"^\s*一\s*[、.]", re.M)
_YEAR = re.compile(r"((?:19|20)\d{2})(?:年|—|-)")
_NUMBER_YEAR = re.compile(r"[〔\[]((?:19|20)\d{2})[〕\]]")
_LEVEL_NAMES = {"province": "province", "city": "city"}
# A plan's own number heads it (notice header, metadata table); a number deep in the text is one it cites.
_OWN_NUMBER_WITHIN = 600


def find_title(head: str) -> str:
    """The plan's own title: the first plan a notice issues or heading line; "" when neither is there."""
    cited = [m.span() for m in _OUTER_CITED.finditer(head)]
    candidates = [(m.start(), re.sub(r"\s+", "", m.group(1))) for pattern in _ISSUED for m in pattern.finditer(head)
                  if not any(a < m.start() < b for a, b in cited)  # a notice cited inside another's 《》
                  and not any(w in m.group(1) for w in _NOT_IN_TITLE)]  # "转发区环保局关于…方案的通知"
    candidates += _headings(head)
    return min(candidates)[1] if candidates else ""


def _headings(head: str) -> list[tuple[int, str]]:
    """Heading lines that read as a title, with their offsets (a title split over two lines joined)."""
    found, offset, lines = [], 0, []
    for physical in head.split("\n"):
        line = _CHROME_TAG.sub("", physical).strip()
        if line:
            lines.append((offset, line))
        offset += len(physical) + 1
    for (start, first), (_, second) in zip(lines, lines[1:] + [(0, "")]):
        if _NUMBERED.match(first) or is_page_mark(first):
            continue  # a page number is no title, nor the first half of one
        for candidate in (first, first + second):
            match = _HEADING.match(candidate)
            title = match.group(1) if match else ""
            if title and not title.startswith(_NOT_TITLE_START) and not any(w in title for w in _NOT_IN_TITLE):
                found.append((start, match.group(1)))
                break
    return found


def plan_place(title: str, issuer: str, body: str, stem: str, doc_number: str = "") -> tuple[Place, ...]:
    """The divisions a plan covers, most specific last: from its title, else issuer, else a provincial document
    number ("皖政〔2016〕…"), else the body and file name."""
    for source in (title, issuer):
        chain = resolve_chain(_full_or_leading(find_places(source)))
        if chain:
            return chain
    body = _CITED.sub("", body)
    return _doc_province(doc_number, body) or _doc_city(doc_number, body) or _from_body(body, stem)


def _doc_province(doc_number: str, body: str) -> tuple[Place, ...]:
    """The province whose abbreviation opens the plan's own document number, when the body agrees: it names that
    province or places in it, or no place at all ("宁政发" of 南京, naming 南京市, is not 宁夏's; "吉市政发" is a
    city's number)."""
    province_name = lexicon_section("genre").get("province_abbreviations", {}).get(doc_number[:1])
    if not province_name or doc_number[1:2] == "市":
        return ()
    province = next((p for m in find_places(province_name) for p in m.places if p.name == province_name), None)
    if province is None:
        return ()
    # Full names of three characters or more: a two-character county ("成县") is read inside words ("完成县级").
    named = [p for m in find_places(body) for p in m.places if p.name == m.text and len(m.text) >= 3]
    if named and not any(p.within(province) for p in named):
        return ()
    return (province,)


def _doc_city(doc_number: str, body: str) -> tuple[Place, ...]:
    """The city whose abbreviation opens the plan's own document number ("衢政办发〔2018〕…", "杭政办函…"): a
    prefecture-level city whose short name starts with it (or the lexicon's few other abbreviations, "甬" of 宁波),
    chosen only when the body names places inside exactly one such city and none outside it."""
    initial = doc_number[:1]
    if not initial or doc_number[1:2] == "市":
        return ()
    other = lexicon_section("genre").get("city_abbreviations", {}).get(initial, "")
    cities = [p for p in load_gazetteer() if p.level == "city" and (p.short.startswith(initial) or p.name == other)]
    named = [p for m in find_places(body) for p in m.places if p.name == m.text and len(m.text) >= 3]
    named = [p for p in named if p.level != "province"]
    inside = [city for city in cities if named and all(p.within(city) for p in named)]
    if len(inside) != 1:
        return ()
    city = inside[0]
    return tuple(by_code()[c] for c in city.parents if c in by_code()) + (city,)


def _full_or_leading(mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    # In a title, a short name counts only at the start ("宿迁2022年…"); inside it, "河口" is rarely a place.
    return tuple(m for m in mentions if m.text in {p.name for p in m.places} or m.start == 0)


def _from_body(body: str, stem: str) -> tuple[Place, ...]:
    """The full-named place the body names most often, the file name's pinyin breaking ties and confirming."""
    counts: dict[str, int] = {}
    mentions = find_places(body)
    for mention, following in zip(mentions, mentions[1:] + (None,)):
        if _locates(mention, following):
            continue  # "西安市临潼区": the city only locates the district, the plan is the district's
        for place in mention.places:
            if mention.text == place.name:
                counts[place.code] = counts.get(place.code, 0) + 1
    named = {p.code for p in pinyin_index().get(re.split(r"[-_\d]", stem.lower())[0], ())}
    # A two-character county ("成县") is read inside words ("完成县级") unless the file name confirms it.
    scored = {code: n + (5 if code in named else 0) for code, n in counts.items()
              if code in named or len(by_code()[code].name) >= 3}
    scored.update({code: 3 for code in named if code not in scored and len(named) == 1})
    if not scored:
        return ()
    best = by_code()[max(scored, key=lambda code: (scored[code], code))]
    return tuple(by_code()[c] for c in best.parents if c in by_code()) + (best,)


def _locates(mention: Mention, following: Mention | None) -> bool:
    """True when a full-named place is written right before a full-named place inside it."""
    if following is None or following.start != mention.end:
        return False
    return any(inner.within(outer) and inner.code != outer.code for outer in mention.places if outer.name == mention.text
               for inner in following.places if inner.name == following.text)


def _year(title: str, doc_number: str, head: str) -> int | None:
    """The plan's year: its title's, else its own document number's ("筑府发〔2016〕8号"), else the first year
    the head states — which may be a target year ("到2020年"), so it comes last."""
    match = _YEAR.search(title) or _NUMBER_YEAR.search(doc_number) or _YEAR.search(head)
    return int(match.group(1)) if match else None


def infer_plan(text: str, source_file: str, content_hash: str) -> Plan:
    """Metadata read from the text of a plan that has no manifest entry."""
    head = repaired(text[:4000])
    before_body = head[: m.start()] if (m := _FIRST_SECTION.search(head)) and m.start() > 40 else head
    title = find_title(before_body) or find_title(head)
    # The issuer signs the notice before the plan's body; a government named alone on a line further down is a
    # table cell or a signature of something else ("仁懷市人民政府" in a task table's lead column).
    issuer_match = _ISSUER.search(before_body.replace("|", "\n"))  # pipe-table metadata rows become lines
    issuer_match = issuer_match or _NOTICE_ISSUER.search(head) or _ISSUER.search(head.replace("|", "\n"))
    issuer = issuer_match.group(1) if issuer_match else ""
    # A number in brackets after a cited title is the cited document's, not this plan's.
    number = next((m for m in _DOC_NUMBER.finditer(_CITED.sub("", head))
                   if not (m.start() and m.string[m.start() - 1] in "(（")), None)
    own_number = number.group(0) if number and number.start() < _OWN_NUMBER_WITHIN else ""
    chain = plan_place(title, issuer, text and repaired(text), Path(source_file).stem, own_number)
    place = chain[-1] if chain else None
    below = () if chain else _own_subplace(title, issuer)
    regions = _town(title, place) + _regions(place) + below
    if place and title and not any(r in title for r in regions):
        title = place.name + title  # "2016年度水污染防治计划" issued by 内蒙古 → "内蒙古自治区2016年度…"
    date = _DATE.search(head)
    year = _year(title, own_number, head)
    return Plan(
        plan_id=Path(source_file).stem,
        title=title or _untitled(issuer or (place.name if place else ""), Path(source_file).stem),
        issuer=issuer,
        level=(_LEVEL_NAMES.get(place.level) or ("district" if place.name.endswith("区") else "county")) if place
        else ("town" if below else ""),
        regions=regions,
        doc_number=number.group(0).replace("[", "〔").replace("]", "〕") if number else "",
        date=f"{date.group(1)}-{int(date.group(2)):02d}-{int(date.group(3)):02d}" if date else (str(year) if year else ""),
        source_file=source_file,
        content_hash=content_hash,
        province=by_code()[chain[0].code[:2] + "0000"].name if chain else "",
    )


def _untitled(issuer: str, stem: str) -> str:
    """A plan with neither a notice nor a title heading: who issued it and its file name ("江西省人民政府办公厅
    （jiangxi-2016）"); never a document it cites."""
    return f"{issuer}（{stem}）" if issuer else stem


_KIND_OF_PLACE = re.compile(r"城乡|乡镇|村镇|城镇|集镇|重点镇|特色小镇|建制镇")


def _town(title: str, place: Place | None) -> tuple[str, ...]:
    """A township's plan ("德清县莫干山镇2019年水污染防治工作计划"): the gazetteer stops at counties, so the town
    its title names right after the county is the plan's own place too, the one its questions name."""
    if place is None or not title:
        return ()
    names = "|".join(re.escape(n) for n in (place.name, place.short) if n)
    town = re.search(rf"(?:{names})([\u4e00-\u9fff]{{1,5}}?(?:镇|乡|街道))(?=\d|[\u4e00-\u9fff])", title)
    # "县城乡…", "县乡镇污水…", "县城镇…" are the genre's words for kinds of places, not a town's name.
    return (town.group(1),) if town and not _KIND_OF_PLACE.search(town.group(1)) else ()


# Divisions below the gazetteer's counties that issue plans of their own: towns, townships, sub-districts and the
# zones run by a management committee. Longest first, so "经济技术开发区" is not read as "…区".
_BELOW_COUNTY = ("经济技术开发区", "高新技术产业开发区", "高新区", "开发区", "工业园区", "街道", "镇", "乡")
_TOWN_WORDS = ("街道", "镇", "乡")
_LEADING_BELOW = re.compile(rf"^([\u4e00-\u9fff]{{2,10}}?(?:{'|'.join(_BELOW_COUNTY)}))"
                            rf"(?=[\u4e00-\u9fff(（\d]|$)")


def _own_subplace(title: str, issuer: str) -> tuple[str, ...]:
    """A plan whose title or issuer opens with a division below the counties (周市镇人民政府, "XX镇水污染防治…"),
    when the gazetteer placed it nowhere: that division is its own place, named in full, short and in pinyin, so
    questions naming it ("周市镇…", "Zhoushi Town") reach this plan and no other. Words for kinds of places
    ("乡镇", "城镇") are no names."""
    for source in (title, issuer):
        match = _LEADING_BELOW.match(source or "")
        if not match or _KIND_OF_PLACE.search(match.group(1)):
            continue
        name = match.group(1)
        suffix = next(s for s in _BELOW_COUNTY if name.endswith(s))
        # A zone's name without "开发区" is its town's or city's, not the zone ("苏州工业园区" is not 苏州).
        short = name[: -len(suffix)] if suffix in _TOWN_WORDS and len(name) - len(suffix) >= 2 else ""
        return tuple(dict.fromkeys(n for n in (name, short, _pinyin(short or name)) if n))
    return ()


def _pinyin(name: str) -> str:
    from pypinyin import lazy_pinyin  # deferred: only a plan below the gazetteer needs it

    return "".join(lazy_pinyin(name)).lower()


def _regions(place: Place | None) -> tuple[str, ...]:
    """The names a question may use for the plan's own place: full, short, pinyin."""
    if place is None:
        return ()
    return tuple(dict.fromkeys(name for name in (place.name, place.short, place.pinyin) if name))
