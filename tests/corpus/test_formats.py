"""Plan files as users have them: tiny .html/.docx/.pdf files built here, hostile ones refused, `rag add`/`rag plans`."""
from __future__ import annotations

import io
import tomllib
import zipfile
from pathlib import Path

import pytest

from rag.corpus.catalog import add_plan, plan_rows
from rag.corpus.formats import Limits, PlanFileError, document_text, pdf_text
from rag.corpus.ingest import decode_bytes
from rag.corpus.loader import load_corpus

PLANS_DEV = Path(__file__).resolve().parents[1] / "fixtures" / "plans-dev"
XIAN_NOTE = "1.强化“10+3”小企业整治。(市工信委、市环保局牵头,市公安局、市国土局、市发改委配合,各区县政府、开发区管委会落实)"


def html_page(body: str) -> bytes:
    return (f"<html><head><title>西安</title><script>var x='一、脚本';</script></head><body>"
            f"<nav>网站首页 > 新闻中心</nav><div id='content'>{body}</div><footer>版权所有 ©</footer></body></html>").encode()


def test_html_main_text_without_chrome():
    body = "".join(f"<p>{line}</p>" for line in ("西安市水污染防治2018年度工作方案", "二、重点工作", "(一)工业水污染防治", XIAN_NOTE * 2))
    text = document_text(Path("xian.html"), html_page(body), decode_bytes)
    assert text.splitlines()[:3] == ["西安市水污染防治2018年度工作方案", "二、重点工作", "(一)工业水污染防治"]
    assert "脚本" not in text and "网站首页" not in text and "版权所有" not in text


def docx_bytes(paragraphs: list[str], rows: list[list[str]] = ()) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if rows:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_paragraphs_and_a_task_table_whose_column_becomes_a_note(tmp_path):
    data = docx_bytes(["天津市2005年碧水工程实施方案", "一、工作任务"],
                      [["序号", "责任单位", "责任任务", "完成时间"], ["1", "市建委", "启动南运河改造工程。", "2005年5月底以前"]])
    (tmp_path / "tianjin-2005.docx").write_bytes(data)
    corpus = load_corpus(tmp_path)
    assert corpus.plans[0].title == "天津市2005年碧水工程实施方案" and corpus.plans[0].regions == ("天津市", "天津", "tianjin")
    notes = [(r.clause_id, [u.name for u in r.implementing_units]) for r in corpus.responsibilities]
    assert notes == [("tianjin-2005/一/p1", ["市建委"])]


def test_docx_decompression_bomb_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "0" * 5_000_000)
    with pytest.raises(PlanFileError, match="decompression bomb"):
        document_text(Path("bomb.docx"), buffer.getvalue(), decode_bytes)


def pdf_bytes(pages: list[str]) -> bytes:
    """A minimal PDF with one Helvetica text line per page (offsets computed, so pypdf reads it strictly)."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    kids = []
    for text in pages:
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET"
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {len(objects)} 0 R "
                       f"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    return out + f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


def test_pdf_text_layer_with_page_numbers_dropped_and_a_page_limit():
    data = pdf_bytes(["Water plan 2018", "- 2 -"])
    assert pdf_text(data, "plan.pdf", Limits()) == "Water plan 2018"
    with pytest.raises(PlanFileError, match="2 pages is over the limit of 1"):
        pdf_text(data, "plan.pdf", Limits(max_pages=1))


def test_hostile_and_broken_files_refused_and_the_others_still_load(tmp_path):
    (tmp_path / "xian-2018.txt").write_bytes((PLANS_DEV / "xian-2018.txt").read_bytes())
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (tmp_path / "fake.docx").write_bytes(b"PK not a zip")
    corpus = load_corpus(tmp_path)
    assert [p.plan_id for p in corpus.plans] == ["xian-2018"]
    assert sorted(corpus.problems) == ["skipped broken.pdf: not a readable PDF (Stream has ended unexpectedly)",
                                       "skipped fake.docx: not a Word .docx file (not a zip archive)"]


def test_add_copies_writes_an_editable_entry_and_plans_counts(tmp_path):
    corpus_dir = tmp_path / "corpus"
    added = add_plan(PLANS_DEV / "lintong-2018.txt", corpus_dir)
    assert (added.plan.plan_id, added.plan.regions) == ("lintong-2018", ("临潼区", "临潼", "lintong"))
    entry = tomllib.loads((corpus_dir / "plans.toml").read_text(encoding="utf-8"))["plan"][0]
    assert (entry["file"], entry["title"], entry["level"]) == ("lintong-2018.txt", "西安市临潼区2018年度水污染防治工作方案", "district")
    assert add_plan(tmp_path / "missing.txt", corpus_dir).problem.endswith("missing.txt: no such file")
    row = plan_rows(load_corpus(corpus_dir))[0]
    assert (row["plan_id"], row["notes"]) == ("lintong-2018", 3)
