"""Responsible-unit names: splitting lists, restoring dropped prefixes, aliases for matching."""
from __future__ import annotations

import re

from rag.normalize import normalize
from rag.types import Unit

# Long official names and their everyday short forms map to one matching name.
ALIASES = (
    ("环境保护局", "环保局"),
    ("环境保护厅", "环保厅"),
    ("发展和改革委员会", "发改委"),
    ("发展改革委", "发改委"),
    ("发改局", "发改委"),
    ("住房和城乡建设局", "住建局"),
    ("住房城乡建设局", "住建局"),
    ("住房城乡建设厅", "住建厅"),
    ("住房和规划建设局", "住建局"),
    ("经济和信息化委员会", "经信委"),
    ("经信局", "经信委"),
    ("国土资源局", "国土局"),
    ("国土资源分局", "国土分局"),
    ("市场监督管理局", "市场监管局"),
    ("卫生和计划生育局", "卫计局"),
    ("农业农村局", "农业局"),
)
_DEPARTMENT = re.compile(r"(局|委员会|委|办公室|办|部|厅|中心|站|所|队|院|署|会)$")
_PREFIXED = re.compile(r"^(区|市|省|县|各|国|中国|[\u4e00-\u9fff]{2,4}(省|市|区|县))")
_LEVEL_PREFIX = re.compile(r"^(区|市|省|县)(?=[\u4e00-\u9fff])")


def split_units(text: str) -> list[str]:
    """Split "区住建局、区水务局等" into names, keeping 、 inside brackets ("各县（市、区）人民政府")."""
    names, depth, current = [], 0, []
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if depth == 0 and ch in "、，,；;":
            names.append("".join(current))
            current = []
            continue
        current.append(ch)
    names.append("".join(current))
    cleaned = [re.sub(r"(等|等单位|等部门)$", "", name.strip(" \u3000:：")) for name in names]
    return [name for name in cleaned if name]


def restore_prefix(names: list[str]) -> list[str]:
    """Ledu writes "区发改委、水务局": later names inherit the level prefix of the first."""
    if not names:
        return names
    prefix = _LEVEL_PREFIX.match(names[0])
    if not prefix:
        return names
    restored = [names[0]]
    for name in names[1:]:
        needs = _DEPARTMENT.search(name) and not _PREFIXED.match(name) and "管委会" not in name
        restored.append(prefix.group(1) + name if needs else name)
    return restored


def canonical(name: str) -> str:
    """The matching form of a unit name: normalised, with long official names shortened."""
    name = normalize(name)
    for long_form, short_form in ALIASES:
        name = name.replace(long_form, short_form)
    return name


def parse_units(text: str) -> tuple[Unit, ...]:
    """Units as written, each with its restored, canonical matching name."""
    written = split_units(text)
    restored = restore_prefix(written)
    return tuple(Unit(text=w, name=canonical(r)) for w, r in zip(written, restored))


def unit_matches(query: str, unit: Unit) -> bool:
    """True when a unit named in a question ("环保局", "区住建局") refers to this unit."""
    wanted = canonical(query)
    return bool(wanted) and (wanted in unit.name or unit.name.endswith(wanted.lstrip("区市省县")))
