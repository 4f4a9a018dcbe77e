"""Questions in a language the product does not read are refused, not answered with an unrelated quote."""
from __future__ import annotations

import pytest

from rag.answer.intake import QuestionError, clean_question, unread_language


@pytest.mark.parametrize("question, language", [
    ("周村区の汚泥処理は誰が担当しますか", "Japanese"),
    ("周村区污泥处置は？", "Japanese"),
    ("주촌구 오니 처리는 누가 담당합니까", "Korean"),
    ("Кто отвечает за очистку сточных вод?", "another script"),
    ("周村区推进污泥安全处置由谁牵头？", ""),
    ("Who leads sludge disposal in Zhoucun?", ""),
    ("Ⅴ类水体比例控制在多少（μg/L）", ""),
])
def test_unread_language(question, language):
    assert unread_language(question) == language


def test_clean_question_refuses_japanese():
    with pytest.raises(QuestionError, match="Chinese or English only; this one is in Japanese"):
        clean_question("汚泥処理は誰が担当しますか", 2000)
