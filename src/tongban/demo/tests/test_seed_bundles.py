"""The demo 一件事 data is well formed before anything is loaded: every spec parses, every member names a demo
item, the one form asks each shared field once, and the 企业开办 rules are the ones the bureau described."""

from tongban.bundles.services import parse_spec
from tongban.demo import bundle_data, catalog_data


def test_every_seeded_bundle_is_a_valid_spec_over_the_demo_catalogue():
    codes = {e["code"] for e in catalog_data.ITEMS}
    names = {spec["name"] for _code, _owner, spec in bundle_data.BUNDLES}
    assert {"企业开办一件事", "简易注销一件事", "企业迁移一件事", "个转企一件事", "开工管理一件事", "充电桩报装一件事",
            "拟上市企业无违规证明一件事"} == names
    for _code, owner, spec in bundle_data.BUNDLES:
        parsed = parse_spec(spec)
        assert {m.item_code for m in parsed.members} <= codes
        fields = [f["name"] for f in parsed.fields]
        assert len(fields) == len(set(fields)), parsed.name
        assert owner in catalog_data.OWNER_ADMINS or owner == catalog_data.BUREAU


def test_company_opening_rules():
    spec = parse_spec(next(s for c, _o, s in bundle_data.BUNDLES if c == "QYKB"))
    members = {m.key: m for m in spec.members}
    assert members["seal"].mode == "after" and members["seal"].after == "setup"
    assert members["fund"].condition == {"field": "will_hire", "equals": True}
    assert all(members[k].mode == "parallel" for k in ("setup", "invoice", "social", "bank"))
    fields = {f["name"]: f for f in spec.fields}
    assert fields["contribution_rate"]["required_if"] == {"field": "will_hire", "equals": True}
    assert [f["name"] for f in spec.fields].count("company_name") == 1
    joint = parse_spec(next(s for c, _o, s in bundle_data.BUNDLES if c == "KGGL"))
    assert joint.joint_licence  # 行政许可法 第四十二条第二款
    report = parse_spec(next(s for c, _o, s in bundle_data.BUNDLES if c == "NSSW"))
    assert report.combined_report and len(report.members) == 4
