"""A Suzhou-like municipality: regions, the 行政审批局 and its divisions, functional departments, halls, zones, staff."""

REGIONS = [
    # (division_code, name, level, parent_code) — GB/T 2260 codes.
    ("320000", "江苏省", "province", None),
    ("320500", "苏州市", "city", "320000"),
    ("320505", "虎丘区", "district", "320500"),
    ("320506", "吴中区", "district", "320500"),
    ("320507", "相城区", "district", "320500"),
    ("320508", "姑苏区", "district", "320500"),
    ("320509", "吴江区", "district", "320500"),
]

CITY = "320500"

# (name, short_name, kind, region_code, parent_name, phone)
DEPARTMENTS = [
    ("苏州市人民政府", "市政府", "government", CITY, None, "0512-12345"),
    ("苏州市行政审批局", "市审批局", "bureau", CITY, None, "0512-12345"),
    ("综合受理处", "综合受理处", "division", CITY, "苏州市行政审批局", "0512-68610001"),
    ("市场准入处", "市场准入处", "division", CITY, "苏州市行政审批局", "0512-68610002"),
    ("建设项目审批处", "建设项目处", "division", CITY, "苏州市行政审批局", "0512-68610003"),
    ("社会事务审批处", "社会事务处", "division", CITY, "苏州市行政审批局", "0512-68610004"),
    ("审批监管协调处", "监管协调处", "division", CITY, "苏州市行政审批局", "0512-68610005"),
    ("政策法规处", "法规处", "division", CITY, "苏州市行政审批局", "0512-68610006"),
    ("苏州市市场监督管理局", "市场监管局", "functional", CITY, None, "0512-12315"),
    ("苏州市住房和城乡建设局", "住建局", "functional", CITY, None, "0512-68616000"),
    ("苏州市卫生健康委员会", "卫健委", "functional", CITY, None, "0512-68620000"),
    ("苏州市交通运输局", "交通局", "functional", CITY, None, "0512-68630000"),
    ("苏州市人力资源和社会保障局", "人社局", "functional", CITY, None, "0512-12333"),
    ("苏州市公安局", "公安局", "functional", CITY, None, "0512-65225661"),
    ("苏州市公共资源交易中心", "交易中心", "functional", CITY, None, "0512-68640000"),
    ("姑苏区行政审批局", "姑苏区审批局", "bureau", "320508", None, "0512-65580000"),
    ("苏州工业园区行政审批局", "园区审批局", "zone_bureau", CITY, None, "0512-66680000"),
    ("苏州高新区行政审批局", "高新区审批局", "zone_bureau", "320505", None, "0512-68750000"),
    # Departments that own, implement or supervise items in the demo catalogue (catalog_data.py).
    ("苏州市发展和改革委员会", "发改委", "functional", CITY, None, "0512-68650000"),
    ("苏州市生态环境局", "生态环境局", "functional", CITY, None, "0512-68651000"),
    ("苏州市自然资源和规划局", "自然资源和规划局", "functional", CITY, None, "0512-68652000"),
    ("苏州市城市管理局", "城管局", "functional", CITY, None, "0512-68653000"),
    ("苏州市文化广电和旅游局", "文广旅局", "functional", CITY, None, "0512-68654000"),
    ("苏州市水务局", "水务局", "functional", CITY, None, "0512-68655000"),
    ("苏州市消防救援支队", "消防支队", "functional", CITY, None, "0512-68656000"),
    ("苏州市教育局", "教育局", "functional", CITY, None, "0512-68657000"),
    ("苏州市民政局", "民政局", "functional", CITY, None, "0512-68658000"),
    ("苏州市医疗保障局", "医保局", "functional", CITY, None, "0512-68659000"),
    ("苏州市住房公积金管理中心", "公积金中心", "functional", CITY, None, "0512-12329"),
    # A public utility, listed so that its public services (充电桩报装) can be catalogued.
    ("国网苏州供电公司", "供电公司", "functional", CITY, None, "95598"),
    # Departments of the 一件事 bundles (企业开办: 发票申领, 银行开户预约; 注销; 拟上市企业无违规证明).
    ("国家税务总局苏州市税务局", "税务局", "functional", CITY, None, "0512-12366"),
    ("中国人民银行苏州市分行", "人民银行", "functional", CITY, None, "0512-68660000"),
]

# Letters in case numbers (2026-SCJG-000123).
DEPARTMENT_CODES = {
    "苏州市人民政府": "SZF", "苏州市行政审批局": "SPJ", "综合受理处": "ZHSL", "市场准入处": "SCZR",
    "建设项目审批处": "JSXM", "社会事务审批处": "SHSW", "审批监管协调处": "JGXT", "政策法规处": "ZCFG",
    "苏州市市场监督管理局": "SCJG", "苏州市住房和城乡建设局": "ZJJ", "苏州市卫生健康委员会": "WJW",
    "苏州市交通运输局": "JTJ", "苏州市人力资源和社会保障局": "RSJ", "苏州市公安局": "GAJ",
    "苏州市公共资源交易中心": "JYZX", "姑苏区行政审批局": "GSSP", "苏州工业园区行政审批局": "YQSP",
    "苏州高新区行政审批局": "GXSP", "苏州市发展和改革委员会": "FGW", "苏州市生态环境局": "STHJ",
    "苏州市自然资源和规划局": "ZRZY", "苏州市城市管理局": "CGJ", "苏州市文化广电和旅游局": "WGLJ",
    "苏州市水务局": "SWJ", "苏州市消防救援支队": "XFZD", "苏州市教育局": "JYJ", "苏州市民政局": "MZJ",
    "苏州市医疗保障局": "YBJ", "苏州市住房公积金管理中心": "GJJ", "国网苏州供电公司": "GDGS",
    "国家税务总局苏州市税务局": "SWU", "中国人民银行苏州市分行": "RMYH",
}

# (name, kind, region_code, department_name)
ZONES = [
    ("苏州工业园区", "etdz", CITY, "苏州工业园区行政审批局"),
    ("苏州高新技术产业开发区", "high_tech", "320505", "苏州高新区行政审批局"),
    ("中国（江苏）自由贸易试验区苏州片区", "ftz", CITY, None),
]

# (name, region_code, department_name, address, opening_hours, phone, windows[(number, name, kind, dept)])
HALLS = [
    (
        "苏州市政务服务中心", CITY, "苏州市行政审批局", "苏州市姑苏区三香路 998 号（示例地址）",
        "周一至周五 9:00–17:00（法定节假日除外，调休上班日照常办公）", "0512-12345",
        [
            ("1", "综合受理窗口", "comprehensive", "综合受理处"),
            ("2", "综合受理窗口", "comprehensive", "综合受理处"),
            ("3", "综合受理窗口", "comprehensive", "综合受理处"),
            ("8", "企业开办专区", "specialised", "市场准入处"),
            ("12", "工程建设项目专区", "specialised", "建设项目审批处"),
            ("15", "社会事务专区", "specialised", "社会事务审批处"),
            ("20", "跨域通办窗口", "cross_region", "综合受理处"),
            ("21", "帮办代办窗口", "help", "综合受理处"),
            ("22", "办不成事反映窗口", "complaint", "审批监管协调处"),
        ],
    ),
    (
        "姑苏区政务服务中心", "320508", "姑苏区行政审批局", "苏州市姑苏区（示例地址）",
        "周一至周五 9:00–17:00", "0512-65580000",
        [
            ("1", "综合受理窗口", "comprehensive", "姑苏区行政审批局"),
            ("2", "综合受理窗口", "comprehensive", "姑苏区行政审批局"),
            ("6", "跨域通办窗口", "cross_region", "姑苏区行政审批局"),
        ],
    ),
]

DEMO_PASSWORD = "tongban-demo"

# (username, name, department, [(role, scope)]) — scope "dept" = the staff's department, or a region code.
STAFF = [
    ("admin", "系统管理员", "苏州市行政审批局", [("system_admin", "dept")]),
    ("clerk", "周敏（综窗）", "综合受理处", [("window_clerk", "dept")]),
    ("clerk_gusu", "陈静（姑苏综窗）", "姑苏区行政审批局", [("window_clerk", "dept")]),
    ("reviewer", "王磊（市场准入审查）", "市场准入处", [("reviewer", "dept")]),
    ("approver", "李娜（市场准入审批）", "市场准入处", [("approver", "dept")]),
    ("reviewer_build", "赵强（建设项目审查）", "建设项目审批处", [("reviewer", "dept")]),
    ("approver_build", "孙伟（建设项目审批）", "建设项目审批处", [("approver", "dept")]),
    ("reviewer_health", "吴芳（卫健审查）", "苏州市卫生健康委员会", [("reviewer", "dept")]),
    ("dept_admin", "郑涛（审批局管理员）", "苏州市行政审批局", [("dept_admin", "dept")]),
    ("dept_admin_market", "冯丽（市场监管管理员）", "苏州市市场监督管理局", [("dept_admin", "dept")]),
    ("supervisor", "何军（市场监管执法）", "苏州市市场监督管理局", [("supervisor", "dept")]),
    ("archivist", "许琳（档案）", "苏州市行政审批局", [("archivist", "dept")]),
    ("legal", "韩雪（法制）", "政策法规处", [("legal_officer", "dept")]),
    ("inspector", "曹刚（督查）", "审批监管协调处", [("inspector", CITY)]),
    ("trading_inspector", "邓洁（交易监管）", "苏州市公共资源交易中心", [("trading_inspector", "dept")]),
]
