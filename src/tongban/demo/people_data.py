"""Demo applicants: natural persons, companies and one agent. Numbers are synthetic; check characters computed."""

# (name, first 17 digits of the 身份证号, phone, address, portal username or None)
PERSONS = [
    ("张伟", "32050819850312201", "13812345678", "苏州市姑苏区人民路 1 号（示例）", "zhangwei"),
    ("李娜", "32050619900718402", "13912345678", "苏州市吴中区东吴北路 2 号（示例）", None),
    ("王芳", "32050719880201352", "13612345678", "苏州市相城区阳澄湖路 3 号（示例）", None),
    ("陈强", "32050919791105151", "13512345678", "苏州市吴江区中山南路 4 号（示例）", None),
]

# (name, first 17 characters of the 统一社会信用代码, legal representative, address)
COMPANIES = [
    ("苏州示范餐饮管理有限公司", "91320508MA1P3K7Q2", "张伟", "苏州市姑苏区观前街 8 号（示例）"),
    ("苏州示范建设工程有限公司", "91320506MA1R4L8T5", "陈强", "苏州市吴中区宝带西路 9 号（示例）"),
    ("苏州示范人力资源服务有限公司", "91320507MA1W5M9U6", "王芳", "苏州市相城区澄阳路 10 号（示例）"),
]

# Agent 李娜 acts for 苏州示范餐饮管理有限公司.
AGENT = ("李娜", "苏州示范餐饮管理有限公司", "代为办理食品经营许可等市场准入事项的申请、补正与领取")
