"""Catalogue search (tongban.catalog.search): quality on the labelled colloquial queries, speed over 5,000 items.

1. Quality: top-1 and top-3 hit rates of `search_items` over search_data/queries.csv (90 colloquial questions,
   each with the item name(s) that answer it), on the demo catalogue (`seed_demo`) when
   tongban.demo.catalog_data exists and publishes items, otherwise on the stand-in search_data/eval_catalogue.json.
   Goal: top-3 ≥ 90 %. The same figures for the naive baseline, and again after 5,000 generated items are added.
2. Speed: p50/p95 latency of `search_items(q, limit=10)` over 5,000 generated published items (plus the catalogue
   above) for the labelled queries and generated ones, against the naive baseline in the same run: the same words
   (same tokenizer and stop words) matched by `icontains` over names and summaries, scored by how many match,
   name counting double. Goal: < 50 ms.

Runs on a throwaway database (SQLite file in a temporary folder, or test_<name> on PostgreSQL when DATABASE_URL
points there) that is dropped at the end. Run alone: `python -m bench.bench_catalog_search` or
`python bench/bench_catalog_search.py`.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

N_GENERATED = 5_000
ROUNDS = 3
SEED = 20261125

# Vocabulary for the generated catalogue: the shape of a provincial list (many sub-items per subject).
SUBJECTS = [
    "食品", "药品", "医疗器械", "化妆品", "建筑", "市政", "道路", "水利", "林木采伐", "渔业捕捞", "种子生产", "农药经营",
    "兽药经营", "饲料生产", "燃气经营", "供热", "城市绿地", "河道采砂", "取水", "气象探测", "测绘", "地质灾害治理",
    "文物保护", "宗教活动场所", "殡葬服务", "养老机构", "托育机构", "幼儿园", "民办学校", "教师资格", "律师执业",
    "公证", "司法鉴定", "拍卖", "典当", "旅行社", "导游", "电影放映", "广播电视", "卫星电视接收", "无线电台", "电信业务",
    "快递业务", "船舶", "港口经营", "航道", "机动车", "驾驶培训", "出租汽车", "公交线路", "停车场", "民用爆炸物品",
    "烟花爆竹", "危险化学品", "安全生产", "职业卫生", "放射源", "医疗广告", "母婴保健", "户籍", "出入境", "社会保险",
    "医疗保险", "住房公积金", "工伤认定", "创业补贴", "技能培训补贴", "残疾人证", "低保", "临时救助", "计划生育",
    "不动产", "土地使用", "矿产资源", "草原", "野生动物", "植物检疫", "生猪屠宰", "粮食收购", "酒类经营", "成品油零售",
    "外商投资", "对外贸易", "专利", "商标", "计量器具", "检验检测", "认证机构", "特种作业", "消防产品", "防雷装置",
    "人防工程", "地下管线", "园林绿化", "环境卫生", "建筑垃圾", "餐厨垃圾", "广告发布", "体育经营", "游泳场所", "网络文化",
]
ACTIONS = ["", "新办", "变更", "延续", "注销", "补证", "换证", "增项"]
KINDS = [("许可", "licensing"), ("审批", "licensing"), ("备案", "filing"), ("登记", "confirmation"),
         ("核准", "licensing"), ("认定", "confirmation"), ("资格认定", "confirmation"), ("证明", "public_service")]
TEMPLATES = [
    "从事{s}相关活动的单位和个人，应当依法向主管部门申请{k}。",
    "{s}{k}事项，由所在地主管部门受理，材料齐全、符合法定形式的当场受理。",
    "申请人办理{s}{a}，应当提交申请书及相关证明材料，经审查符合条件的予以{k}。",
    "本事项适用于{s}领域的{a}{k}，实行网上申请、网上审批。",
]
MATERIALS = ["申请书", "营业执照", "法定代表人身份证明", "场所使用证明", "安全管理制度", "技术人员资格证明",
             "设备清单", "承诺书", "委托书", "平面布置图"]
LAWS = ["中华人民共和国行政许可法", "优化营商环境条例", "江苏省行政程序规定", "中华人民共和国安全生产法"]
GEN_CODE = "320B{:010d}-320500000000-000-11320500MB0000001X-1-00"


def _setup_django() -> Path | None:
    """Configure Django if nobody has; returns a temporary var/ folder to remove afterwards."""
    import django
    from django.conf import settings

    tmp = None
    if not settings.configured:
        if "TONGBAN_VAR_DIR" not in os.environ:
            tmp = Path(tempfile.mkdtemp(prefix="tongban-bench-search-"))
            os.environ["TONGBAN_VAR_DIR"] = str(tmp)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tongban.settings")
    django.setup()
    return tmp


def _people():
    from django.contrib.auth import get_user_model

    from tongban.org.models import Department, Region, Role, RoleAssignment, Staff

    city, _ = Region.objects.get_or_create(division_code="320500", defaults={"name": "苏州市", "level": "city"})
    bureau, _ = Department.objects.get_or_create(name="苏州市行政审批局", region=city, defaults={"kind": "bureau"})
    owner, _ = Department.objects.get_or_create(name="苏州市市场监督管理局", region=city, defaults={"kind": "functional"})
    users = []
    for username, dept, role in [("bench-admin", owner, Role.DEPT_ADMIN), ("bench-reviewer", bureau, Role.REVIEWER)]:
        user = get_user_model().objects.create_user(username=username)
        staff = Staff.objects.create(user=user, name=username, department=dept)
        RoleAssignment.objects.create(staff=staff, role=role, department=dept)
        users.append(user)
    return users[0], users[1], owner


def _load_catalogue() -> str:
    from django.core.management import call_command

    from tongban.catalog.models import ItemVersion
    from tongban.catalog.search import reindex_all
    from tongban.catalog.search.evaluation import demo_catalogue_available, load_eval_catalogue

    if demo_catalogue_available():
        call_command("seed_demo", stdout=StringIO())
        if ItemVersion.objects.filter(status="published").exists():
            reindex_all()
            return "演示事项清单（seed_demo，tongban.demo.catalog_data）"
    actor, reviewer, owner = _people()
    load_eval_catalogue(actor=actor, reviewer=reviewer, owner=owner)
    return "替代事项清单（search_data/eval_catalogue.json；tongban.demo.catalog_data 尚未提供）"


def _generate(n: int) -> None:
    """n published items with materials, legal bases and some FAQs, by bulk_create (no services, no audit)."""
    from django.contrib.auth import get_user_model

    from tongban.catalog.models import Faq, ItemVersion, LegalBasis, MaterialRequirement, ServiceItem
    from tongban.org.models import Department

    rng = random.Random(SEED)
    user = get_user_model().objects.order_by("pk").first()
    depts = list(Department.objects.all()[:10])
    items = ServiceItem.objects.bulk_create(
        ServiceItem(code=GEN_CODE.format(i), owner=rng.choice(depts)) for i in range(n)
    )
    versions = []
    for item in items:
        subject, action = rng.choice(SUBJECTS), rng.choice(ACTIONS)
        kind, item_type = rng.choice(KINDS)
        name = f"{subject}{kind}" + (f"（{action}）" if action else "")
        summary = "".join(rng.choice(TEMPLATES).format(s=subject, a=action, k=kind) for _ in range(2))
        dept = rng.choice(depts)
        versions.append(ItemVersion(
            item=item, number=1, status="published", name=name, item_type=item_type, competent_department=dept,
            implementing_department=dept, summary=summary,
            acceptance_conditions=f"申请人具备从事{subject}活动的条件，{rng.choice(TEMPLATES).format(s=subject, a=action, k=kind)}",
            statutory_days=20, promised_days=10, online_depth=rng.randint(1, 4), visits=rng.randint(0, 2),
            consultation_phone="0512-12345", complaint_phone="0512-12345", created_by=user,
        ))
    versions = ItemVersion.objects.bulk_create(versions)
    LegalBasis.objects.bulk_create(
        LegalBasis(version=v, kind="setting", law=rng.choice(LAWS), article=f"第{rng.randint(1, 80)}条") for v in versions
    )
    MaterialRequirement.objects.bulk_create(
        MaterialRequirement(version=v, order=j, name=m)
        for v in versions for j, m in enumerate(rng.sample(MATERIALS, 4), 1)
    )
    Faq.objects.bulk_create(
        Faq(item=v.item, question=f"{v.name}需要多长时间？", answer=f"{v.name}承诺{v.promised_days}个工作日办结。")
        for v in versions[::5]
    )


def _analyze_tables() -> None:
    """Planner statistics and (PostgreSQL) the visibility map, as autovacuum leaves them in a running system;
    right after a bulk load neither exists yet. Applies to the baseline's tables as well."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def naive_search_items(query: str, *, limit: int = 10) -> list[str]:
    """The baseline: the same words, `icontains` over names and summaries, ranked by how many match."""
    from django.db.models import Case, IntegerField, Q, Value, When
    from django.db.models.functions import Coalesce

    from tongban.catalog.models import ItemVersion
    from tongban.catalog.search import analyzer

    words = analyzer().tokens(query)
    if not words:
        return []
    match = Q()
    score = Value(0)
    for w in words:
        match |= Q(name__icontains=w) | Q(summary__icontains=w)
        score = score + Case(When(name__icontains=w, then=Value(2)), default=Value(0), output_field=IntegerField())
        score = score + Case(When(summary__icontains=w, then=Value(1)), default=Value(0), output_field=IntegerField())
    qs = (
        ItemVersion.objects.filter(status="published").filter(match)
        .annotate(score=Coalesce(score, Value(0))).order_by("-score", "item_id")
    )
    return list(qs.values_list("name", flat=True)[:limit])


def _rates(fn, queries) -> tuple[float, float]:
    top1 = top3 = 0
    for q in queries:
        names = fn(q.query)[:3]
        top1 += bool(names[:1]) and names[0] in q.expected
        top3 += any(n in q.expected for n in names)
    return top1 / len(queries), top3 / len(queries)


def _latencies(fn, queries: list[str]) -> list[float]:
    times = []
    for _ in range(ROUNDS):
        for q in queries:
            started = time.perf_counter()
            fn(q, limit=10)
            times.append((time.perf_counter() - started) * 1000)
    return times


def _pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def run() -> None:
    from django.db import connection

    from tongban.catalog.search import analyzer, reindex_all, search_items
    from tongban.catalog.search.evaluation import evaluate, labelled_queries

    def ours(q, limit=10):
        return [h.name for h in search_items(q, limit=limit)]

    print(f"数据库：{connection.vendor}（一次性测试库 {connection.settings_dict['NAME']}）")
    source = _load_catalogue()
    from tongban.catalog.models import ItemVersion

    published = set(ItemVersion.objects.filter(status="published").values_list("name", flat=True))
    every = labelled_queries()
    queries = [q for q in every if published.intersection(q.expected)]
    result = evaluate(queries)
    base1, base3 = _rates(naive_search_items, queries)
    print(f"1. 检索质量：{source}，已发布事项 {len(published)} 项，标注口语查询 {result.total} 条")
    if len(queries) < len(every):
        left_out = sorted({" | ".join(q.expected) for q in every if q not in queries})
        print(f"   另有 {len(every) - len(queries)} 条查询的期望事项不在此清单中，未计入：{'；'.join(left_out)}")
    print(f"   本检索   top-1 {result.top1_rate:6.1%}   top-3 {result.top3_rate:6.1%}   （目标 top-3 ≥ 90%）")
    print(f"   朴素基线 top-1 {base1:6.1%}   top-3 {base3:6.1%}   （icontains 子串匹配）")
    for query, expected, got in result.misses:
        print(f"   未进前三：{query} → 期望 {'|'.join(expected)}，得到 {got}")

    started = time.perf_counter()
    _generate(N_GENERATED)
    generated_s = time.perf_counter() - started
    started = time.perf_counter()
    indexed = reindex_all()
    index_s = time.perf_counter() - started
    _analyze_tables()
    big = evaluate(queries)
    big1, big3 = _rates(naive_search_items, queries)
    print(f"\n2. 速度：另生成 {N_GENERATED} 项已发布事项（bulk_create {generated_s:.1f} s），"
          f"全量重建索引 {indexed} 项用时 {index_s:.1f} s（{indexed / index_s:.0f} 项/秒）")
    print(f"   加入 {N_GENERATED} 项干扰事项后：本检索 top-1 {big.top1_rate:.1%} top-3 {big.top3_rate:.1%}；"
          f"朴素基线 top-1 {big1:.1%} top-3 {big3:.1%}")
    for query, expected, got in big.misses:
        print(f"   未进前三：{query} → 期望 {'|'.join(expected)}，得到 {got}")
    rng = random.Random(SEED)
    generated_queries = [f"{rng.choice(SUBJECTS)}{rng.choice(['要办什么证', '怎么申请', '需要哪些材料', '许可', '备案'])}"
                         for _ in range(60)]
    texts = [q.query for q in queries] + generated_queries
    analyzer()
    ours(texts[0]), naive_search_items(texts[0])  # warm up: connection, caches
    mine = _latencies(ours, texts)
    naive = _latencies(naive_search_items, texts)
    p50, p95 = _pct(mine, 50), _pct(mine, 95)
    b50, b95 = _pct(naive, 50), _pct(naive, 95)
    print(f"   search_items 延迟（{len(texts)} 条查询 × {ROUNDS} 轮，limit=10）：")
    print(f"   本检索   p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   （目标 < 50 ms）")
    print(f"   朴素基线 p50 {b50:7.2f} ms   p95 {b95:7.2f} ms")
    print(f"   比值（基线 / 本检索）：p50 {b50 / p50:.1f}×，p95 {b95 / p95:.1f}×")


def main() -> None:
    tmp = _setup_django()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    test_dir = Path(tempfile.mkdtemp(prefix="tongban-bench-db-"))
    test = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        test["NAME"] = str(test_dir / "bench.sqlite3")
    else:  # never the test_<name> database that a test run beside us may be using
        test["NAME"] = f"test_{connection.settings_dict['NAME']}_bench_search_{os.getpid()}"
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
        shutil.rmtree(test_dir, ignore_errors=True)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
