"""The demo catalogue: about sixty service items that a Suzhou-like 行政审批局 and the city's departments handle.

Every item is a dict:
    code         GB/T 39554.1-shaped 实施编码 (only the shape is enforced — see catalog/models.py ITEM_CODE_RE)
    owner        the department that maintains the item (a division of the bureau, or a functional department)
    spec         a VersionSpec dict (catalog/spec.py) — the first published version
    faqs         [{"question", "answer"}], 2–4 colloquial questions
    delegate_to  optional [{"zone", "effective_from" (ISO date), "basis"}] — 赋权 to development zones
    v2           optional {"changes": {spec overrides incl. change_note}, "drop_materials": [names]} — a second
                 version that replaces the first (see `v2_spec`)

Conventions (read before editing):
- Legal bases cite an article only where the article number is known with confidence; otherwise the law is cited
  without one and the text is a short paraphrase, never a quotation.
- 法定办结时限 is in working days: 行政许可法 第八十二条 counts the periods for implementing a licence in working
  days, so a statute's "20日" is recorded as 20. Where a special law sets its own period it is used (e.g. 市场主体
  登记管理条例 3, 建筑法 7, 排污许可管理条例 30). Where no law or regulation sets any period (most 公共服务 and
  many 给付/确认 items), the 法定 limit is recorded equal to the published commitment, so no compression is claimed.
- 基本编码: "320" + a letter by item type + a 4-digit serial + "000000". The letters are illustrative, not the
  standard's. Credit codes of the agencies are fictional (GB 32100 shape with a valid check character).
- 赋权 documents named here are marked 演示文件: they stand in for the city's real delegation decisions.
- Phone numbers come from org_data (fictional except the national 12345/12333/12329/95598 hotlines).
"""

from __future__ import annotations

import copy

from tongban.demo.org_data import DEPARTMENTS

# ---------------------------------------------------------------------------------------------------------
# Names used below (they must match org_data exactly).

BUREAU = "苏州市行政审批局"
ZR = "市场准入处"
JS = "建设项目审批处"
SH = "社会事务审批处"
MARKET = "苏州市市场监督管理局"
HOUSING = "苏州市住房和城乡建设局"
HEALTH = "苏州市卫生健康委员会"
TRANSPORT = "苏州市交通运输局"
HR = "苏州市人力资源和社会保障局"
POLICE = "苏州市公安局"
NDRC = "苏州市发展和改革委员会"
ECO = "苏州市生态环境局"
NR = "苏州市自然资源和规划局"
CITYMGMT = "苏州市城市管理局"
CULTURE = "苏州市文化广电和旅游局"
WATER = "苏州市水务局"
FIRE = "苏州市消防救援支队"
EDU = "苏州市教育局"
CIVIL = "苏州市民政局"
MEDINS = "苏州市医疗保障局"
HPF = "苏州市住房公积金管理中心"
GRID = "国网苏州供电公司"
TAX = "国家税务总局苏州市税务局"
PBC = "中国人民银行苏州市分行"

HALL = "苏州市政务服务中心"
GUSU = "姑苏区政务服务中心"
SIP = "苏州工业园区"
SND = "苏州高新技术产业开发区"
FTZ = "中国（江苏）自由贸易试验区苏州片区"

SIP_BASIS = "《苏州市人民政府关于赋予苏州工业园区市级经济社会管理权限的决定》（演示文件）"
SND_BASIS = "《苏州市人民政府关于向苏州高新技术产业开发区赋予部分市级行政许可事项的决定》（演示文件）"
FTZ_BASIS = "《中国（江苏）自由贸易试验区苏州片区市级赋权事项清单（第二批）》（演示文件）"

COMPLAINT_PHONE = "0512-12345"
PHONES = {name: phone for name, _short, _kind, _region, _parent, phone in DEPARTMENTS}

# 实施机关统一社会信用代码 (fictional; GB 32100 shape and check character).
AGENCY_USCC = {
    BUREAU: "11320500014011202D",
    MARKET: "113205000140100155",
    HOUSING: "1132050001401012X6",
    HEALTH: "11320500014010234F",
    TRANSPORT: "11320500014010349M",
    HR: "11320500014010453R",
    POLICE: "113205000140105680",
    ECO: "113205000140106724",
    NR: "11320500014010787A",
    CITYMGMT: "11320500014010891E",
    CULTURE: "113205000140109044",
    WATER: "11320500014011018M",
    FIRE: "11320500014011122R",
    EDU: "113205000140113414",
    CIVIL: "11320500014011456A",
    MEDINS: "11320500014011560E",
    HPF: "12320500466201373U",
    GRID: "913205001377040257",
    TAX: "11320500014011663D",
    PBC: "11320500014011767F",
}

# Illustrative type letters for the 基本编码 (not the standard's assignment).
TYPE_LETTER = {
    "licensing": "A", "confirmation": "G", "payment": "E", "adjudication": "I", "reward": "H",
    "filing": "L", "public_service": "Q", "other_power": "J",
}

# The demo 部门管理员 who maintains each owner department's items: username, display name.
OWNER_ADMINS = {
    ZR: ("admin_zhunru", "沈洁（市场准入处管理员）"),
    JS: ("admin_jianshe", "陆浩（建设项目处管理员）"),
    SH: ("admin_shehui", "顾婷（社会事务处管理员）"),
    MARKET: ("dept_admin_market", "冯丽（市场监管管理员）"),
    HOUSING: ("admin_zhujian", "钱磊（住建局管理员）"),
    HEALTH: ("admin_weijian", "蒋蕾（卫健委管理员）"),
    TRANSPORT: ("admin_jiaotong", "范斌（交通局管理员）"),
    HR: ("admin_renshe", "彭悦（人社局管理员）"),
    POLICE: ("admin_gongan", "唐凯（公安局管理员）"),
    ECO: ("admin_shengtai", "袁琳（生态环境局管理员）"),
    NR: ("admin_zigui", "邵峰（自然资源和规划局管理员）"),
    CITYMGMT: ("admin_chengguan", "潘宇（城管局管理员）"),
    CULTURE: ("admin_wenlv", "杜娟（文广旅局管理员）"),
    FIRE: ("admin_xiaofang", "魏东（消防支队管理员）"),
    EDU: ("admin_jiaoyu", "方园（教育局管理员）"),
    CIVIL: ("admin_minzheng", "石莉（民政局管理员）"),
    MEDINS: ("admin_yibao", "谢晨（医保局管理员）"),
    HPF: ("admin_gongjijin", "金晓（公积金中心管理员）"),
    GRID: ("admin_gongdian", "汪洋（供电公司管理员）"),
    TAX: ("admin_shuiwu", "严峻（税务局管理员）"),
    PBC: ("admin_renhang", "黎明（人民银行管理员）"),
}

# The bureau reviewers who publish: the org seed's `reviewer` (市场准入处) and a second one for versions that
# the first may not review.
SECOND_REVIEWER = ("reviewer_bureau", "林慧（审批监管协调审查）", "审批监管协调处")

THEMES = [
    {"audience": "personal", "name": name, "order": i}
    for i, name in enumerate(["出生", "教育", "就业", "婚育", "居住", "出行", "就医", "养老", "身后"], 1)
] + [
    {"audience": "legal", "name": name, "order": i}
    for i, name in enumerate(["准入准营", "招聘用工", "纳税缴费", "经营发展", "工程建设", "注销退出"], 1)
]

# ---------------------------------------------------------------------------------------------------------
# Builders: each returns a fresh dict in the VersionSpec shape.

CLERK, REVIEWER, APPROVER = "window_clerk", "reviewer", "approver"


def S(law: str, article: str = "", text: str = "") -> dict:  # noqa: N802 — reads like the guide's 设定依据
    return {"kind": "setting", "law": law, "article": article, "text": text}


def I(law: str, article: str = "", text: str = "") -> dict:  # noqa: E743, N802 — 实施依据
    return {"kind": "implementing", "law": law, "article": article, "text": text}


def mat(name: str, source: str = "applicant", detail: str = "", *, form: str = "electronic", copies: int = 1,
        formats: list[str] | None = None, condition: str = "", notes: str = "", dual: bool = False) -> dict:
    if formats is None:
        formats = ["ofd", "pdf"] if source == "license" else ["pdf"]
    return {"name": name, "source": source, "source_detail": detail, "form": form, "copies": copies,
            "formats": formats, "condition": condition, "notes": notes, "needs_dual_verification": dual}


def id_card(who: str = "申请人", condition: str = "") -> dict:
    return mat(f"{who}身份证明", "license", "居民身份证", condition=condition,
               notes="通过电子证照库调取居民身份证，无需提交复印件；非中国大陆居民提交护照或有效通行证件。")


def licence(condition: str = "") -> dict:
    return mat("营业执照", "license", "营业执照", condition=condition, notes="通过电子证照库调取电子营业执照。")


def proxy() -> dict:
    return mat("授权委托书及受托人身份证明", condition="委托他人代为办理时提交",
               notes="委托书须载明委托事项、权限和期限，由委托人签字（单位加盖公章）。", formats=["pdf", "jpg"])


def step(name: str, role: str, workdays: int, description: str = "") -> dict:
    return {"name": name, "role": role, "workdays": workdays, "description": description}


def fld(name: str, label: str, type_: str, required: bool = True, **extra) -> dict:
    field = {"name": name, "label": label, "type": type_, "required": required}
    field.update(extra)
    return field


def ent_fields(*extra: dict) -> list[dict]:
    return [fld("company_name", "单位名称", "text", max_length=100), fld("uscc", "统一社会信用代码", "uscc"),
            *extra, fld("contact_phone", "联系电话", "phone")]


def person_fields(*extra: dict) -> list[dict]:
    return [fld("applicant_name", "申请人姓名", "text", max_length=30), fld("id_number", "公民身份号码", "id_number"),
            *extra, fld("phone", "手机号码", "phone")]


def theme(audience: str, *names: str) -> list[dict]:
    return [{"audience": audience, "name": n} for n in names]


def legal(*names: str) -> list[dict]:
    return theme("legal", *names)


def personal(*names: str) -> list[dict]:
    return theme("personal", *names)


ENTERPRISE_WINDOWS = {"halls": [HALL], "windows": [f"{HALL}/8", f"{HALL}/21"]}
SOCIAL_WINDOWS = {"halls": [HALL], "windows": [f"{HALL}/15"]}
BUILDING_WINDOWS = {"halls": [HALL], "windows": [f"{HALL}/12", f"{HALL}/21"]}
PERSONAL_WINDOWS = {"halls": [HALL, GUSU], "windows": [f"{HALL}/1", f"{HALL}/2", f"{HALL}/3", f"{HALL}/20",
                                                          f"{GUSU}/1", f"{GUSU}/2"]}
GENERAL_WINDOWS = {"halls": [HALL], "windows": [f"{HALL}/1", f"{HALL}/2", f"{HALL}/3"]}

_DEFAULTS = {
    "summary": "", "review_criteria": "", "free_of_charge": True, "fees": [], "handling": "promised",
    "online_depth": 4, "visits": 0, "tolerance_allowed": False, "tolerance_conditions": "",
    "commitment_allowed": False, "commitment_conditions": "", "complaint_phone": COMPLAINT_PHONE,
    "halls": [], "windows": [], "themes": [], "materials": [], "form_schema": [], "extra_procedures": [],
    "extension_days": 10, "change_note": "",
}


def item(no: int, *, owner: str, competent: str, implementing: str | None = None, faqs: list[tuple[str, str]],
         delegate_to: list[tuple[str, str, str]] = (), v2: dict | None = None, place: dict | None = None,
         **spec) -> dict:
    implementing = implementing or competent
    full = copy.deepcopy(_DEFAULTS)
    full.update(copy.deepcopy(place or {}))
    full.update(spec)
    full["competent_department"] = competent
    full["implementing_department"] = implementing
    full.setdefault("consultation_phone", PHONES[owner])
    code = f"320{TYPE_LETTER[full['item_type']]}{no:04d}000000-320500000000-000-{AGENCY_USCC[implementing]}-1-00"
    entry = {"code": code, "owner": owner, "spec": full,
             "faqs": [{"question": q, "answer": a} for q, a in faqs]}
    if delegate_to:
        entry["delegate_to"] = [{"zone": z, "effective_from": d, "basis": b} for z, d, b in delegate_to]
    if v2:
        entry["v2"] = v2
    return entry


def v2_spec(entry: dict) -> dict:
    """The second version of an item that has one: the first version's spec with the changes applied."""
    change = entry["v2"]
    spec = copy.deepcopy(entry["spec"])
    spec.update(copy.deepcopy(change.get("changes", {})))
    dropped = set(change.get("drop_materials", []))
    missing = dropped - {m["name"] for m in spec["materials"]}
    if missing:
        raise ValueError(f"{spec['name']}：v2 要删除的材料不存在：{'、'.join(sorted(missing))}")
    spec["materials"] = [m for m in spec["materials"] if m["name"] not in dropped]
    return spec


# ---------------------------------------------------------------------------------------------------------
# 准入准营 · 经营发展 · 注销退出 — 市场准入处 (for 市场监管局's licences exercised by the bureau) and 市场监管局

_MARKET_REG_BASES = [
    S("中华人民共和国市场主体登记管理条例", "第三条",
      "市场主体应当依照本条例办理登记；未经登记，不得以市场主体名义从事经营活动，法律、行政法规规定无需办理登记的除外。"),
    I("中华人民共和国市场主体登记管理条例", "第十九条",
      "登记机关对申请材料进行形式审查；材料齐全、符合法定形式的予以确认并当场登记；不能当场登记的，应当在3个工作日内"
      "予以登记；情形复杂的，经登记机关负责人批准，可以再延长3个工作日。"),
    I("中华人民共和国市场主体登记管理条例实施细则", "",
      "细化市场主体登记的申请材料、登记程序和登记事项等要求。"),
]

MARKET_ITEMS = [
    item(
        1, owner=ZR, competent=MARKET, implementing=BUREAU, place=ENTERPRISE_WINDOWS,
        name="公司设立登记", item_type="licensing",
        summary="在本市设立有限责任公司或者股份有限公司，经登记机关依法登记、领取营业执照后，方可以公司名义从事经营活动。"
                "可通过“企业开办”一件事同步办理公章刻制、涉税事项、社会保险登记和住房公积金缴存登记。",
        acceptance_conditions="1. 公司名称经自主申报，符合企业名称登记管理规定；\n2. 有符合公司章程规定的股东（发起人）及认缴出资；\n"
                              "3. 有依法制定的公司章程；\n4. 有公司住所；\n5. 有符合规定的法定代表人，且不存在法律、行政法规规定不得担任的情形；\n"
                              "6. 经营范围中属于法律、行政法规规定须在登记前经批准的项目，已取得批准文件。",
        review_criteria="登记机关对申请材料进行形式审查：材料齐全、符合法定形式的予以确认并登记；申请人对申请材料的真实性、合法性、有效性负责。",
        statutory_days=3, promised_days=1, extension_days=3,
        legal_bases=[
            S("中华人民共和国公司法", "第二十九条",
              "设立公司，应当依法向公司登记机关申请设立登记；法律、行政法规规定设立公司必须报经批准的，应当在公司登记前依法办理批准手续。"),
            *_MARKET_REG_BASES,
        ],
        materials=[
            mat("公司登记（备案）申请书", notes="在“企业开办”平台在线填报，由全体股东（发起人）和法定代表人电子签名。"),
            mat("公司章程", notes="有限责任公司由全体股东签署；股份有限公司由全体发起人签署。", dual=False),
            mat("自然人股东身份证明", "license", "居民身份证", condition="股东（发起人）为自然人的"),
            mat("法人股东主体资格证明", "license", "营业执照", condition="股东（发起人）为企业法人的"),
            mat("法定代表人、董事、监事和高级管理人员的任职文件及身份证明"),
            mat("住所使用证明", notes="提交不动产权证书或租赁合同；实行住所申报承诺的，提交住所申报承诺书。"),
            mat("前置审批文件或许可证件", "department", "有关审批部门",
                condition="经营范围中有法律、行政法规规定须在登记前批准的项目时提交"),
            proxy(),
        ],
        steps=[
            step("受理", CLERK, 0, "核验申请人实名认证和电子签名，接收申请材料"),
            step("登记审查", REVIEWER, 1, "对申请材料进行形式审查"),
            step("核准发照", APPROVER, 0, "核准登记，生成电子营业执照；需要纸质执照的可邮寄送达"),
        ],
        form_schema=[
            fld("company_name", "公司名称", "text", max_length=100),
            fld("company_type", "公司类型", "select", options=["有限责任公司", "股份有限公司"]),
            fld("registered_capital", "注册资本（万元）", "decimal", min=0),
            fld("address", "住所", "text", max_length=200),
            fld("business_scope", "经营范围", "textarea"),
            fld("legal_rep_name", "法定代表人姓名", "text", max_length=30),
            fld("legal_rep_id", "法定代表人公民身份号码", "id_number"),
            fld("contact_phone", "联系电话", "phone"),
        ],
        themes=legal("准入准营"),
        faqs=[
            ("开公司最少要多少注册资本？",
             "一般公司没有最低注册资本限制，法律、行政法规另有规定的除外。但按照2024年7月1日起施行的《公司法》，有限责任公司"
             "全体股东认缴的出资额应当自公司成立之日起五年内缴足，请量力认缴。"),
            ("注册公司要跑几趟？",
             "不用跑。通过“企业开办”平台全程网办，材料齐全的一般1个工作日内办结，领取电子营业执照；需要纸质执照的可选择邮寄。"),
            ("没有办公室，能用自己家的房子注册公司吗？",
             "住宅原则上不得改为经营性用房。确需使用的，依照《民法典》第二百七十九条，除遵守法律法规和管理规约外，还应当经有利害关系的业主一致同意。"),
        ],
    ),
    item(
        2, owner=ZR, competent=MARKET, implementing=BUREAU, place=ENTERPRISE_WINDOWS,
        name="个体工商户登记", item_type="licensing", handling="instant",
        summary="有经营能力的公民从事工商业经营，依法登记为个体工商户。个体工商户可以个人经营，也可以家庭经营；可以使用名称，也可以不使用名称。",
        acceptance_conditions="1. 申请人为有经营能力的自然人；\n2. 有固定的经营场所；\n3. 经营范围不属于法律、行政法规禁止个体工商户经营的项目；"
                              "涉及前置许可的已取得许可；\n4. 使用名称的，名称符合企业名称登记管理有关规定。",
        review_criteria="形式审查：申请材料齐全、符合法定形式的，当场予以登记并发放营业执照。",
        statutory_days=3, promised_days=0, extension_days=3, online_depth=3, visits=1,
        legal_bases=[
            S("促进个体工商户发展条例", "",
              "有经营能力的公民在中华人民共和国境内从事工商业经营，依法登记为个体工商户。"),
            *_MARKET_REG_BASES,
        ],
        materials=[
            mat("个体工商户登记（备案）申请书"),
            id_card("经营者"),
            mat("经营场所使用证明", notes="自有房屋提交不动产权证书，租用的提交租赁合同。"),
            mat("家庭成员关系证明", "license", "居民户口簿", condition="以家庭形式经营的，提交参加经营的家庭成员关系证明"),
            proxy(),
        ],
        steps=[
            step("受理审查", CLERK, 0, "核对经营者身份，审查材料是否齐全"),
            step("核准发照", APPROVER, 0, "当场登记并发放营业执照"),
        ],
        form_schema=person_fields(
            fld("business_name", "个体工商户名称（可不填）", "text", required=False, max_length=60),
            fld("family_business", "是否家庭经营", "boolean"),
            fld("address", "经营场所", "text", max_length=200),
            fld("business_scope", "经营范围", "textarea"),
        ),
        themes=legal("准入准营"),
        v2={"changes": {
            "online_depth": 4, "visits": 0,
            "change_note": "开通个体工商户登记全程网办：身份核验改为线上实名认证，电子营业执照在线领取，无需到现场。",
        }},
        faqs=[
            ("开个小店是办个体户好还是开公司好？",
             "个体工商户登记手续简便，由经营者以个人或家庭财产对债务承担无限责任；公司是独立法人，股东以认缴出资额为限承担责任。"
             "规模小、以个人或家庭经营为主的，一般选择个体工商户。"),
            ("个体户一定要起个店名吗？",
             "不一定。个体工商户可以使用名称，也可以不使用名称；不使用名称的，营业执照上名称一栏显示为空。"),
            ("个体户登记要多长时间？",
             "材料齐全、符合法定形式的当场办结，当场领取营业执照。"),
        ],
    ),
    item(
        3, owner=ZR, competent=MARKET, implementing=BUREAU, place=ENTERPRISE_WINDOWS,
        name="企业简易注销登记", item_type="licensing",
        summary="未发生债权债务或者已将债权债务清偿完结的企业，经全体投资人书面承诺，可以按照简易程序办理注销登记，无需提交清算报告。",
        acceptance_conditions="1. 未发生债权债务或者已将债权债务清偿完结；\n2. 未发生或者已结清清偿费用、职工工资、社会保险费用、法定补偿金、"
                              "应缴纳税款（滞纳金、罚款）；\n3. 全体投资人书面承诺对上述情况的真实性承担法律责任；\n"
                              "4. 已通过国家企业信用信息公示系统公示承诺书，公示期（20日）内无异议；\n"
                              "5. 不属于注销依法须经批准、被吊销营业执照、责令关闭、撤销或者被列入经营异常名录等不适用简易注销的情形。",
        review_criteria="审查公示期内有无异议及是否存在不适用简易注销的情形；材料齐全、符合法定形式的予以注销登记。",
        statutory_days=3, promised_days=1, extension_days=3,
        legal_bases=[
            S("中华人民共和国市场主体登记管理条例", "第三十三条",
              "市场主体未发生债权债务或者已将债权债务清偿完结，未发生或者已结清清偿费用、职工工资、社会保险费用、法定补偿金、"
              "应缴纳税款，并由全体投资人书面承诺的，可以按照简易程序办理注销登记；承诺书及注销登记申请通过国家企业信用信息公示系统公示，公示期为20日。"),
            I("中华人民共和国公司法", "",
              "公司在存续期间未产生债务，或者已清偿全部债务的，经全体股东承诺，可以按照规定通过简易程序注销公司登记。"),
            I("中华人民共和国市场主体登记管理条例", "第十九条",
              "申请材料齐全、符合法定形式的当场登记；不能当场登记的，在3个工作日内予以登记。"),
        ],
        materials=[
            mat("注销登记申请书"),
            mat("全体投资人承诺书", notes="须在国家企业信用信息公示系统公示20日，公示期满无异议后提交注销申请。"),
            licence(),
            proxy(),
        ],
        steps=[
            step("受理", CLERK, 0, "核验公示期满及异议情况"),
            step("审查", REVIEWER, 1, "审查是否存在不适用简易注销程序的情形"),
            step("核准注销", APPROVER, 0, "作出注销登记，推送税务、人社等部门"),
        ],
        form_schema=ent_fields(
            fld("publicity_end", "公示期届满日期", "date"),
            fld("objection_received", "公示期内是否收到异议", "boolean"),
        ),
        themes=legal("注销退出"),
        faqs=[
            ("公司不想开了，最快怎么注销？",
             "没有债权债务、税款和社保等都已结清的，可以走简易注销：先在国家企业信用信息公示系统公示全体投资人承诺书20天，"
             "公示期满无异议后在线提交注销申请，一般1个工作日内办结。"),
            ("公示期间有人提异议怎么办？",
             "公示期内有关部门、债权人或者其他利害关系人提出异议的，不能适用简易注销，应当按一般程序清算后办理注销登记。"),
            ("营业执照丢了还能注销吗？",
             "可以。申请时如实说明遗失情况，按登记机关要求在国家企业信用信息公示系统声明作废后办理。"),
        ],
    ),
    item(
        4, owner=ZR, competent=MARKET, implementing=BUREAU, place=ENTERPRISE_WINDOWS,
        name="企业注销登记", item_type="licensing",
        summary="企业因解散、被宣告破产或者其他法定事由需要终止的，依法清算后向登记机关申请注销登记；经注销登记，企业终止。",
        acceptance_conditions="1. 企业因解散、被宣告破产或者其他法定事由需要终止；\n2. 依法应当清算的，已成立清算组并在国家企业信用信息公示系统公告，"
                              "清算完毕；\n3. 已依法结清税款等，税务部门清税信息已共享；\n4. 注销依法须经批准的，已取得批准。",
        review_criteria="审查清算报告的签署和确认程序、清税情况及批准文件；材料齐全、符合法定形式的予以注销登记。",
        statutory_days=3, promised_days=1, extension_days=3,
        legal_bases=[
            S("中华人民共和国市场主体登记管理条例", "第三十一条",
              "市场主体因解散、被宣告破产或者其他法定事由需要终止的，应当依法向登记机关申请注销登记；经登记机关注销登记，市场主体终止。"),
            I("中华人民共和国公司法", "", "规定公司解散的事由、清算组的组成、清算程序和清算报告的确认。"),
            I("中华人民共和国市场主体登记管理条例", "第十九条",
              "申请材料齐全、符合法定形式的当场登记；不能当场登记的，在3个工作日内予以登记。"),
        ],
        materials=[
            mat("注销登记申请书"),
            mat("依法作出解散的决议或者决定，或者人民法院、登记机关、行政机关的相关文书"),
            mat("经确认的清算报告", notes="有限责任公司由股东会确认，股份有限公司由股东会或者人民法院确认。", dual=True),
            mat("清税信息", "department", "国家税务总局苏州市税务局", notes="通过部门信息共享获取，申请人无需提交。"),
            licence(),
            mat("批准文件", "department", "有关审批部门", condition="注销依法须经批准的"),
            proxy(),
        ],
        steps=[
            step("受理", CLERK, 0),
            step("审查", REVIEWER, 1, "审查清算报告、清税信息与批准文件"),
            step("核准注销", APPROVER, 0),
        ],
        form_schema=ent_fields(
            fld("dissolution_reason", "终止事由", "select",
                options=["章程规定的营业期限届满或解散事由出现", "股东会决议解散", "因合并或者分立需要解散", "被宣告破产", "其他法定事由"]),
            fld("liquidation_done", "清算是否已完成", "boolean"),
        ),
        themes=legal("注销退出"),
        faqs=[
            ("一般注销和简易注销有什么区别？",
             "简易注销适用于没有债权债务或已全部清偿的企业，凭全体投资人承诺书公示20天即可申请；一般注销需要依法成立清算组、"
             "公告、清算，并提交经确认的清算报告。"),
            ("注销前还要去税务局开清税证明吗？",
             "不需要单独提交。税务部门的清税信息通过部门共享获取；如系统提示未清税，请先到税务部门办结涉税事项。"),
        ],
    ),
    item(
        5, owner=ZR, competent=MARKET, implementing=BUREAU, place=ENTERPRISE_WINDOWS,
        name="企业变更登记", item_type="licensing",
        summary="企业的名称、住所、法定代表人、注册资本、经营范围、股东等登记事项发生变化的，应当向登记机关申请变更登记。",
        acceptance_conditions="1. 已依法作出变更决议、决定，或者发生法定变更事项；\n2. 自作出变更决议、决定或者法定变更事项发生之日起30日内申请；\n"
                              "3. 变更后的登记事项符合法律、行政法规规定；涉及许可的已取得批准。",
        review_criteria="形式审查：材料齐全、符合法定形式的予以变更登记，并换发营业执照。",
        statutory_days=3, promised_days=1, extension_days=3,
        legal_bases=[
            S("中华人民共和国市场主体登记管理条例", "第二十四条",
              "市场主体变更登记事项，应当自作出变更决议、决定或者法定变更事项发生之日起30日内向登记机关申请变更登记。"),
            I("中华人民共和国市场主体登记管理条例", "第十九条",
              "申请材料齐全、符合法定形式的当场登记；不能当场登记的，在3个工作日内予以登记。"),
        ],
        materials=[
            mat("变更登记申请书"),
            mat("依法作出的变更决议或者决定"),
            mat("修改后的公司章程或者章程修正案", condition="变更事项涉及章程修改的"),
            mat("新住所使用证明", condition="变更住所的"),
            mat("新任法定代表人的任职文件", condition="变更法定代表人的"),
            licence(),
            proxy(),
        ],
        steps=[step("受理", CLERK, 0), step("审查", REVIEWER, 1), step("核准换照", APPROVER, 0)],
        form_schema=ent_fields(
            fld("change_items", "变更事项", "multiselect",
                options=["名称", "住所", "法定代表人", "注册资本", "经营范围", "股东（发起人）", "公司类型"]),
            fld("resolution_date", "作出变更决议（决定）日期", "date"),
        ),
        themes=legal("经营发展"),
        faqs=[
            ("公司搬家了要去变更地址吗？",
             "要。住所变更属于登记事项变更，应当自作出变更决议之日起30日内申请变更登记；跨登记机关管辖区域迁移的，由迁入地登记机关办理。"),
            ("换法定代表人要原来的法人签字吗？",
             "变更法定代表人的决议按公司章程规定的程序作出即可；申请书由公司盖章并由新任法定代表人签署。"),
        ],
    ),
    item(
        6, owner=ZR, competent=MARKET, implementing=BUREAU, place=ENTERPRISE_WINDOWS,
        name="食品经营许可", item_type="licensing",
        summary="从事食品销售和餐饮服务活动，应当依法取得食品经营许可。销售食用农产品和仅销售预包装食品的不需要取得许可，"
                "其中仅销售预包装食品的应当办理备案。可通过“开饭店一件事”与营业执照、排水许可等一并申请。",
        acceptance_conditions="1. 已取得营业执照等合法主体资格；\n2. 具有与经营的食品品种、数量相适应的经营场所和设施设备，"
                              "并与有毒、有害场所以及其他污染源保持规定的距离；\n3. 有专职或者兼职的食品安全管理人员和保证食品安全的规章制度；\n"
                              "4. 具有合理的设备布局和工艺流程，防止交叉污染。",
        review_criteria="审查申请材料是否齐全、符合法定形式；需要对实质内容核实的，由2名以上核查人员进行现场核查，"
                        "依据食品经营许可审查通则判定经营场所、设施设备、布局流程和管理制度是否符合要求。",
        statutory_days=10, promised_days=5, extension_days=5,
        tolerance_allowed=True,
        tolerance_conditions="申请书、营业执照、经营场所布局和设备设施等主要材料齐全，仅食品安全管理制度文本等次要材料暂缺的，"
                             "申请人书面承诺在5个工作日内补齐后可先行受理；逾期未补齐的视为撤回申请。",
        commitment_allowed=True,
        commitment_conditions="仅从事食品销售（不含特殊食品和散装熟食）或者小型餐饮简单制售、且申请人信用良好、近三年未因食品安全违法行为"
                              "受过行政处罚的，可以选择告知承诺方式，当场作出许可决定，许可后3个月内开展现场核查；承诺不实的依法撤销许可。",
        extra_procedures=["现场核查"],
        legal_bases=[
            S("中华人民共和国食品安全法", "第三十五条",
              "国家对食品生产经营实行许可制度；从事食品生产、食品销售、餐饮服务，应当依法取得许可；销售食用农产品和仅销售预包装食品的，"
              "不需要取得许可，仅销售预包装食品的应当报所在地县级以上地方人民政府食品安全监督管理部门备案。"),
            I("中华人民共和国食品安全法", "第三十三条",
              "食品生产经营应当符合食品安全标准，具有与经营的食品品种、数量相适应的场所、设施设备、管理人员和规章制度。"),
            I("食品经营许可和备案管理办法", "",
              "规定食品经营许可的申请、受理、审查与决定程序：除当场作出决定的外，自受理申请之日起10个工作日内作出决定，"
              "因特殊原因需要延长的，经负责人批准可以延长5个工作日；食品经营许可证有效期为5年。"),
        ],
        materials=[
            mat("食品经营许可申请书"),
            licence(),
            id_card("法定代表人（负责人）"),
            mat("经营场所平面布局图和主要设备设施清单", notes="标明食品处理区、就餐区、库房和设施设备位置。", dual=True),
            mat("食品安全管理制度", notes="包括从业人员健康管理、进货查验记录、食品安全自查、食品安全事故处置等制度。"),
            mat("食品安全管理人员基本情况"),
            mat("自动售货设备产品合格证明及放置地点说明", condition="利用自动设备从事食品经营的"),
            proxy(),
        ],
        steps=[
            step("受理", CLERK, 0, "审查材料是否齐全、符合法定形式，出具受理凭证"),
            step("审查与现场核查", REVIEWER, 3, "材料审查；需要现场核查的由2名核查人员到场核查"),
            step("许可决定", APPROVER, 1),
            step("制证送达", CLERK, 1, "生成电子许可证，纸质证书可邮寄送达"),
        ],
        form_schema=ent_fields(
            fld("address", "经营场所", "text", max_length=200),
            fld("business_types", "经营项目", "multiselect",
                options=["预包装食品销售", "散装食品销售", "特殊食品销售", "热食类食品制售", "冷食类食品制售",
                         "生食类食品制售", "自制饮品制售"]),
            fld("area", "经营场所面积（平方米）", "decimal", min=0),
            fld("chooses_commitment", "是否选择告知承诺方式", "boolean", required=False),
        ),
        themes=legal("准入准营"),
        delegate_to=[(FTZ, "2025-03-01", FTZ_BASIS)],
        v2={"changes": {
            "promised_days": 3,
            "steps": [
                step("受理", CLERK, 0, "审查材料是否齐全、符合法定形式，出具受理凭证"),
                step("审查与现场核查", REVIEWER, 2, "材料审查与现场核查并联开展"),
                step("许可决定并制证", APPROVER, 1, "作出决定并同步生成电子许可证"),
            ],
            "change_note": "推行“开饭店一件事”：材料审查与现场核查并联开展，决定与制证同步，承诺办结时限由5个工作日压缩至3个工作日。",
        }},
        faqs=[
            ("开饭店要办什么证？",
             "先办营业执照，再办食品经营许可证；一般还涉及公众聚集场所投入使用、营业前消防安全检查和城镇污水排入排水管网许可。"
             "可以通过“开饭店一件事”一次提交、并联办理。"),
            ("只卖包装好的零食饮料，也要办食品经营许可证吗？",
             "不需要许可。仅销售预包装食品的，向市场监管部门办理备案即可；如果同时销售散装食品、特殊食品或现场制售，就需要办许可。"),
            ("食品经营许可证有效期多久？",
             "5年。需要延续的，应当在有效期届满前向原发证机关提出延续申请。"),
        ],
    ),
    item(
        7, owner=ZR, competent=MARKET, implementing=BUREAU, place=ENTERPRISE_WINDOWS,
        name="食品生产许可", item_type="licensing",
        summary="在本市从事食品、食品添加剂生产活动，应当取得食品生产许可。保健食品、特殊医学用途配方食品、婴幼儿配方食品等"
                "特殊食品的生产许可由省级市场监管部门负责，不属于本事项。",
        acceptance_conditions="1. 已取得营业执照等合法主体资格；\n2. 具有与生产的食品品种、数量相适应的生产场所和设备设施；\n"
                              "3. 有专职或者兼职的食品安全专业技术人员、食品安全管理人员和保证食品安全的规章制度；\n"
                              "4. 具有合理的设备布局和工艺流程。",
        review_criteria="依据食品生产许可审查通则和相应的审查细则进行材料审查和现场核查，核查人员不少于2人。",
        statutory_days=10, promised_days=7, extension_days=5, extra_procedures=["现场核查"],
        legal_bases=[
            S("中华人民共和国食品安全法", "第三十五条",
              "国家对食品生产经营实行许可制度；从事食品生产应当依法取得许可。"),
            I("食品生产许可管理办法", "",
              "规定食品生产许可的申请、受理、审查与决定程序：除当场作出决定的外，自受理申请之日起10个工作日内作出决定，"
              "因特殊原因需要延长的，经负责人批准可以延长5个工作日。"),
        ],
        materials=[
            mat("食品生产许可申请书"),
            licence(),
            mat("食品生产设备布局图和食品生产工艺流程图", dual=True),
            mat("食品生产主要设备、设施清单"),
            mat("食品安全专业技术人员、食品安全管理人员信息和食品安全管理制度"),
            proxy(),
        ],
        steps=[
            step("受理", CLERK, 0),
            step("材料审查", REVIEWER, 2),
            step("现场核查", REVIEWER, 3, "由2名以上核查人员按审查细则核查"),
            step("许可决定", APPROVER, 2),
        ],
        form_schema=ent_fields(
            fld("plant_address", "生产地址", "text", max_length=200),
            fld("food_category", "申请食品类别", "text", max_length=100, help="按《食品生产许可分类目录》填写"),
            fld("area", "生产场所面积（平方米）", "decimal", min=0),
        ),
        themes=legal("准入准营"),
        faqs=[
            ("开个小作坊做糕点要办食品生产许可证吗？",
             "食品生产加工小作坊按照省里的小作坊管理规定办理登记，不适用本事项；达到食品生产企业条件的，应当申请食品生产许可。"),
            ("现场核查会看什么？",
             "核查生产场所、设备设施、布局和工艺流程、人员和管理制度是否与申请材料一致并符合审查细则，核查人员不少于2人。"),
        ],
    ),
    item(
        8, owner=ZR, competent=MARKET, implementing=BUREAU, place=ENTERPRISE_WINDOWS,
        name="药品零售企业许可", item_type="licensing",
        summary="从事药品零售活动，应当经所在地县级以上地方人民政府药品监督管理部门批准，取得药品经营许可证；无药品经营许可证的，不得经营药品。",
        acceptance_conditions="1. 有依法经过资格认定的药师或者其他药学技术人员；\n2. 有与所经营药品相适应的营业场所、设备、仓储设施和卫生环境；\n"
                              "3. 有与所经营药品相适应的质量管理机构或者人员；\n4. 有保证药品质量的规章制度，并符合药品经营质量管理规范要求。",
        review_criteria="审查申请材料，并按药品经营质量管理规范对营业场所、设施设备、人员和质量管理制度开展现场检查。",
        statutory_days=20, promised_days=10, extra_procedures=["现场检查"],
        legal_bases=[
            S("中华人民共和国药品管理法", "第五十一条",
              "从事药品零售活动，应当经所在地县级以上地方人民政府药品监督管理部门批准，取得药品经营许可证；无药品经营许可证的，不得经营药品。"),
            I("中华人民共和国药品管理法", "第五十二条",
              "从事药品经营活动应当具备药学技术人员、营业场所和设施、质量管理机构或人员、质量管理制度等条件。"),
            I("药品经营和使用质量监督管理办法", "", "规定药品经营许可的申请、审查、现场检查和许可证管理。"),
        ],
        materials=[
            mat("药品经营许可证申请表"),
            licence(),
            mat("执业药师注册证", "license", "执业药师注册证", notes="质量负责人和处方审核人员的执业药师注册信息通过证照库核验。"),
            mat("营业场所和仓库平面布置图及房屋使用证明", dual=True),
            mat("药品质量管理制度文件及设施设备目录"),
            mat("冷藏冷冻设施设备及温湿度监测系统说明", condition="经营冷藏、冷冻药品的"),
            proxy(),
        ],
        steps=[
            step("受理", CLERK, 0),
            step("材料审查", REVIEWER, 3),
            step("现场检查", REVIEWER, 4, "按药品经营质量管理规范现场检查，检查人员不少于2人"),
            step("许可决定", APPROVER, 2),
            step("制证", CLERK, 1),
        ],
        form_schema=ent_fields(
            fld("address", "经营地址", "text", max_length=200),
            fld("scope", "经营范围", "multiselect",
                options=["处方药", "甲类非处方药", "乙类非处方药", "中药饮片", "生物制品（限疫苗以外）"]),
            fld("pharmacist_count", "执业药师人数", "integer", min=0),
            fld("cold_chain", "是否经营冷藏冷冻药品", "boolean"),
        ),
        themes=legal("准入准营"),
        delegate_to=[(SND, "2025-07-01", SND_BASIS)],
        faqs=[
            ("开药店需要什么条件？",
             "要有依法经过资格认定的药师或其他药学技术人员、相适应的营业场所和设施、质量管理人员和质量管理制度，并符合药品经营质量管理规范。"),
            ("药店必须要有执业药师吗？",
             "需要按照国家有关规定配备执业药师，负责处方审核和指导合理用药；具体配备要求以药品经营质量管理规范和本省规定为准。"),
            ("只卖乙类非处方药也要办许可吗？",
             "要。从事药品零售都必须取得药品经营许可证，乙类非处方药只是在人员配备等方面要求不同。"),
        ],
    ),
    item(
        9, owner=ZR, competent=MARKET, implementing=BUREAU, place=ENTERPRISE_WINDOWS,
        name="第二类医疗器械经营备案", item_type="filing", handling="instant",
        summary="从事第二类医疗器械经营的企业，向所在地设区的市级负责药品监督管理的部门备案。产品安全性、有效性不受流通过程影响的"
                "部分第二类医疗器械，按国家规定可以免于经营备案。",
        acceptance_conditions="1. 已取得营业执照；\n2. 有与经营规模和经营范围相适应的经营场所和贮存条件；\n"
                              "3. 有与经营的医疗器械相适应的质量管理制度和质量管理机构或者人员。",
        review_criteria="备案材料齐全的当场予以备案；备案后按规定对备案企业开展检查。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("医疗器械监督管理条例", "",
              "从事第二类医疗器械经营的，由经营企业向所在地设区的市级人民政府负责药品监督管理的部门备案并提交符合规定条件的有关资料。"),
            I("医疗器械经营监督管理办法", "", "规定第二类医疗器械经营备案的材料、程序和备案后的监督检查。"),
        ],
        materials=[
            mat("第二类医疗器械经营备案表"),
            licence(),
            id_card("法定代表人（企业负责人）"),
            mat("经营场所、库房地址的地理位置图、平面图和房屋使用证明"),
            mat("质量管理制度和工作程序目录"),
            mat("计算机信息管理系统基本情况介绍", condition="从事医疗器械网络销售或者为其他医疗器械经营企业提供贮存配送服务的"),
        ],
        steps=[step("备案审核", CLERK, 0, "核对备案材料，当场备案并发放备案凭证")],
        form_schema=ent_fields(
            fld("address", "经营场所", "text", max_length=200),
            fld("warehouse", "库房地址", "text", required=False, max_length=200),
            fld("online_sales", "是否从事网络销售", "boolean"),
        ),
        themes=legal("准入准营"),
        faqs=[
            ("药店想卖血压计、体温计，要办什么手续？",
             "血压计等多属于第二类医疗器械，一般需要办理第二类医疗器械经营备案；列入免于经营备案目录的产品除外。"),
            ("备案多久能办好？",
             "材料齐全的当场备案，在线提交的即时生成备案凭证。"),
        ],
    ),
    item(
        10, owner=MARKET, competent=MARKET, place=GENERAL_WINDOWS,
        name="特种设备使用登记", item_type="licensing",
        summary="电梯、锅炉、压力容器、起重机械、场（厂）内专用机动车辆等特种设备，使用单位应当在投入使用前或者投入使用后30日内办理使用登记。",
        acceptance_conditions="1. 特种设备已经安装完毕并经监督检验合格（按规定需要监督检验的）；\n2. 使用单位已建立特种设备安全管理制度，"
                              "配备相应的安全管理人员和作业人员；\n3. 在投入使用前或者投入使用后30日内申请。",
        review_criteria="核对设备产品合格证明、监督检验证明和使用单位安全管理条件；材料齐全的予以登记并发放使用登记证。",
        statutory_days=20, promised_days=3,
        legal_bases=[
            S("中华人民共和国特种设备安全法", "第三十三条",
              "特种设备使用单位应当在特种设备投入使用前或者投入使用后三十日内，向负责特种设备安全监督管理的部门办理使用登记，取得使用登记证书；"
              "登记标志应当置于该特种设备的显著位置。"),
            I("特种设备使用管理规则", "", "国家市场监督管理总局制定的安全技术规范，规定使用登记的程序和资料要求。"),
        ],
        materials=[
            mat("特种设备使用登记表"),
            licence(),
            mat("特种设备产品合格证（含产品数据表）"),
            mat("监督检验证明", "department", "特种设备检验机构", condition="按规定需要监督检验的"),
            mat("特种设备安全管理人员和作业人员资格证", "license", "特种设备安全管理和作业人员证",
                condition="按规定须持证上岗的设备"),
        ],
        steps=[step("受理", CLERK, 0), step("审核", REVIEWER, 2), step("登记发证", APPROVER, 1)],
        form_schema=ent_fields(
            fld("equipment_type", "设备类别", "select",
                options=["电梯", "锅炉", "压力容器", "压力管道", "起重机械", "场（厂）内专用机动车辆", "客运索道", "大型游乐设施"]),
            fld("product_no", "产品编号", "text", max_length=50),
            fld("install_address", "设备使用地点", "text", max_length=200),
            fld("commissioning_date", "投入使用日期", "date"),
        ),
        themes=legal("经营发展"),
        faqs=[
            ("新装的电梯要去哪里登记？",
             "电梯投入使用前或者投入使用后30日内，由使用单位（一般是物业服务企业或产权单位）在线申请使用登记，登记标志贴在电梯轿厢显著位置。"),
            ("仓库里的叉车也要办登记吗？",
             "要。叉车属于场（厂）内专用机动车辆，是特种设备，须办理使用登记，司机须持相应的作业人员证。"),
        ],
    ),
]

# ---------------------------------------------------------------------------------------------------------
# 准入准营 · 招聘用工 — 社会事务审批处 (health, human resources, transport and culture licences) and departments

SOCIAL_ITEMS = [
    item(
        11, owner=SH, competent=HEALTH, implementing=BUREAU, place=SOCIAL_WINDOWS,
        name="公共场所卫生许可", item_type="licensing",
        summary="住宿场所、沐浴场所、美容美发场所、游泳场所等依法实行卫生许可管理的公共场所，经营者应当取得公共场所卫生许可证。"
                "饭馆、咖啡馆、酒吧、茶座等已不再办理公共场所卫生许可。",
        acceptance_conditions="1. 已取得营业执照；\n2. 场所选址、设计、装修和卫生设施符合国家卫生标准和卫生规范；\n"
                              "3. 建立卫生管理制度，配备专（兼）职卫生管理人员；\n4. 从业人员取得有效健康合格证明；\n"
                              "5. 经有资质的检测机构检测，空气、水质、公共用品用具等符合卫生标准。",
        review_criteria="审查申报材料，并对场所的卫生设施、布局和卫生管理制度进行现场审核。",
        statutory_days=20, promised_days=7, extra_procedures=["现场审核"],
        legal_bases=[
            S("公共场所卫生管理条例", "第八条",
              "除公园、体育场（馆）、公共交通工具外的公共场所，经营单位应当及时向卫生行政部门申请办理“卫生许可证”；“卫生许可证”两年复核一次。"),
            I("公共场所卫生管理条例实施细则", "",
              "国家对除公园、体育场馆、公共交通工具外的公共场所实行卫生许可证管理；卫生行政部门自受理申请之日起20日内对申报资料进行审查、"
              "对现场进行审核，符合规定条件的作出准予许可的决定。"),
            I("国务院关于整合调整餐饮服务场所的公共场所卫生许可证和食品经营许可证的决定", "",
              "取消饭馆、咖啡馆、酒吧、茶座4类公共场所的卫生许可，由食品经营许可一并管理。"),
        ],
        materials=[
            mat("公共场所卫生许可申请表"),
            licence(),
            id_card("法定代表人（负责人）"),
            mat("公共场所地址方位示意图、平面图和卫生设施平面布局图", dual=True),
            mat("公共场所卫生检测或者评价报告", notes="由具备资质的检测机构出具。"),
            mat("卫生管理制度及卫生管理人员名单"),
            mat("从业人员健康合格证明", "department", "具备资质的健康体检机构"),
            mat("集中空调通风系统卫生检测或者评价报告", condition="使用集中空调通风系统的"),
            proxy(),
        ],
        steps=[
            step("受理", CLERK, 0),
            step("材料审查", REVIEWER, 2),
            step("现场审核", REVIEWER, 3, "2名以上工作人员现场审核卫生设施和布局"),
            step("许可决定", APPROVER, 2),
        ],
        form_schema=ent_fields(
            fld("place_type", "场所类别", "select",
                options=["宾馆、旅店、招待所", "公共浴室", "理发店、美容店", "游泳场（馆）", "影剧院", "其他"]),
            fld("address", "场所地址", "text", max_length=200),
            fld("area", "营业面积（平方米）", "decimal", min=0),
            fld("central_ac", "是否使用集中空调通风系统", "boolean"),
        ),
        themes=legal("准入准营"),
        delegate_to=[(SIP, "2025-10-01", SIP_BASIS)],
        v2={"changes": {
            "promised_days": 5,
            "commitment_allowed": True,
            "commitment_conditions": "申请人书面承诺已按卫生标准完成场所建设，并在取得许可后规定期限内补交卫生检测或者评价报告的，"
                                     "可以当场作出许可决定；许可后开展现场核查，承诺不实的依法撤销许可。",
            "steps": [
                step("受理", CLERK, 0),
                step("材料审查", REVIEWER, 2),
                step("现场审核", REVIEWER, 2, "2名以上工作人员现场审核卫生设施和布局"),
                step("许可决定", APPROVER, 1),
            ],
            "change_note": "实行告知承诺：卫生检测或者评价报告改为许可后补交，申请时不再提交；承诺办结时限由7个工作日压缩至5个工作日。",
        }, "drop_materials": ["公共场所卫生检测或者评价报告"]},
        faqs=[
            ("开理发店要办卫生许可证吗？",
             "要。理发店、美容店属于实行卫生许可管理的公共场所，营业前应当取得公共场所卫生许可证。"),
            ("开酒吧、咖啡馆还要办卫生许可证吗？",
             "不用。饭馆、咖啡馆、酒吧、茶座的公共场所卫生许可已经取消，只需办理食品经营许可。"),
            ("卫生许可证有效期是几年？",
             "公共场所卫生许可证有效期4年，每两年复核一次；需要延续的，在有效期届满前提出申请。"),
        ],
    ),
    item(
        12, owner=SH, competent=HEALTH, implementing=BUREAU, place=SOCIAL_WINDOWS,
        name="医疗机构执业登记", item_type="licensing",
        summary="医疗机构执业，必须进行登记，领取《医疗机构执业许可证》。诊所实行备案管理，不适用本事项。",
        acceptance_conditions="1. 按照规定应当办理设置审批的，已取得设置医疗机构批准书；\n2. 符合医疗机构的基本标准；\n"
                              "3. 有适合的名称、组织机构和场所；\n4. 有与其开展的业务相适应的经费、设施、设备和专业卫生技术人员；\n"
                              "5. 有相应的规章制度；\n6. 能够独立承担民事责任。",
        review_criteria="依据《医疗机构管理条例》和医疗机构基本标准审核申请材料，并对场所、设施、设备和人员进行现场审核。",
        statutory_days=45, promised_days=20, extra_procedures=["现场审核"],
        legal_bases=[
            S("医疗机构管理条例", "第十五条", "医疗机构执业，必须进行登记，领取《医疗机构执业许可证》。"),
            I("医疗机构管理条例", "",
              "执业登记机关自受理执业登记申请之日起45日内，根据本条例和医疗机构基本标准进行审核；审核合格的予以登记，发给《医疗机构执业许可证》。"),
            I("医疗机构管理条例实施细则", "", "规定执业登记的申请材料、登记事项和校验。"),
        ],
        materials=[
            mat("医疗机构申请执业登记注册书"),
            mat("设置医疗机构批准书", "department", "卫生健康行政部门", condition="按照规定应当先行办理设置审批的"),
            mat("医疗机构用房产权证明或者使用证明"),
            mat("医疗机构建筑设计平面图", dual=True),
            mat("验资证明或者资产评估报告"),
            mat("医疗机构规章制度"),
            mat("主要负责人及各科室负责人名录和有关资格证书、执业证书", dual=True),
            proxy(),
        ],
        steps=[
            step("受理", CLERK, 0),
            step("材料审查", REVIEWER, 5),
            step("现场审核", REVIEWER, 10, "组织2名以上人员对照医疗机构基本标准现场审核"),
            step("登记决定", APPROVER, 4),
            step("制证", CLERK, 1),
        ],
        form_schema=ent_fields(
            fld("institution_name", "医疗机构名称", "text", max_length=100),
            fld("institution_type", "医疗机构类别", "select",
                options=["综合医院", "专科医院", "中医医院", "门诊部", "护理院", "医学检验实验室", "其他"]),
            fld("beds", "床位数", "integer", min=0),
            fld("address", "执业地址", "text", max_length=200),
        ),
        themes=legal("准入准营"),
        faqs=[
            ("开诊所还要办医疗机构执业许可证吗？",
             "诊所实行备案管理，向所在地区级卫生健康部门备案后即可执业，不需要办理本事项。"),
            ("医疗机构执业许可证多久校验一次？",
             "床位在100张以上的综合医院、中医医院和专科医院等校验期为3年，其他医疗机构校验期为1年，校验时向登记机关申请。"),
        ],
    ),
    item(
        13, owner=SH, competent=HR, implementing=BUREAU, place=SOCIAL_WINDOWS,
        name="企业实行不定时工作制和综合计算工时工作制审批", item_type="licensing",
        summary="企业因生产特点不能实行标准工时制度的，经劳动行政部门批准，可以对部分岗位实行不定时工作制或者综合计算工时工作制。",
        acceptance_conditions="1. 企业因生产特点、工作特殊需要或者职责范围的关系，无法按标准工作时间衡量或者需要连续作业；\n"
                              "2. 已听取工会和职工意见，并采取适当的工作和休息方式，保障职工的休息休假权利；\n3. 申请的岗位和人员范围明确。",
        review_criteria="审查申请岗位的工作性质是否符合实行特殊工时制度的情形，以及保障职工休息休假的措施。",
        statutory_days=20, promised_days=10,
        legal_bases=[
            S("中华人民共和国劳动法", "第三十九条",
              "企业因生产特点不能实行标准工时的，经劳动行政部门批准，可以实行其他工作和休息办法。"),
            I("关于企业实行不定时工作制和综合计算工时工作制的审批办法", "", "原劳动部制定，规定两种特殊工时制度的适用岗位和审批程序。"),
        ],
        materials=[
            mat("实行特殊工时工作制申请表"),
            licence(),
            mat("实行特殊工时制度的岗位、人数及工作时间和休息安排说明"),
            mat("工会或者职工代表意见"),
        ],
        steps=[step("受理", CLERK, 0), step("审查", REVIEWER, 7), step("批准", APPROVER, 3)],
        form_schema=ent_fields(
            fld("regime", "申请的工时制度", "select", options=["不定时工作制", "综合计算工时工作制"]),
            fld("posts", "涉及岗位", "textarea"),
            fld("staff_count", "涉及人数", "integer", min=1),
            fld("period", "综合计算周期", "select", options=["周", "月", "季", "年"],
                required=False, help="申请综合计算工时工作制时填写"),
        ),
        themes=legal("招聘用工"),
        faqs=[
            ("我们是24小时运转的工厂，员工轮班能不能不按每天8小时算？",
             "可以申请综合计算工时工作制，以周、月、季或年为周期综合计算工作时间，但平均日和平均周工作时间应当与法定标准工作时间基本相同。"),
            ("批下来的特殊工时能用多久？",
             "批准决定会载明适用的岗位和有效期限，到期需要继续实行的，应当重新申请。"),
        ],
    ),
    item(
        14, owner=SH, competent=HR, implementing=BUREAU, place=SOCIAL_WINDOWS,
        name="人力资源服务许可", item_type="licensing",
        summary="经营性人力资源服务机构从事职业中介活动的，应当依法申请行政许可，取得人力资源服务许可证。"
                "只开展人力资源供求信息收集发布、管理咨询、测评、培训、服务外包等业务的，实行备案管理。",
        acceptance_conditions="1. 已取得营业执照；\n2. 有明确的章程和管理制度；\n3. 有开展业务必备的固定场所、办公设施和一定数额的开办资金；\n"
                              "4. 有一定数量具备相应职业资格的专职工作人员。",
        review_criteria="审查场所、人员、制度是否符合开展职业中介活动的条件；必要时实地核查经营场所。",
        statutory_days=20, promised_days=10,
        commitment_allowed=True,
        commitment_conditions="申请人书面承诺符合许可条件并提交规定材料的，当场作出许可决定；许可后开展核查，发现承诺不实的依法撤销许可并记入信用记录。",
        legal_bases=[
            S("人力资源市场暂行条例", "第十八条",
              "经营性人力资源服务机构从事职业中介活动的，应当依法向人力资源社会保障行政部门申请行政许可，取得人力资源服务许可证；"
              "人力资源社会保障行政部门应当自收到申请之日起20日内依法作出行政许可决定。开展其他人力资源服务业务的，应当自开展业务之日起15日内备案。"),
            I("中华人民共和国就业促进法", "第四十条",
              "设立职业中介机构应当具备明确的章程和管理制度、固定场所和开办资金、具备相应职业资格的专职工作人员等条件，并依法办理行政许可。"),
            I("人力资源服务机构管理规定", "", "规定人力资源服务许可和备案的具体程序。"),
        ],
        materials=[
            mat("人力资源服务许可申请表"),
            licence(),
            mat("经营场所使用证明"),
            mat("专职工作人员名单及职业资格证明", dual=True),
            mat("机构章程和管理制度"),
            proxy(),
        ],
        steps=[
            step("受理", CLERK, 0),
            step("审查", REVIEWER, 6, "材料审查，必要时实地核查经营场所"),
            step("许可决定", APPROVER, 3),
            step("制证", CLERK, 1),
        ],
        form_schema=ent_fields(
            fld("address", "经营场所", "text", max_length=200),
            fld("staff_count", "专职工作人员人数", "integer", min=1),
            fld("services", "拟开展的业务", "multiselect",
                options=["职业介绍", "人才寻访（猎头）", "网络招聘", "现场招聘会", "人力资源供求信息收集发布"]),
            fld("chooses_commitment", "是否选择告知承诺方式", "boolean", required=False),
        ),
        themes=legal("准入准营", "招聘用工"),
        delegate_to=[(FTZ, "2025-03-01", FTZ_BASIS)],
        v2={"changes": {
            "promised_days": 5,
            "steps": [
                step("受理", CLERK, 0),
                step("审查", REVIEWER, 3, "材料审查，必要时实地核查经营场所"),
                step("许可决定并制证", APPROVER, 2),
            ],
            "change_note": "优化审批流程，许可决定与制证合并，承诺办结时限由10个工作日压缩至5个工作日。",
        }},
        faqs=[
            ("开猎头公司要办什么证？",
             "猎头（人才寻访）属于职业中介活动，先办营业执照，再申请人力资源服务许可证。"),
            ("只做人力资源外包、不做职业介绍，也要办许可证吗？",
             "不需要许可，但应当自开展业务之日起15日内向人社部门备案。"),
            ("可以承诺后当场拿证吗？",
             "可以。选择告知承诺方式、书面承诺符合许可条件并提交规定材料的，当场作出许可决定，之后会进行核查。"),
        ],
    ),
    item(
        15, owner=SH, competent=HR, implementing=BUREAU, place=SOCIAL_WINDOWS,
        name="劳务派遣经营许可", item_type="licensing",
        summary="经营劳务派遣业务，应当向人社部门申请行政许可；未经许可，任何单位和个人不得经营劳务派遣业务。",
        acceptance_conditions="1. 注册资本不得少于人民币二百万元；\n2. 有与开展业务相适应的固定的经营场所和设施；\n"
                              "3. 有符合法律、行政法规规定的劳务派遣管理制度；\n4. 法律、行政法规规定的其他条件。",
        review_criteria="审查注册资本、经营场所和设施、劳务派遣管理制度等是否符合法定条件。",
        statutory_days=20, promised_days=10,
        legal_bases=[
            S("中华人民共和国劳动合同法", "第五十七条",
              "经营劳务派遣业务应当具备注册资本不少于二百万元、固定的经营场所和设施、劳务派遣管理制度等条件，并向劳动行政部门依法申请行政许可；"
              "未经许可，任何单位和个人不得经营劳务派遣业务。"),
            I("劳务派遣行政许可实施办法", "", "规定劳务派遣经营许可的申请、受理、审查和许可证管理。"),
        ],
        materials=[
            mat("劳务派遣经营许可申请书"),
            licence(),
            mat("公司章程以及验资报告或者财务审计报告", dual=True),
            mat("经营场所使用证明以及办公设施设备、信息管理系统清单"),
            id_card("法定代表人"),
            mat("劳务派遣管理制度", notes="包括劳动合同、劳动报酬、社会保险、工作时间、休息休假、劳动纪律等与劳动者切身利益相关的规章制度文本，"
                                      "以及拟与用工单位签订的劳务派遣协议样本。"),
            proxy(),
        ],
        steps=[step("受理", CLERK, 0), step("审查", REVIEWER, 6), step("许可决定", APPROVER, 3), step("制证", CLERK, 1)],
        form_schema=ent_fields(
            fld("registered_capital", "注册资本（万元）", "decimal", min=200),
            fld("address", "经营场所", "text", max_length=200),
            fld("paid_in", "注册资本是否已实缴", "boolean"),
        ),
        themes=legal("准入准营", "招聘用工"),
        delegate_to=[(SIP, "2025-07-01", SIP_BASIS)],
        faqs=[
            ("开劳务派遣公司注册资本要多少？",
             "不得少于人民币二百万元，申请许可时须提交验资报告或者财务审计报告。"),
            ("劳务派遣许可证有效期多久？",
             "有效期3年。需要延续的，应当在有效期届满60日前向许可机关提出延续申请。"),
        ],
    ),
    item(
        16, owner=SH, competent=HR, implementing=BUREAU, place=SOCIAL_WINDOWS,
        name="民办职业培训学校设立", item_type="licensing",
        summary="举办实施以职业技能为主的职业资格培训、职业技能培训的民办学校，由人社部门按照国家规定的权限审批，并抄送同级教育行政部门备案。"
                "法定审批期限为自受理正式设立申请之日起三个月，本目录按60个工作日计。",
        acceptance_conditions="1. 举办者为具有法人资格的组织或者具有政治权利和完全民事行为能力的个人；\n2. 有规范的学校名称、章程和组织机构；\n"
                              "3. 有与办学规模相适应的校舍、设施设备和办学资金；\n4. 有具备相应资格的校长、教师和管理人员；\n5. 有相应的培训计划和教学管理制度。",
        review_criteria="审查办学条件、资金来源和章程，组织现场核查校舍和设施设备。",
        statutory_days=60, promised_days=20, extra_procedures=["现场核查"],
        legal_bases=[
            S("中华人民共和国民办教育促进法", "第十二条",
              "举办实施以职业技能为主的职业资格培训、职业技能培训的民办学校，由县级以上人民政府人力资源社会保障行政部门按照国家规定的权限审批，"
              "并抄送同级教育行政部门备案。"),
            I("中华人民共和国民办教育促进法", "",
              "审批机关应当自受理正式设立民办学校的申请之日起三个月内以书面形式作出是否批准的决定。"),
            I("中华人民共和国民办教育促进法实施条例", "", "规定民办学校的举办者、设立条件和审批程序。"),
        ],
        materials=[
            mat("设立民办职业培训学校申请报告"),
            mat("举办者的姓名、住址或者名称、地址及资格证明"),
            mat("资产来源、资金数额及有效证明文件，并载明产权", dual=True),
            mat("校舍和设施设备使用证明", dual=True),
            mat("学校章程和首届理事会（董事会）组成人员名单"),
            mat("校长、教师和财会人员的资格证明"),
            proxy(),
        ],
        steps=[
            step("受理", CLERK, 0),
            step("材料审查", REVIEWER, 6),
            step("现场核查", REVIEWER, 8, "2名以上人员核查校舍和设施设备"),
            step("审批决定", APPROVER, 5),
            step("发证", CLERK, 1),
        ],
        form_schema=[
            fld("school_name", "拟设学校名称", "text", max_length=100),
            fld("sponsor_name", "举办者名称（姓名）", "text", max_length=100),
            fld("address", "办学地址", "text", max_length=200),
            fld("training_programs", "拟开展培训项目", "textarea"),
            fld("funds", "开办资金（万元）", "decimal", min=0),
            fld("contact_phone", "联系电话", "phone"),
        ],
        themes=legal("准入准营"),
        faqs=[
            ("想办一个电工焊工培训学校，找哪个部门？",
             "以职业技能培训为主的民办学校由人社部门审批，在本市向行政审批局社会事务专区（15号窗口）或网上提交申请。"),
            ("办学校审批要多久？",
             "法定期限为自受理正式设立申请之日起三个月，本市承诺20个工作日内办结（不含现场整改时间）。"),
        ],
    ),
    item(
        17, owner=SH, competent=TRANSPORT, implementing=BUREAU, place=SOCIAL_WINDOWS,
        name="道路运输经营许可", item_type="licensing",
        summary="从事道路普通货物运输经营，应当取得道路运输经营许可证，并为运输车辆办理道路运输证。使用总质量4500千克及以下普通货运车辆"
                "从事普通货运经营的，无需申请道路运输经营许可证和车辆营运证。",
        acceptance_conditions="1. 已取得营业执照；\n2. 有与其经营业务相适应并经检测合格的车辆；\n3. 有符合规定条件的驾驶人员；\n"
                              "4. 有健全的安全生产管理制度。",
        review_criteria="审查车辆技术条件、驾驶人员从业资格和安全生产管理制度。",
        statutory_days=20, promised_days=5,
        legal_bases=[
            S("中华人民共和国道路运输条例", "",
              "申请从事货运经营的，应当具备相适应的车辆、符合条件的驾驶人员和健全的安全生产管理制度，并向道路运输管理机构提出申请；"
              "使用总质量4500千克及以下普通货运车辆从事普通货运经营的，无需申请道路运输经营许可证及车辆营运证。"),
            I("道路货物运输及站场管理规定", "", "规定道路货物运输经营许可的申请材料和审查程序。"),
        ],
        materials=[
            mat("道路货物运输经营申请表"),
            licence(),
            id_card("负责人"),
            mat("机动车行驶证", "license", "机动车行驶证", condition="已购置车辆的"),
            mat("拟投入车辆承诺书", condition="尚未购置车辆的", notes="载明车辆数量、类型、技术性能和购置时间。"),
            mat("驾驶人员从业资格证", "license", "道路运输从业人员从业资格证"),
            mat("安全生产管理制度文本"),
        ],
        steps=[step("受理", CLERK, 0), step("审查", REVIEWER, 3), step("许可决定并制证", APPROVER, 2)],
        form_schema=ent_fields(
            fld("scope", "经营范围", "multiselect", options=["普通货运", "货物专用运输（集装箱）", "大型物件运输"]),
            fld("vehicle_count", "拟投入车辆数", "integer", min=1),
            fld("has_vehicles", "车辆是否已购置", "boolean"),
        ),
        themes=legal("准入准营"),
        delegate_to=[(SND, "2026-12-01", SND_BASIS)],
        faqs=[
            ("买了辆小货车帮人拉货，要办道路运输证吗？",
             "总质量4500千克及以下的普通货车从事普通货运，不需要办理道路运输经营许可证和车辆营运证。"),
            ("办好经营许可证后，每辆车还要办营运证吗？",
             "要。总质量超过4500千克的货运车辆，应当为每辆车办理道路运输证后方可营运。"),
        ],
    ),
    item(
        18, owner=SH, competent=TRANSPORT, implementing=BUREAU, place=SOCIAL_WINDOWS,
        name="网络预约出租汽车经营许可", item_type="licensing",
        summary="以互联网技术为依托构建服务平台，整合供需信息，使用符合条件的车辆和驾驶员提供非巡游的预约出租汽车服务，应当取得网络预约出租汽车经营许可证。",
        acceptance_conditions="1. 具有企业法人资格；\n2. 具备开展网约车经营的互联网平台和与拟开展业务相适应的信息数据交互及处理能力，"
                              "具备供交通、通信、公安、税务、网信等相关监管部门依法调取查询相关网络数据信息的条件；\n"
                              "3. 服务器设置在中国内地，有符合规定的网络安全管理制度和安全保护技术措施；\n"
                              "4. 在服务所在地有相应的服务机构及服务能力。",
        review_criteria="审查线上服务能力认定结果和线下服务能力材料，核实服务所在地的服务机构和管理制度。",
        statutory_days=20, promised_days=10,
        legal_bases=[
            S("国务院对确需保留的行政审批项目设定行政许可的决定", "",
              "对出租汽车经营资格证、车辆运营证和驾驶员客运资格证核发设定行政许可。"),
            I("网络预约出租汽车经营服务管理暂行办法", "",
              "规定网约车平台公司应当具备的线上线下服务能力和申请材料；出租汽车行政主管部门自受理之日起20日内作出许可或者不予许可的决定。"),
        ],
        materials=[
            mat("网络预约出租汽车经营申请表"),
            licence(),
            mat("投资人、负责人身份及资信证明"),
            mat("线上服务能力认定结果", "department", "企业注册地省级交通运输主管部门"),
            mat("服务所在地办公场所、负责人员和管理人员信息"),
            mat("经营管理制度、安全生产管理制度和服务质量保障制度文本"),
            proxy(),
        ],
        steps=[step("受理", CLERK, 0), step("审查", REVIEWER, 6), step("许可决定", APPROVER, 3), step("制证", CLERK, 1)],
        form_schema=ent_fields(
            fld("platform_name", "网约车平台名称", "text", max_length=60),
            fld("office_address", "本市服务机构地址", "text", max_length=200),
            fld("planned_vehicles", "拟投入车辆规模", "integer", min=1),
        ),
        themes=legal("准入准营"),
        faqs=[
            ("私家车想跑网约车要办什么？",
             "车辆要办网络预约出租汽车运输证，驾驶员要取得网络预约出租汽车驾驶员证，并接入已取得本市经营许可的平台；本事项是平台公司的经营许可。"),
            ("平台公司在外地已经有许可了，在苏州还要办吗？",
             "要。网约车平台公司在服务所在地开展经营，应当向服务所在地的主管部门申请经营许可。"),
        ],
    ),
    item(
        19, owner=SH, competent=CULTURE, implementing=BUREAU, place=SOCIAL_WINDOWS,
        name="出版物零售业务经营许可", item_type="licensing",
        summary="单位和个体工商户从事出版物零售业务（含通过互联网等信息网络从事出版物零售），应当取得《出版物经营许可证》。",
        acceptance_conditions="1. 已取得营业执照，经营范围包含出版物零售；\n2. 有固定的经营场所；\n3. 法定代表人或者主要负责人、"
                              "经营管理人员符合规定的条件；\n4. 无法律、法规规定的不得从事出版物发行业务的情形。",
        review_criteria="审查经营场所和人员条件；材料齐全、符合条件的准予许可。",
        statutory_days=20, promised_days=5,
        commitment_allowed=True,
        commitment_conditions="申请人书面承诺符合许可条件、经营场所已落实的，当场作出许可决定；许可后开展核查，承诺不实的依法撤销许可。",
        legal_bases=[
            S("出版管理条例", "",
              "单位从事出版物零售业务的，须经县级人民政府出版行政主管部门审核许可，取得《出版物经营许可证》。"),
            I("出版物市场管理规定", "",
              "规定出版物零售业务许可的条件和申请材料；出版行政主管部门自受理申请之日起20个工作日内作出批准或者不予批准的决定；"
              "通过互联网等信息网络从事出版物发行业务的，依照规定取得《出版物经营许可证》。"),
        ],
        materials=[
            mat("出版物零售业务经营许可申请表"),
            licence(),
            mat("经营场所使用证明"),
            id_card("法定代表人（负责人）"),
        ],
        steps=[step("受理", CLERK, 0), step("审查", REVIEWER, 3), step("许可决定", APPROVER, 2)],
        form_schema=ent_fields(
            fld("address", "经营场所", "text", max_length=200),
            fld("online", "是否通过互联网销售", "boolean"),
            fld("chooses_commitment", "是否选择告知承诺方式", "boolean", required=False),
        ),
        themes=legal("准入准营"),
        faqs=[
            ("开个书店要办什么证？",
             "办好营业执照后，申请出版物经营许可证（出版物零售）。选择告知承诺的，材料齐全可当场拿证。"),
            ("在网上开店卖书，也要办出版物经营许可证吗？",
             "要。通过互联网等信息网络从事出版物发行业务的，应当依照规定取得出版物经营许可证。"),
        ],
    ),
    item(
        20, owner=SH, competent=CULTURE, implementing=BUREAU, place=SOCIAL_WINDOWS,
        name="娱乐场所经营许可", item_type="licensing",
        summary="歌舞、游艺等娱乐场所从事经营活动，应当向所在地县级人民政府文化主管部门申请娱乐场所经营许可证。",
        acceptance_conditions="1. 已取得营业执照；\n2. 投资人、法定代表人、主要负责人不属于法律法规规定不得开办或者在娱乐场所内从业的人员；\n"
                              "3. 场所不在居民楼、博物馆、图书馆和文物保护单位的建筑物内，不在居民住宅区、学校、医院、机关周围等禁止设立的地点；\n"
                              "4. 场所建筑、设施和使用面积符合规定标准。",
        review_criteria="审查申请人书面声明，向公安部门等核查有关情况，并对营业场所进行实地检查。",
        statutory_days=20, promised_days=10, extra_procedures=["实地检查"],
        legal_bases=[
            S("娱乐场所管理条例", "第九条",
              "娱乐场所申请从事娱乐场所经营活动，应当向所在地县级人民政府文化主管部门提出申请；外商投资的娱乐场所向省级文化主管部门提出申请。"),
            I("娱乐场所管理条例", "",
              "受理申请的文化主管部门应当就申请人的书面声明向公安部门或者其他有关单位核查，并对营业场所进行实地检查，在规定期限内作出决定。"),
            I("娱乐场所管理办法", "", "规定娱乐场所经营许可的申请材料和场所条件。"),
        ],
        materials=[
            mat("娱乐场所经营许可申请书"),
            licence(),
            mat("投资人、法定代表人、主要负责人身份证明及不属于禁止从业情形的书面声明", dual=True),
            mat("营业场所平面示意图及房屋使用证明"),
            mat("公众聚集场所投入使用、营业前消防安全检查合格证明或者告知承诺书", "department", FIRE),
            proxy(),
        ],
        steps=[
            step("受理", CLERK, 0),
            step("核查与实地检查", REVIEWER, 6, "向公安部门核查书面声明，2名以上人员实地检查"),
            step("许可决定", APPROVER, 3),
            step("制证", CLERK, 1),
        ],
        form_schema=ent_fields(
            fld("place_type", "场所类型", "select", options=["歌舞娱乐场所", "游艺娱乐场所"]),
            fld("address", "营业场所地址", "text", max_length=200),
            fld("area", "营业面积（平方米）", "decimal", min=0),
            fld("rooms", "包厢（包间）数", "integer", min=0, required=False),
        ),
        themes=legal("准入准营"),
        delegate_to=[(SND, "2026-03-01", SND_BASIS)],
        faqs=[
            ("开KTV要办什么证？",
             "营业执照、娱乐场所经营许可证，还要通过公众聚集场所投入使用、营业前消防安全检查。"),
            ("KTV能开在居民楼里吗？",
             "不能。娱乐场所不得设在居民楼、博物馆、图书馆和被核定为文物保护单位的建筑物内，也不得设在居民住宅区、学校、医院周围等禁止地点。"),
        ],
    ),
    item(
        21, owner=SH, competent=CULTURE, implementing=BUREAU, place=SOCIAL_WINDOWS,
        name="旅行社设立许可", item_type="licensing",
        summary="申请经营国内旅游业务和入境旅游业务的旅行社，应当取得旅游主管部门的许可；取得许可后，按规定存入质量保证金或者提交银行担保。",
        acceptance_conditions="1. 已取得营业执照；\n2. 有固定的经营场所；\n3. 有必要的营业设施；\n4. 有符合规定的注册资本；\n"
                              "5. 有必要的经营管理人员和导游。",
        review_criteria="审查经营场所、营业设施、注册资本和人员条件，必要时实地核查。",
        statutory_days=20, promised_days=10,
        legal_bases=[
            S("中华人民共和国旅游法", "第二十八条",
              "设立经营旅行社，应当取得旅游主管部门的许可，依法办理工商登记，并具备固定的经营场所、必要的营业设施、符合规定的注册资本、"
              "必要的经营管理人员和导游等条件。"),
            I("旅行社条例", "",
              "申请经营国内旅游业务和入境旅游业务的，向省级旅游行政管理部门或者其委托的设区的市级旅游行政管理部门提出申请，"
              "受理部门自受理申请之日起20个工作日内作出许可或者不予许可的决定。"),
        ],
        materials=[
            mat("旅行社业务经营许可申请书"),
            licence(),
            mat("经营场所使用证明"),
            mat("营业设施、设备的证明或者说明"),
            id_card("法定代表人"),
        ],
        steps=[step("受理", CLERK, 0), step("审查", REVIEWER, 6), step("许可决定", APPROVER, 3), step("制证", CLERK, 1)],
        form_schema=ent_fields(
            fld("address", "经营场所", "text", max_length=200),
            fld("business", "申请经营业务", "multiselect", options=["国内旅游业务", "入境旅游业务"]),
            fld("guide_count", "导游人数", "integer", min=0),
        ),
        themes=legal("准入准营"),
        faqs=[
            ("开旅行社能直接做出境游吗？",
             "不能。新设旅行社先申请国内和入境旅游业务，取得经营许可满两年且未因侵害旅游者合法权益受到行政机关罚款以上处罚的，才可申请出境旅游业务。"),
            ("旅行社质量保证金什么时候交？",
             "取得旅行社业务经营许可证后，在规定期限内存入质量保证金或者向作出许可的部门提交银行担保。"),
        ],
    ),
    item(
        22, owner=TRANSPORT, competent=TRANSPORT, place=GENERAL_WINDOWS,
        name="道路货物运输驾驶员从业资格", item_type="licensing", online_depth=3, visits=1,
        summary="从事经营性道路货物运输的驾驶员（使用总质量4500千克及以下普通货运车辆的除外），经考试合格后取得道路运输从业人员从业资格证。",
        acceptance_conditions="1. 取得相应的机动车驾驶证；\n2. 符合规定的年龄条件；\n"
                              "3. 经设区的市级交通运输主管部门组织的道路货物运输有关法规、车辆维修和货物装载保管基本知识考试合格。",
        review_criteria="核验驾驶证信息和考试成绩，符合条件的核发从业资格证件。",
        statutory_days=20, promised_days=5,
        legal_bases=[
            S("中华人民共和国道路运输条例", "",
              "从事货运经营的驾驶人员应当取得相应的机动车驾驶证、符合规定的年龄条件，并经考试合格（使用总质量4500千克及以下普通货运车辆的驾驶人员除外）。"),
            I("道路运输从业人员管理规定", "", "规定道路运输从业人员从业资格考试的组织、成绩公布和证件核发。"),
        ],
        materials=[
            mat("道路运输从业人员从业资格考试申请表"),
            id_card(),
            mat("机动车驾驶证", "license", "机动车驾驶证"),
        ],
        steps=[step("受理", CLERK, 0), step("资格审核", REVIEWER, 3, "核验驾驶证和考试成绩"), step("核发证件", APPROVER, 2)],
        form_schema=person_fields(
            fld("licence_class", "准驾车型", "select", options=["A1", "A2", "B1", "B2", "C1", "C2"]),
            fld("licence_first_date", "初次领取驾驶证日期", "date"),
        ),
        themes=personal("就业"),
        faqs=[
            ("开4.2米的小货车送货要考从业资格证吗？",
             "使用总质量4500千克及以下普通货运车辆的驾驶员，不需要取得货运从业资格证。"),
            ("货运从业资格考试在哪里考？",
             "由市交通运输主管部门组织，可在网上预约考试时间和考点，考试合格后凭成绩申请核发证件。"),
        ],
    ),
    item(
        23, owner=FIRE, competent=FIRE, place=GENERAL_WINDOWS,
        name="公众聚集场所投入使用、营业前消防安全检查", item_type="licensing",
        summary="宾馆、饭店、商场、集贸市场、客运车站候车室、体育场馆、会堂、公共娱乐场所等公众聚集场所，投入使用、营业前应当向消防救援机构申请"
                "消防安全检查。实行告知承诺管理。",
        acceptance_conditions="1. 场所依法通过建设工程消防验收或者备案抽查；\n2. 消防设施、器材配置符合消防技术标准并完好有效；\n"
                              "3. 制定了消防安全制度、灭火和应急疏散预案，员工经消防安全培训。",
        review_criteria="选择告知承诺的，审查承诺文件和材料，符合规定的当场作出许可决定，并在许可后组织核查；"
                        "不选择告知承诺的，依据消防技术标准和管理规定对场所进行检查，符合消防安全要求的予以许可。",
        statutory_days=10, promised_days=5, extra_procedures=["现场检查"],
        commitment_allowed=True,
        commitment_conditions="申请人选择告知承诺方式，签署承诺书并提交规定材料的，消防救援机构对材料进行审查，符合规定的当场作出许可决定，"
                              "并在许可后对场所进行核查；发现场所使用、营业情况与承诺内容不符的，依法处理直至撤销许可。",
        legal_bases=[
            S("中华人民共和国消防法", "第十五条",
              "公众聚集场所投入使用、营业前消防安全检查实行告知承诺管理；申请人选择不采用告知承诺方式办理的，消防救援机构应当自受理申请之日起"
              "十个工作日内，根据消防技术标准和管理规定，对该场所进行检查；未经消防救援机构许可的，公众聚集场所不得投入使用、营业。"),
            I("中华人民共和国行政许可法", "第三十四条",
              "根据法定条件和程序，需要对申请材料的实质内容进行核实的，行政机关应当指派两名以上工作人员进行核查。"),
        ],
        materials=[
            mat("公众聚集场所投入使用、营业消防安全检查申报表"),
            licence(),
            mat("消防安全告知承诺书", condition="选择告知承诺方式的"),
            mat("场所平面布置图和消防设施平面图"),
            mat("消防安全制度、灭火和应急疏散预案"),
            mat("建设工程消防验收意见或者备案凭证", "department", HOUSING),
        ],
        steps=[
            step("受理", CLERK, 0),
            step("材料审查与现场检查", REVIEWER, 4, "不选择告知承诺的，2名以上人员现场检查"),
            step("许可决定", APPROVER, 1),
        ],
        form_schema=ent_fields(
            fld("place_name", "场所名称", "text", max_length=100),
            fld("address", "场所地址", "text", max_length=200),
            fld("area", "建筑面积（平方米）", "decimal", min=0),
            fld("chooses_commitment", "是否选择告知承诺方式", "boolean"),
        ),
        themes=legal("准入准营"),
        faqs=[
            ("开饭店要做消防检查吗？",
             "饭店属于公众聚集场所，投入使用、营业前应当申请消防安全检查；选择告知承诺方式的，材料齐全可当场取得许可。"),
            ("承诺了之后还会来检查吗？",
             "会。消防救援机构会在许可后进行核查，发现实际情况与承诺不符的，将依法处理直至撤销许可。"),
        ],
    ),
    item(
        24, owner=POLICE, competent=POLICE, place=ENTERPRISE_WINDOWS,
        name="公章刻制备案", item_type="filing", handling="instant",
        summary="企业、事业单位、社会团体等刻制公章，由刻章单位将印章信息报公安机关备案。新开办企业可在“企业开办”平台一并申请刻制首套印章，"
                "首套印章费用按本市企业开办政策执行。",
        acceptance_conditions="1. 单位已依法登记，取得营业执照或者其他登记证书；\n2. 选择经公安机关备案的印章刻制企业刻制；\n"
                              "3. 印章规格、式样符合规定。",
        review_criteria="核对单位登记信息和印模信息，信息一致的即时备案。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("印铸刻字业暂行管理规则", "", "对印铸刻字业的经营和公章刻制实行公安机关管理。"),
            I("国务院关于国家行政机关和企业事业单位社会团体印章管理的规定", "",
              "规定国家行政机关和企业事业单位、社会团体印章的规格、式样和刻制管理。"),
        ],
        materials=[
            licence(),
            id_card("法定代表人"),
            id_card("经办人", condition="由经办人办理的"),
            mat("印章遗失声明", condition="印章遗失申请补刻的", notes="在国家企业信用信息公示系统或者报刊发布。"),
        ],
        steps=[step("备案", CLERK, 0, "刻章单位上传印模，公安机关即时备案")],
        form_schema=ent_fields(
            fld("seal_types", "刻制印章", "multiselect", options=["单位公章", "财务专用章", "发票专用章", "合同专用章", "法定代表人名章"]),
            fld("engraver", "印章刻制企业", "text", max_length=100),
            fld("reissue", "是否遗失补刻", "boolean"),
        ),
        themes=legal("准入准营"),
        faqs=[
            ("刚注册的公司刻章要钱吗？",
             "通过“企业开办”平台申请的新开办企业，首套印章费用按本市企业开办政策执行，以当期公布的政策为准。"),
            ("公章丢了怎么办？",
             "先发布遗失声明，必要时向公安机关报案，再选择刻章企业补刻，补刻的印章同样由刻章企业报公安机关备案。"),
            ("可以自己找刻章店吗？",
             "可以，自主选择经公安机关备案的印章刻制企业即可，刻制后由刻章企业向公安机关备案，单位不用再跑公安机关。"),
        ],
    ),
]

# ---------------------------------------------------------------------------------------------------------
# 工程建设 — 建设项目审批处 and the construction, planning, environment and utility departments

BUILDING_ITEMS = [
    item(
        25, owner=JS, competent=ECO, implementing=BUREAU, place=BUILDING_WINDOWS,
        name="建设项目环境影响报告表审批", item_type="licensing",
        summary="依法应当编制环境影响报告表的建设项目，建设单位应当在开工建设前将环境影响报告表报有审批权的部门审批。",
        acceptance_conditions="1. 建设项目类别依《建设项目环境影响评价分类管理名录》应当编制环境影响报告表；\n"
                              "2. 环境影响报告表由建设单位自行或者委托技术单位编制，内容符合技术导则要求；\n"
                              "3. 项目符合生态环境分区管控、产业政策和相关规划。",
        review_criteria="组织技术评估，审查项目选址、污染防治措施和环境风险防范措施是否可行，污染物排放是否符合国家和地方标准。",
        statutory_days=30, promised_days=10, extra_procedures=["技术评估"],
        legal_bases=[
            S("中华人民共和国环境影响评价法", "第二十二条",
              "审批部门应当自收到环境影响报告书之日起六十日内，收到环境影响报告表之日起三十日内，分别作出审批决定并书面通知建设单位。"),
            I("建设项目环境保护管理条例", "", "规定建设项目环境影响评价文件的分类管理、审批要求和不予批准的情形。"),
        ],
        materials=[
            mat("建设项目环境影响报告表审批申请"),
            mat("建设项目环境影响报告表（全本及公开版）", dual=True),
            mat("项目核准、备案文件", "department", NDRC, condition="已取得核准或者备案的"),
            licence(),
            proxy(),
        ],
        steps=[
            step("受理", CLERK, 0),
            step("技术评估与审查", REVIEWER, 6, "技术评估时间按规定不计入审批时限"),
            step("审批决定", APPROVER, 3),
            step("公开与送达", CLERK, 1, "审批决定依法公开"),
        ],
        form_schema=ent_fields(
            fld("project_name", "建设项目名称", "text", max_length=100),
            fld("project_address", "建设地点", "text", max_length=200),
            fld("investment", "总投资（万元）", "decimal", min=0),
            fld("industry_category", "行业类别", "text", max_length=60),
        ),
        themes=legal("工程建设"),
        faqs=[
            ("项目到底要做环评报告书、报告表还是登记表？",
             "按照《建设项目环境影响评价分类管理名录》确定：可能造成重大环境影响的编制报告书，轻度影响的编制报告表，影响很小的填报登记表（备案即可）。"),
            ("环评没批下来能先开工吗？",
             "不能。依法应当进行环境影响评价的建设项目，环评文件未经批准的，建设单位不得开工建设。"),
        ],
    ),
    item(
        26, owner=JS, competent=NR, implementing=BUREAU, place=BUILDING_WINDOWS,
        name="建设用地规划许可证核发", item_type="licensing",
        summary="以出让方式取得国有土地使用权的建设项目，在签订国有土地使用权出让合同后领取建设用地规划许可证；以划拨方式提供国有土地使用权的，"
                "建设单位在报送有关部门批准或者核准前，应当申请核发选址意见书并办理建设用地规划许可。",
        acceptance_conditions="1. 项目已取得批准、核准或者备案文件；\n2. 以出让方式取得土地的，已签订国有土地使用权出让合同，规划条件已纳入出让合同；\n"
                              "3. 用地位置、面积和允许建设的范围符合控制性详细规划。",
        review_criteria="审查用地位置、面积、规划条件与控制性详细规划和出让合同的一致性。",
        statutory_days=20, promised_days=5,
        legal_bases=[
            S("中华人民共和国城乡规划法", "第三十八条",
              "以出让方式取得国有土地使用权的建设项目，建设单位在取得建设项目的批准、核准、备案文件和签订国有土地使用权出让合同后，"
              "向城市、县人民政府城乡规划主管部门领取建设用地规划许可证。"),
            I("江苏省城乡规划条例", "", "细化本省建设用地规划许可的程序和要求。"),
        ],
        materials=[
            mat("建设用地规划许可申请表"),
            mat("国有土地使用权出让合同", "department", NR, condition="以出让方式取得土地的", notes="通过部门信息共享获取。"),
            mat("项目批准、核准或者备案文件", "department", NDRC),
            mat("建设用地范围地形图"),
            proxy(),
        ],
        steps=[step("受理", CLERK, 0), step("审查", REVIEWER, 3), step("核发", APPROVER, 2)],
        form_schema=ent_fields(
            fld("project_name", "项目名称", "text", max_length=100),
            fld("land_location", "用地位置", "text", max_length=200),
            fld("land_area", "用地面积（平方米）", "decimal", min=0),
            fld("supply_method", "供地方式", "select", options=["出让", "划拨"]),
        ),
        themes=legal("工程建设"),
        faqs=[
            ("拿地之后第一个要办的规划手续是什么？",
             "出让用地在签订出让合同后即可申请建设用地规划许可证，可以与不动产权证书同步申请。"),
            ("用地规划许可证和工程规划许可证有什么不同？",
             "用地规划许可确定用地的位置、面积和规划条件；工程规划许可针对具体的建筑物、构筑物设计方案，在用地规划许可之后办理。"),
        ],
    ),
    item(
        27, owner=JS, competent=NR, implementing=BUREAU, place=BUILDING_WINDOWS,
        name="建设工程规划许可证核发", item_type="licensing",
        summary="在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设的，建设单位或者个人应当申请办理建设工程规划许可证。",
        acceptance_conditions="1. 已取得建设用地规划许可证或者不动产权证书；\n2. 建设工程设计方案符合控制性详细规划和规划条件；\n"
                              "3. 依法需要公示的设计方案已经批前公示，无需要处理的异议。",
        review_criteria="审查建设工程设计方案的总平面布局、建筑高度、容积率、退让、日照等是否符合规划条件和技术规定。",
        statutory_days=20, promised_days=10, extra_procedures=["批前公示"],
        legal_bases=[
            S("中华人民共和国城乡规划法", "第四十条",
              "在城市、镇规划区内进行建筑物、构筑物、道路、管线和其他工程建设的，建设单位或者个人应当向城市、县人民政府城乡规划主管部门"
              "或者省级人民政府确定的镇人民政府申请办理建设工程规划许可证。"),
            I("江苏省城乡规划条例", "", "细化本省建设工程规划许可的申请材料、审查内容和批前公示要求。"),
        ],
        materials=[
            mat("建设工程规划许可申请表"),
            mat("不动产权证书或者建设用地规划许可证", "license", "不动产权证书"),
            mat("建设工程设计方案（总平面图、单体方案图）", dual=True),
            mat("项目批准、核准或者备案文件", "department", NDRC),
            proxy(),
        ],
        steps=[
            step("受理", CLERK, 0),
            step("方案审查", REVIEWER, 6, "批前公示时间不计入审批时限"),
            step("审批决定", APPROVER, 3),
            step("核发", CLERK, 1),
        ],
        form_schema=ent_fields(
            fld("project_name", "项目名称", "text", max_length=100),
            fld("location", "建设位置", "text", max_length=200),
            fld("floor_area", "总建筑面积（平方米）", "decimal", min=0),
            fld("building_height", "建筑高度（米）", "decimal", min=0),
        ),
        themes=legal("工程建设"),
        delegate_to=[(SIP, "2025-01-01", SIP_BASIS), (SND, "2025-07-01", SND_BASIS)],
        faqs=[
            ("盖厂房要先办哪些规划手续？",
             "一般顺序是：建设用地规划许可证 → 建设工程规划许可证 → 建筑工程施工许可证。工程建设项目可通过工改系统并联办理。"),
            ("家里自建房要办规划许可吗？",
             "在城市、镇规划区内建设的，需要申请建设工程规划许可证；在乡、村庄规划区内建设的，申请乡村建设规划许可证。"),
            ("设计方案要公示吗？",
             "依法需要公示的建设工程设计方案，在审批前进行批前公示，公示时间不计入审批时限。"),
        ],
    ),
    item(
        28, owner=JS, competent=HOUSING, implementing=BUREAU, place=BUILDING_WINDOWS,
        name="建筑工程施工许可证核发", item_type="licensing",
        summary="建筑工程开工前，建设单位应当申请领取施工许可证。工程投资额在30万元以下或者建筑面积在300平方米以下的建筑工程，可以不申请办理施工许可证。",
        acceptance_conditions="1. 依法应当办理用地批准手续的，已经办理；\n2. 依法应当办理建设工程规划许可证的，已经取得；\n3. 已经确定施工企业；\n"
                              "4. 有满足施工需要的资金安排、施工图纸及技术资料；\n5. 有保证工程质量和安全的具体措施。",
        review_criteria="审查法定条件是否具备；施工许可与工程质量安全监督手续合并办理。",
        statutory_days=7, promised_days=3,
        legal_bases=[
            S("中华人民共和国建筑法", "第七条",
              "建筑工程开工前，建设单位应当按照国家有关规定向工程所在地县级以上人民政府建设行政主管部门申请领取施工许可证；"
              "国务院建设行政主管部门确定的限额以下的小型工程除外。"),
            I("中华人民共和国建筑法", "第八条",
              "规定申请领取施工许可证应当具备的条件，并规定建设行政主管部门应当自收到申请之日起七日内，对符合条件的申请颁发施工许可证。"),
            I("建筑工程施工许可管理办法", "",
              "工程投资额在30万元以下或者建筑面积在300平方米以下的建筑工程，可以不申请办理施工许可证；规定申请材料和审查程序。"),
        ],
        materials=[
            mat("建筑工程施工许可申请表"),
            mat("建设工程规划许可证", "license", "建设工程规划许可证"),
            mat("用地批准手续", "license", "不动产权证书"),
            mat("中标通知书", condition="依法必须进行招标的工程"),
            mat("施工合同"),
            mat("建设资金已经落实承诺书"),
            mat("保证工程质量和安全的具体措施", notes="含危险性较大的分部分项工程清单和安全管理措施。"),
            proxy(),
        ],
        steps=[step("受理", CLERK, 0), step("审查", REVIEWER, 2), step("核发", APPROVER, 1)],
        form_schema=ent_fields(
            fld("project_name", "工程名称", "text", max_length=100),
            fld("location", "建设地址", "text", max_length=200),
            fld("contract_price", "合同价格（万元）", "decimal", min=0),
            fld("floor_area", "建筑面积（平方米）", "decimal", min=0),
            fld("contractor_uscc", "施工企业统一社会信用代码", "uscc"),
        ),
        themes=legal("工程建设"),
        delegate_to=[(SIP, "2025-01-01", SIP_BASIS)],
        v2={"changes": {
            "change_note": "减材料：中标通知书通过苏州市公共资源交易中心交易平台数据共享获取，申请人无需提交。",
        }, "drop_materials": ["中标通知书"]},
        faqs=[
            ("装修店面要办施工许可证吗？",
             "工程投资额在30万元以下或者建筑面积在300平方米以下的建筑工程，可以不申请办理施工许可证；超过限额的装饰装修工程需要办理。"),
            ("施工许可证拿到后多久要开工？",
             "应当自领取施工许可证之日起三个月内开工；因故不能按期开工的，应当向发证机关申请延期，延期以两次为限，每次不超过三个月。"),
            ("办施工许可还要单独办质量安全监督手续吗？",
             "不用。工程质量安全监督手续已与施工许可合并办理。"),
        ],
    ),
    item(
        29, owner=HOUSING, competent=HOUSING, place=BUILDING_WINDOWS,
        name="建设工程消防验收", item_type="licensing",
        summary="国务院住房和城乡建设主管部门规定应当申请消防验收的特殊建设工程竣工后，建设单位应当向住房和城乡建设主管部门申请消防验收；"
                "其他建设工程实行竣工验收消防备案。",
        acceptance_conditions="1. 属于应当申请消防验收的特殊建设工程；\n2. 已完成工程竣工验收消防查验，并出具消防查验报告；\n"
                              "3. 工程按照经审查合格的消防设计文件施工完成。",
        review_criteria="审查申请材料，组织现场评定，对建筑类别、平面布置、防火分隔、安全疏散和消防设施等进行抽查、测试。",
        statutory_days=15, promised_days=10, extra_procedures=["现场评定"],
        legal_bases=[
            S("中华人民共和国消防法", "第十三条",
              "国务院住房和城乡建设主管部门规定应当申请消防验收的建设工程竣工，建设单位应当向住房和城乡建设主管部门申请消防验收；"
              "依法应当进行消防验收的建设工程，未经消防验收或者消防验收不合格的，禁止投入使用。"),
            I("建设工程消防设计审查验收管理暂行规定", "",
              "规定特殊建设工程消防验收的申请材料、现场评定和出具消防验收意见的程序与期限。"),
        ],
        materials=[
            mat("消防验收申请表"),
            mat("工程竣工验收消防查验报告", dual=True),
            mat("涉及消防的建设工程竣工图纸"),
            mat("特殊建设工程消防设计审查意见书", "department", HOUSING, notes="通过工改系统调取。"),
        ],
        steps=[
            step("受理", CLERK, 0),
            step("现场评定", REVIEWER, 6, "2名以上人员现场抽查、测试消防设施"),
            step("出具验收意见", APPROVER, 4),
        ],
        form_schema=ent_fields(
            fld("project_name", "工程名称", "text", max_length=100),
            fld("floor_area", "建筑面积（平方米）", "decimal", min=0),
            fld("building_category", "特殊建设工程类别", "text", max_length=60),
        ),
        themes=legal("工程建设"),
        faqs=[
            ("我们的项目要做消防验收还是消防备案？",
             "属于特殊建设工程（如大型人员密集场所、高层公共建筑等）的须申请消防验收；其他建设工程在竣工验收后办理消防验收备案。"),
            ("消防验收不合格怎么办？",
             "按消防验收意见书整改后重新申请；依法应当验收的工程，验收不合格的不得投入使用。"),
        ],
    ),
    item(
        30, owner=HOUSING, competent=HOUSING, place=BUILDING_WINDOWS,
        name="建设工程竣工验收备案", item_type="filing", handling="instant",
        summary="建设单位应当自建设工程竣工验收合格之日起15日内，将竣工验收报告和有关认可文件或者准许使用文件报建设行政主管部门备案。",
        acceptance_conditions="1. 工程已经竣工验收合格；\n2. 在竣工验收合格之日起15日内申请备案；\n3. 规划、消防等认可文件或者准许使用文件齐全。",
        review_criteria="验证备案文件齐全后在竣工验收备案表上签署文件收讫；发现违反工程质量管理规定行为的，责令停止使用，重新组织竣工验收。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("建设工程质量管理条例", "第四十九条",
              "建设单位应当自建设工程竣工验收合格之日起15日内，将建设工程竣工验收报告和规划、公安消防、环保等部门出具的认可文件或者准许使用文件"
              "报建设行政主管部门或者其他有关部门备案。"),
            I("房屋建筑和市政基础设施工程竣工验收备案管理办法", "", "规定竣工验收备案的文件和程序。"),
        ],
        materials=[
            mat("工程竣工验收备案表"),
            mat("工程竣工验收报告"),
            mat("规划核实意见", "department", NR),
            mat("消防验收意见或者消防验收备案凭证", "department", HOUSING),
            mat("施工单位签署的工程质量保修书"),
            mat("住宅质量保证书和住宅使用说明书", condition="商品住宅工程"),
        ],
        steps=[step("备案", CLERK, 0, "验证文件齐全，签署文件收讫")],
        form_schema=ent_fields(
            fld("project_name", "工程名称", "text", max_length=100),
            fld("acceptance_date", "竣工验收合格日期", "date"),
        ),
        themes=legal("工程建设"),
        faqs=[
            ("竣工验收后多久要备案？",
             "自竣工验收合格之日起15日内办理备案。"),
            ("备案要跑几个部门拿材料？",
             "不用跑。规划核实、消防验收等意见通过工改系统共享，建设单位在线提交其余材料即可。"),
        ],
    ),
    item(
        31, owner=JS, competent=HOUSING, implementing=BUREAU, place=BUILDING_WINDOWS,
        name="商品房预售许可", item_type="licensing",
        summary="房地产开发企业预售商品房，应当取得商品房预售许可证明。",
        acceptance_conditions="1. 已交付全部土地使用权出让金，取得土地使用权证书；\n2. 持有建设工程规划许可证；\n"
                              "3. 按提供预售的商品房计算，投入开发建设的资金达到工程建设总投资的百分之二十五以上，并已经确定施工进度和竣工交付日期；\n"
                              "4. 已按规定设立商品房预售资金监管账户。",
        review_criteria="审查预售条件，现场查勘工程形象进度。",
        statutory_days=10, promised_days=5, extra_procedures=["现场查勘"],
        legal_bases=[
            S("中华人民共和国城市房地产管理法", "第四十五条",
              "商品房预售应当已交付全部土地使用权出让金并取得土地使用权证书，持有建设工程规划许可证，投入开发建设的资金达到工程建设总投资的"
              "百分之二十五以上并已确定施工进度和竣工交付日期，并向县级以上人民政府房产管理部门办理预售登记，取得商品房预售许可证明。"),
            I("城市商品房预售管理办法", "", "规定商品房预售许可的申请材料和审查期限。"),
        ],
        materials=[
            mat("商品房预售许可申请表"),
            licence(),
            mat("房地产开发企业资质证书", "license", "房地产开发企业资质证书"),
            mat("不动产权证书", "license", "不动产权证书"),
            mat("建设工程规划许可证和施工许可证", "license", "建筑工程施工许可证"),
            mat("工程施工合同及关于施工进度的说明", dual=True),
            mat("商品房预售方案", notes="载明商品房的位置、面积、竣工交付日期等。"),
        ],
        steps=[
            step("受理", CLERK, 0),
            step("审查与现场查勘", REVIEWER, 3, "2名以上人员现场查勘工程形象进度"),
            step("许可决定", APPROVER, 2),
        ],
        form_schema=ent_fields(
            fld("project_name", "项目名称", "text", max_length=100),
            fld("presale_area", "预售面积（平方米）", "decimal", min=0),
            fld("units", "预售套数", "integer", min=1),
            fld("delivery_date", "竣工交付日期", "date"),
        ),
        themes=legal("工程建设", "经营发展"),
        faqs=[
            ("怎么查楼盘有没有预售证？",
             "可以在本市住建部门网站或者售楼处公示栏查询商品房预售许可信息；没有预售许可的商品房不得预售。"),
            ("工程进度要到什么程度才能申请预售？",
             "投入开发建设的资金须达到工程建设总投资的百分之二十五以上，并已确定施工进度和竣工交付日期；本市对形象进度另有要求的从其规定。"),
        ],
    ),
    item(
        32, owner=JS, competent=WATER, implementing=BUREAU, place=BUILDING_WINDOWS,
        name="城镇污水排入排水管网许可", item_type="licensing",
        summary="从事工业、建筑、餐饮、医疗等活动的企业事业单位、个体工商户（排水户）向城镇排水设施排放污水的，应当申请领取污水排入排水管网许可证。",
        acceptance_conditions="1. 排放口的设置符合城镇排水与污水处理规划的要求；\n2. 按照规定建设了预处理设施，如餐饮业的隔油池等；\n"
                              "3. 排放的污水符合国家或者地方规定的有关排放标准；\n4. 列入重点排污单位名录的，已安装主要水污染物排放自动监测设备。",
        review_criteria="审查排水户内部排水设施、预处理设施和排放口设置，必要时现场核查。",
        statutory_days=20, promised_days=5,
        commitment_allowed=True,
        commitment_conditions="餐饮、洗浴、洗车等一般排水户书面承诺已按规定建设预处理设施、排放污水符合标准的，当场作出许可决定，许可后开展核查。",
        legal_bases=[
            S("城镇排水与污水处理条例", "第二十一条",
              "从事工业、建筑、餐饮、医疗等活动的企业事业单位、个体工商户向城镇排水设施排放污水的，应当向城镇排水主管部门申请领取污水排入排水管网许可证。"),
            I("城镇污水排入排水管网许可管理办法", "", "规定排水许可的申请条件、材料、审查和许可证管理。"),
        ],
        materials=[
            mat("城镇污水排入排水管网许可申请表"),
            licence(),
            mat("排水户内部排水管网、专用检测井、污水排放口位置和口径的图纸及说明"),
            mat("预处理设施说明", condition="按规定需要建设预处理设施的"),
            mat("排水水质、水量检测报告", condition="列入重点排污单位名录的排水户", dual=True),
            mat("排水隐蔽工程竣工报告", condition="新建、改建、扩建建设工程的"),
        ],
        steps=[step("受理", CLERK, 0), step("审查", REVIEWER, 3), step("许可决定", APPROVER, 2)],
        form_schema=ent_fields(
            fld("discharge_type", "排水类别", "select", options=["餐饮", "洗浴", "洗车", "医疗", "工业", "建筑施工", "其他"]),
            fld("daily_volume", "日均排水量（立方米）", "decimal", min=0),
            fld("address", "排水地址", "text", max_length=200),
        ),
        themes=legal("准入准营", "工程建设"),
        faqs=[
            ("开饭店还要办排水许可吗？",
             "要。餐饮店属于排水户，向市政管网排放污水应当办理排水许可，并按规定设置隔油池等预处理设施；可通过“开饭店一件事”一并申请。"),
            ("工地施工排水也要办吗？",
             "要。建筑施工产生的污水排入城镇排水设施的，施工单位应当申请排水许可，许可期限一般与施工工期相适应。"),
        ],
    ),
    item(
        33, owner=JS, competent=CITYMGMT, implementing=BUREAU, place=BUILDING_WINDOWS,
        name="城市道路占用挖掘许可", item_type="licensing",
        summary="因工程建设需要挖掘城市道路，或者因特殊情况需要临时占用城市道路的，须经市政工程行政主管部门和公安交通管理部门批准。"
                "本市实行一窗受理、联合审查。挖掘后的道路修复按规定由申请人承担。",
        acceptance_conditions="1. 挖掘城市道路的，持有城市规划部门批准签发的文件和有关设计文件；\n2. 占用、挖掘的位置、面积和期限合理，"
                              "有交通组织和安全防护方案；\n3. 新建、扩建、改建的城市道路交付使用后5年内、大修的城市道路竣工后3年内不得挖掘，"
                              "因特殊情况需要挖掘的须经县级以上城市人民政府批准。",
        review_criteria="会同公安交通管理部门审查占用挖掘方案、交通组织方案和修复方案。",
        statutory_days=20, promised_days=5,
        legal_bases=[
            S("城市道路管理条例", "",
              "因工程建设需要挖掘城市道路的，应当持城市规划部门批准签发的文件和有关设计文件，经市政工程行政主管部门和公安交通管理部门批准；"
              "因特殊情况需要临时占用城市道路的，须经市政工程行政主管部门和公安交通管理部门批准。"),
            I("中华人民共和国行政许可法", "第二十六条",
              "行政许可依法由地方人民政府两个以上部门分别实施的，本级人民政府可以确定一个部门受理申请并转告有关部门分别提出意见后统一办理，"
              "或者组织有关部门联合办理、集中办理。"),
        ],
        materials=[
            mat("城市道路占用挖掘申请表"),
            mat("规划批准文件和设计文件", "department", NR, condition="因工程建设挖掘城市道路的"),
            mat("施工方案及交通组织、安全防护方案", dual=True),
            mat("占用挖掘位置平面图"),
            proxy(),
        ],
        steps=[step("受理", CLERK, 0), step("联合审查", REVIEWER, 3, "与公安交通管理部门并联审查"), step("许可决定", APPROVER, 2)],
        form_schema=ent_fields(
            fld("road_name", "道路名称及路段", "text", max_length=100),
            fld("kind", "申请类别", "select", options=["挖掘", "临时占用", "挖掘并占用"]),
            fld("area", "面积（平方米）", "decimal", min=0),
            fld("start_date", "开始日期", "date"),
            fld("end_date", "结束日期", "date"),
        ),
        themes=legal("工程建设"),
        faqs=[
            ("店门口搭个临时展台要审批吗？",
             "临时占用城市道路（含人行道）开展活动的，需要申请城市道路占用许可，并按批准的位置、面积和期限使用。"),
            ("新修的路能挖吗？",
             "新建、扩建、改建的城市道路交付使用后5年内、大修的城市道路竣工后3年内不得挖掘；确需挖掘的须经市人民政府批准。"),
        ],
    ),
    item(
        34, owner=CITYMGMT, competent=CITYMGMT, place=GENERAL_WINDOWS,
        name="户外广告设施设置审批", item_type="licensing",
        summary="在城市建成区内设置大型户外广告设施，应当经市容环境卫生主管部门同意后按照有关规定办理审批手续。店招标牌按本市有关规定另行管理。",
        acceptance_conditions="1. 设置位置符合本市户外广告设施设置规划；\n2. 设施的规格、样式、色彩与周边环境相协调；\n"
                              "3. 设施结构安全，有安全检测或者设计证明；\n4. 取得设置场地产权人或者管理人的同意。",
        review_criteria="审查设置位置、设施形式和结构安全，必要时现场踏勘。",
        statutory_days=20, promised_days=5,
        legal_bases=[
            S("城市市容和环境卫生管理条例", "",
              "在城市中设置户外广告、标语牌、画廊、橱窗等，应当内容健康、外型美观，并定期维修、油饰或者拆除；大型户外广告的设置必须征得城市人民政府"
              "市容环境卫生行政主管部门同意后，按照有关规定办理审批手续。"),
            I("江苏省城市市容和环境卫生管理条例", "", "细化本省户外广告设施设置的规划、审批和管理要求。"),
        ],
        materials=[
            mat("户外广告设施设置申请表"),
            licence(),
            mat("设置地点实景照片和设施效果图", formats=["pdf", "jpg", "png"]),
            mat("设置场地产权人或者管理人同意设置的证明"),
            mat("设施结构安全检测报告或者设计图纸", condition="设置大型户外广告设施的", dual=True),
        ],
        steps=[step("受理", CLERK, 0), step("审查与踏勘", REVIEWER, 3), step("审批决定", APPROVER, 2)],
        form_schema=ent_fields(
            fld("location", "设置地点", "text", max_length=200),
            fld("facility_type", "设施形式", "select", options=["大型立柱广告", "楼顶广告", "墙面广告", "电子显示屏", "其他"]),
            fld("area", "广告面积（平方米）", "decimal", min=0),
            fld("duration_months", "设置期限（月）", "integer", min=1, max=60),
        ),
        themes=legal("经营发展"),
        faqs=[
            ("店门口挂个招牌要审批吗？",
             "店招标牌按本市有关规定另行管理，不属于本事项；在楼顶、墙面设置大型户外广告的，需要申请户外广告设施设置审批。"),
            ("户外广告批了能挂多久？",
             "按批准的设置期限执行，期满需要继续设置的，应当在期满前重新申请。"),
        ],
    ),
    item(
        35, owner=ECO, competent=ECO, place=BUILDING_WINDOWS,
        name="排污许可", item_type="licensing",
        summary="依照法律规定实行排污许可管理的企业事业单位和其他生产经营者，应当申请取得排污许可证；未取得排污许可证的，不得排放污染物。"
                "实行重点管理的审批期限为30日（需要现场核查的45日），实行简化管理的为20日；本目录按重点管理的期限登记。",
        acceptance_conditions="1. 依法取得建设项目环境影响报告书（表）批准文件，或者已经办理环境影响登记表备案手续；\n"
                              "2. 污染物排放符合污染物排放标准要求，重点污染物排放符合排污许可证申请与核发技术规范、环境影响报告书（表）批准文件、"
                              "重点污染物排放总量控制要求；\n3. 采用污染防治设施可以达到许可排放浓度要求或者符合污染防治可行技术；\n"
                              "4. 自行监测方案的监测点位、指标、频次等符合国家自行监测规范。",
        review_criteria="依据排污许可证申请与核发技术规范审查申请材料，需要时进行现场核查。",
        statutory_days=30, promised_days=15, extra_procedures=["现场核查"],
        legal_bases=[
            S("中华人民共和国环境保护法", "第四十五条",
              "国家依照法律规定实行排污许可管理制度；实行排污许可管理的企业事业单位和其他生产经营者应当按照排污许可证的要求排放污染物；"
              "未取得排污许可证的，不得排放污染物。"),
            S("排污许可管理条例", "第二条",
              "依照法律规定实行排污许可管理的排污单位，应当依照本条例规定申请取得排污许可证；未取得排污许可证的，不得排放污染物。"),
            I("排污许可管理条例", "第十二条",
              "对实行排污许可简化管理的排污单位，审批部门应当自受理申请之日起20日内作出审批决定；对实行排污许可重点管理的，自受理申请之日起"
              "30日内作出审批决定，需要进行现场核查的，自受理申请之日起45日内作出审批决定。"),
        ],
        materials=[
            mat("排污许可证申请表", notes="通过全国排污许可证管理信息平台填报。"),
            mat("自行监测方案"),
            mat("守法承诺书", notes="由法定代表人或者主要负责人签字或者盖章。"),
            mat("排污口和监测孔规范化设置情况说明"),
            mat("建设项目环境影响评价审批文件或者备案凭证", "department", ECO, condition="属于新建、改建、扩建项目的"),
            mat("重点污染物排放总量指标来源说明", condition="实行重点污染物排放总量控制的", dual=True),
            licence(),
        ],
        steps=[
            step("受理", CLERK, 0),
            step("技术审查", REVIEWER, 8, "对照技术规范审查许可排放量、排放浓度和自行监测方案"),
            step("现场核查", REVIEWER, 4, "需要时由2名以上人员现场核查"),
            step("审批决定", APPROVER, 3),
        ],
        form_schema=ent_fields(
            fld("management_level", "管理类别", "select", options=["重点管理", "简化管理"]),
            fld("industry_category", "行业类别", "text", max_length=60),
            fld("outlet_count", "排放口数量", "integer", min=0),
            fld("is_new_project", "是否新建、改建、扩建项目", "boolean"),
        ),
        themes=legal("准入准营", "工程建设"),
        delegate_to=[(SIP, "2026-01-01", SIP_BASIS)],
        v2={"changes": {
            "promised_days": 12,
            "tolerance_allowed": True,
            "tolerance_conditions": "申请表、自行监测方案和守法承诺书齐全，排污口规范化设置情况说明等次要材料暂缺的，申请人书面承诺在10个工作日内补齐后"
                                    "可先行受理；逾期未补齐的视为撤回申请。",
            "steps": [
                step("受理", CLERK, 0),
                step("技术审查", REVIEWER, 6, "对照技术规范审查许可排放量、排放浓度和自行监测方案"),
                step("现场核查", REVIEWER, 3, "需要时由2名以上人员现场核查"),
                step("审批决定", APPROVER, 3),
            ],
            "change_note": "实行容缺受理；承诺办结时限由15个工作日压缩至12个工作日。",
        }},
        faqs=[
            ("我们厂要办排污许可证还是做排污登记？",
             "按《固定污染源排污许可分类管理名录》确定：污染物产生量、排放量较大的实行重点管理或者简化管理，须申领排污许可证；"
             "影响很小的只需在全国排污许可证管理信息平台填报排污登记表。"),
            ("排污许可证有效期几年？",
             "排污许可证有效期为5年，需要继续排放污染物的，应当在有效期届满前按规定申请延续。"),
            ("没拿到排污许可证能先生产吗？",
             "不能。实行排污许可管理的单位未取得排污许可证的，不得排放污染物。"),
        ],
    ),
    item(
        36, owner=NR, competent=NR, place=PERSONAL_WINDOWS,
        name="存量房买卖转移登记", item_type="confirmation", online_depth=3, visits=1,
        summary="买卖二手房（存量房）的，买卖双方共同申请不动产转移登记。本市实行交易、税收、登记“一窗受理、并行办理”，登记完成后可领取电子不动产权证书。",
        acceptance_conditions="1. 房屋已依法登记，权属清楚，不存在查封、异议登记等限制转移的情形；\n2. 已签订并网签存量房买卖合同；\n"
                              "3. 已依法缴纳有关税费；\n4. 买卖双方共同申请，或者委托代理人申请。",
        review_criteria="查验申请人身份、不动产权属状况、网签合同和完税信息，需要时进行实地查看。",
        statutory_days=30, promised_days=3, free_of_charge=False, extension_days=0,
        fees=[{"name": "不动产登记费（住宅类）", "standard": "80元/件（含第一本不动产权证书工本费）",
               "basis": "《中华人民共和国民法典》第二百二十三条；国家发展改革委、财政部《关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）"}],
        legal_bases=[
            S("中华人民共和国民法典", "第二百零九条",
              "不动产物权的设立、变更、转让和消灭，经依法登记，发生效力；未经登记，不发生效力，但是法律另有规定的除外。"),
            I("不动产登记暂行条例", "第二十条",
              "不动产登记机构应当自受理登记申请之日起30个工作日内办结不动产登记手续，法律另有规定的除外。"),
            I("中华人民共和国民法典", "第二百二十三条", "不动产登记费按件收取，不得按照不动产的面积、体积或者价款的比例收取。"),
        ],
        materials=[
            mat("不动产登记申请书"),
            id_card("买卖双方"),
            mat("不动产权属证书", "license", "不动产权证书"),
            mat("存量房买卖合同", "department", HOUSING, notes="通过网签备案系统获取，申请人无需另交。"),
            mat("完税信息", "department", "国家税务总局苏州市税务局", notes="税务部门完税信息共享获取。"),
            proxy(),
        ],
        steps=[
            step("一窗受理", CLERK, 0, "交易、税收、登记一窗受理，核验身份"),
            step("登记审核", REVIEWER, 2, "查验权属状况和限制情况"),
            step("登簿发证", APPROVER, 1, "记载于不动产登记簿并发放电子证书"),
        ],
        form_schema=[
            fld("seller_name", "出卖人姓名（名称）", "text", max_length=100),
            fld("buyer_name", "买受人姓名（名称）", "text", max_length=100),
            fld("buyer_id", "买受人身份证件号码", "id_number"),
            fld("certificate_no", "不动产权证书号", "text", max_length=60),
            fld("property_address", "房屋坐落", "text", max_length=200),
            fld("price", "成交价格（元）", "money", min=0),
            fld("phone", "联系电话", "phone"),
        ],
        themes=personal("居住"),
        faqs=[
            ("买二手房过户要多久？",
             "法定时限为30个工作日，本市承诺3个工作日内办结；交易、缴税、登记一窗受理，材料齐全的最快当天可办结。"),
            ("过户要交哪些费用？",
             "登记费住宅类80元/件（含第一本证书工本费）；另按规定缴纳契税、增值税、个人所得税等税款，以税务部门核定为准。"),
            ("卖房的人在外地，能不能不来现场？",
             "可以委托代理人办理，须提交经公证的授权委托书；也可以通过网上“不见面”方式完成身份核验和签字，以登记机构的具体安排为准。"),
        ],
    ),
    item(
        37, owner=GRID, competent=NDRC, implementing=GRID, place={"halls": [], "windows": []},
        name="充电桩报装", item_type="public_service", online_depth=4, visits=0,
        summary="居民在自有或者长期租用的固定车位安装电动汽车充电设施，向供电企业申请新装用电。供电企业负责答复供电方案、装表接电；"
                "表后线路和充电设施由用户自行委托安装。可通过“网上国网”App或供电营业厅办理。",
        acceptance_conditions="1. 申请人拥有固定车位的产权，或者租用期限一年以上；\n2. 车位具备安装条件，所在小区有物业服务企业的，物业配合提供安装条件；\n"
                              "3. 申请人已购买或者已预订电动汽车。",
        review_criteria="现场勘查车位和配电条件，确定供电方案；受电工程检验合格后装表接电。",
        statutory_days=3, promised_days=3, extension_days=0,
        legal_bases=[
            S("中华人民共和国电力法", "第二十六条",
              "供电营业区内的供电营业机构，对本营业区内的用户有按照国家规定供电的义务；不得违反国家规定对其营业区内申请用电的单位和个人拒绝供电；"
              "申请新装用电、临时用电、增加用电容量、变更用电和终止用电，应当依照规定的程序办理手续。"),
            I("供电营业规则", "", "规定用户新装、增容用电的申请、供电方案答复和装表接电等业务办理程序。"),
            I("供电监管办法", "", "对供电企业办理用电业务的期限和服务质量实施监管。"),
        ],
        materials=[
            id_card("用电人"),
            mat("车位产权证明或者租赁合同", notes="租赁的，租赁期限应当在一年以上。", formats=["pdf", "jpg"]),
            mat("物业服务企业同意使用或者配合安装的证明", condition="所在小区有物业服务企业的", formats=["pdf", "jpg"]),
            mat("电动汽车购车合同或者机动车行驶证", "license", "机动车行驶证"),
        ],
        steps=[
            step("受理", CLERK, 0, "线上受理申请"),
            step("现场勘查与供电方案答复", REVIEWER, 1),
            step("装表接电", APPROVER, 2, "受电工程检验合格后装表接电"),
        ],
        form_schema=person_fields(
            fld("community", "小区名称", "text", max_length=100),
            fld("parking_space", "车位号", "text", max_length=30),
            fld("ownership", "车位权属", "select", options=["自有产权", "租赁一年以上"]),
            fld("charger_power", "充电桩功率（千瓦）", "decimal", min=0, max=22),
        ),
        themes=personal("出行", "居住"),
        faqs=[
            ("小区物业不让装充电桩怎么办？",
             "按照国家和本省有关规定，物业服务企业应当配合业主安装充电设施；无正当理由阻挠的，可以向所在街道、社区或者拨打12345反映。"),
            ("装充电桩要花多少钱？",
             "电表及表前线路由供电公司负责；表后线路和充电桩由用户自行购买、委托安装，很多车企随车赠送充电桩及安装服务。"),
            ("没有固定车位能申请吗？",
             "不能单独报装。没有固定车位的，可以使用小区或者附近的公共充电设施。"),
        ],
    ),
]

# ---------------------------------------------------------------------------------------------------------
# 个人 · 从出生到身后 — 卫健、公安、人社、医保、教育、民政、公积金

PERSONAL_ITEMS = [
    item(
        38, owner=HEALTH, competent=HEALTH, place={"halls": [], "windows": []},
        name="出生医学证明签发", item_type="public_service", handling="instant", online_depth=3, visits=1,
        summary="新生儿在本市具有助产技术服务资质的医疗机构出生的，由出生医疗机构签发《出生医学证明》；可同时申领电子出生医学证明，"
                "并通过“出生一件事”联办户口登记、医保参保等事项。",
        acceptance_conditions="1. 新生儿在本市具有助产技术服务资质的医疗机构出生；\n2. 由新生儿父母或者监护人申请；\n"
                              "3. 新生儿姓名已确定（未确定的可在出院前补填）。",
        review_criteria="核对新生儿出生信息和父母身份信息，信息一致的当场签发。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("中华人民共和国母婴保健法", "第二十三条",
              "医疗保健机构和从事家庭接生的人员按照国务院卫生行政部门的规定，出具统一制发的新生儿出生医学证明。"),
            I("中华人民共和国母婴保健法实施办法", "", "规定出生医学证明的出具和管理。"),
        ],
        materials=[
            id_card("新生儿父母"),
            mat("新生儿出生信息", "department", "出生医疗机构（助产机构）", notes="由医疗机构信息系统生成，申请人无需提交。"),
            proxy(),
        ],
        steps=[step("核对签发", CLERK, 0, "核对出生信息和父母身份，当场签发")],
        form_schema=[
            fld("baby_name", "新生儿姓名", "text", max_length=30),
            fld("baby_sex", "性别", "select", options=["男", "女"]),
            fld("birth_date", "出生日期", "date"),
            fld("mother_id", "母亲公民身份号码", "id_number"),
            fld("father_id", "父亲公民身份号码", "id_number", required=False),
            fld("phone", "联系电话", "phone"),
        ],
        themes=personal("出生"),
        faqs=[
            ("宝宝的出生证明在哪里办？",
             "在宝宝出生的医院办理，一般出院前就可以领取；也可以在医院或“出生一件事”平台申领电子出生医学证明。"),
            ("出生证明上的信息写错了能改吗？",
             "可以向原签发医疗机构申请变更，须提供能够证明正确信息的材料；已经落户的，还需要到派出所同步更正户籍信息。"),
            ("出生证明丢了怎么办？",
             "可以向原签发医疗机构申请补发，补发时须提供父母身份证明和新生儿户籍等材料。"),
        ],
    ),
    item(
        39, owner=POLICE, competent=POLICE, place=PERSONAL_WINDOWS,
        name="出生登记（新生儿落户）", item_type="confirmation", handling="instant",
        summary="婴儿出生后一个月以内，由户主、亲属、抚养人等向婴儿常住地户口登记机关申报出生登记。可通过“出生一件事”线上申请，无需到派出所。",
        acceptance_conditions="1. 新生儿已取得出生医学证明；\n2. 随父或者随母在其户籍所在地申报户口；\n3. 由户主、亲属、抚养人或者监护人申报。",
        review_criteria="核对出生医学证明、父母身份和户籍信息，符合条件的当场办理出生登记。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("中华人民共和国户口登记条例", "第七条",
              "婴儿出生后一个月以内，由户主、亲属、抚养人或者邻居向婴儿常住地户口登记机关申报出生登记。"),
            I("中华人民共和国户口登记条例", "",
              "户口登记工作由各级公安机关主管；城市和设有公安派出所的镇，以公安派出所管辖区为户口管辖区。"),
        ],
        materials=[
            mat("出生医学证明", "license", "出生医学证明"),
            id_card("父母双方"),
            mat("落户地居民户口簿", "license", "居民户口簿"),
            mat("父母结婚证", "license", "结婚证", condition="父母已登记结婚的"),
        ],
        steps=[step("审核登记", CLERK, 0, "核对信息，当场办理出生登记"), step("签发户口页", APPROVER, 0)],
        form_schema=[
            fld("baby_name", "新生儿姓名", "text", max_length=30),
            fld("birth_cert_no", "出生医学证明编号", "text", max_length=20),
            fld("follow", "随父或随母落户", "select", options=["随父", "随母"]),
            fld("household_head_id", "户主公民身份号码", "id_number"),
            fld("phone", "联系电话", "phone"),
        ],
        themes=personal("出生"),
        faqs=[
            ("孩子出生多久内要上户口？",
             "应当在出生后一个月以内申报出生登记；超过一个月的仍可办理，但须说明情况。"),
            ("孩子能跟妈妈落户吗？",
             "可以。新生儿可以随父或者随母在其户籍所在地申报落户。"),
            ("给宝宝上户口要去派出所吗？",
             "不用。通过“出生一件事”线上提交，审核通过后户口簿户口页可邮寄到家。"),
        ],
    ),
    item(
        40, owner=MEDINS, competent=MEDINS, place=PERSONAL_WINDOWS,
        name="城乡居民基本医疗保险参保登记", item_type="public_service", handling="instant",
        summary="本市户籍及持有本市居住证的未成年人、在校学生、未就业居民等，可以参加城乡居民基本医疗保险。新生儿可通过“出生一件事”一并参保缴费。",
        acceptance_conditions="1. 具有本市户籍，或者持有本市居住证；\n2. 未参加职工基本医疗保险；\n3. 按规定缴纳个人缴费部分。",
        review_criteria="核验身份和参保状态，符合条件的即时完成参保登记。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("中华人民共和国社会保险法", "第二十五条",
              "国家建立和完善城镇居民基本医疗保险制度；城镇居民基本医疗保险实行个人缴费和政府补贴相结合。"),
            I("国务院关于整合城乡居民基本医疗保险制度的意见", "", "整合城镇居民基本医疗保险和新型农村合作医疗，建立统一的城乡居民基本医疗保险制度。"),
        ],
        materials=[
            id_card("参保人（监护人）"),
            mat("居民户口簿或者居住证", "license", "居民户口簿", notes="非本市户籍的提交居住证。"),
        ],
        steps=[step("参保登记", CLERK, 0, "核验身份，即时完成参保登记")],
        form_schema=person_fields(
            fld("insured_name", "参保人姓名", "text", max_length=30),
            fld("insured_id", "参保人公民身份号码", "id_number"),
            fld("category", "参保人员类别", "select", options=["新生儿", "未成年人", "在校学生", "未就业居民", "老年居民"]),
        ),
        themes=personal("出生", "就医"),
        faqs=[
            ("宝宝刚出生，医保怎么交？",
             "可以在“出生一件事”里一并办理参保缴费，也可以在医保经办窗口或者线上为宝宝参保。"),
            ("新生儿出生当年看病能报销吗？",
             "新生儿在规定时限内参保缴费的，自出生之日起享受医保待遇，具体时限以本市当年政策为准。"),
        ],
    ),
    item(
        41, owner=HEALTH, competent=HEALTH, place=PERSONAL_WINDOWS,
        name="生育登记", item_type="public_service", handling="instant",
        summary="本市实行生育登记服务制度，夫妻生育子女的，可以在线自主登记，无需审批。登记信息用于孕产期保健服务和有关政策衔接。",
        acceptance_conditions="1. 夫妻一方为本市户籍，或者双方均在本市居住；\n2. 已怀孕或者已生育子女。",
        review_criteria="核对夫妻双方身份和婚育信息，即时完成登记。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("中华人民共和国人口与计划生育法", "第十八条", "国家提倡适龄婚育、优生优育；一对夫妻可以生育三个子女。"),
            I("江苏省人口与计划生育条例", "", "规定本省生育登记服务制度。"),
        ],
        materials=[id_card("夫妻双方"), mat("结婚证", "license", "结婚证")],
        steps=[step("登记", CLERK, 0, "在线自主登记，即时办结")],
        form_schema=[
            fld("wife_id", "女方公民身份号码", "id_number"),
            fld("husband_id", "男方公民身份号码", "id_number"),
            fld("child_order", "本次生育为第几孩", "integer", min=1, max=9),
            fld("expected_date", "预产期", "date", required=False),
            fld("phone", "联系电话", "phone"),
        ],
        themes=personal("婚育"),
        faqs=[
            ("生孩子还要办准生证吗？",
             "不需要审批。本市实行生育登记服务制度，在线自主登记即可，即时办结。"),
            ("生育登记有什么用？",
             "登记后可以获得孕产期保健服务信息，并便于生育保险待遇等后续事项办理。"),
        ],
    ),
    item(
        42, owner=EDU, competent=EDU, place={"halls": [HALL], "windows": [f"{HALL}/1", f"{HALL}/2"]},
        name="义务教育新生入学登记", item_type="public_service", handling="instant",
        summary="适龄儿童入读小学一年级、小学毕业生升入初中，由父母或者其他法定监护人在规定时间内通过入学服务平台登记；登记结果按招生政策确定。",
        acceptance_conditions="1. 儿童达到入学年龄；\n2. 具有本市户籍，或者符合本市随迁子女入学条件；\n3. 在规定的登记时间内提交。",
        review_criteria="核验户籍、房产或者居住证等信息，登记信息即时受理，学位按当年招生政策分配。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("中华人民共和国义务教育法", "第十二条",
              "适龄儿童、少年免试入学；地方各级人民政府应当保障适龄儿童、少年在户籍所在地学校就近入学。"),
            I("中华人民共和国义务教育法", "第十一条",
              "凡年满六周岁的儿童，其父母或者其他法定监护人应当送其入学接受并完成义务教育。"),
        ],
        materials=[
            mat("儿童及监护人居民户口簿", "license", "居民户口簿"),
            mat("不动产权证书", "license", "不动产权证书", condition="按房产所在学区登记的"),
            mat("居住证", "license", "居住证", condition="非本市户籍随迁子女"),
        ],
        steps=[step("登记受理", CLERK, 0, "在线登记即时受理")],
        form_schema=[
            fld("child_name", "儿童姓名", "text", max_length=30),
            fld("child_id", "儿童公民身份号码", "id_number"),
            fld("stage", "入学阶段", "select", options=["小学一年级", "初中一年级"]),
            fld("guardian_name", "监护人姓名", "text", max_length=30),
            fld("residence_type", "入学依据", "select", options=["本市户籍", "本市房产", "随迁子女（居住证）"]),
            fld("phone", "联系电话", "phone"),
        ],
        themes=personal("教育"),
        faqs=[
            ("孩子几岁可以上小学？",
             "年满六周岁的儿童应当入学接受义务教育；具体以当年招生政策规定的出生日期区间为准。"),
            ("外地户口的孩子能在苏州上公办学校吗？",
             "符合本市随迁子女入学条件的，凭居住证等材料按规定登记，学位按当年招生政策安排。"),
        ],
    ),
    item(
        43, owner=EDU, competent=EDU, place=GENERAL_WINDOWS,
        name="教师资格认定", item_type="licensing", online_depth=3, visits=1,
        summary="申请幼儿园、小学、初级中学、高级中学和中等职业学校教师资格，在规定时间内向认定机构提出申请；本市按年度集中受理，网上报名、现场确认。",
        acceptance_conditions="1. 遵守宪法和法律，热爱教育事业，具有良好的思想品德；\n2. 具备规定的学历；\n3. 中小学教师资格考试合格；\n"
                              "4. 普通话水平达到规定等级；\n5. 体检合格。",
        review_criteria="核验学历、考试合格证明、普通话等级和体检结论，符合条件的予以认定。",
        statutory_days=30, promised_days=20,
        legal_bases=[
            S("中华人民共和国教师法", "第十三条",
              "中小学教师资格由县级以上地方人民政府教育行政部门认定；中等专业学校、技工学校的教师资格由县级以上地方人民政府教育行政部门组织有关主管部门认定。"),
            I("教师资格条例", "", "规定教师资格的分类、条件、认定程序，认定机构应当自受理期限终止之日起30日内作出是否认定的结论。"),
        ],
        materials=[
            id_card(),
            mat("学历证书", "license", "学历证书", notes="通过学信网数据核验。"),
            mat("中小学教师资格考试合格证明", "department", "教育部教育考试院", notes="通过考试系统数据共享获取。"),
            mat("普通话水平测试等级证书", "license", "普通话水平测试等级证书"),
            mat("体检合格证明", "department", "认定机构指定的县级以上医院"),
            mat("个人承诺书"),
        ],
        steps=[
            step("现场确认", CLERK, 0, "核验身份和原件"),
            step("资格审查", REVIEWER, 12),
            step("认定决定", APPROVER, 6),
            step("制证", CLERK, 2),
        ],
        form_schema=person_fields(
            fld("category", "申请资格种类", "select",
                options=["幼儿园", "小学", "初级中学", "高级中学", "中等职业学校", "中等职业学校实习指导"]),
            fld("subject", "任教学科", "text", max_length=30),
            fld("education", "最高学历", "select", options=["专科", "本科", "硕士研究生", "博士研究生"]),
        ),
        themes=personal("就业", "教育"),
        faqs=[
            ("考完教资笔试面试，什么时候能申请认定？",
             "考试合格证明有效期内，在本市每年公布的集中受理时间段网上报名，并按要求现场确认。"),
            ("教师资格认定要体检吗？",
             "需要。在认定机构指定的县级以上医院体检，体检合格方可认定。"),
        ],
    ),
    item(
        44, owner=HEALTH, competent=HEALTH, place=GENERAL_WINDOWS,
        name="医师执业注册", item_type="licensing",
        summary="取得医师资格的，向所在地县级以上卫生健康主管部门申请执业注册，取得医师执业证书后，在注册的执业地点、执业类别和执业范围内执业。"
                "医疗卫生机构可以为本机构的医师集体办理注册手续。",
        acceptance_conditions="1. 已取得医师资格；\n2. 有拟执业的医疗卫生机构；\n3. 不存在法律规定不予注册的情形。",
        review_criteria="核验医师资格和拟执业机构信息，除有不予注册情形外准予注册。",
        statutory_days=20, promised_days=5,
        legal_bases=[
            S("中华人民共和国医师法", "第十三条",
              "国家实行医师执业注册制度；取得医师资格的，可以向所在地县级以上地方人民政府卫生健康主管部门申请注册；除有不予注册的情形外，"
              "卫生健康主管部门应当自受理申请之日起二十个工作日内准予注册，发给医师执业证书。"),
            I("医师执业注册管理办法", "", "规定执业注册的申请材料、注册内容和变更注册。"),
        ],
        materials=[
            mat("医师执业注册申请审核表"),
            id_card(),
            mat("医师资格证书", "license", "医师资格证书"),
            mat("拟执业机构的聘用证明"),
            mat("培训考核合格证明", condition="取得医师资格后二年以上未注册的"),
        ],
        steps=[step("受理", CLERK, 0), step("审核", REVIEWER, 3), step("准予注册", APPROVER, 2)],
        form_schema=person_fields(
            fld("practice_category", "执业类别", "select", options=["临床", "中医", "口腔", "公共卫生"]),
            fld("practice_scope", "执业范围", "text", max_length=60),
            fld("institution", "拟执业机构", "text", max_length=100),
        ),
        themes=personal("就业"),
        faqs=[
            ("医师资格证拿到了，多久要去注册？",
             "没有强制期限，但取得医师资格后二年以上未注册的，申请注册时需要提交培训考核合格证明。"),
            ("换医院上班要重新注册吗？",
             "执业地点发生变化的，应当办理变更注册，全程网办。"),
        ],
    ),
    item(
        45, owner=HR, competent=HR, place=PERSONAL_WINDOWS,
        name="就业登记", item_type="public_service", handling="instant",
        summary="劳动者被用人单位招用的，由用人单位为劳动者办理就业登记；灵活就业、自主创业人员可以个人身份办理。就业登记是享受就业扶持政策的依据。",
        acceptance_conditions="1. 劳动者达到法定劳动年龄；\n2. 已与用人单位建立劳动关系，或者已实现灵活就业、自主创业。",
        review_criteria="核验劳动者身份和就业信息，即时完成登记。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("中华人民共和国就业促进法", "",
              "县级以上人民政府建立健全公共就业服务体系，公共就业服务机构为劳动者免费提供就业服务，办理就业、失业等事务。"),
            I("就业服务与就业管理规定", "",
              "国家实行劳动者就业登记制度和失业登记制度；劳动者被用人单位招用的，由用人单位为劳动者办理就业登记。"),
        ],
        materials=[
            id_card("劳动者"),
            mat("就业登记花名册", condition="用人单位批量办理的"),
        ],
        steps=[step("登记", CLERK, 0, "核验信息，即时办结")],
        form_schema=person_fields(
            fld("employer_uscc", "用人单位统一社会信用代码", "uscc", required=False),
            fld("employment_type", "就业形式", "select", options=["单位就业", "灵活就业", "自主创业"]),
            fld("start_date", "就业日期", "date"),
        ),
        themes=personal("就业") + legal("招聘用工"),
        faqs=[
            ("新招了员工要去哪里做就业登记？",
             "用人单位通过人社网上办事大厅或者“江苏智慧人社”即可办理，也可以到政务服务中心人社窗口办理，即时办结。"),
            ("打零工、跑外卖也能办就业登记吗？",
             "可以，灵活就业人员可以个人身份办理就业登记。"),
        ],
    ),
    item(
        46, owner=HR, competent=HR, place=PERSONAL_WINDOWS,
        name="失业保险金申领", item_type="payment", handling="instant",
        summary="符合条件的失业人员，可以向参保地经办机构申领失业保险金，领取期间同时享受职工基本医疗保险待遇。全程网办，即时办结。",
        acceptance_conditions="1. 失业前用人单位和本人已经缴纳失业保险费满一年；\n2. 非因本人意愿中断就业；\n3. 已经进行失业登记，并有求职要求。",
        review_criteria="核验参保缴费记录、中断就业原因和失业登记，符合条件的即时核定待遇。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("中华人民共和国社会保险法", "第四十五条",
              "失业人员失业前用人单位和本人已经缴纳失业保险费满一年、非因本人意愿中断就业、已经进行失业登记并有求职要求的，从失业保险基金中领取失业保险金。"),
            I("失业保险条例", "第十四条",
              "具备按规定参加失业保险并缴费满1年、非因本人意愿中断就业、已办理失业登记并有求职要求条件的失业人员，可以领取失业保险金。"),
        ],
        materials=[
            id_card(),
            mat("解除或者终止劳动关系的证明", "department", "原用人单位", notes="用人单位已通过系统报送的无需提交。"),
            mat("本人社会保障卡或者银行账户", "license", "社会保障卡"),
        ],
        steps=[step("审核核定", CLERK, 0, "核验条件并核定待遇，即时办结")],
        form_schema=person_fields(
            fld("separation_date", "离职日期", "date"),
            fld("separation_reason", "离职原因", "select",
                options=["劳动合同期满终止", "用人单位解除", "依法被迫解除（单位违法）", "单位破产、关闭", "其他"]),
        ),
        themes=personal("就业"),
        faqs=[
            ("被公司辞退了能领失业金吗？",
             "失业前单位和个人缴纳失业保险费满一年、办理了失业登记并有求职要求的，可以领取。"),
            ("失业金能领多久？",
             "累计缴费满1年不足5年的，最长12个月；满5年不足10年的，最长18个月；10年以上的，最长24个月。"),
            ("自己主动辞职能领吗？",
             "一般不能，因为须是非因本人意愿中断就业；但因单位未及时足额支付工资、未依法缴纳社保等原因依法解除劳动合同的，属于非本人意愿。"),
        ],
    ),
    item(
        47, owner=HR, competent=HR, place=ENTERPRISE_WINDOWS,
        name="社会保险登记（单位参保）", item_type="public_service", handling="instant",
        summary="用人单位应当自成立之日起三十日内申请办理社会保险登记。新开办企业可通过“企业开办”一件事同步完成，无需单独申请。",
        acceptance_conditions="1. 用人单位已依法成立，取得营业执照、登记证书或者单位印章；\n2. 在成立之日起三十日内申请。",
        review_criteria="核验单位登记信息，即时完成社会保险登记。",
        statutory_days=15, promised_days=0, extension_days=0,
        legal_bases=[
            S("中华人民共和国社会保险法", "第五十七条",
              "用人单位应当自成立之日起三十日内凭营业执照、登记证书或者单位印章，向当地社会保险经办机构申请办理社会保险登记；"
              "社会保险经办机构应当自收到申请之日起十五日内予以审核。"),
            I("社会保险费征缴暂行条例", "", "规定社会保险登记和社会保险费征缴的程序。"),
        ],
        materials=[licence(), id_card("经办人")],
        steps=[step("登记", CLERK, 0, "核验信息，即时办结")],
        form_schema=ent_fields(
            fld("established_date", "成立日期", "date"),
            fld("employee_count", "职工人数", "integer", min=0),
        ),
        themes=legal("准入准营", "纳税缴费", "招聘用工"),
        faqs=[
            ("新公司什么时候要办社保登记？",
             "自成立之日起三十日内。通过“企业开办”平台注册的企业，社保登记已同步完成。"),
            ("公司还没招人，要办社保登记吗？",
             "要办理单位社会保险登记；招用职工后，应当自用工之日起三十日内为职工申请办理社会保险登记。"),
        ],
    ),
    item(
        48, owner=HPF, competent=HPF, place=ENTERPRISE_WINDOWS,
        name="住房公积金单位缴存登记", item_type="public_service", handling="instant",
        summary="新设立的单位应当自设立之日起30日内办理住房公积金缴存登记，并自登记之日起20日内为本单位职工办理住房公积金账户设立手续。"
                "可通过“企业开办”一件事同步办理。",
        acceptance_conditions="1. 单位已依法设立；\n2. 在设立之日起30日内申请。",
        review_criteria="核验单位登记信息，即时完成缴存登记。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("住房公积金管理条例", "第十四条",
              "新设立的单位应当自设立之日起30日内向住房公积金管理中心办理住房公积金缴存登记，并自登记之日起20日内为本单位职工办理住房公积金账户设立手续。"),
            I("住房公积金管理条例", "第十五条", "单位录用职工的，应当自录用之日起30日内为职工办理住房公积金账户设立或者转移手续。"),
        ],
        materials=[licence(), id_card("经办人"), mat("单位住房公积金缴存登记表")],
        steps=[step("登记", CLERK, 0, "即时办结")],
        form_schema=ent_fields(
            fld("employee_count", "拟缴存职工人数", "integer", min=0),
            fld("contribution_rate", "单位缴存比例（%）", "decimal", min=5, max=12),
        ),
        themes=legal("准入准营", "纳税缴费", "招聘用工"),
        faqs=[
            ("公积金缴存比例可以自己定吗？",
             "可以在本市公布的比例区间内自主确定；单位和职工缴存比例一般不低于5%、不高于12%，以本市当年公布的标准为准。"),
            ("注册公司时已经勾选了公积金开户，还要再办吗？",
             "不用。通过“企业开办”平台勾选的，缴存登记已同步完成，只需为职工办理个人账户设立。"),
        ],
    ),
    item(
        49, owner=HPF, competent=HPF, place=PERSONAL_WINDOWS,
        name="住房公积金租房提取", item_type="public_service", handling="instant",
        summary="职工在本市租房自住且本人及配偶在本市无自有住房的，可以按规定提取住房公积金支付房租，全程网办，即时到账。",
        acceptance_conditions="1. 职工正常缴存住房公积金；\n2. 本人及配偶在本市无自有住房；\n3. 在本市租房自住；\n4. 本年度提取次数和额度未超过本市规定。",
        review_criteria="通过不动产登记信息核验无房情况，符合条件的即时准予提取。",
        statutory_days=3, promised_days=0, extension_days=0,
        legal_bases=[
            S("住房公积金管理条例", "第二十四条",
              "职工有购买、建造、翻建、大修自住住房，离休、退休，偿还购房贷款本息，房租超出家庭工资收入规定比例等情形之一的，可以提取住房公积金账户内的存储余额。"),
            I("住房公积金管理条例", "第二十五条",
              "住房公积金管理中心应当自受理申请之日起3日内作出准予提取或者不准提取的决定，并通知申请人。"),
        ],
        materials=[
            id_card("职工"),
            mat("无房情况", "department", NR, notes="通过不动产登记信息共享核验，申请人无需提交。"),
            mat("住房租赁合同", condition="按实际房租提取的", formats=["pdf", "jpg"]),
        ],
        steps=[step("核验审批", CLERK, 0, "线上核验，即时到账")],
        form_schema=person_fields(
            fld("rent_address", "租赁住房地址", "text", max_length=200),
            fld("monthly_rent", "月租金（元）", "money", min=0),
            fld("bank_card", "收款银行卡号", "text", max_length=30),
        ),
        themes=personal("居住"),
        faqs=[
            ("租房能取公积金吗？",
             "可以。本人及配偶在本市无自有住房、租房自住的，可以在线申请租房提取，即时到账。"),
            ("租房提取一年能取几次、取多少？",
             "按本市住房公积金管理中心公布的标准执行，可以按月、按季或者按年提取。"),
        ],
    ),
    item(
        50, owner=POLICE, competent=POLICE, place=PERSONAL_WINDOWS,
        name="居住证申领", item_type="confirmation", online_depth=3, visits=1,
        summary="离开常住户口所在地到本市居住半年以上，符合有合法稳定就业、合法稳定住所、连续就读条件之一的，可以申领居住证，享受居住地基本公共服务和便利。",
        acceptance_conditions="1. 在本市居住半年以上；\n2. 有合法稳定就业、合法稳定住所、连续就读三项条件之一；\n3. 已办理居住登记。",
        review_criteria="核验居住登记和就业、住所或者就读证明，符合条件的制作发放居住证。",
        statutory_days=15, promised_days=7,
        legal_bases=[
            S("居住证暂行条例", "第二条",
              "公民离开常住户口所在地，到其他城市居住半年以上，符合有合法稳定就业、合法稳定住所、连续就读条件之一的，可以依照本条例的规定申领居住证。"),
            I("居住证暂行条例", "第九条",
              "申领居住证，应当向居住地公安派出所或者受公安机关委托的社区服务机构提交本人居民身份证、本人相片以及居住地住址、就业、就读等证明材料；"
              "公安机关应当在规定期限内制作发放居住证。"),
        ],
        materials=[
            id_card(),
            mat("本人近期相片", formats=["jpg", "png"], notes="可在办理现场采集。"),
            mat("合法稳定就业、住所或者就读证明", notes="如劳动合同、营业执照、房屋租赁合同、不动产权证书或者学校出具的就读证明。"),
        ],
        steps=[step("受理采集", CLERK, 0, "核验材料并采集相片"), step("审核", REVIEWER, 3), step("制证发放", APPROVER, 4)],
        form_schema=person_fields(
            fld("address", "居住地址", "text", max_length=200),
            fld("basis", "申领条件", "select", options=["合法稳定就业", "合法稳定住所", "连续就读"]),
            fld("arrival_date", "来本市居住日期", "date"),
        ),
        themes=personal("居住"),
        faqs=[
            ("外地人在苏州住多久能办居住证？",
             "在本市居住半年以上，且有合法稳定就业、合法稳定住所、连续就读三项条件之一的，可以申领。"),
            ("居住证有什么用？",
             "持证人可以在居住地享受义务教育、基本公共就业服务、基本公共卫生服务等基本公共服务，并可按规定办理出入境证件、机动车登记等便利。"),
            ("居住证每年都要签注吗？",
             "要。在居住地连续居住的，应当在居住每满一年之日前一个月内办理签注手续，可以在线办理。"),
        ],
    ),
    item(
        51, owner=POLICE, competent=POLICE, place={"halls": [HALL], "windows": [f"{HALL}/20"]},
        name="普通护照签发", item_type="licensing", online_depth=3, visits=1,
        summary="中国公民因私出国，可以向公安机关出入境管理机构申请普通护照；内地居民可以在全国任一出入境管理机构申请。",
        acceptance_conditions="1. 具有中华人民共和国国籍；\n2. 不属于法律规定不予签发护照的情形。",
        review_criteria="核验申请人身份和申请材料，采集指纹和相片，符合条件的签发护照。",
        statutory_days=15, promised_days=7, extension_days=15, free_of_charge=False,
        fees=[{"name": "普通护照签发", "standard": "120元/本",
               "basis": "《中华人民共和国护照法》；国家发展改革委、财政部核定的出入境证件收费标准"}],
        legal_bases=[
            S("中华人民共和国护照法", "第五条",
              "公民因前往外国定居、探亲、学习、就业、旅行、从事商务活动等非公务原因出国的，由本人向公安机关出入境管理机构申请普通护照。"),
            I("中华人民共和国护照法", "第六条",
              "公安机关出入境管理机构应当自收到申请材料之日起十五日内签发普通护照；在偏远地区或者交通不便的地区或者因特殊情况，"
              "经护照签发机关负责人批准，签发时间可以延长至三十日。"),
        ],
        materials=[
            id_card(),
            mat("近期免冠彩色相片", notes="可在出入境窗口现场采集。", formats=["jpg"]),
            mat("监护人同意出境的意见及监护关系证明", condition="未满16周岁的申请人"),
        ],
        steps=[step("受理采集", CLERK, 0, "采集指纹和相片"), step("审核", REVIEWER, 4), step("签发", APPROVER, 2),
               step("制证送达", CLERK, 1, "可选择邮寄")],
        form_schema=person_fields(
            fld("purpose", "出境事由", "select", options=["旅游", "探亲访友", "学习", "商务", "就业", "定居"]),
            fld("first_time", "是否首次申请", "boolean"),
            fld("mailing_address", "证件邮寄地址", "text", required=False, max_length=200),
        ),
        themes=personal("出行"),
        faqs=[
            ("办护照要回户口所在地吗？",
             "不用。内地居民可以在全国任一出入境管理机构申请普通护照，本市政务服务中心20号窗口即可办理。"),
            ("办护照多少钱？多久能拿到？",
             "每本120元；法定期限为15日，本市承诺7个工作日内签发，可选择邮寄送达。"),
        ],
    ),
    item(
        52, owner=CIVIL, competent=CIVIL, place={"halls": [], "windows": []},
        name="结婚登记", item_type="confirmation", handling="instant", online_depth=2, visits=1,
        summary="要求结婚的男女双方应当亲自到婚姻登记机关申请结婚登记。可以网上预约登记时间，并选择颁证服务。",
        acceptance_conditions="1. 男女双方完全自愿；\n2. 男方年满二十二周岁，女方年满二十周岁；\n3. 双方均无配偶；\n"
                              "4. 双方不是直系血亲或者三代以内旁系血亲；\n5. 男女双方共同亲自到场。",
        review_criteria="审查双方身份证件和声明，符合结婚条件的当场予以登记，发给结婚证。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("中华人民共和国民法典", "第一千零四十九条",
              "要求结婚的男女双方应当亲自到婚姻登记机关申请结婚登记；符合法律规定的，予以登记，发给结婚证；完成结婚登记，即确立婚姻关系。"),
            I("婚姻登记条例", "",
              "规定结婚登记的申请、审查和登记程序；婚姻登记机关对符合结婚条件的当事人当场予以登记，发给结婚证。"),
        ],
        materials=[
            id_card("男女双方"),
            mat("本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明", form="original",
                notes="在婚姻登记机关现场签署。"),
        ],
        steps=[step("审查登记", CLERK, 0, "当场审查，符合条件的当场登记"), step("颁发结婚证", APPROVER, 0)],
        form_schema=[
            fld("groom_id", "男方公民身份号码", "id_number"),
            fld("bride_id", "女方公民身份号码", "id_number"),
            fld("appointment_date", "预约登记日期", "date"),
            fld("ceremony", "是否需要颁证仪式", "boolean", required=False),
            fld("phone", "联系电话", "phone"),
        ],
        themes=personal("婚育"),
        faqs=[
            ("领结婚证要带什么？",
             "男女双方本人有效身份证件，并在登记现场签署无配偶及无禁止结婚亲属关系的声明；具体以婚姻登记机关的告知为准。"),
            ("可以网上预约吗？",
             "可以网上预约登记日期和时段，但双方必须共同亲自到场办理，不能委托他人。"),
        ],
    ),
    item(
        53, owner=MEDINS, competent=MEDINS, place=PERSONAL_WINDOWS,
        name="异地就医备案", item_type="public_service", handling="instant",
        summary="本市参保人员异地长期居住或者临时外出就医的，办理异地就医备案后，可以在就医地的定点医药机构直接结算医疗费用。"
                "可通过国家医保服务平台App或者窗口办理，即时生效。",
        acceptance_conditions="1. 参加本市基本医疗保险，且处于正常享受待遇状态；\n2. 属于异地长期居住人员（异地安置退休、异地长期居住、常驻异地工作）"
                              "或者临时外出就医人员（异地转诊、因工作旅游等临时外出）。",
        review_criteria="核验参保状态和备案类型，即时完成备案。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("中华人民共和国社会保险法", "第二十九条",
              "参保人员医疗费用中应当由基本医疗保险基金支付的部分，由社会保险经办机构与医疗机构、药品经营单位直接结算；"
              "社会保险行政部门和卫生行政部门应当建立异地就医医疗费用结算制度。"),
            I("关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知", "", "国家医保局、财政部关于异地就医备案人员范围和备案方式的规定。"),
        ],
        materials=[
            id_card("参保人"),
            mat("异地就医备案个人承诺书", notes="线上办理时在线签署。"),
            mat("转诊证明", "department", "本市定点医疗机构", condition="办理异地转诊备案的"),
        ],
        steps=[step("备案", CLERK, 0, "即时生效")],
        form_schema=person_fields(
            fld("filing_type", "备案类型", "select",
                options=["异地安置退休", "异地长期居住", "常驻异地工作", "异地转诊", "其他临时外出就医"]),
            fld("destination", "就医地（省市）", "text", max_length=60),
            fld("start_date", "开始日期", "date"),
        ),
        themes=personal("就医", "养老"),
        faqs=[
            ("去外地看病要先备案吗？",
             "要。备案后才能在就医地直接结算；可以在国家医保服务平台App上自助备案，即时生效。"),
            ("退休了要去子女那边长住，医保怎么办？",
             "办理“异地长期居住”备案，备案后在居住地定点医院看病可以直接结算。"),
            ("临时出差生病，来不及备案怎么办？",
             "急诊抢救的可以先就医；在出院结算前补办备案的，可以直接结算，具体以就医地和本市医保规定为准。"),
        ],
    ),
    item(
        54, owner=HR, competent=HR, place=PERSONAL_WINDOWS,
        name="基本养老保险退休待遇申领", item_type="payment",
        summary="参加职工基本养老保险的个人，达到法定退休年龄且累计缴费达到最低缴费年限的，按月领取基本养老金。"
                "自2025年1月1日起逐步延迟法定退休年龄，职工可以自愿选择弹性提前或者弹性延迟退休。",
        acceptance_conditions="1. 达到法定退休年龄，或者符合弹性提前退休条件；\n2. 累计缴费年限达到最低缴费年限（2030年1月1日起由十五年逐步提高至二十年）；\n"
                              "3. 已办理退休申请。",
        review_criteria="核定出生日期、参保缴费年限和视同缴费年限，确认退休资格并计发基本养老金。",
        statutory_days=10, promised_days=10, extension_days=0,
        legal_bases=[
            S("中华人民共和国社会保险法", "第十六条",
              "参加基本养老保险的个人，达到法定退休年龄时累计缴费满十五年的，按月领取基本养老金。"),
            I("全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定", "",
              "自2025年1月1日起，用十五年时间逐步将男职工的法定退休年龄从六十周岁延迟至六十三周岁，女职工的法定退休年龄从五十周岁、五十五周岁"
              "分别延迟至五十五周岁、五十八周岁；从2030年1月1日起，将职工按月领取基本养老金最低缴费年限由十五年逐步提高至二十年；"
              "职工可以自愿选择弹性提前退休或者弹性延迟退休。"),
        ],
        materials=[
            id_card("参保人"),
            mat("退休申请表", notes="由用人单位或者本人在线提交。"),
            mat("档案中出生时间、参加工作时间等认定材料", "department", "档案保管机构", dual=True),
            mat("社会保障卡", "license", "社会保障卡"),
        ],
        steps=[
            step("受理", CLERK, 0),
            step("退休资格审核", REVIEWER, 5, "核定出生日期和缴费年限"),
            step("待遇核定", APPROVER, 5, "核定基本养老金并自次月发放"),
        ],
        form_schema=person_fields(
            fld("retirement_type", "退休类型", "select",
                options=["到龄退休", "弹性提前退休", "弹性延迟退休", "特殊工种提前退休", "因病或非因工致残提前退休"]),
            fld("planned_date", "申请退休日期", "date"),
        ),
        themes=personal("养老"),
        faqs=[
            ("我什么时候能退休？",
             "自2025年起法定退休年龄逐步延迟，具体按出生年月对照国家公布的对照表确定，可在“江苏智慧人社”查询。"),
            ("交满15年就能领养老金吗？",
             "2029年底前达到退休年龄的，累计缴费满15年即可；从2030年起最低缴费年限每年提高6个月，逐步提高到20年。"),
            ("退休手续是单位办还是自己办？",
             "有工作单位的由单位申报；灵活就业人员可以本人在线申请。"),
        ],
    ),
    item(
        55, owner=CIVIL, competent=CIVIL, place=PERSONAL_WINDOWS,
        name="高龄津贴申领", item_type="payment",
        summary="本市户籍达到规定年龄的老年人，可以按月领取高龄津贴，津贴标准按本市规定分年龄段确定。",
        acceptance_conditions="1. 具有本市户籍；\n2. 达到本市规定的享受高龄津贴的年龄；\n3. 本人或者家属在线或到窗口申请。",
        review_criteria="核验户籍和年龄信息，符合条件的核定津贴并按月发放。",
        statutory_days=10, promised_days=10, extension_days=0,
        legal_bases=[
            S("中华人民共和国老年人权益保障法", "", "国家鼓励地方建立八十周岁以上低收入老年人高龄津贴制度。"),
            I("江苏省老年人权益保障条例", "", "规定本省高龄津贴等老年人福利制度。"),
        ],
        materials=[
            id_card("老年人"),
            mat("居民户口簿", "license", "居民户口簿"),
            mat("本人社会保障卡或者银行账户", "license", "社会保障卡"),
            proxy(),
        ],
        steps=[step("受理", CLERK, 0), step("审核", REVIEWER, 6), step("核定发放", APPROVER, 4)],
        form_schema=person_fields(
            fld("elder_name", "老人姓名", "text", max_length=30),
            fld("elder_id", "老人公民身份号码", "id_number"),
            fld("relationship", "申请人与老人关系", "select", options=["本人", "子女", "配偶", "其他亲属"]),
        ),
        themes=personal("养老"),
        faqs=[
            ("我家老人满80岁了，高龄津贴要自己申请吗？",
             "要申请一次，可以由家属代办；审核通过后按月发放到老人的社会保障卡或者银行账户。"),
            ("高龄津贴每月多少钱？",
             "按本市规定分年龄段确定标准，年龄越大标准越高，以民政部门公布的当年标准为准。"),
        ],
    ),
    item(
        56, owner=CIVIL, competent=CIVIL, place=SOCIAL_WINDOWS,
        name="养老机构备案", item_type="filing", handling="instant",
        summary="养老机构依法办理登记后即可开展服务活动，并向县级以上人民政府民政部门备案。",
        acceptance_conditions="1. 已依法办理法人登记（营业执照或者民办非企业单位登记证书等）；\n2. 有与服务内容和规模相适应的场所、设施设备和人员；\n"
                              "3. 服务场所符合消防、卫生、环境保护等要求。",
        review_criteria="备案材料齐全的即时备案；备案后民政部门对养老机构进行现场检查。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("中华人民共和国老年人权益保障法", "",
              "设立公益性养老机构应当依法办理相应的登记，设立经营性养老机构应当在市场监督管理部门办理登记；养老机构登记后即可开展服务活动，"
              "并向县级以上人民政府民政部门备案。"),
            I("养老机构管理办法", "", "规定养老机构备案的材料、程序和备案后的监督检查。"),
        ],
        materials=[
            mat("养老机构备案书"),
            mat("法人登记证书", "license", "营业执照", notes="民办非企业单位提交民办非企业单位登记证书。"),
            mat("服务场所的自有产权证明或者租赁合同"),
            mat("养老机构承诺书", notes="承诺符合消防、卫生、环境保护等要求。"),
        ],
        steps=[step("备案", CLERK, 0, "材料齐全的即时备案")],
        form_schema=ent_fields(
            fld("institution_name", "养老机构名称", "text", max_length=100),
            fld("beds", "床位数", "integer", min=0),
            fld("address", "服务场所地址", "text", max_length=200),
        ),
        themes=legal("准入准营") + personal("养老"),
        faqs=[
            ("开养老院还要审批吗？",
             "不需要审批。依法登记后即可开展服务，并向民政部门备案，备案即时办结。"),
            ("备案以后民政部门会来检查吗？",
             "会。民政部门在备案后对养老机构的服务场所和条件进行现场检查。"),
        ],
    ),
    item(
        57, owner=HR, competent=HR, place=PERSONAL_WINDOWS,
        name="丧葬补助金和抚恤金申领", item_type="payment",
        summary="参加基本养老保险的个人因病或者非因工死亡的，其遗属可以申领丧葬补助金和抚恤金；可通过“身后一件事”与户口注销等事项一并办理。",
        acceptance_conditions="1. 死者生前参加本市基本养老保险；\n2. 因病或者非因工死亡；\n3. 由符合条件的遗属申领。",
        review_criteria="核验死亡信息、参保信息和申领人身份，按本市标准核定并发放。",
        statutory_days=5, promised_days=5, extension_days=0,
        legal_bases=[
            S("中华人民共和国社会保险法", "第十七条",
              "参加基本养老保险的个人，因病或者非因工死亡的，其遗属可以领取丧葬补助金和抚恤金。"),
            I("中华人民共和国社会保险法", "第十四条", "个人账户不得提前支取；个人死亡的，个人账户余额可以继承。"),
        ],
        materials=[
            mat("死亡信息", "department", "公安机关或者医疗卫生机构", notes="通过部门信息共享核验，无需另交死亡证明。"),
            id_card("申领人"),
            mat("申领人与死者关系证明", notes="如户口簿、结婚证、出生医学证明等。"),
            mat("收款银行账户"),
        ],
        steps=[step("受理", CLERK, 0), step("审核", REVIEWER, 3), step("核定发放", APPROVER, 2)],
        form_schema=person_fields(
            fld("deceased_name", "死者姓名", "text", max_length=30),
            fld("deceased_id", "死者公民身份号码", "id_number"),
            fld("relationship", "申领人与死者关系", "select", options=["配偶", "子女", "父母", "其他遗属"]),
        ),
        themes=personal("身后"),
        faqs=[
            ("老人去世了，养老保险个人账户里的钱怎么办？",
             "个人账户余额可以依法继承，可以与丧葬补助金、抚恤金一并申领。"),
            ("丧葬补助金和抚恤金能领多少？",
             "按本市规定的标准核定，抚恤金与缴费年限等因素相关，审核后一次性发放。"),
        ],
    ),
    item(
        58, owner=POLICE, competent=POLICE, place=PERSONAL_WINDOWS,
        name="死亡登记（户口注销）", item_type="confirmation", handling="instant",
        summary="公民死亡的，由户主、亲属等向户口登记机关申报死亡登记，注销户口。医疗机构已上传死亡信息的，可通过“身后一件事”线上办理。",
        acceptance_conditions="1. 公民已经死亡，有死亡证明或者死亡信息；\n2. 由户主、亲属、抚养人或者邻居申报。",
        review_criteria="核验死亡信息，当场注销户口。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("中华人民共和国户口登记条例", "第八条",
              "公民死亡，城市在葬前，农村在一个月以内，由户主、亲属、抚养人或者邻居向户口登记机关申报死亡登记，注销户口。"),
            I("中华人民共和国户口登记条例", "",
              "户口登记工作由各级公安机关主管；城市和设有公安派出所的镇，以公安派出所管辖区为户口管辖区。"),
        ],
        materials=[
            mat("居民死亡医学证明（推断）书", "department", "医疗卫生机构", notes="已通过系统上传的无需提交。"),
            id_card("申报人"),
            mat("死者居民户口簿", "license", "居民户口簿"),
        ],
        steps=[step("核验注销", CLERK, 0, "当场注销户口")],
        form_schema=person_fields(
            fld("deceased_name", "死者姓名", "text", max_length=30),
            fld("deceased_id", "死者公民身份号码", "id_number"),
            fld("death_date", "死亡日期", "date"),
        ),
        themes=personal("身后"),
        faqs=[
            ("家里老人去世了，户口要去哪里注销？",
             "可以通过“身后一件事”线上申请，也可以到户籍所在地派出所或者政务服务中心办理，当场注销。"),
            ("去世的人身份证要交回吗？",
             "注销户口时一并交回居民身份证；遗失的，申报时说明情况即可。"),
        ],
    ),
]

# ---------------------------------------------------------------------------------------------------------
# Items the 一件事 bundles (demo/bundle_data.py) need beyond the ones above.


def _compliance_item(no: int, dept: str, short: str, basis: dict, what: str) -> dict:
    """企业上市合法合规信息核查 at one department: a 证明 of no violation in its records over the reporting period."""
    return item(
        no, owner=dept, competent=dept, place=ENTERPRISE_WINDOWS,
        name=f"企业合法合规信息核查（{short}）", item_type="public_service",
        summary=f"拟上市企业申请{short}领域的合法合规信息核查，由{dept}核查其{what}方面的违法违规记录并出具核查意见。"
                "可通过“拟上市企业无违规证明”一件事一次申请、多部门同步核查、合并出具报告。",
        acceptance_conditions="1. 申请人为拟申请首次公开发行股票并上市的企业；\n2. 写明核查期间（一般为最近三年）。",
        review_criteria=f"查询本部门执法办案和信用系统中申请人在核查期间内的{what}违法违规记录。",
        statutory_days=10, promised_days=5, extension_days=0,
        legal_bases=[basis, I("国务院关于进一步优化政务服务提升行政效能推动“高效办成一件事”的指导意见", "国发〔2024〕3号",
                              "推动企业上市合法合规信息核查等重点事项“一件事”高效办理。")],
        materials=[mat("合法合规信息核查申请书"), licence()],
        steps=[step("核查", REVIEWER, 3, "查询违法违规记录"), step("出具意见", APPROVER, 2)],
        form_schema=ent_fields(fld("period", "核查期间", "text", max_length=60)),
        themes=legal("经营发展"),
        faqs=[(f"{short}核查要多久？", "承诺5个工作日内出具核查意见；通过一件事申请的，各部门同步核查，合并出具报告。"),
              ("核查期间怎么填？", "一般填写申报上市前最近三个完整会计年度及最近一期，如“2023年1月1日至2026年6月30日”。")],
    )


BUNDLE_ITEMS = [
    item(
        61, owner=TAX, competent=TAX, place=ENTERPRISE_WINDOWS,
        name="发票申领", item_type="public_service", handling="instant",
        summary="新办纳税人完成税务信息确认后，申请领用发票（含数电发票授信额度）。可通过“企业开办”一件事同步申请。",
        acceptance_conditions="1. 已依法办理设立登记并完成税务信息确认；\n2. 经办人已实名认证。",
        review_criteria="核验纳税人信息和经办人身份，按规定核定发票种类和授信额度。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("中华人民共和国发票管理办法", "第十五条",
              "需要领用发票的单位和个人，应当持设立登记证件或者税务登记证件，以及经办人身份证明，向主管税务机关办理发票领用手续。"),
            I("中华人民共和国发票管理办法实施细则", "", "规定发票领用的程序、种类和数量核定。"),
        ],
        materials=[licence(), id_card("经办人"), mat("发票领用申请表")],
        steps=[step("核定发放", CLERK, 0, "核定发票种类和授信额度，即时办结")],
        form_schema=ent_fields(
            fld("invoice_kind", "发票种类", "select", options=["数电发票（普通发票）", "数电发票（增值税专用发票）"]),
            fld("taxpayer_kind", "纳税人类型", "select", options=["小规模纳税人", "一般纳税人"]),
        ),
        themes=legal("准入准营", "纳税缴费"),
        faqs=[("新公司多久能开发票？", "通过“企业开办”一件事申请的，营业执照核发后即可同步完成税务信息确认和发票申领。"),
              ("数电发票还要领纸质发票吗？", "不需要。数电发票按授信额度开具，无需领用纸质发票。")],
    ),
    item(
        62, owner=PBC, competent=PBC, place=ENTERPRISE_WINDOWS,
        name="银行开户预约", item_type="public_service", handling="instant",
        summary="新开办企业选择开户银行并预约开立基本存款账户，银行凭预约信息联系企业办理，无需另行填报。",
        acceptance_conditions="1. 企业已提交设立登记申请；\n2. 选择一家在本市设有营业网点的银行。",
        review_criteria="将预约信息推送至所选银行网点。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("人民币银行结算账户管理办法", "第十一条",
              "企业法人、非法人企业、个体工商户等存款人可以申请开立基本存款账户。"),
            I("中国人民银行关于取消企业银行账户许可的通知", "银发〔2019〕41号", "企业银行账户由核准制改为备案制，银行为企业开立基本存款账户。"),
        ],
        materials=[mat("银行开户预约表")],
        steps=[step("推送预约", CLERK, 0, "即时推送至所选银行")],
        form_schema=ent_fields(fld("bank_name", "开户银行", "select", options=["中国工商银行", "中国农业银行", "中国银行",
                                                                         "中国建设银行", "苏州银行"]),
                               fld("branch", "开户网点", "text", max_length=60)),
        themes=legal("准入准营"),
        faqs=[("预约后还要去银行吗？", "开立基本存款账户需要银行核实意愿，银行会联系您约定时间，可上门或到网点办理。"),
              ("开户要交钱吗？", "开立基本存款账户不收取开户手续费，具体服务收费以银行公示为准。")],
    ),
    item(
        63, owner=ZR, competent=MARKET, implementing=BUREAU, place=ENTERPRISE_WINDOWS,
        name="企业迁移登记", item_type="licensing",
        summary="企业住所迁移至本市其他登记机关管辖区域的，向迁入地登记机关申请迁移登记，档案由系统自动调转。",
        acceptance_conditions="1. 企业住所迁移至其他登记机关管辖范围；\n2. 不存在被列入经营异常名录、严重违法失信名单等限制迁移的情形。",
        review_criteria="形式审查申请材料，核对迁出地档案信息。",
        statutory_days=3, promised_days=1, extension_days=3,
        legal_bases=[
            S("中华人民共和国市场主体登记管理条例", "第二十七条",
              "市场主体变更住所跨登记机关辖区的，应当在迁入新的住所前，向迁入地登记机关申请变更登记；迁出地登记机关无正当理由不得拒绝移交市场主体档案等相关材料。"),
            *_MARKET_REG_BASES[1:],
        ],
        materials=[mat("企业迁移登记申请书"), mat("新住所使用证明"), mat("股东会决议")],
        steps=[step("登记审查", REVIEWER, 1), step("核准", APPROVER, 0)],
        form_schema=ent_fields(fld("new_address", "迁入后住所", "text", max_length=200),
                               fld("old_registrar", "迁出地登记机关", "text", max_length=60)),
        themes=legal("经营发展"),
        faqs=[("迁移要去迁出地办手续吗？", "不用。向迁入地申请即可，档案由登记机关之间调转。"),
              ("迁移后营业执照号变吗？", "统一社会信用代码不变，换发载明新住所的营业执照。")],
    ),
    item(
        64, owner=TAX, competent=TAX, place=ENTERPRISE_WINDOWS,
        name="跨区域涉税事项迁移", item_type="public_service", handling="instant",
        summary="纳税人住所跨主管税务机关迁移的，办理涉税事项迁移，未结事项随户转移。",
        acceptance_conditions="1. 已办理或同步申请住所迁移登记；\n2. 无未申报、未缴款事项，或者承诺迁入后继续办理。",
        review_criteria="核查未结涉税事项，即时办理迁移。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("中华人民共和国税收征收管理法", "第十六条",
              "从事生产、经营的纳税人，税务登记内容发生变化的，自工商行政管理机关办理变更登记之日起三十日内，持有关证件向税务机关申报办理变更税务登记。"),
            I("税务登记管理办法", "", "规定纳税人住所变动涉及改变税务登记机关的迁移程序。"),
        ],
        materials=[licence(), mat("涉税事项迁移申请表")],
        steps=[step("迁移", CLERK, 0, "即时办结")],
        form_schema=ent_fields(fld("new_address", "迁入后住所", "text", max_length=200),
                               fld("pending_matters", "是否有未结涉税事项", "boolean")),
        themes=legal("经营发展", "纳税缴费"),
        faqs=[("迁移时有未交的税怎么办？", "可以承诺迁入后继续办理，未结事项随户转移至迁入地税务机关。"),
              ("发票要缴销吗？", "数电发票无需缴销；仍使用纸质发票的，迁移前办理验旧缴销。")],
    ),
    item(
        65, owner=ZR, competent=MARKET, implementing=BUREAU, place=ENTERPRISE_WINDOWS,
        name="个体工商户注销登记", item_type="licensing", handling="instant",
        summary="个体工商户不再从事经营活动的，申请注销登记；转型为企业的，可通过“个转企”一件事同步办理。",
        acceptance_conditions="1. 已结清债权债务；\n2. 无未办结的涉税事项。",
        review_criteria="形式审查，材料齐全的当场注销。",
        statutory_days=3, promised_days=0, extension_days=3,
        legal_bases=[
            S("促进个体工商户发展条例", "第十二条", "个体工商户可以自愿变更经营者或者转型为企业，变更登记或者转型后保留原个体工商户的统一社会信用代码相关信息。"),
            *_MARKET_REG_BASES[1:],
        ],
        materials=[mat("个体工商户注销登记申请书"), id_card("经营者")],
        steps=[step("核准注销", CLERK, 0, "当场办结")],
        form_schema=person_fields(fld("business_name", "个体工商户名称", "text", max_length=60),
                                  fld("convert_to_company", "是否转型为企业", "boolean")),
        themes=legal("注销退出"),
        faqs=[("个体户转公司要先注销吗？", "通过“个转企”一件事，注销与公司设立一次申请、同步办理，原有字号可以沿用。"),
              ("注销要登报吗？", "不需要，在国家企业信用信息公示系统公示即可。")],
    ),
    item(
        66, owner=HOUSING, competent=HOUSING, place=BUILDING_WINDOWS,
        name="建设工程质量安全监督登记", item_type="filing", handling="instant",
        summary="建设单位在领取施工许可证前办理工程质量安全监督登记，在“开工一件事”中与施工许可证核发一次申请、同步办理。",
        acceptance_conditions="1. 已确定施工、监理单位；\n2. 已编制安全文明施工措施。",
        review_criteria="核对参建单位及项目负责人信息，即时登记。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("建设工程质量管理条例", "第十三条", "建设单位在开工前，应当按照国家有关规定办理工程质量监督手续，工程质量监督手续可以与施工许可证或者开工报告合并办理。"),
            I("建设工程安全生产管理条例", "第十条", "建设单位在申请领取施工许可证时，应当提供建设工程有关安全施工措施的资料。"),
        ],
        materials=[mat("工程质量安全监督登记表"), mat("施工合同"), mat("监理合同")],
        steps=[step("登记", CLERK, 0, "即时办结")],
        form_schema=ent_fields(fld("project_name", "工程名称", "text", max_length=100),
                               fld("supervisor_uscc", "监理单位统一社会信用代码", "uscc")),
        themes=legal("工程建设"),
        faqs=[("监督登记和施工许可要分开办吗？", "不用，在“开工一件事”中一次申请，施工合同只交一份。"),
              ("登记后多久开始监督？", "登记后监督机构即纳入监督计划，开工前进行首次监督交底。")],
    ),
    item(
        67, owner=HOUSING, competent=HOUSING, place=PERSONAL_WINDOWS,
        name="住宅小区充电设施安装报备", item_type="filing", handling="instant",
        summary="业主在住宅小区固定车位安装自用充电设施，向住房城乡建设部门报备，物业服务企业凭报备信息配合安装。",
        acceptance_conditions="1. 拥有或者租用一年以上固定车位；\n2. 充电设施由具备资质的单位安装。",
        review_criteria="核对车位和安装单位信息，即时报备并推送物业服务企业。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("物业管理条例", "第四十五条", "物业服务企业应当协助做好物业管理区域内的安全防范工作，配合业主依法使用共有部分。"),
            I("国务院办公厅关于进一步构建高质量充电基础设施体系的指导意见", "国办发〔2023〕19号", "物业服务企业应配合业主安装充电设施。"),
        ],
        materials=[id_card("业主"), mat("车位产权证明或者租赁合同", formats=["pdf", "jpg"])],
        steps=[step("报备", CLERK, 0, "即时办结")],
        form_schema=person_fields(fld("community", "小区名称", "text", max_length=100),
                                  fld("parking_space", "车位号", "text", max_length=30)),
        themes=personal("出行", "居住"),
        faqs=[("报备后物业还能拒绝吗？", "物业服务企业应当配合安装；无正当理由阻挠的，可向街道或12345反映。"),
              ("报备收费吗？", "不收费。")],
    ),
    item(
        68, owner=TAX, competent=TAX, place=ENTERPRISE_WINDOWS,
        name="清税证明开具", item_type="public_service", handling="instant",
        summary="企业申请注销登记前，向税务机关申报清税，结清税款、滞纳金和罚款后出具清税证明；简易注销一件事中由系统推送，无需单独申请。",
        acceptance_conditions="1. 已结清应纳税款、滞纳金、罚款；\n2. 已缴销发票或者无未缴销发票。",
        review_criteria="核查欠税、未申报和发票使用情况，即时出具清税证明。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("中华人民共和国税收征收管理法", "第十六条", "纳税人依法向登记机关申报办理注销登记前，应当向税务机关申报办理注销税务登记。"),
            I("中华人民共和国市场主体登记管理条例", "第三十二条", "市场主体注销登记前依法应当清算的，清算组应当自成立之日起10日内将清算组成员、清算组负责人名单通过国家企业信用信息公示系统公告。"),
        ],
        materials=[mat("清税申报表")],
        steps=[step("清税", CLERK, 0, "即时出具清税证明")],
        form_schema=ent_fields(fld("invoices_cancelled", "发票是否已缴销", "boolean")),
        themes=legal("注销退出", "纳税缴费"),
        faqs=[("没有开过发票也要清税吗？", "要，未领用发票、无欠税的纳税人可以即时办结。"),
              ("简易注销还要单独开清税证明吗？", "不用，简易注销一件事中税务部门同步核查，无需单独申请。")],
    ),
    item(
        69, owner=HR, competent=HR, place=ENTERPRISE_WINDOWS,
        name="社会保险注销登记（单位）", item_type="public_service", handling="instant",
        summary="用人单位依法终止的，应当自终止之日起三十日内办理社会保险注销登记；在简易注销一件事中同步办理。",
        acceptance_conditions="1. 已结清欠缴的社会保险费；\n2. 职工社会保险关系已转移或终止。",
        review_criteria="核查欠费和在册职工，即时注销。",
        statutory_days=0, promised_days=0, extension_days=0,
        legal_bases=[
            S("中华人民共和国社会保险法", "第五十七条", "用人单位的社会保险登记事项发生变更或者用人单位依法终止的，应当自变更或者终止之日起三十日内，到社会保险经办机构办理变更或者注销社会保险登记。"),
            I("社会保险费征缴暂行条例", "", "规定社会保险登记的变更和注销。"),
        ],
        materials=[mat("社会保险注销登记表")],
        steps=[step("注销", CLERK, 0, "即时办结")],
        form_schema=ent_fields(fld("last_pay_month", "最后缴费月份", "text", max_length=7)),
        themes=legal("注销退出"),
        faqs=[("还有员工没转出能注销吗？", "需先为职工办理社会保险关系转移或者终止。"),
              ("要交什么材料？", "在简易注销一件事中只需填写一张表，无需另交材料。")],
    ),
    _compliance_item(70, MARKET, "市场监管", S("中华人民共和国市场主体登记管理条例", "第三十五条",
                     "市场主体应当按照国家有关规定公示年度报告和登记相关信息。"), "市场监管"),
    _compliance_item(71, TAX, "税务", S("中华人民共和国税收征收管理法", "第八条",
                     "纳税人、扣缴义务人有权向税务机关了解国家税收法律、行政法规的规定以及与纳税程序有关的情况。"), "纳税"),
    _compliance_item(72, HR, "人力资源社会保障", S("劳动保障监察条例", "第十一条",
                     "劳动保障行政部门对用人单位遵守劳动保障法律、法规和规章的情况实施劳动保障监察。"), "劳动保障"),
    _compliance_item(73, ECO, "生态环境", S("中华人民共和国环境保护法", "第五十四条",
                     "县级以上地方人民政府环境保护主管部门和其他负有环境保护监督管理职责的部门，应当将企业事业单位和其他生产经营者的环境违法信息记入社会诚信档案。"), "生态环境"),
]

ITEMS = MARKET_ITEMS + SOCIAL_ITEMS + BUILDING_ITEMS + PERSONAL_ITEMS + BUNDLE_ITEMS

# The must-have items the bureau asked for by name.
REQUIRED_NAMES = [
    "公司设立登记", "个体工商户登记", "企业简易注销登记", "食品经营许可", "公共场所卫生许可", "医疗机构执业登记",
    "建筑工程施工许可证核发", "建设工程规划许可证核发", "建设工程消防验收", "药品零售企业许可", "人力资源服务许可",
    "劳务派遣经营许可", "民办职业培训学校设立", "道路运输经营许可", "道路货物运输驾驶员从业资格", "网络预约出租汽车经营许可",
    "公章刻制备案", "排污许可", "城镇污水排入排水管网许可", "城市道路占用挖掘许可", "户外广告设施设置审批",
    "出版物零售业务经营许可", "娱乐场所经营许可", "特种设备使用登记", "充电桩报装",
]
