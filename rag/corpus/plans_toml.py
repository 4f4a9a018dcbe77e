"""corpus/plans.toml checked against its schema: each fault named by file, line and field; good entries kept."""
from __future__ import annotations

import datetime
import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from rag.lexicon import load_lexicon

MANIFEST_NAME = "plans.toml"
REQUIRED = ("id", "file", "title")
OPTIONAL = ("issuer", "level", "province", "regions", "doc_number", "date")
_PLAN_ID = re.compile(r"^[\w.-]{1,80}$")
_HEADER = re.compile(r"^\s*\[\[\s*([^\]]+?)\s*\]\]")


@dataclass(frozen=True)
class PlansToml:
    """The usable entries of plans.toml by file name, and every problem found in it, in plain words."""

    entries: dict[str, dict]
    problems: tuple[str, ...] = ()


def read_plans_toml(corpus_dir: Path) -> PlansToml:
    """Read and check corpus_dir/plans.toml; a missing file is no entries, a broken one is reported, never raised."""
    path = Path(corpus_dir) / MANIFEST_NAME
    if not path.is_file():
        return PlansToml({})
    where = f"{path.parent.name}/{MANIFEST_NAME}"
    text = _decode(path.read_bytes())
    if text is None:
        return PlansToml({}, (f"{where}: not UTF-8 or UTF-16 text; every plan loads with metadata read from its text",))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return _salvage(text, where, exc)
    return check_entries(data, text, where)


def _salvage(text: str, where: str, error: tomllib.TOMLDecodeError) -> PlansToml:
    """After a syntax error, keep each [[plan]] entry that parses on its own; only the broken ones are lost."""
    lines = text.splitlines(keepends=True)
    starts = [n - 1 for n in _entry_lines(text, "plan")]
    kept, broken = [], []
    for index, start in enumerate(starts):
        block = "".join(lines[start:starts[index + 1] if index + 1 < len(starts) else len(lines)])
        try:
            tomllib.loads(block)
            kept.append("\n" * start + block)  # the same line numbers as in the file, for later messages
        except tomllib.TOMLDecodeError:
            broken.append(start + 1)
    if not kept:
        outcome = "every plan loads with metadata read from its text"
    elif broken:
        outcome = (f"the entries at line {', '.join(map(str, broken))} are ignored and their plans load with "
                   "metadata read from their text")
    else:
        outcome = "the text outside the [[plan]] entries is ignored; every entry is used"
    summary = f"{where}: syntax error: {error}; {outcome}"
    entries, problems = {}, [summary]
    for block in kept:
        checked = check_entries(tomllib.loads(block), block, where)
        for name, entry in checked.entries.items():
            if name in entries or entry["id"] in {e["id"] for e in entries.values()}:
                problems.append(f"{where}: {name}: a second entry for this file or id {entry['id']!r} is ignored")
                continue
            entries[name] = entry
        problems.extend(checked.problems)
    return PlansToml(entries, tuple(problems))


def _decode(data: bytes) -> str | None:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16"
    else:
        codec, data = "utf-8", data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def check_entries(data: dict, text: str, where: str) -> PlansToml:
    """Validate parsed plans.toml data; `text` locates each entry's line for the messages."""
    problems: list[str] = []
    lines_key = "plan"
    raw = data.get("plan", [])
    for key in data:
        if key == "plan":
            continue
        line = _table_line(text, key)
        if key.lower().rstrip("s") == "plan" and isinstance(data[key], list) and "plan" not in data:
            # [[plans]] or [[Plan]]: the meaning is plain, so the entries are used, and the spelling reported.
            problems.append(f"{where}:{line}: [[{key}]] read as [[plan]]; write [[plan]]")
            raw, lines_key = data[key], key
            continue
        hint = " — did you mean [[plan]]?" if _close(key, ["plan"]) else ""
        problems.append(f"{where}:{line}: unknown table {key!r}{hint}; its entries are ignored")
    if not isinstance(raw, list):
        return PlansToml({}, (*problems, f"{where}:{_table_line(text, 'plan')}: 'plan' must be [[plan]] entries"))
    lines = _entry_lines(text, lines_key)
    entries: dict[str, dict] = {}
    ids: dict[str, int] = {}
    for index, entry in enumerate(raw):
        line = lines[index] if index < len(lines) else 0
        checked, errors, warnings = check_entry(entry, text, line)
        label = f"{where}:{line}: plan entry {index + 1}"
        if not errors and checked["id"] in ids:
            errors = [f"field 'id': {checked['id']!r} is already used by the entry at line {ids[checked['id']]}"]
        if not errors and checked["file"] in entries:
            errors = [f"field 'file': {checked['file']!r} already has an entry"]
        problems.extend(f"{label}: {warning}" for warning in warnings)
        if errors:
            name = entry.get("file") if isinstance(entry, dict) and isinstance(entry.get("file"), str) else "?"
            problems.append(f"{label}: {'; '.join(errors)} — {name} loads with metadata read from its text")
            continue
        ids[checked["id"]] = line
        entries[checked["file"]] = checked
    return PlansToml(entries, tuple(problems))


def check_entry(entry: object, text: str, line: int) -> tuple[dict, list[str], list[str]]:
    """One [[plan]] entry → (normalised entry, errors that make it unusable, warnings), naming field and line."""
    if not isinstance(entry, dict):
        return {}, ["not a table of fields"], []
    errors: list[str] = []
    warnings: list[str] = []
    checked: dict = {}
    for key in entry:
        if key not in REQUIRED + OPTIONAL:
            guess = _close(key, REQUIRED + OPTIONAL)
            hint = f" (did you mean {guess!r}?)" if guess else f" (known: {', '.join(REQUIRED + OPTIONAL)})"
            warnings.append(f"unknown key {key!r} at line {_field_line(text, line, key)}{hint}")
    for key in REQUIRED:
        if key not in entry:
            errors.append(f"field {key!r} is missing")
    for key in REQUIRED + OPTIONAL:
        if key not in entry:
            continue
        at = f"field {key!r} at line {_field_line(text, line, key)}"
        if key == "regions" and isinstance(entry[key], str) and entry[key].strip():
            # One name written as a string: meant as a list of one, never as a list of its characters.
            warnings.append(f'{at}: a string, read as one name; write regions = ["{entry[key].strip()}"]')
            checked[key] = [entry[key].strip()]
            continue
        value, error = _check_value(key, entry[key])
        if error:
            errors.append(f"{at}: {error}")
        checked[key] = value
    return checked, errors, warnings


def _check_value(key: str, value: object) -> tuple[object, str]:
    if key == "regions":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return value, "must be a list of non-empty names"
        return [v.strip() for v in value], ""
    if key == "date" and isinstance(value, datetime.date):
        return value.isoformat()[:10], ""
    if not isinstance(value, str):
        return value, f"must be a string, not {type(value).__name__}"
    value = value.strip()
    if key in REQUIRED and not value:
        return value, "is empty"
    if key == "id" and not _PLAN_ID.match(value):
        return value, "letters, digits, '-', '_' and '.' only"
    if key == "file" and (Path(value).name != value or value.startswith(".")):
        return value, "a file name in the corpus folder, without a folder"
    if key == "level" and value and value not in _levels():
        return value, f"one of {', '.join(sorted(_levels()))}"
    return value, ""


def _levels() -> set[str]:
    return {level for _, level in load_lexicon().place_levels}


def _close(word: str, choices) -> str:
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else ""


def _entry_lines(text: str, table: str) -> list[int]:
    """1-based line numbers of each [[table]] header, in order."""
    return [number for number, line in enumerate(text.splitlines(), 1)
            if (m := _HEADER.match(line)) and m.group(1).strip("\"'") == table]


def _table_line(text: str, table: str) -> int:
    found = _entry_lines(text, table)
    if found:
        return found[0]
    pattern = re.compile(rf"^\s*\[?\s*{re.escape(table)}\s*[\]=]")
    return next((n for n, line in enumerate(text.splitlines(), 1) if pattern.match(line)), 0)


def _field_line(text: str, header_line: int, key: str) -> int:
    """The line of `key = …` in the entry that starts at header_line (the header's line when not found)."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number, line in enumerate(text.splitlines()[header_line:], header_line + 1):
        if _HEADER.match(line) or line.strip().startswith("["):
            break
        if pattern.match(line):
            return number
    return header_line
