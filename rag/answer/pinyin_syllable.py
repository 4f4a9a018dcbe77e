"""A pinyin syllable as a regular expression, for the modules that tell a Chinese name spelt out from an English
word; a leaf, so that query analysis and the place checks it calls both read it without importing each other."""
from __future__ import annotations

# A pinyin syllable: initial and final ("ling", "hu", "xiang"); a name made of them only is a Chinese name spelt out,
# while an English word before "River" ("Yellow", "North") is a translation that the pinyin index cannot find.
SYLLABLE = (r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|uai|iao|ian|uan|ai|ei|ao|ou|an"
            r"|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v)")
