"""A realistic item spec for tests (食品经营许可), and the people who maintain the catalogue."""

from __future__ import annotations

import copy

from tests.factories import make_staff

from tongban.org.models import Role

FOOD_CODE = "320A0123000000-320500000000-000-11320500MB0000001X-1-00"


def food_spec(**overrides) -> dict:
    spec = {
        "name": "食品经营许可",
        "item_type": "licensing",
        "competent_department": "苏州市市场监督管理局",
        "implementing_department": "苏州市市场监督管理局",
        "summary": "从事食品销售和餐饮服务活动，应当依法取得食品经营许可。",
        "acceptance_conditions": "申请人具有与经营的食品品种、数量相适应的经营场所和设施设备。",
        "review_criteria": "材料齐全、符合法定形式；经营场所符合要求。",
        "free_of_charge": True,
        "statutory_days": 20,
        "promised_days": 10,
        "handling": "promised",
        "online_depth": 4,
        "visits": 0,
        "consultation_phone": "0512-12345",
        "complaint_phone": "0512-12345",
        "legal_bases": [
            {"kind": "setting", "law": "中华人民共和国食品安全法", "article": "第三十五条",
             "text": "国家对食品生产经营实行许可制度。"},
            {"kind": "implementing", "law": "食品经营许可和备案管理办法", "article": "第十条"},
        ],
        "materials": [
            {"name": "食品经营许可申请书", "form": "electronic"},
            {"name": "营业执照", "source": "license", "source_detail": "营业执照"},
            {"name": "食品安全管理制度", "needs_dual_verification": True},
            {"name": "委托书", "condition": "委托他人办理时提交"},
        ],
        "steps": [
            {"name": "审查", "role": "reviewer", "workdays": 6},
            {"name": "决定", "role": "approver", "workdays": 4},
        ],
        "form_schema": [
            {"name": "business_name", "label": "经营者名称", "type": "text", "required": True, "max_length": 100},
            {"name": "uscc", "label": "统一社会信用代码", "type": "uscc", "required": True},
            {"name": "has_agent", "label": "是否委托代办", "type": "boolean"},
            {"name": "agent_name", "label": "代办人姓名", "type": "text", "required_if": {"field": "has_agent", "equals": True}},
        ],
    }
    spec.update(copy.deepcopy(overrides))
    return spec


def catalogue_people(w):
    """The market department's admin (writes drafts) and two bureau reviewers (publish)."""
    w.market_admin = make_staff("market_admin", w.market, Role.DEPT_ADMIN, name="市场监管管理员")
    w.bureau_reviewer = make_staff("bureau_reviewer", w.division, Role.REVIEWER, name="审批局审查员")
    w.bureau_reviewer2 = make_staff("bureau_reviewer2", w.bureau, Role.REVIEWER, name="审批局审查员二")
    return w
