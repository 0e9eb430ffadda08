"""Parsing trading data into one neutral shape (`Parsed`): CSV (docs/trading-import.md), OCDS releases (JSON
Lines, with the bid extension) and the labelled research format (`Tender`, `Bid_value`, …).

Pure functions over text: no database. Every bad row becomes a `RowError` with its line number and a Chinese
reason; the writer (services.trading_import) refuses the whole file when there is any.
"""

from __future__ import annotations

import csv
import io
import ipaddress
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.utils import timezone

from tongban.people import identity

MAX_ERRORS = 200


@dataclass
class RowError:
    line: int
    message: str

    def __str__(self):
        return f"第 {self.line} 行：{self.message}"


@dataclass
class StaffRecord:
    role: str
    name: str
    id_number: str = ""
    certificate_number: str = ""


@dataclass
class BidRecord:
    line: int
    project_code: str
    lot_code: str
    bidder_name: str
    price: Decimal
    project: dict = field(default_factory=dict)  # name, buyer, buyer_uscc, agency, sector, region, amount, published_on
    lot: dict = field(default_factory=dict)  # name, opening_at, ceiling_price, label
    bidder: dict = field(default_factory=dict)  # uscc, external_id, legal_representative, legal_representative_id_number
    bid: dict = field(default_factory=dict)  # submitted_at, validity_days, is_winner, is_valid, contact_*, agent_name
    file: dict = field(default_factory=dict)  # BidFile fields
    bond: dict = field(default_factory=dict)  # amount, account, account_holder, paid_at
    staff: list[StaffRecord] = field(default_factory=list)


@dataclass
class RelationRecord:
    line: int
    bidder_uscc: str
    kind: str
    other_uscc: str = ""
    person_name: str = ""
    person_id_number: str = ""
    share_ratio: Decimal | None = None


@dataclass
class Parsed:
    bids: list[BidRecord] = field(default_factory=list)
    relations: list[RelationRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def error(self, line: int, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(line, message))


class RowProblem(ValueError):
    """A value in a row is wrong; the message is the Chinese reason."""


# -- value parsers ------------------------------------------------------------------------------------------

SECTOR_NAMES = {
    "building": "building", "房屋建筑": "building", "房建": "building",
    "municipal": "municipal", "市政工程": "municipal", "市政": "municipal",
    "transport": "transport", "交通工程": "transport", "交通": "transport",
    "water": "water", "水利工程": "water", "水利": "water",
    "goods": "goods", "政府采购货物": "goods", "货物": "goods",
    "services": "services", "政府采购服务": "services", "服务": "services",
    "land": "land", "土地矿业权": "land",
    "other": "other", "其他": "other", "": "other",
    "works": "building",  # OCDS mainProcurementCategory
}
TRUE = {"1", "true", "yes", "y", "是", "中标", "有效", "1.0"}
FALSE = {"0", "false", "no", "n", "否", "", "未中标", "无效", "0.0"}


def _text(value, label: str, max_length: int = 128, required: bool = False) -> str:
    text = " ".join(str(value or "").split())
    if required and not text:
        raise RowProblem(f"缺少{label}")
    if len(text) > max_length:
        raise RowProblem(f"{label}过长（最多 {max_length} 个字符）")
    return text


def _money(value, label: str, required: bool = False) -> Decimal | None:
    text = str(value if value is not None else "").strip().replace(",", "").replace("，", "")
    if not text:
        if required:
            raise RowProblem(f"缺少{label}")
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise RowProblem(f"{label}“{text}”不是数字") from None
    if not amount.is_finite() or amount < 0:
        raise RowProblem(f"{label}“{text}”应为不小于 0 的数")
    if amount >= Decimal("1e16"):
        raise RowProblem(f"{label}“{text}”超出范围")
    return amount.quantize(Decimal("0.01"))


def _date(value, label: str) -> date | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise RowProblem(f"{label}“{text}”不是日期（格式 YYYY-MM-DD）") from None


def _datetime(value, label: str) -> datetime | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise RowProblem(f"{label}“{text}”不是时间（格式 YYYY-MM-DD HH:MM 或 ISO 8601）") from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _bool(value, label: str, default: bool = False) -> bool:
    text = str(value if value is not None else "").strip().lower()
    if text == "":
        return default
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise RowProblem(f"{label}“{value}”应为 是/否（或 1/0）")


def _int(value, label: str) -> int | None:
    text = str(value or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise RowProblem(f"{label}“{text}”应为正整数")
    return int(text)


def _uscc(value, label: str = "统一社会信用代码") -> str:
    text = str(value or "").strip()
    if not text:
        return ""
    try:
        return identity.parse_uscc(text).code
    except identity.IdentityError as exc:
        raise RowProblem(str(exc).replace("统一社会信用代码", label, 1)) from None


def _id_number(value, label: str) -> str:
    text = str(value or "").strip()
    if not text:
        return ""
    try:
        return identity.parse_id_number(text).number
    except identity.IdentityError as exc:
        raise RowProblem(f"{label}：{exc}") from None


def _ip(value) -> str | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        raise RowProblem(f"上传 IP“{text}”不是有效的 IP 地址") from None


_MAC = re.compile(r"^[0-9A-F]{2}([-:]?)[0-9A-F]{2}(\1[0-9A-F]{2}){4}$")


def _mac(value) -> str:
    text = str(value or "").strip().upper()
    if not text:
        return ""
    if not _MAC.match(text):
        raise RowProblem(f"MAC 地址“{value}”格式不正确（如 00-1A-2B-3C-4D-5E）")
    return "-".join(re.findall(r"[0-9A-F]{2}", text))


def _sector(value) -> str:
    text = str(value or "").strip()
    if text.lower() in SECTOR_NAMES:
        return SECTOR_NAMES[text.lower()]
    if text in SECTOR_NAMES:
        return SECTOR_NAMES[text]
    raise RowProblem(f"行业“{text}”不在可选范围内（房屋建筑、市政工程、交通工程、水利工程、政府采购货物、政府采购服务、土地矿业权、其他）")


def _staff(value) -> list[StaffRecord]:
    """`项目经理:张三:320505198001011234:苏1322012201300001;技术负责人:李四` — role:name[:id number[:certificate]]."""
    out = []
    for part in str(value or "").replace("；", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        bits = [b.strip() for b in part.replace("：", ":").split(":")]
        if len(bits) < 2 or not bits[0] or not bits[1]:
            raise RowProblem(f"主要人员“{part}”应写作 岗位:姓名[:身份证号[:证书编号]]")
        out.append(StaffRecord(role=_text(bits[0], "岗位", 32), name=_text(bits[1], "姓名", 64),
                               id_number=_id_number(bits[2] if len(bits) > 2 else "", f"{bits[0]}身份证号"),
                               certificate_number=_text(bits[3] if len(bits) > 3 else "", "证书编号", 64)))
    return out


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise RowProblem("文件编码无法识别，请保存为 UTF-8 或 GB18030")


# -- CSV ----------------------------------------------------------------------------------------------------

BID_COLUMNS = (
    "project_code", "project_name", "buyer", "buyer_uscc", "agency", "sector", "region", "amount", "published_on",
    "lot_code", "lot_name", "opening_at", "ceiling_price",
    "bidder_name", "bidder_uscc", "legal_representative", "legal_representative_id_number",
    "price", "submitted_at", "validity_days", "is_winner", "is_valid", "contact_person", "contact_phone",
    "agent_name",
    "upload_ip", "mac_address", "machine_code", "hardware_serial", "file_creation_id", "ca_serial",
    "pricing_lock_serial", "author", "template_fingerprint",
    "bond_amount", "bond_account", "bond_account_holder", "bond_paid_at",
    "key_staff",
)
BID_REQUIRED = ("project_code", "lot_code", "bidder_name", "price")
RELATION_COLUMNS = ("bidder_uscc", "kind", "other_uscc", "person_name", "person_id_number", "share_ratio")
RELATION_KINDS = {"controls": "controls", "控股": "controls", "manages": "manages", "管理": "manages",
                  "管理关系": "manages", "shareholder": "shareholder", "股东": "shareholder",
                  "legal_rep": "legal_rep", "法定代表人": "legal_rep", "officer": "officer", "高管": "officer",
                  "董事、监事或高级管理人员": "officer"}


def parse_csv(content: bytes) -> Parsed:
    """One row per bid (bids file) or one row per relationship (relations file), chosen by the header."""
    parsed = Parsed()
    try:
        text = _decode(content)
    except RowProblem as exc:
        parsed.error(1, str(exc))
        return parsed
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    if not header:
        parsed.error(1, "文件为空或缺少表头")
        return parsed
    if "price" not in header and {"bidder_uscc", "kind"} <= set(header):
        return _parse_relations(reader, header, parsed)
    missing = [c for c in BID_REQUIRED if c not in header]
    unknown = [c for c in header if c and c not in BID_COLUMNS]
    if missing:
        parsed.error(1, f"表头缺少必填列：{'、'.join(missing)}")
    if unknown:
        parsed.error(1, f"表头有无法识别的列：{'、'.join(unknown)}（列名见 docs/trading-import.md）")
    if parsed.errors:
        return parsed
    for row in reader:
        line = reader.line_num
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        try:
            parsed.bids.append(_bid_from_row(row, line))
        except RowProblem as exc:
            parsed.error(line, str(exc))
    if not parsed.bids and not parsed.errors:
        parsed.error(2, "文件没有数据行")
    return parsed


def _bid_from_row(row: dict, line: int) -> BidRecord:
    get = lambda key: row.get(key) or ""  # noqa: E731
    return BidRecord(
        line=line,
        project_code=_text(get("project_code"), "项目编号", 64, required=True),
        lot_code=_text(get("lot_code"), "标段编号", 64, required=True),
        bidder_name=_text(get("bidder_name"), "投标人名称", 128, required=True),
        price=_money(get("price"), "投标报价", required=True),
        project={
            "name": _text(get("project_name"), "项目名称", 255), "buyer": _text(get("buyer"), "招标人"),
            "buyer_uscc": _uscc(get("buyer_uscc"), "招标人统一社会信用代码"), "agency": _text(get("agency"), "招标代理机构"),
            "sector": _sector(get("sector")), "region": _text(get("region"), "地区", 64),
            "amount": _money(get("amount"), "项目金额"), "published_on": _date(get("published_on"), "公告日期"),
        },
        lot={"name": _text(get("lot_name"), "标段名称", 255), "opening_at": _datetime(get("opening_at"), "开标时间"),
             "ceiling_price": _money(get("ceiling_price"), "最高投标限价")},
        bidder={"uscc": _uscc(get("bidder_uscc")), "legal_representative": _text(get("legal_representative"),
                                                                                    "法定代表人", 64),
                "legal_representative_id_number": _id_number(get("legal_representative_id_number"),
                                                             "法定代表人身份证号")},
        bid={"submitted_at": _datetime(get("submitted_at"), "递交时间"),
             "validity_days": _int(get("validity_days"), "投标有效期"),
             "is_winner": _bool(get("is_winner"), "是否中标"), "is_valid": _bool(get("is_valid"), "是否有效", True),
             "contact_person": _text(get("contact_person"), "联系人", 64),
             "contact_phone": _text(get("contact_phone"), "联系电话", 32),
             "agent_name": _text(get("agent_name"), "投标事宜办理人", 64)},
        file={"upload_ip": _ip(get("upload_ip")), "mac_address": _mac(get("mac_address")),
              "machine_code": _text(get("machine_code"), "文件制作机器码"),
              "hardware_serial": _text(get("hardware_serial"), "CPU / 硬盘序列号"),
              "file_creation_id": _text(get("file_creation_id"), "文件创建标识码"),
              "ca_serial": _text(get("ca_serial"), "CA 证书序列号"),
              "pricing_lock_serial": _text(get("pricing_lock_serial"), "造价软件加密锁序列号"),
              "author": _text(get("author"), "文档作者"),
              "template_fingerprint": _text(get("template_fingerprint"), "模板指纹")},
        bond={"amount": _money(get("bond_amount"), "保证金金额"),
              "account": _text(get("bond_account"), "保证金付款账号", 64).replace(" ", ""),
              "account_holder": _text(get("bond_account_holder"), "保证金付款户名"),
              "paid_at": _datetime(get("bond_paid_at"), "保证金缴纳时间")},
        staff=_staff(get("key_staff")),
    )


def _parse_relations(reader: csv.DictReader, header: list[str], parsed: Parsed) -> Parsed:
    unknown = [c for c in header if c and c not in RELATION_COLUMNS]
    if unknown:
        parsed.error(1, f"表头有无法识别的列：{'、'.join(unknown)}（列名见 docs/trading-import.md）")
        return parsed
    for row in reader:
        line = reader.line_num
        try:
            kind = RELATION_KINDS.get((row.get("kind") or "").strip())
            if kind is None:
                raise RowProblem(f"关系“{row.get('kind')}”应为 控股、管理、股东、法定代表人 或 高管")
            bidder = _uscc(row.get("bidder_uscc"))
            if not bidder:
                raise RowProblem("缺少投标人统一社会信用代码")
            other = _uscc(row.get("other_uscc"), "关联投标人统一社会信用代码")
            person = _text(row.get("person_name"), "关联人姓名", 64)
            if kind in ("controls", "manages") and not other:
                raise RowProblem("控股或管理关系须填写关联投标人的统一社会信用代码（other_uscc）")
            if kind not in ("controls", "manages") and not person:
                raise RowProblem("股东、法定代表人或高管关系须填写关联人姓名（person_name）")
            ratio = _money(row.get("share_ratio"), "持股比例")
            if ratio is not None and ratio > 100:
                raise RowProblem("持股比例不能超过 100")
            parsed.relations.append(RelationRecord(
                line=line, bidder_uscc=bidder, kind=kind, other_uscc=other, person_name=person,
                person_id_number=_id_number(row.get("person_id_number"), "关联人身份证号"), share_ratio=ratio))
        except RowProblem as exc:
            parsed.error(line, str(exc))
    if not parsed.relations and not parsed.errors:
        parsed.error(2, "文件没有数据行")
    return parsed


# -- OCDS ---------------------------------------------------------------------------------------------------

OCDS_VALID_BID = {"valid", "pending", ""}  # bid extension: bid.status codelist (valid, invalid, disqualified …)


def parse_ocds(content: bytes) -> Parsed:
    """OCDS releases or compiled releases, one JSON object per line (a release package per line is unpacked).

    Mapping: ocid → project code; buyer (or the party with role buyer) → 招标人; tender.lots → lots (one lot "1"
    when there are none); tender.lots[].value or tender.value → ceiling; tenderPeriod.endDate → opening;
    bids.details (the bid extension) → bids, their tenderers resolved in parties; awards with status active →
    winners (by supplier and relatedLots). A party's identifier with scheme CN-USCC (or an 18-character id that
    passes GB 32100) is taken as its 统一社会信用代码.
    """
    parsed = Parsed()
    try:
        text = _decode(content)
    except RowProblem as exc:
        parsed.error(1, str(exc))
        return parsed
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            parsed.error(line_no, f"不是有效的 JSON（{exc.msg}，第 {exc.colno} 列）")
            continue
        releases = obj.get("releases") if isinstance(obj, dict) and "releases" in obj else [obj]
        for release in releases or []:
            try:
                parsed.bids.extend(_ocds_release(release, line_no))
            except RowProblem as exc:
                parsed.error(line_no, str(exc))
            except (AttributeError, TypeError, KeyError):
                parsed.error(line_no, "结构不符合 OCDS 发布格式（release）")
    if not parsed.bids and not parsed.errors:
        parsed.error(1, "文件中没有包含投标（bids.details）的发布")
    return parsed


def _party_uscc(party: dict) -> str:
    for ident in [party.get("identifier") or {}] + list(party.get("additionalIdentifiers") or []):
        value = str(ident.get("id") or "").strip()
        if ident.get("scheme") == "CN-USCC" or len(value) == 18:
            try:
                return identity.parse_uscc(value).code
            except identity.IdentityError as exc:
                if ident.get("scheme") == "CN-USCC":
                    raise RowProblem(f"参与方“{party.get('name', '')}”的{exc}") from None
    return ""


def _ocds_release(release: dict, line: int) -> list[BidRecord]:
    ocid = _text(release.get("ocid"), "ocid", 64, required=True)
    tender = release.get("tender") or {}
    parties = {p.get("id"): p for p in release.get("parties") or []}
    buyer = release.get("buyer") or next((p for p in parties.values() if "buyer" in (p.get("roles") or [])), {})
    buyer_party = parties.get(buyer.get("id"), buyer)
    period = tender.get("tenderPeriod") or {}
    project = {
        "name": _text(tender.get("title") or ocid, "项目名称", 255), "buyer": _text(buyer.get("name"), "招标人"),
        "buyer_uscc": _party_uscc(buyer_party) if buyer_party else "", "agency": "",
        "sector": _sector(tender.get("mainProcurementCategory") or ""),
        "region": _text((buyer_party.get("address") or {}).get("locality", "") if buyer_party else "", "地区", 64),
        "amount": _money((tender.get("value") or {}).get("amount"), "项目金额"),
        "published_on": _date(period.get("startDate") or release.get("date"), "公告日期"),
    }
    for party in parties.values():
        if "procuringEntity" in (party.get("roles") or []) and party.get("id") != buyer.get("id"):
            project["agency"] = _text(party.get("name"), "招标代理机构")
    lots = {str(lot.get("id")): lot for lot in tender.get("lots") or []}
    winners: set[tuple[str, str]] = set()
    for award in release.get("awards") or []:
        if award.get("status") not in (None, "active"):
            continue
        for supplier in award.get("suppliers") or []:
            for lot_id in award.get("relatedLots") or list(lots) or ["1"]:
                winners.add((str(supplier.get("id")), str(lot_id)))
    records = []
    for bid in (release.get("bids") or {}).get("details") or []:
        amount = (bid.get("value") or {}).get("amount")
        if amount is None:
            continue
        related = [str(x) for x in bid.get("relatedLots") or []] or list(lots) or ["1"]
        for tenderer in bid.get("tenderers") or []:
            party = parties.get(tenderer.get("id"), tenderer)
            name = _text(party.get("name") or tenderer.get("name"), "投标人名称", 128, required=True)
            contact = party.get("contactPoint") or {}
            for lot_id in related:
                lot = lots.get(lot_id, {})
                records.append(BidRecord(
                    line=line, project_code=ocid, lot_code=lot_id, bidder_name=name,
                    price=_money(amount, "投标报价", required=True), project=dict(project),
                    lot={"name": _text(lot.get("title"), "标段名称", 255),
                         "opening_at": _datetime((tender.get("bidOpening") or {}).get("date") or period.get("endDate"),
                                                 "开标时间"),
                         "ceiling_price": _money((lot.get("value") or tender.get("value") or {}).get("amount"),
                                                 "最高投标限价")},
                    bidder={"uscc": _party_uscc(party), "legal_representative": "",
                            "legal_representative_id_number": ""},
                    bid={"submitted_at": _datetime(bid.get("date"), "递交时间"), "validity_days": None,
                         "is_winner": (str(tenderer.get("id")), lot_id) in winners,
                         "is_valid": (bid.get("status") or "") in OCDS_VALID_BID,
                         "contact_person": _text(contact.get("name"), "联系人", 64),
                         "contact_phone": _text(contact.get("telephone"), "联系电话", 32), "agent_name": ""},
                ))
    return records


# -- labelled research files --------------------------------------------------------------------------------


def parse_labelled(content: bytes, filename: str) -> Parsed:
    """The labelled column format, read by the collusion package's `io.read_labelled` (so the app and
    `tongban collusion fit` agree on it): `Tender`, `Bid_value`, optional `Competitors` (a bidder id), `Winner`
    (1 for the winning bid) and `Collusive_competitor` (the tender's label, 1 = collusive); the lower-case
    names `tender`, `bid_value`, `bidder`, `winner`, `collusive` too. Other columns are ignored.

    Each tender becomes a project `<file stem>-<Tender>` with one lot; bidders without an id get one per tender.
    """
    import tempfile

    from tongban.trading.collusion.io import ImportProblem, read_labelled

    parsed = Parsed()
    try:
        text = _decode(content)
    except RowProblem as exc:
        parsed.error(1, str(exc))
        return parsed
    with tempfile.NamedTemporaryFile("w", suffix=".csv", encoding="utf-8") as tmp:
        tmp.write(text)
        tmp.flush()
        try:
            frame = read_labelled(tmp.name, dataset="import")
        except ImportProblem as exc:
            for line, reason in exc.problems:
                parsed.error(line, reason)
            return parsed
    stem = re.sub(r"[^0-9A-Za-z_-]+", "-", PurePath(filename).stem)[:40] or "labelled"
    per_tender: dict[str, int] = {}
    has_label = frame["collusive"].notna().any()
    for line, row in enumerate(frame.itertuples(index=False), start=2):
        tender = str(row.tender)[:40]
        per_tender[tender] = per_tender.get(tender, 0) + 1
        competitor = "" if _missing(row.bidder) else str(row.bidder)
        if competitor:
            external_id, name = f"{stem}:{competitor}", f"投标人 {competitor}"
        else:
            external_id = f"{stem}:{tender}:{per_tender[tender]}"
            name = f"投标人 {tender}-{per_tender[tender]}"
        parsed.bids.append(BidRecord(
            line=line, project_code=f"{stem}-{tender}"[:64], lot_code="1", bidder_name=name,
            price=Decimal(str(round(float(row.bid_value), 2))),
            project={"name": f"{stem} 标段 {tender}", "buyer": "", "buyer_uscc": "", "agency": "", "sector": "other",
                     "region": "", "amount": None, "published_on": None},
            lot={"name": "", "opening_at": None, "ceiling_price": None,
                 "label": None if not has_label or _missing(row.collusive) else bool(row.collusive)},
            bidder={"uscc": "", "external_id": external_id[:64], "legal_representative": "",
                    "legal_representative_id_number": ""},
            bid={"is_winner": False if _missing(row.winner) else bool(row.winner), "is_valid": True},
        ))
    if not parsed.bids and not parsed.errors:
        parsed.error(2, "文件没有数据行")
    return parsed


def _missing(value) -> bool:
    import pandas as pd

    return value is None or value is pd.NA or (isinstance(value, float) and value != value) or bool(pd.isna(value))


PARSERS = {"csv": lambda content, filename: parse_csv(content),
           "ocds": lambda content, filename: parse_ocds(content),
           "labelled": parse_labelled}
